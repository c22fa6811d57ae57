using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AiNewsDashboard.EndToEnd;

/// <summary>The comparison in real Chromium: started from a filtered page, edited, and its numbers equal to the API's.</summary>
[Trait("Category", "Slow")]
public sealed class CompareBrowserTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    private static ILocatorAssertions Expect(ILocator l) => Assertions.Expect(l);
    private static IPageAssertions Expect(IPage p) => Assertions.Expect(p);

    [BrowserFact]
    public async Task CompareWith_FromTheTimeline_TwoQueriesCountAsTheApiDoes()
    {
        var (page, errors) = await server.OpenAsync("/timeline?q=chip");
        await page.SetViewportSizeAsync(1440, 900);

        await page.Locator("[data-testid=filter-compare]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/compare\?q1=s:chip&q2=n:$"));
        await page.Locator("[data-testid=compare-query-2] input[data-testid=compare-text]").FillAsync("robot");
        await Expect(page).ToHaveURLAsync(new Regex(@"/compare\?q1=s:chip&q2=s:robot$"));
        await page.Locator("[data-testid=compare-query-2] input[data-testid=compare-name]").FillAsync("Robots");
        await Expect(page).ToHaveURLAsync(new Regex(@"q2=n:Robots;s:robot$"));

        var query = new Uri(page.Url).Query;
        using var http = new HttpClient();
        var json = JsonDocument.Parse(await http.GetStringAsync(server.BaseUrl + "/api/compare" + query)).RootElement;
        for (var i = 0; i < 2; i++)
        {
            var matches = json.GetProperty("queries")[i].GetProperty("matches").GetInt32();
            Assert.True(matches > 0, $"query {i + 1} matches nothing in the demo corpus");
            await Expect(page.Locator($"[data-testid=compare-total-{i + 1}] [data-testid=compare-matches]"))
                .ToHaveTextAsync(matches.ToString("N0", CultureInfo.InvariantCulture));
        }
        // Drawn by the chart library: one line per query.
        await Expect(page.Locator("[data-testid=compare-lines-canvas]")).ToHaveAttributeAsync("data-series-types", "line,line");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("compare-1440"), FullPage = true });

        await page.Locator("[data-testid=compare-view]").GetByText("Share of attention", new() { Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"view=share$"));
        await Expect(page.Locator("[data-testid=compare-denominator]")).ToContainTextAsync("without its search text");
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("compare-share-390"), FullPage = true });
        Assert.Empty(errors);
    }
}

/// <summary>The comparison over a corpus shaped like public news data: the page at desktop and phone widths.</summary>
[Trait("Category", "Slow")]
public sealed class RealShapedCompareTests(RealShapedServer server) : IClassFixture<RealShapedServer>
{
    [BrowserFact]
    public async Task Compare_RealShapedCorpus_FitsDesktopAndPhone()
    {
        var (page, errors) = await server.OpenAsync(
            "/compare?q1=n:Chips;s:chip;f:2014-03-01;u:2022-09-30&q2=n:Robots;s:robot;f:2014-03-01;u:2022-09-30&q3=n:Generative%20AI;t:Generative%20AI");
        await Assertions.Expect(page.Locator("[data-testid=compare-total-3]")).ToBeVisibleAsync();
        await page.SetViewportSizeAsync(1440, 900);
        // Every typed date shows whole, at both widths.
        const string cutDates = "() => [...document.querySelectorAll('.compare-day input')].filter(e => e.scrollWidth > e.clientWidth).map(e => e.value)";
        Assert.Empty(await page.EvaluateAsync<string[]>(cutDates));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("compare-real-1440"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        // Nothing wider than the phone's screen, once the page has reflowed: the charts follow a resize a moment later
        // (a resize observer), and on a busy machine that moment can outlast the first look.
        const string overflowScript = "document.documentElement.scrollWidth - document.documentElement.clientWidth";
        var overflow = await page.EvaluateAsync<int>(overflowScript);
        for (var waited = 0; overflow > 0 && waited < 5000; waited += 250)
        {
            await page.WaitForTimeoutAsync(250);
            overflow = await page.EvaluateAsync<int>(overflowScript);
        }
        Assert.Empty(await page.EvaluateAsync<string[]>(cutDates));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("compare-real-390"), FullPage = true });
        Assert.True(overflow <= 0, $"the page is {overflow}px wider than the phone");
        Assert.Empty(errors);
    }
}
