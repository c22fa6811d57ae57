using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AiNewsDashboard.EndToEnd;

/// <summary>The filter bar in real Chromium over a real-shaped archive (2014 to 2022): it shows what the URL says.</summary>
[Trait("Category", "Slow")]
public sealed class FilterBarBrowserTests(RealShapedServer server) : IClassFixture<RealShapedServer>
{
    private static ILocatorAssertions Expect(ILocator l) => Assertions.Expect(l);
    private static IPageAssertions Expect(IPage p) => Assertions.Expect(p);

    private static async Task ChooseRangeAsync(IPage page, string option)
    {
        await page.Locator("[data-testid=filter-range]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new Regex($"^{Regex.Escape(option)}$") }).ClickAsync();
    }

    [BrowserFact]
    public async Task TypedDates_ThenBack_ShowTheUrlsRangeNotAStaleCustomRange()
    {
        var (page, errors) = await server.OpenAsync("/timeline");
        await ChooseRangeAsync(page, "Custom range");
        var from = page.Locator("input[data-testid=filter-from]");

        await from.FillAsync("2014-03-12");
        await from.PressAsync("Tab"); // leaving the field applies what was typed

        await Expect(page).ToHaveURLAsync(new Regex(@"/timeline\?from=2014-03-12$"));
        // The whole date shows: it was cut to "2014-03-" in a 160 px field.
        Assert.True(await from.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"), "the typed date is cut off");

        await page.GoBackAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/timeline$"));
        await Expect(page.Locator("[data-testid=filter-range]")).ToHaveValueAsync("All time");
        await Expect(from).ToHaveCountAsync(0);
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task TypedDate_NotADate_SaysSoAndKeepsTheFilter()
    {
        var (page, _) = await server.OpenAsync("/timeline?from=2014-03-01&to=2014-04-30");
        var to = page.Locator("input[data-testid=filter-to]");

        await to.FillAsync("2014-04-31");
        await to.PressAsync("Tab");

        await Expect(page.Locator("[data-testid=filter-bar]")).ToContainTextAsync("'2014-04-31' is not a date: type it as YYYY-MM-DD");
        await Expect(page).ToHaveURLAsync(new Regex(@"/timeline\?from=2014-03-01&to=2014-04-30$"));
    }

    [BrowserFact]
    public async Task PickAProvider_ThenClearAll_LeavesNoTextAndNoFilter()
    {
        var (page, errors) = await server.OpenAsync("/articles");
        var providers = page.Locator("input[data-testid=filter-providers]");

        await providers.FillAsync("HuffPost");
        // Click the match once the list has filtered to it, as a user does; the unfiltered list shows first.
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "HuffPost" }).First.ClickAsync();

        // A pick reloads the list and writes the URL: on a loaded machine that can take more than the default 5 s.
        await Expect(page).ToHaveURLAsync(new Regex(@"/articles\?provider="), new() { Timeout = 20_000 });
        await Expect(page.Locator(".chip-picker .mud-chip").First).ToBeVisibleAsync();
        await Expect(providers).ToHaveValueAsync(""); // the pick is a chip now, not text left in the box

        await page.Locator("input[data-testid=filter-topics]").FillAsync("AI");
        await page.Locator("[data-testid=filter-clear]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/articles$"));
        await Expect(page.Locator(".chip-picker .mud-chip")).ToHaveCountAsync(0);
        await Expect(providers).ToHaveValueAsync("");
        await Expect(page.Locator("input[data-testid=filter-topics]")).ToHaveValueAsync("");
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task Archive_SaysWhereItsDataLiesAndShowsThatSpanInOneClick()
    {
        var first = await server.StringAsync("SELECT date(MIN(PublishedAt)) FROM Articles WHERE IsReference = 0 AND PublishedAt IS NOT NULL");
        var last = await server.StringAsync("SELECT date(MAX(PublishedAt)) FROM Articles WHERE IsReference = 0 AND PublishedAt IS NOT NULL");
        var (page, errors) = await server.OpenAsync("/timeline");

        await Expect(page.Locator("[data-testid=filter-extent]")).ToContainTextAsync($"Data spans {first} – {last}");
        await page.Locator("[data-testid=filter-extent-apply]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($@"/timeline\?from={first}&to={last}$"));
        await Expect(page.Locator("[data-testid=timeline-bars-canvas][data-drawn] svg").First).ToBeVisibleAsync();

        await ChooseRangeAsync(page, "Last 30 days of data");

        // The preset stays relative in the link (a saved view rolls forward) and counts back from the data's last day,
        // so the chart is not empty though the archive ended years ago.
        await Expect(page).ToHaveURLAsync(new Regex(@"/timeline\?range=last30d$"));
        await Expect(page.Locator("[data-testid=timeline-bars-canvas][data-drawn] svg").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=chart-empty]")).ToHaveCountAsync(0);
        Assert.Empty(errors);
    }
}
