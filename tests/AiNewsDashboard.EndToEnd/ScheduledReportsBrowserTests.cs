using AiNewsDashboard.Core.Views;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AiNewsDashboard.EndToEnd;

/// <summary>Scheduling a saved view's report from the Saved views page, and stopping it, in the browser.</summary>
[Trait("Category", "Slow")]
public sealed class ScheduledReportsBrowserTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    private static ILocatorAssertions Expect(ILocator l) => Assertions.Expect(l);

    [BrowserFact]
    public async Task ScheduleAViewsReportFromItsRow_ThenStopIt()
    {
        var view = await server.Services.GetRequiredService<SavedViewService>()
            .CreateAsync(SavedViewService.LocalOwner, "Weekly wire desk", "/providers", "minQuality=40&sort=name");
        var (page, errors) = await server.OpenAsync("/views");

        await page.Locator($"[data-view-id='{view.Id}'] [data-testid=view-schedule]").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith($"/reports?view={view.Id}", StringComparison.Ordinal));
        await Expect(page.Locator("[data-testid=report-add-view]")).ToHaveTextAsync("Weekly wire desk");
        await page.Locator("input[data-testid=report-add-top]").FillAsync("10");
        await page.Locator("[data-testid=report-add-save]").ClickAsync();

        var schedule = page.Locator("[data-testid=report-schedule]").Filter(new() { HasText = "Weekly wire desk" });
        await Expect(schedule).ToContainTextAsync("weekly, top 10");
        await page.SetViewportSizeAsync(1440, 900);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("reports-1440"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        // Nothing wider than the phone, the reports folder's long path included.
        await page.WaitForFunctionAsync("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("reports-390"), FullPage = true });

        await schedule.Locator("[data-testid=report-delete]").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Stop", Exact = true }).ClickAsync();
        await Expect(schedule).ToHaveCountAsync(0);
        Assert.Empty(errors);
    }
}
