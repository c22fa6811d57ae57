using AiNewsDashboard.Demo;
using Microsoft.Playwright;

namespace AiNewsDashboard.EndToEnd;

/// <summary>
/// The signals page in Chromium on the demo corpus: the planted quality drop and breaking story show, each explaining
/// itself, and the drift is marked on the provider's quality chart.
/// </summary>
[Trait("Category", "Slow")]
public sealed class SignalsBrowserTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    private static ILocatorAssertions Expect(ILocator l) => Assertions.Expect(l);

    [BrowserFact]
    public async Task Signals_OnTheDemo_ShowThePlantedDriftAndBreakingStory()
    {
        var (page, errors) = await server.OpenAsync("/signals");

        var drift = page.Locator("[data-testid=drift]");
        await Expect(drift).ToHaveCountAsync(1);
        Assert.Equal(DemoSignals.DriftDomain, await drift.GetAttributeAsync("data-domain"));
        Assert.Equal("down", await drift.GetAttributeAsync("data-direction"));
        var date = DateOnly.Parse(await drift.GetAttributeAsync("data-date") ?? "", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(date.DayNumber - DemoSignals.DriftDate.DayNumber, -7, 7);
        await Expect(drift).ToContainTextAsync("its standard error");

        var breaking = page.Locator("[data-testid=breaking]").First;
        await Expect(breaking).ToContainTextAsync($"+{DemoSignals.BreakingSize} articles and +{DemoSignals.BreakingSize} new providers");
        await Expect(page.Locator("[data-testid=breaking-window]")).ToContainTextAsync("2026-10-31");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("signals-demo-1440"), FullPage = true });
        await page.SetViewportSizeAsync(PhoneLayoutTests.PhoneWidth, PhoneLayoutTests.PhoneHeight);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("signals-demo-390"), FullPage = true });

        // The drift's provider link opens its page, where the quality chart marks the change point.
        await page.SetViewportSizeAsync(1440, 900);
        await drift.Locator($"a[href^='/providers/{DemoSignals.DriftDomain}']").ClickAsync();
        await Expect(page.Locator("[data-testid=provider-drift]")).ToContainTextAsync("Quality fell");
        var chart = page.Locator("[data-testid=provider-quality-chart]");
        await Expect(chart).ToHaveAttributeAsync("data-markers", "1");
        await TimeChartBrowserTests.DrawnAsync(page, "[data-testid=provider-quality-chart-canvas]");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("signals-provider-drift-1440"), FullPage = true });
        Assert.Empty(errors);
    }
}
