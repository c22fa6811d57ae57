using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AiNewsDashboard.EndToEnd;

/// <summary>Each dashboard page in real Chromium over the demo corpus: it draws, a filter changed in the UI changes
/// the URL and the numbers, and charts drill down to the articles behind them.</summary>
[Trait("Category", "Slow")]
public sealed class DashboardPagesTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    private static ILocatorAssertions Expect(ILocator l) => Assertions.Expect(l);
    private static IPageAssertions Expect(IPage p) => Assertions.Expect(p);

    [BrowserFact]
    public async Task Timeline_ClickABar_NarrowsTheTimeRangeInTheUrlAndRedraws()
    {
        var (page, errors) = await server.OpenAsync("/timeline");
        var before = await TimeChartBrowserTests.DrawnAsync(page);
        Assert.True(before > 10, $"{before} bars");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("timeline"), FullPage = true });

        var (x, y) = await TimeChartBrowserTests.CentreAsync(page, before - 3);
        await page.Mouse.ClickAsync(x, y);

        await Expect(page).ToHaveURLAsync(new Regex(@"from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d"));
        // Waits for the redraw rather than reading the old chart.
        await Expect(page.Locator("[data-testid=timeline-bars-canvas]")).Not.ToHaveAttributeAsync("data-drawn", before.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(await TimeChartBrowserTests.DrawnAsync(page) > 0);
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task Timeline_ArticlesLink_DrillsDownToTheFilteredList()
    {
        var (page, errors) = await server.OpenAsync("/timeline?from=2024-01-01&to=2024-03-31");

        await page.Locator("[data-testid=timeline-chart]").GetByRole(AriaRole.Link, new() { Name = "Articles" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/articles\?from=2024-01-01&to=2024-03-31$"));
        var dates = page.Locator("[data-testid=articles-table] tbody tr td:first-child");
        await Expect(dates.First).ToContainTextAsync("2024-0");
        foreach (var d in await dates.AllInnerTextsAsync())
            Assert.Matches(@"^2024-0[123]-", d.Trim());
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task Articles_TypeInTheSearchBox_FiltersTheGridAndPutsTheQueryInTheUrl()
    {
        var (page, errors) = await server.OpenAsync("/articles");
        var total = page.Locator("[data-testid=export-articles]");
        await Expect(total).ToContainTextAsync("3,002");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("articles"), FullPage = true });

        await page.Locator("[data-testid=filter-text]").FillAsync("MLCommons");

        await Expect(page).ToHaveURLAsync(new Regex(@"q=MLCommons"));
        await Expect(total).Not.ToContainTextAsync("3,002");
        var titles = await page.Locator("[data-testid=article-link]").AllInnerTextsAsync();
        Assert.NotEmpty(titles);
        Assert.Contains(titles, t => t.Contains("MLCommons", StringComparison.OrdinalIgnoreCase));

        await page.Locator("[data-testid=article-link]").First.ClickAsync();
        await Expect(page.Locator("[data-testid=article-title]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=article-related]")).ToContainTextAsync("Related articles");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("article"), FullPage = true });

        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/articles\?q=MLCommons"));
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task Articles_SortHeadingsAndPager_ByKeyboardAndMouse_ReorderAndPageTheList()
    {
        var (page, errors) = await server.OpenAsync("/articles");
        var info = page.Locator("[data-testid=articles-page-info]");
        await Expect(info).ToHaveTextAsync(new Regex(@"^1-50 of [\d,]+$"));
        var rows = int.Parse((await info.InnerTextAsync()).Split(" of ")[1], System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(rows > 1000, $"{rows} rows");
        static string N(int n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        await Expect(page.Locator("th:has(button[data-sort=date])")).ToHaveAttributeAsync("aria-sort", "descending");

        // The headings are buttons: Enter sorts by the column, ascending first, and again reverses it.
        await page.Locator("button[data-sort=quality]").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("th:has(button[data-sort=quality])")).ToHaveAttributeAsync("aria-sort", "ascending");
        await Expect(page.Locator("th:has(button[data-sort=date])")).ToHaveAttributeAsync("aria-sort", "none");
        var ascending = await QualitiesAsync(page);
        Assert.Equal(ascending.Order(), ascending);
        // The heading keeps the focus through the new rows and the URL that records them.
        await Expect(page.Locator("button[data-sort=quality]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("th:has(button[data-sort=quality])")).ToHaveAttributeAsync("aria-sort", "descending");
        // Both orders are recorded in the URL, the first perhaps reported back after the second is shown: the page stays in
        // the newer order.
        await Expect(page).ToHaveURLAsync(new Regex(@"/articles\?sort=quality$")); // descending, the default direction
        await Expect(page.Locator("th:has(button[data-sort=quality])")).ToHaveAttributeAsync("aria-sort", "descending");
        var descending = await QualitiesAsync(page);
        Assert.Equal(descending.OrderDescending(), descending);
        Assert.True(descending[0] > ascending[0], $"{descending[0]} after {ascending[0]}");

        await page.Locator("[aria-label='Next page']").ClickAsync();
        await Expect(info).ToHaveTextAsync($"51-100 of {N(rows)}");
        await page.Locator("[data-testid=articles-page-size]").SelectOptionAsync("100");
        await Expect(info).ToHaveTextAsync($"1-100 of {N(rows)}");
        await Expect(page.Locator("[data-testid=article-link]")).ToHaveCountAsync(100);
        await page.Locator("[aria-label='Last page']").ClickAsync();
        await Expect(info).ToHaveTextAsync($"{N((rows - 1) / 100 * 100 + 1)}-{N(rows)} of {N(rows)}");

        // A new filter starts the list again from its first page, in the same order.
        await page.Locator("[data-testid=filter-text]").FillAsync("MLCommons");
        await Expect(info).ToHaveTextAsync(new Regex(@"^1-\d+ of \d+$"));
        await Expect(page.Locator("th:has(button[data-sort=quality])")).ToHaveAttributeAsync("aria-sort", "descending");
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task Articles_OrderAndPage_AreInTheUrl_ForLinksReloadsAndBack()
    {
        // A link names the order, page and page size as /api/articles reads them.
        var (page, errors) = await server.OpenAsync("/articles?sort=quality&dir=desc&page=2&pageSize=25");
        var info = page.Locator("[data-testid=articles-page-info]");
        await Expect(info).ToHaveTextAsync(new Regex(@"^26-50 of [\d,]+$"));
        var total = (await info.InnerTextAsync()).Split(" of ")[1];
        await Expect(page.Locator("th:has(button[data-sort=quality])")).ToHaveAttributeAsync("aria-sort", "descending");
        await Expect(page.Locator("[data-testid=articles-page-size]")).ToHaveValueAsync("25");
        var second = await QualitiesAsync(page);
        Assert.Equal(second.OrderDescending(), second);

        // Paging and sorting record the view in the URL, each a step back can undo.
        await page.Locator("[aria-label='Next page']").ClickAsync();
        await Expect(info).ToHaveTextAsync($"51-75 of {total}");
        await Expect(page).ToHaveURLAsync(new Regex(@"/articles\?(?=.*sort=quality)(?=.*page=3)(?=.*pageSize=25)"));
        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"page=2"));
        await Expect(info).ToHaveTextAsync($"26-50 of {total}");
        Assert.Equal(second, await QualitiesAsync(page));

        await page.Locator("button[data-sort=title]").ClickAsync();
        await Expect(page.Locator("th:has(button[data-sort=title])")).ToHaveAttributeAsync("aria-sort", "ascending");
        await Expect(page).ToHaveURLAsync(new Regex(@"/articles\?(?=.*sort=title)(?=.*dir=asc)(?!.*page=)"));
        var titles = await page.Locator("[data-testid=article-link]").AllInnerTextsAsync();

        // A reload opens the same view.
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#circuit-state[data-interactive=true]", new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        await Expect(info).ToHaveTextAsync($"1-25 of {total}");
        await Expect(page.Locator("th:has(button[data-sort=title])")).ToHaveAttributeAsync("aria-sort", "ascending");
        Assert.Equal(titles, await page.Locator("[data-testid=article-link]").AllInnerTextsAsync());
        Assert.Empty(errors);
    }

    /// <summary>The quality column of the rows shown once the list is loaded; unrated rows ("–") left out.</summary>
    private static async Task<int[]> QualitiesAsync(IPage page)
    {
        await Expect(page.Locator("[data-testid=articles-table] .mud-table-loading-row")).ToHaveCountAsync(0);
        var cells = await page.Locator("[data-testid=articles-table] tbody tr td:nth-child(4)").AllInnerTextsAsync();
        var rated = cells.Select(c => c.Trim()).Where(c => c != "–").Select(c => int.Parse(c, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.NotEmpty(rated);
        return rated;
    }

    [BrowserFact]
    public async Task Topics_ClickATopic_AddsItToTheFilter()
    {
        var (page, errors) = await server.OpenAsync("/topics");
        var first = page.Locator("[data-testid=topics-top] .share-label").First;
        await Expect(first).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=topics-heatmap] td.heatmap-cell").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("topics"), FullPage = true });
        var topic = (await first.InnerTextAsync()).Trim();

        await first.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("topic=" + Regex.Escape(Uri.EscapeDataString(topic))));
        await Expect(page.Locator("[data-testid=filter-bar]")).ToContainTextAsync(topic);
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task Providers_Leaderboard_ListsEveryProviderAndOpensOne()
    {
        var (page, errors) = await server.OpenAsync("/providers");
        var rows = page.Locator("[data-testid=leaderboard] tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();
        Assert.True(await rows.CountAsync() >= 40);
        await Expect(page.Locator("[data-testid=providers-summary]")).ToContainTextAsync("Best");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("providers"), FullPage = true });

        await rows.First.Locator("a").First.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/providers/[a-z0-9.-]+"));
        await TimeChartBrowserTests.DrawnAsync(page, "[data-testid=provider-timeline-chart-canvas]");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("provider-detail"), FullPage = true });
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task Overview_ChooseATimeRange_ChangesTheKpisAndShowsTheirChange()
    {
        var (page, errors) = await server.OpenAsync("/?from=2025-01-01&to=2025-06-30");
        var articles = page.Locator("[data-testid=total-articles] .total-value");
        await Expect(articles).Not.ToHaveTextAsync("…");
        var halfYear = (await articles.InnerTextAsync()).Trim();
        await Expect(page.Locator("[data-testid=total-articles-change]")).ToHaveTextAsync(new Regex(@"^[+−]\d+%$"));

        await page.Locator("[data-testid=filter-clear]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/$"));
        await Expect(articles).ToHaveTextAsync("3,002");
        Assert.NotEqual("3,002", halfYear);
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task DarkMode_Toggle_IsRememberedAcrossReloads()
    {
        var (page, errors) = await server.OpenAsync("/");
        await page.Locator("[data-testid=toggle-dark]").ClickAsync();
        await Expect(page.Locator("#circuit-state")).ToHaveAttributeAsync("data-dark", "true");

        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#circuit-state[data-interactive=true]", new() { State = WaitForSelectorState.Attached });

        await Expect(page.Locator("#circuit-state")).ToHaveAttributeAsync("data-dark", "true");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("overview-dark"), FullPage = true });
        Assert.Empty(errors);
    }
}
