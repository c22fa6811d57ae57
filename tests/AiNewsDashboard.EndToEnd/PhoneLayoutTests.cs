using System.Text.Json;
using Microsoft.Playwright;

namespace AiNewsDashboard.EndToEnd;

/// <summary>
/// Every page on a 390 px phone, over the demo corpus and a real-shaped one: no number or button label is cut, chart axis
/// text is readable, and the filter bar folds behind one button so the first screen shows data. Screenshots at 390 and
/// 1440 px go to artifacts/screenshots (phone-*, wide-*).
/// </summary>
public abstract class PhoneLayoutTests(DashboardServer server, string corpus)
{
    public const int PhoneWidth = 390, PhoneHeight = 844;

    /// <summary>Each page and the element that starts its data (a total, a chart, a table), which a phone must show at once.</summary>
    private static readonly (string Path, string FirstData)[] Pages =
    [
        ("/", "[data-testid=total-articles]"),
        ("/timeline", "[data-testid=timeline-chart]"),
        ("/topics", "[data-testid=topics-top]"),
        ("/providers", "[data-testid=providers-summary], [data-testid=leaderboard]"),
        ("/articles", "[data-testid=export-articles]"),
        ("/graph", ".graph-canvas-wrap, [data-testid=graph-counts]"),
        ("/signals", "[data-testid=signals-breaking]"),
        ("/import", ".drop-zone"),
        ("/articles/1", "[data-testid=article-title]"),
    ];

    /// <summary>
    /// What is cut on the page: a number or button whose content is wider than its box, or that sticks out of an ancestor
    /// that clips it (overflow hidden or clip; a scrolling ancestor shows it by scrolling); and chart axis text drawn
    /// smaller than 11 px. Each finding names the element and its text.
    /// </summary>
    private const string FindCutScript = """
        () => {
          const found = [];
          const name = el => `${el.tagName.toLowerCase()}.${String(el.className.baseVal ?? el.className).trim().split(/\s+/).slice(0, 2).join('.')} '${el.textContent.trim().slice(0, 40)}'`;
          const visible = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
          const numbers = [...document.querySelectorAll('.total-value, .share-value, .share-pct, .num, td, th')]
            .filter(el => /\d/.test(el.textContent) && el.children.length === 0);
          // A button's label, not the button: a click's ripple overflows the button for a moment. An end icon's negative
          // margin overhangs a label by 2 px; a cut label ("QUARTEF") is short by far more.
          const labels = [...document.querySelectorAll('.mud-button-label')];
          for (const el of labels.filter(visible))
            if (el.scrollWidth > el.clientWidth + 3)
              found.push(`${name(el)} is ${el.scrollWidth}px wide in a ${el.clientWidth}px box`);
          for (const el of [...numbers, ...labels].filter(visible)) {
            if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
              found.push(`${name(el)} is ${el.scrollWidth}px wide in a ${el.clientWidth}px box`);
            const r = el.getBoundingClientRect();
            for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
              const o = getComputedStyle(a).overflowX;
              if (o === 'auto' || o === 'scroll') break;
              if (o === 'hidden' || o === 'clip') {
                const c = a.getBoundingClientRect();
                if (r.left < c.left - 1 || r.right > c.right + 1) found.push(`${name(el)} sticks out of ${name(a).slice(0, 40)}`);
                break;
              }
            }
          }
          for (const t of document.querySelectorAll('.time-chart-canvas svg text, .story-graph-axis span')) {
            if (!visible(t)) continue;
            const size = parseFloat(getComputedStyle(t).fontSize) * (t.getScreenCTM ? t.getScreenCTM().a : 1);
            if (size < 11) found.push(`axis text '${t.textContent.trim()}' is ${size.toFixed(1)}px`);
          }
          return [...new Set(found)];
        }
        """;

    /// <summary>
    /// Table cells of a user's text (names, topics, headlines: <c>.user-text</c>, which may break anywhere) whose column
    /// is narrower than one of its words, so the word breaks inside ("Healthcar/e AI"). A word wider than 7 em may break.
    /// And a table made to fit a phone (<c>phone-compact-table</c>, the graph's stories as cards) that scrolls sideways, a
    /// column out of sight.
    /// </summary>
    private const string FindBrokenWordsScript = """
        () => {
          const found = [];
          const probe = document.createElement('span');
          probe.style.whiteSpace = 'nowrap';
          probe.style.position = 'absolute';
          document.body.appendChild(probe);
          for (const td of document.querySelectorAll('td')) {
            if (!td.querySelector('.user-text') || td.getBoundingClientRect().width === 0) continue;
            const cs = getComputedStyle(td);
            const room = td.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
            probe.style.font = cs.font;
            for (const word of td.innerText.trim().split(/\s+/)) {
              probe.textContent = word;
              const width = probe.getBoundingClientRect().width;
              if (width > room + 0.5 && width <= 7 * parseFloat(cs.fontSize)) {
                found.push(`'${td.innerText.trim().slice(0, 40)}': the word '${word}' is ${Math.round(width)}px wide in a ${Math.round(room)}px column`);
                break;
              }
            }
          }
          probe.remove();
          for (const box of document.querySelectorAll('.phone-compact-table .mud-table-container, .graph-stories .mud-table-container'))
            if (box.getBoundingClientRect().width > 0 && box.scrollWidth > box.clientWidth + 1)
              found.push(`the table '${box.querySelector('th')?.textContent.trim()} …' is ${box.scrollWidth}px wide in ${box.clientWidth}px`);
          return found;
        }
        """;

