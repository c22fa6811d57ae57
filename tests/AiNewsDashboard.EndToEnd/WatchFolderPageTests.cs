using AiNewsDashboard.TestSupport;
using Microsoft.Playwright;

namespace AiNewsDashboard.EndToEnd;

/// <summary>The watch folder set from the import page: a file dropped into it shows up in the history and the overview.</summary>
[Trait("Category", "Slow")]
public sealed class WatchFolderPageTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    private static ILocatorAssertions Expect(ILocator l) => Assertions.Expect(l);

    [BrowserFact]
    public async Task Watch_FolderSetOnThePage_ImportsAFileThatLandsInIt()
    {
        var inbox = server.Files.PathOf("inbox");
        Directory.CreateDirectory(inbox);
        var (page, errors) = await server.OpenAsync("/import");
        var (overview, overviewErrors) = await server.OpenAsync("/");
        await Expect(overview.Locator("[data-testid=total-articles] .total-value")).ToHaveTextAsync("3,002");

        await page.GetByLabel("Folder on the server").FillAsync(server.Files.PathOf("missing"));
        await page.Locator("[data-testid=watch-apply]").ClickAsync();
        await Expect(page.Locator("[data-testid=watch-status]")).ToContainTextAsync($"the watch folder {server.Files.PathOf("missing")} does not exist");
        await page.GetByLabel("Folder on the server").FillAsync(inbox);
        await page.Locator("[data-testid=watch-apply]").ClickAsync();
        await Expect(page.Locator("[data-testid=watch-status]")).ToContainTextAsync($"Watching {inbox}");

        server.Files.Write("inbox/2026/dropped.md", new ArticleBuilder().From("dropped.example").PublishedOn(2026, 3, 3).Build());

        await Expect(page.Locator("[data-testid=import-history]")).ToContainTextAsync("Watch folder", new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=import-job][data-state=finished] [data-testid=count-imported]")).ToHaveTextAsync("1 imported", new() { Timeout = 30_000 });
        await Expect(overview.Locator("[data-testid=total-articles] .total-value")).ToHaveTextAsync("3,003", new() { Timeout = 20_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("import-watch-folder"), FullPage = true });
        Assert.Empty(errors);
        Assert.Empty(overviewErrors);
    }
}
