using AiNewsDashboard.TestSupport;
using Microsoft.Playwright;

namespace AiNewsDashboard.EndToEnd;

/// <summary>
/// Undoing an upload from the import page's history in real Chromium: the preview lists what goes and what stays as a
/// reference, and only the confirmation removes it (issue 13, item 12).
/// </summary>
[Trait("Category", "Slow")]
public sealed class ImportUndoPageTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    private static ILocatorAssertions Expect(ILocator l) => Assertions.Expect(l);

    [BrowserFact]
    public async Task Undo_PreviewThenConfirm_RemovesTheUploadAndKeepsWhatALaterUploadLinksTo()
    {
        var (page, errors) = await server.OpenAsync("/import");
        var files = server.Files;
        var cited = new ArticleBuilder().From("undo.example").Titled("Undo: cited by a later upload");
        var job = page.Locator("[data-testid=import-job][data-state=finished]");
        await Browser.UploadAsync(page, [
            files.Write("first/cited.md", cited.Build()),
            files.Write("first/alone.md", new ArticleBuilder().From("undo.example").Titled("Undo: only in the first upload").Build()),
        ]);
        await Expect(job.Locator("[data-testid=count-imported]")).ToHaveTextAsync("2 imported", new() { Timeout = 30_000 });
        await Browser.UploadAsync(page,
            files.Write("second/citing.md", new ArticleBuilder().Titled("Undo: the citing story").RelatedTo(cited).Build()));
        await Expect(page.Locator("[data-testid=history-run]")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        var articlesBefore = await server.ScalarAsync("SELECT COUNT(*) FROM Articles WHERE IsReference = 0");

        var firstUpload = page.Locator("[data-testid=history-run]").Last;
        await firstUpload.Locator("[data-testid=history-undo]").ClickAsync();
        var preview = page.Locator("[data-testid=undo-preview]");
        await Expect(preview.Locator("[data-testid=undo-summary]")).ToContainTextAsync("removes 1 article and 0 references");
        await Expect(preview.Locator("[data-testid=undo-removed]")).ToContainTextAsync("Undo: only in the first upload");
        await Expect(preview.Locator("[data-testid=undo-kept]")).ToContainTextAsync("Undo: cited by a later upload");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("import-undo-preview"), FullPage = true });
        // The preview changed nothing.
        Assert.Equal(articlesBefore, await server.ScalarAsync("SELECT COUNT(*) FROM Articles WHERE IsReference = 0"));

        await preview.Locator("[data-testid=undo-confirm]").ClickAsync();

        await Expect(preview.Locator("[data-testid=undo-result]")).ToContainTextAsync("Removed 1 article and 0 references; 1 kept as a reference");
        await Expect(page.Locator("[data-testid=history-run]")).ToHaveCountAsync(3);
        await Expect(page.Locator("[data-testid=history-run]").First).ToContainTextAsync("Undo");
        await Expect(firstUpload).ToContainTextAsync("undone by #3");
        await Expect(page.Locator("[data-testid=history-run]").First).ToContainTextAsync("removed 1 article and 0 references; 1 kept as a reference");
        await Expect(firstUpload.Locator("[data-testid=history-undo]")).ToHaveCountAsync(0);
        Assert.Equal(articlesBefore - 2, await server.ScalarAsync("SELECT COUNT(*) FROM Articles WHERE IsReference = 0"));
        Assert.Equal(1, await server.ScalarAsync("SELECT COUNT(*) FROM Articles WHERE IsReference = 1 AND Title = 'Undo: cited by a later upload'"));
        await StoreInvariants.AssertHoldAsync(server.DatabasePath);

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("import-undo-done"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("import-undo-done-390"), FullPage = true });
        Assert.Empty(errors);
    }
}
