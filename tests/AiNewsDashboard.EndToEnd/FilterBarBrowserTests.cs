using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AiNewsDashboard.EndToEnd;

/// <summary>The filter bar in real Chromium over a real-shaped archive (2014 to 2022): it shows what the URL says.</summary>
[Trait("Category", "Slow")]
public sealed class FilterBarBrowserTests(RealShapedServer server) : IClassFixture<RealShapedServer>
{
    private static ILocatorAssertions Expect(ILocator l) => Assertions.Expect(l);
    private static IPageAssertions Expect(IPage p) => Assertions.Expect(p);

    /// <summary>The time range is the browser's own select (keyboard and a phone's picker work as everywhere else).</summary>
    private static Task ChooseRangeAsync(IPage page, string option) =>
        page.GetByLabel("Time range").SelectOptionAsync(new SelectOptionValue { Label = option });

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
        await Expect(page.Locator("[data-testid=filter-range]")).ToHaveValueAsync("All time"); // an option's value is its label
        await Expect(from).ToHaveCountAsync(0);
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task TypedDate_Incomplete_SaysSoAndKeepsTheFilter()
    {
        // The browser's date field reads "" for a date missing a part, as for an emptied one: the bar tells them apart.
        var (page, _) = await server.OpenAsync("/timeline?from=2014-03-01&to=2014-04-30");
        var to = page.GetByLabel("To", new() { Exact = true });
        Assert.Equal("date", await to.GetAttributeAsync("type"));

        await to.FocusAsync(); // its first part
        await page.Keyboard.PressAsync("Backspace");

        await Expect(page.Locator("[data-testid=filter-bar]")).ToContainTextAsync("To is not a whole date: give its day, month and year");
        await Expect(page).ToHaveURLAsync(new Regex(@"/timeline\?from=2014-03-01&to=2014-04-30$"));
    }

    [BrowserFact]
    public async Task TypedDate_DigitByDigit_NavigatesOnceToTheWholeDate()
    {
        // Chromium reports each finished part of a date field: typing a year gave 0002, 0020, 0201 and 2015 in turn.
        var (page, errors) = await server.OpenAsync("/timeline?from=2014-03-01&to=2014-04-30");
        var from = page.GetByLabel("From", new() { Exact = true });
        var urls = new List<string>();
        page.FrameNavigated += (_, f) => { if (f == page.MainFrame) urls.Add(f.Url); };

        await from.FocusAsync();
        await page.Keyboard.PressAsync("Tab"); // to the day
        await page.Keyboard.PressAsync("Tab"); // to the year
        await page.Keyboard.TypeAsync("2013");

        await Expect(page).ToHaveURLAsync(new Regex(@"/timeline\?from=2013-03-01&to=2014-04-30$"));
        Assert.DoesNotContain(urls, u => u.Contains("from=0"));
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task QualityBound_Typed_LandsInTheUrl_AndANumberOutOfRangeIsNamed()
    {
        var (page, errors) = await server.OpenAsync("/articles");
        var min = page.GetByLabel("Min quality");

        await min.FillAsync("40");
        await Expect(page).ToHaveURLAsync(new Regex(@"/articles\?minQuality=40$"));

        await min.FillAsync("140");
        await min.PressAsync("Tab");

        await Expect(page.Locator("[data-testid=filter-bar]")).ToContainTextAsync("'140' is not a quality between 0 and 100");
        await Expect(page).ToHaveURLAsync(new Regex(@"/articles\?minQuality=40$"));
        Assert.Empty(errors);
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
