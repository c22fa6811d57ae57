using AiNewsDashboard.Core.Annotations;
using AiNewsDashboard.Core.Collections;
using AiNewsDashboard.Core.Queries;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AiNewsDashboard.EndToEnd;

/// <summary>Saved views in the browser: saved from the filter bar, kept across a restart, opened from /views.</summary>
[Trait("Category", "Slow")]
public sealed class SavedViewsBrowserTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    [BrowserFact]
    public async Task SaveAView_RestartTheApp_OpenItFromTheList()
    {
        var (page, errors) = await server.OpenAsync("/timeline?range=last30d&view=line");
        await page.Locator("[data-testid=save-view]").ClickAsync();
        await page.Locator("[data-testid=save-view-name]").FillAsync("Last month as lines");
        await page.Locator("[data-testid=save-view-confirm]").ClickAsync();
        await page.GetByText("Saved 'Last month as lines'").WaitForAsync();
        await page.CloseAsync();

        await server.RestartAsync();

        var (list, listErrors) = await server.OpenAsync("/views");
        var open = list.GetByTestId("view-open").Filter(new LocatorFilterOptions { HasText = "Last month as lines" });
        await open.ClickAsync();
        await list.WaitForURLAsync(url => url.EndsWith("/timeline?range=last30d&view=line", StringComparison.Ordinal));
        // The time control shows the relative range the view kept (a preset, not two dates).
        await list.WaitForFunctionAsync("() => document.querySelector('[data-testid=filter-range]')?.value?.startsWith('Last 30 days')");

        Assert.Empty(errors);
        Assert.Empty(listErrors);
    }

    [BrowserFact]
    public async Task ManagementPages_AtDesktopAndPhoneWidths_Screenshots()
    {
        var services = server.Services;
        var providers = (await services.GetRequiredService<FilterOptionsQueries>().GetAsync()).Providers.Take(4).Select(p => p.Domain).ToArray();
        var collections = services.GetRequiredService<ProviderCollectionService>();
        if ((await collections.ListAsync()).Count == 0)
        {
            await collections.CreateAsync("Wire services", "Agencies that file first", providers[..2]);
            await collections.CreateAsync("National press", null, providers[2..]);
            var views = services.GetRequiredService<AiNewsDashboard.Core.Views.SavedViewService>();
            var weekly = await views.CreateAsync("local", "Wire services, this quarter", "/providers", "range=thisquarter&collection=Wire%20services");
            await views.CreateAsync("local", "Chip stories as lines, log scale", "/timeline", "q=chip&view=line&scale=log");
            await views.SetStartPageAsync(weekly.Id, "local");
            var annotations = services.GetRequiredService<AnnotationService>();
            await annotations.CreateAsync(new AnnotationInput(new(2025, 1, 20), null, "Model launch", "https://example.com/launch", null), null);
            await annotations.CreateAsync(new AnnotationInput(new(2025, 3, 1), new(2025, 3, 5), "Chip summit", null, null), null);
        }
        foreach (var (path, width, height) in new[] { ("/views", 1440, 900), ("/collections", 1440, 900), ("/annotations", 1440, 900),
                     ("/views", 390, 844), ("/collections", 390, 844), ("/annotations", 390, 844) })
        {
            var (page, errors) = await server.OpenAsync(path);
            await page.SetViewportSizeAsync(width, height);
            await page.Locator("h1").WaitForAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath($"{path.Trim('/')}-{width}"), FullPage = true });
            var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");
            Assert.False(overflow, $"{path} at {width} px scrolls sideways");
            Assert.Empty(errors);
            await page.CloseAsync();
        }
    }
}
