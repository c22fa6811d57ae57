using Microsoft.Playwright;

namespace AiNewsDashboard.EndToEnd;

[Trait("Category", "Slow")]
public sealed class OverviewPageTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    [BrowserFact]
    public async Task Open_FirstStart_ShowsTotalsOfTheBundledCorpus()
    {
        var (page, errors) = await server.OpenAsync("/");

        var articles = await page.Locator("[data-testid=total-articles] .total-value").InnerTextAsync();
        Assert.Equal(3002.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), articles.Trim()); // two real samples + 3,000 synthetic
        await Assertions.Expect(page.Locator("[data-testid=total-span]")).ToContainTextAsync("3,002 articles, 421 references"); // the planted signals rewire a few stories
        Assert.Matches(@"^20\d\d-\d\d-\d\d – 20\d\d-\d\d-\d\d$", (await page.Locator("[data-testid=total-span] .total-value").InnerTextAsync()).Trim());
        Assert.True(await page.Locator("[data-testid=demo-notice]").IsVisibleAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("overview"), FullPage = true });
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task ToggleNavigation_OnceInteractive_ClosesAndReopensTheDrawer()
    {
        var (page, errors) = await server.OpenAsync("/");
        var drawer = page.Locator(".mud-drawer");
        await Assertions.Expect(drawer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--open"));

        // A closed drawer slides off-screen rather than being display:none, so check its state, not "visibility".
        await page.GetByLabel("Toggle navigation").ClickAsync();
        await Assertions.Expect(drawer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--closed"));

        await page.GetByLabel("Toggle navigation").ClickAsync();
        await Assertions.Expect(drawer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--open"));
        Assert.Empty(errors);
    }
}
