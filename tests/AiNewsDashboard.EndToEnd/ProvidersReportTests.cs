using System.Diagnostics;
using Microsoft.Playwright;

namespace AiNewsDashboard.EndToEnd;

/// <summary>The Providers page on paper, and its PDF report, in Chromium over the demo corpus; both rendered to PNG to look at.</summary>
[Trait("Category", "Slow")]
public sealed class ProvidersReportTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    private static ILocatorAssertions Expect(ILocator l) => Assertions.Expect(l);

    private static async Task<int> RenderAsync(string pdf, string name)
    {
        var prefix = Path.Combine(Path.GetDirectoryName(Browser.ScreenshotPath(name))!, name);
        foreach (var old in Directory.GetFiles(Path.GetDirectoryName(prefix)!, name + "-*.png"))
            File.Delete(old); // pages of an earlier run would be counted
        using var process = Process.Start(new ProcessStartInfo("pdftoppm", ["-png", "-r", "60", pdf, prefix]))!;
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return Directory.GetFiles(Path.GetDirectoryName(prefix)!, name + "-*.png").Length;
    }

    [BrowserFact]
    public async Task Print_ShowsTheFilterAndDates_AndDropsTheFilterBarAndButtons()
    {
        var (page, errors) = await server.OpenAsync("/providers?from=2026-01-01&to=2026-06-30&minQuality=20");
        await Expect(page.Locator("[data-testid=leaderboard] tbody tr").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=print-header]")).ToBeHiddenAsync();

        // An A4 page is about 800 px wide, where the screen shows the leaderboard as cards: on paper it stays a table.
        await page.SetViewportSizeAsync(794, 1123);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Expect(page.Locator("[data-testid=leaderboard] thead tr").First).ToBeVisibleAsync();
        Assert.Equal("table-cell", await page.Locator("[data-testid=leaderboard] tbody td").First.EvaluateAsync<string>("e => getComputedStyle(e).display"));

        await Expect(page.Locator("[data-testid=print-header] div")).ToHaveTextAsync(["Filter: Quality at least 20", "Dates: 2026-01-01 – 2026-06-30"]);
        await Expect(page.Locator("[data-testid=filter-bar]")).ToBeHiddenAsync();
        await Expect(page.Locator("[data-testid=report-providers]")).ToBeHiddenAsync();
        Assert.Equal(0, await page.Locator(".mud-button-root:visible:not(.mud-table-sort-label)").CountAsync());
        var pdf = Browser.ScreenshotPath("providers-print").Replace(".png", ".pdf", StringComparison.Ordinal);
        await page.PdfAsync(new PagePdfOptions { Path = pdf, Format = "A4", PrintBackground = true });
        var pages = await RenderAsync(pdf, "providers-print");
        Assert.InRange(pages, 1, 6); // the summary and the leaderboard's first page of rows, not a card per provider
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task ReportButton_DownloadsThePdf_InPlace()
    {
        var (page, errors) = await server.OpenAsync("/providers?sort=name");
        await Expect(page.Locator("[data-testid=leaderboard] tbody tr").First).ToBeVisibleAsync();
        var url = page.Url;

        var (path, fileName) = await Downloads.ClickAndDownloadInPlaceAsync(page, page.Locator("[data-testid=report-providers]"));

        Assert.Equal("providers-report.pdf", fileName);
        Assert.Equal(url, page.Url);
        Assert.Equal("%PDF"u8.ToArray(), (await File.ReadAllBytesAsync(path))[..4]);
        var copy = Browser.ScreenshotPath("providers-report").Replace(".png", ".pdf", StringComparison.Ordinal);
        File.Copy(path, copy, overwrite: true);
        Assert.True(await RenderAsync(copy, "providers-report") >= 2);
        Assert.Empty(errors);
    }
}
