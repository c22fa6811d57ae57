using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AiNewsDashboard.EndToEnd;

/// <summary>Annotations in the browser: added by clicking a period on one chart, then drawn on the other pages' time charts.</summary>
[Trait("Category", "Slow")]
public sealed class AnnotationBrowserTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    private static ILocatorAssertions Expect(ILocator l) => Assertions.Expect(l);

    [BrowserFact]
    public async Task AnnotateByClickingTheTimeline_ThenSeeItOnTheOverviewAndTheComparison()
    {
        const string label = "Chip summit in June";
        var (page, errors) = await server.OpenAsync("/timeline?granularity=month&from=2024-01-01&to=2024-12-31");
        await TimeChartBrowserTests.DrawnAsync(page);

        await page.Locator("[data-testid=annotate-toggle]").ClickAsync();
        await Expect(page.Locator("[data-testid=timeline-bars]")).ToHaveClassAsync(new Regex("annotating"));
        var june = await TimeChartBrowserTests.CentreAsync(page, 5);
        await page.Mouse.ClickAsync(june.X, june.Y);

        // The dialog opens on June (the month clicked), and the URL did not narrow to it.
        await Expect(page.Locator("input[data-testid=annotation-from]")).ToHaveValueAsync("2024-06-01");
        Assert.EndsWith("from=2024-01-01&to=2024-12-31", page.Url);
        await page.Locator("input[data-testid=annotation-label]").FillAsync(label);
        await page.Locator("[data-testid=annotation-save]").ClickAsync();
        await Expect(page.Locator("[data-testid=timeline-bars-canvas] svg text").Filter(new() { HasText = label })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("annotation-timeline-1440") });

        // Another page's chart over the same dates draws it too, as does the comparison.
        var (overview, overviewErrors) = await server.OpenAsync("/?from=2024-01-01&to=2024-12-31");
        await TimeChartBrowserTests.DrawnAsync(overview, "[data-testid=overview-timeline-bars-canvas]");
        await Expect(overview.Locator("[data-testid=overview-timeline-bars-canvas] svg text").Filter(new() { HasText = label })).ToBeVisibleAsync();
        var (compare, compareErrors) = await server.OpenAsync("/compare?q1=n:Chips;s:chip;f:2024-01-01;u:2024-12-31&q2=n:All;f:2024-01-01;u:2024-12-31");
        await TimeChartBrowserTests.DrawnAsync(compare, "[data-testid=compare-lines-canvas]");
        await Expect(compare.Locator("[data-testid=compare-lines-canvas] svg text").Filter(new() { HasText = label })).ToBeVisibleAsync();
        await compare.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("annotation-compare-1440"), FullPage = true });

        Assert.Empty(errors);
        Assert.Empty(overviewErrors);
        Assert.Empty(compareErrors);
    }
}