    private async Task<IPage> OpenAtAsync(string path, int width, int height, string? ready = null)
    {
        var (page, _) = await server.NewPageAsync();
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync(server.BaseUrl + path, new PageGotoOptions { Timeout = 120_000 });
        await page.WaitForSelectorAsync("#circuit-state[data-interactive=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 60_000 });
        await page.Locator(ready ?? "h1").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        // Charts arrive after the first render: wait until no skeleton is left.
        await Assertions.Expect(page.Locator(".mud-skeleton")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        return page;
    }

    private static string Shot(string prefix, string corpus, string path) =>
        $"{prefix}-{corpus}-{(path == "/" ? "overview" : path.Trim('/').Replace('/', '-'))}";

    [BrowserFact]
    public async Task EveryPage_OnAPhone_CutsNoNumberOrLabelAndShowsDataOnTheFirstScreen()
    {
        var problems = new List<string>();
        foreach (var (path, firstData) in Pages)
        {
            var page = await OpenAtAsync(path, PhoneWidth, PhoneHeight, firstData);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath(Shot("phone", corpus, path)) });

            foreach (var cut in await page.EvaluateAsync<string[]>(FindCutScript))
                problems.Add($"{path}: {cut}");
            foreach (var broken in await page.EvaluateAsync<string[]>(FindBrokenWordsScript))
                problems.Add($"{path}: {broken}");
            var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            if (width > PhoneWidth)
                problems.Add($"{path}: the page is {width}px wide");

            if (path is not "/import" and not "/articles/1")
            {
                var toggle = page.Locator("[data-testid=filter-toggle]");
                if (!await toggle.IsVisibleAsync() || !(await toggle.InnerTextAsync()).StartsWith("FILTERS (", StringComparison.OrdinalIgnoreCase))
                    problems.Add($"{path}: no 'Filters (n)' button");
                if (await page.Locator("[data-testid=filter-panel]").IsVisibleAsync())
                    problems.Add($"{path}: the filter panel is open on arrival");
            }
            var data = await page.Locator(firstData).First.BoundingBoxAsync();
            if (data is null || data.Y >= PhoneHeight - 40)
                problems.Add($"{path}: its data ({firstData}) starts at {data?.Y.ToString("0") ?? "nowhere"}px, below the first screen");
            await page.CloseAsync();
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [BrowserFact]
    public async Task EveryPage_Wide_ShowsTheFilterBarWithoutTheFoldButtonAndCutsNoLabel()
    {
        var problems = new List<string>();
        foreach (var (path, firstData) in Pages)
        {
            var page = await OpenAtAsync(path, 1440, 900, firstData);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath(Shot("wide", corpus, path)) });
            // A chart card's buttons beside a long title once lost letters ("RTICLES") at 1440 px.
            foreach (var cut in await page.EvaluateAsync<string[]>(FindCutScript))
                problems.Add($"{path}: {cut}");
            await Assertions.Expect(page.Locator("[data-testid=filter-toggle]")).ToHaveCountAsync(path is "/import" or "/articles/1" ? 0 : 1);
            if (path is not "/import" and not "/articles/1")
            {
                await Assertions.Expect(page.Locator("[data-testid=filter-toggle]")).ToBeHiddenAsync();
                await Assertions.Expect(page.Locator("[data-testid=filter-panel]")).ToBeVisibleAsync();
            }
            await page.CloseAsync();
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [BrowserFact]
    public async Task Menu_OnAPhone_ClosesOnceALinkIsFollowedAndMarksTheNewPage()
    {
        var page = await OpenAtAsync("/?topic=AI", PhoneWidth, PhoneHeight);
        // The drawer folds away on a phone once it has asked the browser for the screen's width.
        await Assertions.Expect(page.Locator(".mud-drawer.mud-drawer--closed")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        var providers = page.Locator("nav.mud-navmenu a[href^='/providers']");
        await Assertions.Expect(providers).ToBeInViewportAsync();

        await providers.ClickAsync();

        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/providers\\?topic=AI$"));
        await Assertions.Expect(providers).Not.ToBeInViewportAsync(); // the drawer slid away, as MudNavLink's does
        await Assertions.Expect(page.Locator("nav.mud-navmenu a[aria-current=page]")).ToHaveAttributeAsync("href", "/providers?topic=AI");
    }

    [BrowserFact]
    public async Task FiltersButton_OnAPhone_CountsTheFiltersAndOpensThePanel()
    {
        var page = await OpenAtAsync("/articles?topic=AI&published=true", PhoneWidth, PhoneHeight);
        var toggle = page.Locator("[data-testid=filter-toggle]");
        await Assertions.Expect(toggle).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Filters \\(2\\)", System.Text.RegularExpressions.RegexOptions.IgnoreCase));

        await toggle.ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=filter-panel]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=filter-range]")).ToBeVisibleAsync();
        var cut = await page.EvaluateAsync<string[]>(FindCutScript);
        Assert.True(cut.Length == 0, JsonSerializer.Serialize(cut));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath(Shot("phone-filters-open", corpus, "/articles")) });
    }
}

[Trait("Category", "Slow")]
public sealed class DemoPhoneLayoutTests(DashboardServer server) : PhoneLayoutTests(server, "demo"), IClassFixture<DashboardServer>;

[Trait("Category", "Slow")]
public sealed class RealShapedPhoneLayoutTests(RealShapedServer server) : PhoneLayoutTests(server, "real"), IClassFixture<RealShapedServer>;
