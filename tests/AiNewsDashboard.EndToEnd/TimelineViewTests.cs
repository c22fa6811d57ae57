using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AiNewsDashboard.EndToEnd;

/// <summary>The timeline's view and scale toggles in real Chromium: each choice lands in the URL, and the URL (back,
/// a copied link) brings the same chart back.</summary>
[Trait("Category", "Slow")]
public sealed class TimelineViewTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    private static ILocatorAssertions Expect(ILocator l) => Assertions.Expect(l);
    private static IPageAssertions Expect(IPage p) => Assertions.Expect(p);

    [BrowserFact]
    public async Task Timeline_ViewAndScaleToggles_LiveInTheUrlAndComeBackWithIt()
    {
        var (page, errors) = await server.OpenAsync("/timeline");
        var chart = page.Locator("[data-testid=timeline-bars]");
        await TimeChartBrowserTests.DrawnAsync(page);

        await page.Locator("[data-testid=scale]").GetByText("Log", new() { Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/timeline\?scale=log$"));
        await Expect(chart).ToHaveAttributeAsync("data-scale", "log");

        // Keyboard: the view toggle is reachable and answers Enter.
        await page.Locator("[data-testid=view]").GetByRole(AriaRole.Checkbox, new() { Name = "Line", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex(@"view=line&scale=log$"));
        await Expect(chart).ToHaveAttributeAsync("data-mode", "line");
        // One line, drawn by ECharts: the chart's own option says so.
        await Expect(page.Locator("[data-testid=timeline-bars-canvas]")).ToHaveAttributeAsync("data-series-types", "line");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("timeline-line-log"), FullPage = true });

        await page.Locator("[data-testid=view]").GetByText("Share", new() { Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"view=share$")); // shares are linear: the log scale goes
        await Expect(chart).ToHaveAttributeAsync("data-scale", "linear");
        await Expect(page.Locator("[data-testid=timeline-chart]")).ToContainTextAsync("Share of all articles in each period");
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("timeline-share-390"), FullPage = true });

        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"view=line&scale=log$"));
        await Expect(chart).ToHaveAttributeAsync("data-mode", "line");
        await Expect(chart).ToHaveAttributeAsync("data-scale", "log");
        Assert.Empty(errors);
    }
}
