using Microsoft.Playwright;

namespace AiNewsDashboard.EndToEnd;

/// <summary>
/// The Content-Security-Policy in real Chromium: every page draws with nothing refused (DashboardServer reports each
/// violation as a console error), so a policy that is too strict fails here instead of leaving blank charts.
/// </summary>
[Trait("Category", "Slow")]
public sealed class SecurityPolicyTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    private static ILocatorAssertions Expect(ILocator l) => Assertions.Expect(l);

    [BrowserFact]
    public async Task EveryPage_UnderTheContentSecurityPolicy_DrawsWithNothingRefused()
    {
        var articleId = await server.ScalarAsync("SELECT MIN(Id) FROM Articles WHERE IsReference = 0");
        var domain = await server.StringAsync("SELECT Domain FROM Providers ORDER BY Id LIMIT 1");
        var pages = new (string Path, string Ready)[]
        {
            ("/", "[data-testid=total-articles]"),
            ("/timeline", "[data-testid=timeline-bars-canvas][data-drawn] svg"),
            ("/topics", "[data-testid=topics-heatmap] td.heatmap-cell"),
            ("/providers", "[data-testid=leaderboard] tbody tr"),
            ($"/providers/{domain}", "[data-testid=provider-timeline] .time-chart-canvas[data-drawn] svg"),
            ("/articles", "[data-testid=article-link]"),
            ($"/articles/{articleId}", "[data-testid=article-title]"),
            ("/graph", "[data-testid=story-graph][data-ready=true]"),
        };
        foreach (var (path, ready) in pages)
        {
            var (page, errors) = await server.OpenAsync(path);
            await Expect(page.Locator(ready).First).ToBeAttachedAsync(new() { Timeout = 30_000 });
            // Give late work (the graph's layout worker, lazily imported modules, images) a moment to be refused.
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var response = await page.APIRequest.GetAsync(server.BaseUrl + path);
            Assert.Contains("frame-ancestors 'none'", response.Headers["content-security-policy"]);
            Assert.True(errors.Count == 0, $"{path}: {string.Join(" | ", errors)}");
            await page.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task PlainPages_ErrorAndLocalModeLogin_RenderUnderThePolicyWithoutACircuit()
    {
        foreach (var (path, text, shot) in new[]
                 {
                     ("/Error", "Something went wrong", "error-page"),
                     ("/login", "Local mode", "login-local-mode"),
                 })
        {
            var (page, errors) = await server.NewPageAsync();
            await page.GotoAsync(server.BaseUrl + path);

            await Assertions.Expect(page.Locator("body")).ToContainTextAsync(text);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath(shot), FullPage = true });
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.True(errors.Count == 0, $"{path}: {string.Join(" | ", errors)}");
            await page.CloseAsync();
        }
    }
}
