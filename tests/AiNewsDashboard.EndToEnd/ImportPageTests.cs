using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using AiNewsDashboard.TestSupport;
using Microsoft.Playwright;

namespace AiNewsDashboard.EndToEnd;

/// <summary>The import page in real Chromium: uploads through the page's own file input, the report, the history, and
/// an overview open in another tab that shows the new numbers without a reload.</summary>
[Trait("Category", "Slow")]
public sealed class ImportPageTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    private static ILocatorAssertions Expect(ILocator l) => Assertions.Expect(l);
    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    [BrowserFact]
    public async Task Upload_FilesThenAZip_ShowsEachReportAndTheOpenOverviewChanges()
    {
        var (overview, overviewErrors) = await server.OpenAsync("/");
        var total = overview.Locator("[data-testid=total-articles] .total-value");
        await Expect(total).ToHaveTextAsync(N(3002));
        var (page, errors) = await server.OpenAsync("/import");
        await Expect(page.Locator("[data-testid=upload-limits]")).ToContainTextAsync("1 MiB per article file");
        await Expect(page.Locator("[data-testid=upload-limits]")).ToContainTextAsync("500 MiB per upload");

        var files = server.Files;
        string[] loose =
        [
            files.Write("upload/one.md", new ArticleBuilder().From("upload.example").PublishedOn(2026, 1, 5).Build()),
            files.Write("upload/two.md", new ArticleBuilder().From("upload.example").PublishedOn(2026, 1, 6).Build()),
            files.Write("upload/three.md", new ArticleBuilder().From("upload.example").PublishedOn(2026, 1, 7).Build()),
            files.Write("upload/broken.md", "---\ntitle: no date, no url\n---\n"),
        ];
        await Browser.UploadAsync(page, loose);

        var job = page.Locator("[data-testid=import-job][data-state=finished]");
        await Expect(job).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(job.Locator("[data-testid=count-imported]")).ToHaveTextAsync("3 imported");
        await Expect(job.Locator("[data-testid=count-rejected]")).ToHaveTextAsync("1 rejected");
        await Expect(job.Locator("[data-testid=import-problems]")).ToContainTextAsync("broken.md");
        await Expect(job.Locator("[data-testid=import-problems]")).Not.ToContainTextAsync(files.Path); // the user's names, not the server's temp folder
        // The open overview refreshes by itself.
        await Expect(total).ToHaveTextAsync(N(3005), new() { Timeout = 20_000 });

        var zip = files.PathOf("bundle.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            Add(archive, "2026/a.md", new ArticleBuilder().From("zip.example").PublishedOn(2026, 2, 1).Build());
            Add(archive, "2026/b.md", new ArticleBuilder().From("zip.example").PublishedOn(2026, 2, 2).Build());
            Add(archive, "2026/bad.md", "---\ntitle: [unclosed\n---\n");
        }
        await Browser.UploadAsync(page, zip);

        await Expect(job.Locator("[data-testid=count-imported]")).ToHaveTextAsync("2 imported", new() { Timeout = 30_000 });
        await Expect(job.Locator("[data-testid=import-problems]")).ToContainTextAsync("bundle.zip!2026/bad.md");
        await Expect(page.Locator("[data-testid=import-history] tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("[data-testid=import-history]")).ToContainTextAsync("Upload bundle.zip");
        await Expect(total).ToHaveTextAsync(N(3007), new() { Timeout = 20_000 });

        // Both report links download in place: the import page stays in the address bar.
        var csv = await File.ReadAllTextAsync((await Downloads.ClickAndDownloadInPlaceAsync(page, job.Locator("[data-testid=report-csv]"))).Path);
        Assert.StartsWith("file,severity,line,message", csv);
        Assert.Contains("bundle.zip!2026/bad.md,error,", csv);
        var first = await File.ReadAllTextAsync((await Downloads.ClickAndDownloadInPlaceAsync(page,
            page.Locator("[data-testid=import-history] [data-testid=history-report-csv]").Last)).Path);
        Assert.Contains("broken.md,error,", first);

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("import"), FullPage = true });
        await overview.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("overview-after-upload"), FullPage = true });
        Assert.Empty(errors);
        Assert.Empty(overviewErrors);
    }

    [BrowserFact]
    public async Task Upload_ArticleFileOverTheLimit_SaysWhichFileAndTheLimit()
    {
        var (page, errors) = await server.OpenAsync("/import");
        var big = server.Files.Write("big/huge-article.md", new ArticleBuilder().WithExcerpt(new string('x', 1_200_000)).Build());

        await Browser.UploadAsync(page, big);

        await Expect(page.Locator("[data-testid=upload-message]")).ToContainTextAsync(
            new Regex(@"huge-article\.md was not imported: it is 1\.1\d MiB, more than the limit of 1 MiB per article file \(Import:MaxFileBytes\)"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("import-too-large"), FullPage = true });
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task BackUp_Click_DownloadsACopyOfTheDatabase()
    {
        var (page, errors) = await server.OpenAsync("/import");

        var (path, name) = await Downloads.ClickAndDownloadInPlaceAsync(page, page.Locator("[data-testid=backup]"));

        Assert.Matches(@"^news-\d{8}-\d{6}\.db$", name);
        Assert.StartsWith("SQLite format 3", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(path), 0, 15));
        Assert.Empty(errors);
    }

    private static void Add(ZipArchive archive, string name, string text)
    {
        using var w = new StreamWriter(archive.CreateEntry(name).Open());
        w.Write(text);
    }
}
