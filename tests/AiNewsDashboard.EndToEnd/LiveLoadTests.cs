using System.Globalization;
using AiNewsDashboard.Demo;
using AiNewsDashboard.Web.Import;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AiNewsDashboard.EndToEnd;

/// <summary>
/// The small, every-run version of the load benchmark (bench/: `live`): ten real browser sessions on the dashboard
/// pages while a 12,000-article import runs in the background service. No session errs, every page keeps answering,
/// and every open overview ends on the new total by itself. Speed is measured by the benchmark, not asserted here.
/// </summary>
[Trait("Category", "Slow")]
public sealed class LiveLoadTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    private const int Sessions = 10;
    // Enough for the import to run for a few seconds: with 10,000-file batches a smaller one can finish between two looks.
    private const int Articles = 12_000;
    private static readonly string[] Paths = ["/", "/timeline", "/", "/topics", "/", "/providers", "/", "/articles", "/", "/import"];

    [BrowserFact]
    public async Task Import_WithTenSessionsOpen_NoSessionErrsPagesKeepAnsweringAndOverviewsShowTheNewTotal()
    {
        var sessions = new List<(IPage Page, List<string> Errors, string Path)>();
        foreach (var path in Paths.Take(Sessions))
        {
            var (page, errors) = await server.OpenAsync(path);
            sessions.Add((page, errors, path));
        }
        var corpus = server.Files.PathOf("load-corpus");
        new DemoCorpusGenerator(seed: 99).WriteTo(corpus, Articles);

        var job = server.Services.GetRequiredService<ImportJobs>().Enqueue("watch", corpus, [corpus]);
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl) };
        string[] probePaths = ["/", "/api/stats/topics", "/api/articles?pageSize=5"];
        var answeredWhileRunning = probePaths.ToDictionary(p => p, _ => 0);
        var importPage = sessions.Single(s => s.Path == "/import").Page;
        // The import page is watched on its own, closely, so the probes below can't make it miss the running state.
        var progressSeen = false;
        var progressWatch = Task.Run(async () =>
        {
            var progress = importPage.Locator("[data-testid=import-progress]");
            while (!job.IsDone)
            {
                if (await progress.IsVisibleAsync() && (await progress.InnerTextAsync()).Contains(" of 12,000 files", StringComparison.Ordinal))
                {
                    progressSeen = true;
                    await importPage.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("import-running"), FullPage = true });
                    return;
                }
                await Task.Delay(50);
            }
        });
        while (!job.IsDone)
        {
            // Readers are never blocked by the writer: a page and an API answer while the import commits.
            foreach (var probe in probePaths)
            {
                var response = await http.GetAsync(probe);
                Assert.True(response.IsSuccessStatusCode, $"{probe} answered {(int)response.StatusCode} during the import");
                if (job.State == ImportJobState.Running) // the answer came back before the import ended
                    answeredWhileRunning[probe]++;
            }
            await Task.Delay(200);
        }

        await progressWatch;
        Assert.Equal(ImportJobState.Finished, job.State);
        var report = job.Report!;
        Assert.Equal((Articles, 0), (report.Imported + report.Updated + report.Unchanged, report.Rejected));
        Assert.All(answeredWhileRunning, a => Assert.True(a.Value > 0, $"{a.Key} never answered while the import ran"));
        Assert.True(progressSeen, "the import page never showed the running import's progress");
        await Assertions.Expect(importPage.Locator("[data-testid=import-job][data-state=finished]")).ToBeVisibleAsync();
        // The app's imports count no totals (a whole-table read at scale); the pages take them from the snapshot.
        Assert.Null(report.Articles);
        var stored = await server.ScalarAsync("SELECT COUNT(*) FROM Articles WHERE IsReference = 0");
        var expected = stored.ToString("N0", CultureInfo.InvariantCulture);
        foreach (var (page, _, path) in sessions.Where(s => s.Path == "/"))
            await Assertions.Expect(page.Locator("[data-testid=total-articles] .total-value")).ToHaveTextAsync(expected, new() { Timeout = 30_000 });
        await Assertions.Expect(importPage.Locator("[data-testid=store-totals]"))
            .ToContainTextAsync($"The database now holds {expected} articles and ", new() { Timeout = 30_000 });
        await sessions[0].Page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("overview-after-load"), FullPage = true });
        foreach (var (page, errors, path) in sessions)
        {
            Assert.True(errors.Count == 0, $"{path}: {string.Join("; ", errors)}");
            Assert.Equal("true", await page.Locator("#circuit-state").GetAttributeAsync("data-interactive")); // the circuit is still up
        }
    }
}
