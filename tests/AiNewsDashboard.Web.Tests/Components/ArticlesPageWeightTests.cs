using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Components.Pages;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AiNewsDashboard.Web.Tests.Components;

/// <summary>
/// What the Articles page costs an open page, and its table's sorting and paging. Every component of a Blazor Server
/// page stays in the server's memory while the page is open (about 5 KB each): drawn by MudTable, a page of 50 rows held
/// about 207 (a MudTr per row, sort labels, chips, the pager's select); drawn as MudTable's markup it holds a handful.
/// </summary>
public sealed class ArticlesPageWeightTests(ITestOutputHelper output) : MudTestContext
{
    /// <summary>
    /// The most the page may hold with a full page of 50 rows, a reference and a copies chip showing. It holds 9 (the page,
    /// its title, heading, spacer, export button and problems alert); a MudTable put back holds over 100.
    /// </summary>
    private const int MostComponents = 15;

    private NavigationManager Nav => Services.GetRequiredService<NavigationManager>();

    protected override async Task SetUpAsync()
    {
        Services.AddSingleton(Db.Get<ArticleQueries>());
        // 60 articles, one a day, quality rising with the day: "Story 01" is the oldest, "Story 60" the newest.
        var files = Enumerable.Range(1, 60).Select(i => ($"{i:00}.md", new ArticleBuilder().Titled($"Story {i:00}")
            .PublishedAt(new DateTime(2025, 1, 1, 12, 0, 0, DateTimeKind.Utc).AddDays(i)).WithQuality(i).Build())).ToArray();
        await Db.ImportTextsAsync(files);
    }

