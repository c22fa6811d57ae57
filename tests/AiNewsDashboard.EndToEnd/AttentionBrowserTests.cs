using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AiNewsDashboard.EndToEnd;

/// <summary>Quality-weighted attention and coverage gaps in real Chromium, on the demo corpus and its planted gap.</summary>
[Trait("Category", "Slow")]
public sealed class AttentionBrowserTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    private static ILocatorAssertions Expect(ILocator l) => Assertions.Expect(l);
    private static IPageAssertions Expect(IPage p) => Assertions.Expect(p);

    [BrowserFact]
    public async Task Timeline_WeightedMeasure_IsDrawnWithItsCoverage_AndTopicsShowThePlantedCoverageGap()
    {
        var (page, errors) = await server.OpenAsync("/timeline");
        await TimeChartBrowserTests.DrawnAsync(page);

        await page.Locator("[data-testid=measure]").GetByText("Quality-weighted", new() { Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/timeline\?measure=weighted$"));
        await Expect(page.Locator("[data-testid=attention-note]")).ToContainTextAsync("of articles");
        await Expect(page.Locator("[data-testid=timeline-chart]")).ToContainTextAsync("Quality-weighted articles over time");
        await TimeChartBrowserTests.DrawnAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("timeline-weighted-1440"), FullPage = true });

        await page.GotoAsync($"{server.BaseUrl}/topics");
        var gaps = page.Locator("[data-testid=coverage-gaps]");
        await Expect(gaps.Locator("[data-testid=coverage-gap]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(gaps.Locator("[data-testid=coverage-gap]")).ToContainTextAsync("Drones");
        await Expect(gaps.Locator("[data-testid=coverage-gap-missing]")).ToContainTextAsync("Usually covered by");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("topics-gaps-1440"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("topics-gaps-390"), FullPage = true });
        Assert.Empty(errors);
    }
}
