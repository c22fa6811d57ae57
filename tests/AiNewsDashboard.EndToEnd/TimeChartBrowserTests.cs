using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AiNewsDashboard.EndToEnd;

/// <summary>
/// The ECharts time chart in real Chromium over the demo corpus: dragging selects a range into the URL (Back undoes it),
/// a click and the keyboard narrow to a period, the overview strip and zoom-out widen again, and dark mode draws dark.
/// </summary>
[Trait("Category", "Slow")]
public sealed class TimeChartBrowserTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    private static ILocatorAssertions Expect(ILocator l) => Assertions.Expect(l);
    private static IPageAssertions Expect(IPage p) => Assertions.Expect(p);

    private const string Canvas = "[data-testid=timeline-bars-canvas]";

    /// <summary>Waits for ECharts to have drawn the chart (its SVG is in) and returns how many periods it drew.</summary>
    internal static async Task<int> DrawnAsync(IPage page, string canvas = Canvas)
    {
        // The first chart on a page loads ECharts (600 KiB) on a busy machine: allow it more than the default 5 s.
        await Expect(page.Locator($"{canvas}[data-drawn] svg").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        return int.Parse(await page.Locator(canvas).GetAttributeAsync("data-drawn") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Where period <paramref name="index"/> sits on screen (its centre, low in the plot, where the bars are).</summary>
    internal static async Task<(float X, float Y)> CentreAsync(IPage page, int index, string canvas = Canvas)
    {
        var p = await page.EvaluateAsync<JsonElement>(
            "async ([sel, i]) => (await import('/Components/Charts/TimeChart.razor.js')).bucketCenter(document.querySelector(sel), i)",
            new object[] { canvas, index });
        return (p.GetProperty("x").GetSingle(), p.GetProperty("y").GetSingle());
    }

    private static async Task DragAsync(IPage page, (float X, float Y) from, (float X, float Y) to)
    {
        await page.Mouse.MoveAsync(from.X, from.Y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync((from.X + to.X) / 2, from.Y, new MouseMoveOptions { Steps = 4 });
        await page.Mouse.MoveAsync(to.X, to.Y, new MouseMoveOptions { Steps = 4 });
        await page.Mouse.UpAsync();
    }

    [BrowserFact]
    public async Task Timeline_DragAcrossTheChart_WritesTheRangeToTheUrl_AndBackUndoesIt()
    {
        var (page, errors) = await server.OpenAsync("/timeline?granularity=month&from=2024-01-01&to=2024-12-31");
        Assert.Equal(12, await DrawnAsync(page));

        await DragAsync(page, await CentreAsync(page, 2), await CentreAsync(page, 4));

        // March to May: the first day of the first period dragged over to the last day of the last.
        await Expect(page).ToHaveURLAsync(new Regex(@"/timeline\?from=2024-03-01&to=2024-05-31$"));
        await Expect(page.Locator(Canvas)).ToHaveAttributeAsync("data-drawn", new Regex("^(?!12$)"));
        await Expect(page.Locator("[data-testid=filter-bar]").GetByLabel("From")).ToHaveValueAsync("2024-03-01");
        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"from=2024-01-01&to=2024-12-31"));
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task Timeline_OverviewStripAndZoomOut_WidenTheRangeUpToAllDates()
    {
        var (page, errors) = await server.OpenAsync("/timeline?from=2024-03-01&to=2024-03-31");
        await DrawnAsync(page);
        const string strip = "[data-testid=timeline-bars-overview]";
        var periods = await DrawnAsync(page, strip);
        Assert.True(periods > 4, $"{periods} periods in the strip");
        // The selected range is highlighted on the strip: one band, over the periods holding March 2024.
        var band = await page.EvaluateAsync<int>($"() => document.querySelector('{strip}')._timeChart.chart.getOption().series[0].markArea.data.length");
        Assert.Equal(1, band);

        await page.Locator("[data-testid=zoom-out]").ClickAsync();
        // Twice the days of March, around it.
        await Expect(page).ToHaveURLAsync(new Regex(@"from=2024-02-14&to=2024-04-16"));

        await DragAsync(page, await CentreAsync(page, 0, strip), await CentreAsync(page, 1, strip));
        // The drag on the strip chooses the range of its first two periods: the zoomed-out range is gone (waited for, not read at once).
        await Expect(page).Not.ToHaveURLAsync(new Regex(@"from=2024-02"));
        await Expect(page).ToHaveURLAsync(new Regex(@"to=\d{4}-\d\d-\d\d"));

        await page.Locator("[data-testid=zoom-all]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/timeline$"));
        await Expect(page.Locator("[data-testid=zoom-all]")).ToHaveCountAsync(0);
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task Timeline_Keyboard_ArrowsAnnounceEachPeriodAndEnterNarrowsToIt()
    {
        var (page, errors) = await server.OpenAsync("/timeline?granularity=month&from=2024-01-01&to=2024-12-31");
        await DrawnAsync(page);

        await page.Locator(Canvas).FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");

        await Expect(page.Locator("[data-testid=timeline-bars-announce]")).ToHaveTextAsync(new Regex(@"^2024-02: [\d,]+$"));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex(@"from=2024-02-01&to=2024-02-29&granularity=day"));
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task Timeline_DarkMode_DrawsTheChartOnTheDarkSurface()
    {
        var (page, errors) = await server.NewPageAsync();
        await page.Context.AddCookiesAsync([new Cookie { Name = "ainews-theme", Value = "dark", Url = server.BaseUrl }]);
        await page.GotoAsync(server.BaseUrl + "/timeline");
        await DrawnAsync(page);

        await Expect(page.Locator(Canvas)).ToHaveAttributeAsync("data-theme", "dark");
        var background = await page.Locator($"{Canvas} svg rect").First.GetAttributeAsync("fill") ?? "";
        Assert.True(Luminance(background) < 0.3, $"chart background {background}");
        var axisText = await page.Locator($"{Canvas} svg text").First.GetAttributeAsync("fill") ?? "";
        Assert.True(Luminance(axisText) > 0.5, $"axis text {axisText}");

        // Switching back to light redraws the same chart light, without reloading.
        await page.Locator("[data-testid=toggle-dark]").ClickAsync();
        await Expect(page.Locator(Canvas)).ToHaveAttributeAsync("data-theme", "light");
        Assert.True(Luminance(await page.Locator($"{Canvas} svg rect").First.GetAttributeAsync("fill") ?? "") > 0.7);
        Assert.Empty(errors);
    }

    /// <summary>Relative luminance (0 black to 1 white) of an SVG fill: #rgb, #rrggbb or rgb()/rgba().</summary>
    private static double Luminance(string colour)
    {
        int r, g, b;
        var m = Regex.Match(colour, @"rgba?\((\d+),\s*(\d+),\s*(\d+)");
        if (m.Success)
            (r, g, b) = (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value));
        else
        {
            var hex = colour.TrimStart('#');
            if (hex.Length == 3)
                hex = string.Concat(hex.Select(c => $"{c}{c}"));
            Assert.True(hex.Length == 6, $"not a colour: '{colour}'");
            (r, g, b) = (Convert.ToInt32(hex[..2], 16), Convert.ToInt32(hex[2..4], 16), Convert.ToInt32(hex[4..6], 16));
        }
        return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    }

    [BrowserTheory]
    [InlineData("/timeline", "light")]
    [InlineData("/timeline", "dark")]
    [InlineData("/", "light")]
    [InlineData("/", "dark")]
    public async Task Screenshots_TimeChartsAtDesktopAndPhoneWidths(string path, string theme)
    {
        var (page, errors) = await server.NewPageAsync();
        await page.Context.AddCookiesAsync([new Cookie { Name = "ainews-theme", Value = theme, Url = server.BaseUrl }]);
        foreach (var width in new[] { 1440, 390 })
        {
            await page.SetViewportSizeAsync(width, width == 390 ? 844 : 900);
            await page.GotoAsync(server.BaseUrl + path);
            var canvas = path == "/" ? "[data-testid=overview-timeline-bars-canvas]" : Canvas;
            Assert.True(await DrawnAsync(page, canvas) > 3);
            // The chart fits the phone's width: no horizontal scrolling because of it.
            var box = await page.Locator(canvas).BoundingBoxAsync();
            Assert.True(box!.X + box.Width <= width + 1, $"{path} at {width}: chart ends at {box.X + box.Width}");
            await page.ScreenshotAsync(new PageScreenshotOptions
            {
                Path = Browser.ScreenshotPath($"timechart{(path == "/" ? "-overview" : path.Replace('/', '-'))}-{theme}-{width}"), FullPage = true,
            });
        }
        Assert.Empty(errors);
    }
}

/// <summary>The time charts over a corpus shaped like public news data (years of sparse history, then a dense recent span).</summary>
[Trait("Category", "Slow")]
public sealed class TimeChartRealShapedTests(RealShapedServer server) : IClassFixture<RealShapedServer>
{
    [BrowserTheory]
    [InlineData("/timeline", "[data-testid=timeline-bars-canvas]")]
    [InlineData("/timeline?scale=log", "[data-testid=timeline-bars-canvas]")]
    [InlineData("/", "[data-testid=overview-timeline-bars-canvas]")]
    public async Task Screenshots_RealShapedCorpus_DrawAtDesktopAndPhoneWidthsInBothThemes(string path, string canvas)
    {
        foreach (var theme in new[] { "light", "dark" })
        {
            var (page, errors) = await server.NewPageAsync();
            await page.Context.AddCookiesAsync([new Cookie { Name = "ainews-theme", Value = theme, Url = server.BaseUrl }]);
            foreach (var width in new[] { 1440, 390 })
            {
                await page.SetViewportSizeAsync(width, width == 390 ? 844 : 900);
                await page.GotoAsync(server.BaseUrl + path);
                Assert.True(await TimeChartBrowserTests.DrawnAsync(page, canvas) > 3);
                var name = (path == "/" ? "overview" : path.Trim('/').Replace("?", "-").Replace("=", "-"));
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath($"timechart-real-{name}-{theme}-{width}"), FullPage = true });
            }
            Assert.Empty(errors);
            await page.CloseAsync();
        }
    }
}
