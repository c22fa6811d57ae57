using System.Text.RegularExpressions;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Demo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AiNewsDashboard.EndToEnd;

/// <summary>
/// The dashboard over a corpus shaped like public news data (<see cref="DemoShape.RealWorld"/>): 3,000 articles from
/// about 1,100 outlets with a long tail, most of them unscored, and no demo.
/// </summary>
public sealed class RealShapeDashboardServer : DashboardServer
{
    public const int Articles = 3000;

    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Demo:Enabled", "false");

    private Task<ImportReport>? _corpus;

    /// <summary>The corpus, imported by the first test that asks (xUnit runs one class's tests one at a time).</summary>
    public Task<ImportReport> ImportCorpusAsync() => _corpus ??= Services.GetRequiredService<ArticleImporter>().ImportAsync(
        ImportSource.FromTexts(new DemoCorpusGenerator(shape: DemoShape.RealWorld).Generate(Articles).Select(a => (a.RelativePath, a.Text))), Articles);
}

/// <summary>The Providers page in Chromium at 1440 px (and on a phone) over the real-shaped corpus: a paged leaderboard that fits the screen.</summary>
[Trait("Category", "Slow")]
public sealed class ProvidersPageTests(RealShapeDashboardServer server) : IClassFixture<RealShapeDashboardServer>
{
    private static ILocatorAssertions Expect(ILocator l) => Assertions.Expect(l);
    private static IPageAssertions Expect(IPage p) => Assertions.Expect(p);

