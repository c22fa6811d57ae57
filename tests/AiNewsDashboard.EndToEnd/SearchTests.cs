using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AiNewsDashboard.EndToEnd;

/// <summary>
/// Search as an analyst uses it in the browser: a mistake typed into the box is named under the filters with its
/// position and the box keeps the text to correct; a search marks what it matched, readable in light and dark mode, on a
/// desktop and a phone; the help beside the box lists the syntax. A mistake used to be searched as words, silently.
/// </summary>
[Trait("Category", "Slow")]
public sealed class SearchTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    private static ILocatorAssertions Expect(ILocator l) => Assertions.Expect(l);
    private static IPageAssertions Expect(IPage p) => Assertions.Expect(p);

    [BrowserFact]
    public async Task TypeAMistake_ThenCorrectIt_TheBarNamesItThenTheListMarksTheMatches()
    {
        var (page, errors) = await server.OpenAsync("/articles");
        var box = page.Locator("[data-testid=filter-text]");

        await box.FillAsync("\"chip");

        await Expect(page.Locator("[data-testid=filter-errors] [data-parameter=q]")).ToHaveTextAsync("q: the quote at position 1 is never closed");
        await Expect(box).ToHaveValueAsync("\"chip");
        await Expect(page.Locator("mark.search-hit")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("search-mistake") });

        await box.FillAsync("chips OR \"chip design\"");

        await Expect(page).ToHaveURLAsync(new Regex("q=chips%20OR%20%22chip%20design%22"));
        await Expect(page.Locator("[data-testid=filter-errors]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=article-link] mark.search-hit").First).ToBeVisibleAsync();
        var marked = await page.Locator("[data-testid=article-link] mark.search-hit").AllInnerTextsAsync();
        Assert.All(marked, m => Assert.Matches("^(?i:chips?( designs?)?)$", m)); // "chips" marks "chip" too (the stem matched), a phrase is one mark
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task Marks_InLightAndDarkMode_AtDesktopAndPhoneWidths_StandOutAndStayReadable()
    {
        foreach (var theme in new[] { "light", "dark" })
        foreach (var width in new[] { 1440, 390 })
        {
            var (page, errors) = await server.NewPageAsync();
            await page.Context.AddCookiesAsync([new Cookie { Name = "ainews-theme", Value = theme, Url = server.BaseUrl }]);
            await page.SetViewportSizeAsync(width, 900);
            await page.GotoAsync(server.BaseUrl + "/articles?q=chips");
            // The rows are prerendered: the circuit's first render replaces them, and a mark read in between is detached
            // (its computed colours empty).
            await page.WaitForSelectorAsync("#circuit-state[data-interactive=true]", new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
            var mark = page.Locator("[data-testid=article-link] mark.search-hit").First;
            await Expect(mark).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath($"search-marks-{theme}-{width}") });

            var colours = await mark.EvaluateAsync<string[]>("""
                m => {
                    let cell = m.closest('td'), bg = 'rgba(0, 0, 0, 0)';
                    for (let e = cell; e && (bg === 'rgba(0, 0, 0, 0)' || bg === 'transparent'); e = e.parentElement) bg = getComputedStyle(e).backgroundColor;
                    return [getComputedStyle(m).backgroundColor, getComputedStyle(m).color, bg];
                }
                """);
            var (background, text, row) = (colours[0], colours[1], colours[2]);

            var markOverRow = Blend(background, row);
            Assert.True(Distance(markOverRow, Rgb(row)) > 40, $"{theme} {width}: the mark {background} hardly differs from its row {row}");
            Assert.True(Contrast(Rgb(text), markOverRow) >= 4.5, $"{theme} {width}: text {text} on {background} over {row}");
            Assert.True(errors.Count == 0, string.Join(" | ", errors));
            await page.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task HelpButton_BesideTheBox_OpensTheSyntaxAndEscapeClosesIt()
    {
        foreach (var width in new[] { 1440, 390 })
        {
            var (page, errors) = await server.OpenAsync("/articles");
            await page.SetViewportSizeAsync(width, 900);
            if (width < 600) // on a phone the filters fold behind their button
                await page.Locator("[data-testid=filter-toggle]").ClickAsync();

            await page.Locator("[data-testid=search-help-button]").ClickAsync();

            var help = page.Locator("[data-testid=search-help]");
            await Expect(help).ToBeVisibleAsync();
            await Expect(help).ToContainTextAsync("chip OR wafer");
            await Expect(help).ToContainTextAsync("\"memory chip\"");
            // MudBlazor opens a popover off-screen (x = -9999) and moves it into place a frame later: measure it once placed.
            var box = await help.BoundingBoxAsync();
            for (var tries = 0; tries < 50 && box is { X: <= -9999 }; tries++)
            {
                await Task.Delay(100);
                box = await help.BoundingBoxAsync();
            }
            Assert.True(box!.X >= 0 && box.X + box.Width <= width, $"{width}: the help is cut off ({box.X}, {box.Width})");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath($"search-help-{width}"), Animations = ScreenshotAnimations.Disabled });
            await page.Locator("[data-testid=search-help-close]").ClickAsync();
            await Expect(help).Not.ToBeVisibleAsync();
            Assert.Empty(errors);
            await page.CloseAsync();
        }
    }

    private static double[] Rgb(string css)
    {
        var c = Regex.Matches(css, @"\d+(\.\d+)?").Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToArray();
        return [c[0], c[1], c[2], c.Length > 3 ? c[3] : 1];
    }

    /// <summary>A translucent colour over an opaque one.</summary>
    private static double[] Blend(string over, string under)
    {
        double[] o = Rgb(over), u = Rgb(under);
        return [.. Enumerable.Range(0, 3).Select(i => o[i] * o[3] + u[i] * (1 - o[3])), 1];
    }

    private static double Distance(double[] a, double[] b) => Math.Sqrt(Enumerable.Range(0, 3).Sum(i => (a[i] - b[i]) * (a[i] - b[i])));

    private static double Contrast(double[] a, double[] b)
    {
        static double L(double[] c)
        {
            var l = c.Take(3).Select(v => v / 255).Select(v => v <= 0.03928 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4)).ToArray();
            return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
        }
        double la = L(a), lb = L(b);
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }
}