    private IRenderedComponent<ArticlesPage> RenderList(string url = "/articles")
    {
        Nav.NavigateTo(url);
        var page = Render<ArticlesPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=article-link]")));
        return page;
    }

    private static string[] Titles(IRenderedComponent<ArticlesPage> page) =>
        page.FindAll("[data-testid=article-link]").Select(a => a.TextContent.Trim()).ToArray();

    private static string AriaSort(IRenderedComponent<ArticlesPage> page, string key) =>
        page.Find($"button[data-sort={key}]").ParentElement!.GetAttribute("aria-sort")!;

    /// <summary>Waits for the list to be idle (no load under way), then clicks, as a person would see the rows first.</summary>
    private static Task Click(IRenderedComponent<ArticlesPage> page, string selector)
    {
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-table-loading-row")));
        return page.InvokeAsync(() => page.Find(selector).Click());
    }

    private static Task Change(IRenderedComponent<ArticlesPage> page, string selector, string value)
    {
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-table-loading-row")));
        return page.InvokeAsync(() => page.Find(selector).Change(value));
    }

    [Fact]
    public void Render_AFullPageOf50Rows_StaysUnderTheBound()
    {
        var page = RenderList();
        page.WaitForAssertion(() => Assert.Equal(50, page.FindAll("[data-testid=articles-table] tbody tr.mud-table-row").Count));

        var count = ComponentWeight.Count(page, output, "ArticlesPage with 50 rows");
        Assert.True(count <= MostComponents,
            $"The Articles page holds {count} components with 50 rows, more than {MostComponents}: each one is kept in server memory " +
            "for every open page. Draw rows, cells, chips and pager controls as markup, or raise the bound with the reason.");
    }

    [Fact]
    public void Render_NewestFirst_FiftyRowsAndThePagerCount()
    {
        var page = RenderList();

        page.WaitForAssertion(() => Assert.Equal(50, Titles(page).Length));
        Assert.Equal("Story 60", Titles(page)[0]);
        Assert.Equal("Story 11", Titles(page)[^1]);
        Assert.Equal("descending", AriaSort(page, "date"));
        Assert.Equal("none", AriaSort(page, "title"));
        Assert.Equal("1-50 of 60", page.Find("[data-testid=articles-page-info]").TextContent.Trim());
        Assert.True(page.Find("[aria-label='Previous page']").HasAttribute("disabled"));
        Assert.Contains("60 rows", page.Find("[data-testid=export-articles]").TextContent);
    }

    [Fact]
    public async Task ClickAHeading_SortsAscendingThenDescending_FromTheFirstPage()
    {
        var page = RenderList();
        await Click(page, "[aria-label='Next page']");
        page.WaitForAssertion(() => Assert.Equal("Story 10", Titles(page)[0]));

        await Click(page, "button[data-sort=quality]");

        page.WaitForAssertion(() => Assert.Equal("Story 01", Titles(page)[0]));
        Assert.Equal("ascending", AriaSort(page, "quality"));
        Assert.Equal("none", AriaSort(page, "date"));
        Assert.Equal("1-50 of 60", page.Find("[data-testid=articles-page-info]").TextContent.Trim());

        await Click(page, "button[data-sort=quality]");

        page.WaitForAssertion(() => Assert.Equal("Story 60", Titles(page)[0]));
        Assert.Equal("descending", AriaSort(page, "quality"));

        await Click(page, "button[data-sort=title]");
        page.WaitForAssertion(() => Assert.Equal("Story 01", Titles(page)[0]));
        await Click(page, "button[data-sort=date]");
        page.WaitForAssertion(() => Assert.Equal("ascending", AriaSort(page, "date")));
        Assert.Equal("Story 01", Titles(page)[0]);
    }

    [Fact]
    public async Task PhoneSortSelect_ChoosesTheColumn_AndTheButtonReversesIt()
    {
        var page = RenderList();

        await Change(page, "[data-testid=articles-sort-select]", "Title");

        page.WaitForAssertion(() => Assert.Equal("Story 01", Titles(page)[0]));
        Assert.Equal("ascending", AriaSort(page, "title"));

        await Click(page, "[data-testid=articles-sort-direction]");

        page.WaitForAssertion(() => Assert.Equal("Story 60", Titles(page)[0]));
        Assert.Equal("descending", AriaSort(page, "title"));
    }

    [Fact]
    public async Task Pager_StepsThroughThePages_AndAPageSizeStartsAgain()
    {
        var page = RenderList();

        await Click(page, "[aria-label='Last page']");

        page.WaitForAssertion(() => Assert.Equal(10, Titles(page).Length));
        Assert.Equal("Story 10", Titles(page)[0]);
        Assert.Equal("51-60 of 60", page.Find("[data-testid=articles-page-info]").TextContent.Trim());
        Assert.True(page.Find("[aria-label='Next page']").HasAttribute("disabled"));
        Assert.False(page.Find("[aria-label='First page']").HasAttribute("disabled"));

        await Change(page, "[data-testid=articles-page-size]", "25");

        page.WaitForAssertion(() => Assert.Equal(25, Titles(page).Length));
        Assert.Equal("Story 60", Titles(page)[0]);
        Assert.Equal("1-25 of 60", page.Find("[data-testid=articles-page-info]").TextContent.Trim());

        await Click(page, "[aria-label='Next page']");
        page.WaitForAssertion(() => Assert.Equal("Story 35", Titles(page)[0]));
        await Click(page, "[aria-label='Previous page']");
        page.WaitForAssertion(() => Assert.Equal("Story 60", Titles(page)[0]));
    }

    [Fact]
    public async Task NewFilter_BackToTheFirstPage_KeepsTheOrderAndPageSize()
    {
        var page = RenderList();
        await Click(page, "button[data-sort=title]");
        page.WaitForAssertion(() => Assert.Equal("Story 01", Titles(page)[0]));
        await Change(page, "[data-testid=articles-page-size]", "25");
        await Click(page, "[aria-label='Next page']");
        page.WaitForAssertion(() => Assert.Equal("Story 26", Titles(page)[0]));
        Assert.EndsWith("/articles?sort=title&dir=asc&page=2&pageSize=25", Nav.Uri); // the view, recorded in the URL

        // As the filter bar does: the new filter, keeping the order and page size but not the page.
        Nav.NavigateTo(AiNewsDashboard.Web.Components.Filters.FilterUrl.Here(Nav, DashboardFilter.All with { MinQuality = 5 }, "sort", "dir", "pageSize"));

        page.WaitForAssertion(() => Assert.Equal("Story 05", Titles(page)[0]));
        Assert.Equal(25, Titles(page).Length);
        Assert.Equal("1-25 of 56", page.Find("[data-testid=articles-page-info]").TextContent.Trim());
    }

    [Fact]
    public void NothingMatches_SaysSo()
    {
        var page = RenderList();

        Nav.NavigateTo("/articles?minQuality=99");

        page.WaitForElement("[data-testid=articles-empty]");
        Assert.Empty(page.FindAll("[data-testid=article-link]"));
        Assert.Equal("0-0 of 0", page.Find("[data-testid=articles-page-info]").TextContent.Trim());
    }

    [Fact]
    public async Task SortTwice_BeforeTheBrowserReportsTheFirstUrl_KeepsTheNewerOrder()
    {
        // A browser reports a recorded URL back a round trip later; a quick second sort is shown before the first one's
        // URL comes back, and that URL must not bring the first order back.
        var nav = new LateNavigationManager();
        Services.AddSingleton<NavigationManager>(nav);
        var page = Render<ArticlesPage>();
        page.WaitForAssertion(() => Assert.Equal("Story 60", Titles(page)[0]));

        await Click(page, "button[data-sort=quality]");
        page.WaitForAssertion(() => Assert.Equal("Story 01", Titles(page)[0]));
        await Click(page, "button[data-sort=quality]");
        page.WaitForAssertion(() => Assert.Equal("Story 60", Titles(page)[0]));
        page.WaitForAssertion(() => Assert.Equal(2, nav.Unreported));

        await page.InvokeAsync(nav.ReportOne); // the ascending order's URL, late
        Assert.Equal("descending", AriaSort(page, "quality"));
        Assert.Empty(page.FindAll(".mud-table-loading-row"));
        await page.InvokeAsync(nav.ReportOne);
        Assert.Equal("descending", AriaSort(page, "quality"));
        Assert.Equal("Story 60", Titles(page)[0]);
        Assert.Equal("http://localhost/articles?sort=quality", nav.Uri); // descending, the default direction

        // The back button then returns to the ascending order, which loads again.
        await page.InvokeAsync(() => nav.Back("http://localhost/articles?sort=quality&dir=asc"));
        page.WaitForAssertion(() => Assert.Equal("Story 01", Titles(page)[0]));
        Assert.Equal("ascending", AriaSort(page, "quality"));
    }

    /// <summary>Navigates as a browser does: the new URL reaches the page only when the test reports it.</summary>
    private sealed class LateNavigationManager : NavigationManager
    {
        private readonly Queue<string> _unreported = new();

        public LateNavigationManager() => Initialize("http://localhost/", "http://localhost/articles");

        public int Unreported => _unreported.Count;

        protected override void NavigateToCore(string uri, NavigationOptions options) => _unreported.Enqueue(ToAbsoluteUri(uri).AbsoluteUri);

        public void ReportOne()
        {
            Uri = _unreported.Dequeue();
            NotifyLocationChanged(isInterceptedLink: false);
        }

        public void Back(string uri)
        {
            Uri = uri;
            NotifyLocationChanged(isInterceptedLink: false);
        }
    }
}