    // Bug: the leaderboard rendered every provider, and its trend and spread columns sat behind an inner scrollbar.
    [BrowserFact]
    public async Task Leaderboard_At1440_ShowsOnePageWithEveryColumnAndNoInnerScrollbar()
    {
        await server.ImportCorpusAsync();
        var (page, errors) = await server.OpenAsync("/providers");
        var rows = page.Locator("[data-testid=leaderboard] tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=leaderboard-count]")).ToHaveTextAsync(new Regex(@"^1–50 of [\d,]+ providers$"));
        Assert.Equal(50, await rows.CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("providers-real-1440"), FullPage = true });

        var widths = await page.Locator("[data-testid=leaderboard] .mud-table-container").EvaluateAsync<int[]>("e => [e.scrollWidth, e.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"the leaderboard is {widths[0]} px wide in {widths[1]} px: it scrolls");
        // The last column, the quality spread, is on screen.
        var spread = await page.Locator("[data-testid=leaderboard] thead th").Last.BoundingBoxAsync();
        Assert.True(spread!.X + spread.Width <= 1440, $"the last column ends at {spread.X + spread.Width} px");
        Assert.Empty(errors);
    }

    // Bug: on a phone each provider's card listed its eleven fields one under another, 390 px a provider: a page of
    // fifty was 19,500 px long.
    [BrowserFact]
    public async Task Tables_OnAPhone_SetEachCardsFiguresInTwoColumns()
    {
        await server.ImportCorpusAsync();
        var (page, errors) = await server.OpenAsync("/providers");
        await page.SetViewportSizeAsync(390, 844);
        foreach (var table in new[] { "leaderboard", "first-reporters" })
        {
            var row = page.Locator($"[data-testid={table}] tbody tr").First;
            await Expect(row).ToBeVisibleAsync();
            var boxes = await row.Locator("td").EvaluateAllAsync<double[][]>(
                "cells => cells.map(c => { const r = c.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })");
            var rowWidth = (await row.BoundingBoxAsync())!.Width;
            Assert.True(boxes[0][2] > rowWidth * 0.9, $"{table}: the provider's cell is {boxes[0][2]} px of {rowWidth}");
            // The first two figures share a line, side by side.
            Assert.True(Math.Abs(boxes[1][1] - boxes[2][1]) < 2 && boxes[2][0] >= boxes[1][0] + boxes[1][2] - 1,
                $"{table}: the second and third cells are at {string.Join(" / ", boxes[1])} and {string.Join(" / ", boxes[2])}");
        }
        var cardHeight = await page.Locator("[data-testid=leaderboard] tbody tr").First.EvaluateAsync<double>("r => r.getBoundingClientRect().height");
        Assert.True(cardHeight < 280, $"a provider's card is {cardHeight} px tall");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("providers-real-390") });
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task Leaderboard_SortSearchAndPage_LiveInTheUrl_AndBackRestoresThem()
    {
        await server.ImportCorpusAsync();
        var (page, errors) = await server.OpenAsync("/providers");
        await Expect(page.Locator("[data-testid=leaderboard] tbody tr").First).ToBeVisibleAsync();

        await page.Locator("[data-testid=leaderboard] a[data-sort=articles]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/providers\?sort=articles$"));
        await Expect(page.Locator("[data-testid=leaderboard] th[aria-sort=descending] a[data-sort=articles]")).ToBeVisibleAsync();

        await page.Locator("input[data-testid=provider-search]").FillAsync("post");
        await Expect(page).ToHaveURLAsync(new Regex(@"sort=articles&search=post$"));
        await Expect(page.Locator("[data-testid=leaderboard-count]")).ToContainTextAsync("matching 'post'");
        var domains = await page.Locator("[data-testid=leaderboard] tbody tr .text-caption").AllInnerTextsAsync();
        Assert.NotEmpty(domains);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("providers-real-search"), FullPage = true });

        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/providers$"));
        await Expect(page.Locator("[data-testid=leaderboard] th[aria-sort=descending] a[data-sort=score]")).ToBeVisibleAsync();
        Assert.Empty(errors);
    }

    // Bug: the page took 2.4-2.7 s to become interactive at a million articles, and until then a click on a heading, the
    // pager or Enter in the search box did nothing. They are links and a GET form now: without any script at all, each
    // loads the page it names.
    [BrowserFact]
    public async Task Leaderboard_WithoutJavaScript_SortsPagesAndSearchesByPlainLinksAndForm()
    {
        await server.ImportCorpusAsync();
        await using var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = false, ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(server.BaseUrl + "/providers");

        await page.Locator("[data-testid=leaderboard] a[data-sort=articles]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/providers\?sort=articles$"));
        await Expect(page.Locator("[data-testid=leaderboard] th[aria-sort=descending] a[data-sort=articles]")).ToBeVisibleAsync();
        var counts = await page.Locator("[data-testid=leaderboard] tbody td[data-label=Articles]").AllInnerTextsAsync();
        var numbers = counts.Select(c => int.Parse(c, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(numbers.OrderDescending(), numbers);

        await page.Locator("[data-testid=leaderboard-pages] a[aria-label='Page 2']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/providers\?sort=articles&page=2$"));
        await Expect(page.Locator("[data-testid=leaderboard-count]")).ToHaveTextAsync(new Regex(@"^51–100 of [\d,]+ providers$"));

        await page.Locator("input[data-testid=provider-search]").FillAsync("post");
        await page.Locator("input[data-testid=provider-search]").PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex(@"/providers\?sort=articles&search=post$"));
        await Expect(page.Locator("[data-testid=leaderboard-count]")).ToContainTextAsync("matching 'post'");
        await Expect(page.Locator("input[data-testid=provider-search]")).ToHaveValueAsync("post");
    }

    // With scripts but before the circuit is up (here: never), a heading click loads the sorted page over HTTP.
    [BrowserFact]
    public async Task Leaderboard_BeforeTheCircuitIsUp_AHeadingClickShowsTheSortedPage()
    {
        await server.ImportCorpusAsync();
        var (page, _) = await server.NewPageAsync(); // the blocked circuit logs its own failures
        await page.RouteAsync("**/_blazor/**", route => route.AbortAsync());
        await page.GotoAsync(server.BaseUrl + "/providers");

        await page.Locator("[data-testid=leaderboard] a[data-sort=name]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/providers\?sort=name$"));
        await Expect(page.Locator("[data-testid=leaderboard] th[aria-sort=ascending] a[data-sort=name]")).ToBeVisibleAsync();
        await Expect(page.Locator("#circuit-state")).ToHaveAttributeAsync("data-interactive", "false");
    }

    // Bug: "No provider has 20 articles here" while one provider had 783; the summary now states its threshold and whom it leaves out.
    [BrowserFact]
    public async Task Summary_OnRealData_StatesItsThresholdAndNamesEachEmptyCause()
    {
        await server.ImportCorpusAsync();
        var (page, errors) = await server.OpenAsync("/providers");
        var summary = page.Locator("[data-testid=providers-summary]");
        await Expect(summary.Locator("[data-testid=summary-threshold]")).ToContainTextAsync(new Regex(@"at least \d+ rated articles?[\s\S]*left out"));
        await Expect(summary).Not.ToContainTextAsync("Nothing matches");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("providers-real-summary") });
        Assert.Empty(errors);
    }
}
