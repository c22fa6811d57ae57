using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;

namespace AiNewsDashboard.Core.Tests.Queries;

public sealed class ArticleQueriesTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private ArticleQueries Articles => _db.Get<ArticleQueries>();

    private async Task<int[]> IdsAsync(params ArticleBuilder[] articles)
    {
        var ids = new int[articles.Length];
        for (var i = 0; i < articles.Length; i++)
            ids[i] = await _db.IdOfAsync(articles[i]);
        return ids;
    }

    private async Task<int[]> PageIdsAsync(ArticleSort sort, int skip = 0, int take = 50) =>
        (await Articles.GetPageAsync(DashboardFilter.All, sort, skip, take)).Items.Select(i => i.Id).ToArray();

    [Fact]
    public async Task Page_DefaultOrder_IsNewestFirstWithTheTotal()
    {
        var a = Enumerable.Range(1, 5).Select(d => new ArticleBuilder().PublishedOn(2024, 1, d)).ToArray();
        await _db.ImportArticlesAsync(a);
        var ids = await IdsAsync(a);

        var first = await Articles.GetPageAsync(DashboardFilter.All, take: 2);
        var last = await Articles.GetPageAsync(DashboardFilter.All, skip: 4, take: 2);

        Assert.Equal((5, 0, 2), (first.Total, first.Skip, first.Take));
        Assert.Equal([ids[4], ids[3]], first.Items.Select(i => i.Id));
        Assert.Equal([ids[0]], last.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task Page_SortByDate_BreaksTiesByIdInTheSortDirection()
    {
        ArticleBuilder[] a = [new ArticleBuilder().PublishedOn(2024, 1, 1), .. Enumerable.Range(0, 3).Select(_ => new ArticleBuilder().PublishedOn(2024, 5, 1))];
        await _db.ImportArticlesAsync(a);
        var ids = await IdsAsync(a);

        Assert.Equal([ids[3], ids[2], ids[1], ids[0]], await PageIdsAsync(new ArticleSort(ArticleSortKey.Date)));
        Assert.Equal([ids[0], ids[1], ids[2], ids[3]], await PageIdsAsync(new ArticleSort(ArticleSortKey.Date, Ascending: true)));
    }

    [Fact]
    public async Task Page_SortByQuality_PutsUnknownLastAndBreaksTiesById()
    {
        var a = new int?[] { 70, 90, 70, null, 50 }.Select(q => new ArticleBuilder().WithQuality(q)).ToArray();
        await _db.ImportArticlesAsync(a);
        var ids = await IdsAsync(a);

        Assert.Equal([ids[1], ids[2], ids[0], ids[4], ids[3]], await PageIdsAsync(new ArticleSort(ArticleSortKey.Quality)));
        Assert.Equal([ids[4], ids[0], ids[2], ids[1], ids[3]], await PageIdsAsync(new ArticleSort(ArticleSortKey.Quality, Ascending: true)));
    }

    [Fact]
    public async Task Page_SortByHeat_PutsUnknownHeatLastBothWays()
    {
        var a = new[] { 5, -1, 20 }.Select(h => new ArticleBuilder().WithHeat(h)).ToArray();
        await _db.ImportArticlesAsync(a);
        var ids = await IdsAsync(a);

        Assert.Equal([ids[2], ids[0], ids[1]], await PageIdsAsync(new ArticleSort(ArticleSortKey.Heat)));
        Assert.Equal([ids[0], ids[2], ids[1]], await PageIdsAsync(new ArticleSort(ArticleSortKey.Heat, Ascending: true)));
    }

    [Fact]
    public async Task Page_SortByTitle_IgnoresCase()
    {
        var a = new[] { "banana", "Apple", "cherry", "apple pie" }.Select(t => new ArticleBuilder().Titled(t)).ToArray();
        await _db.ImportArticlesAsync(a);

        var page = await Articles.GetPageAsync(DashboardFilter.All, new ArticleSort(ArticleSortKey.Title, Ascending: true));
        var reversed = await Articles.GetPageAsync(DashboardFilter.All, new ArticleSort(ArticleSortKey.Title));

        Assert.Equal(["Apple", "apple pie", "banana", "cherry"], page.Items.Select(i => i.Title));
        Assert.Equal(["cherry", "banana", "apple pie", "Apple"], reversed.Items.Select(i => i.Title));
    }

    [Fact]
    public async Task Page_SortByProvider_UsesProviderNames()
    {
        await _db.ImportArticlesAsync(new ArticleBuilder().From("a.example", "Zeta"), new ArticleBuilder().From("z.example", "alpha"),
            new ArticleBuilder().From("m.example", "Mu"));

        var page = await Articles.GetPageAsync(DashboardFilter.All, new ArticleSort(ArticleSortKey.Provider, Ascending: true));

        Assert.Equal(["alpha", "Mu", "Zeta"], page.Items.Select(i => i.ProviderName));
    }

    [Fact]
    public async Task Page_TopKOfALargeList_AgreesWithSortingEverything()
    {
        // 80 articles, qualities with many ties: a page of 10 takes the heap path, the export the full sort.
        var a = Enumerable.Range(0, 80).Select(i => new ArticleBuilder().WithQuality(i * 37 % 5 * 20).PublishedOn(2024, 1, 1 + i % 28)).ToArray();
        await _db.ImportArticlesAsync(a);
        var sort = new ArticleSort(ArticleSortKey.Quality);

        var everything = await Articles.StreamAsync(DashboardFilter.All, sort).Select(i => i.Id).ToArrayAsync();

        Assert.Equal(everything.Take(10), await PageIdsAsync(sort, 0, 10));
        Assert.Equal(everything.Skip(10).Take(10), await PageIdsAsync(sort, 10, 10));
        Assert.Equal(everything.Skip(75), await PageIdsAsync(sort, 75, 10));
    }

    [Fact]
    public async Task Page_Items_CarryTheListFields()
    {
        var article = new ArticleBuilder().Titled("Robots at work").From("alpha.example", "Alpha News")
            .PublishedAt(new DateTime(2024, 3, 1, 9, 30, 0)).InCategory("analysis").WithQuality(77).WithHeat(33).Published(true)
            .WithTopics("Robotics", "AI");
        await _db.ImportArticlesAsync(article);

        var item = Assert.Single((await Articles.GetPageAsync(DashboardFilter.All)).Items);

        Assert.Equal(new ArticleListItem(await _db.IdOfAsync(article), article.Url, "Robots at work", "alpha.example", "Alpha News",
            new DateTime(2024, 3, 1, 9, 30, 0, DateTimeKind.Utc), "analysis", 77, 33, true, item.Topics, false), item);
        Assert.Equal(["Robotics", "AI"], item.Topics);
        Assert.Equal(DateTimeKind.Utc, item.PublishedAt!.Value.Kind);
    }

    [Fact]
    public async Task Stream_YieldsEveryMatchingArticleInListOrder()
    {
        // More than one chunk of 500.
        var a = Enumerable.Range(0, 1_100).Select(i => new ArticleBuilder().PublishedAt(new DateTime(2020, 1, 1).AddHours(i * 7 % 1_100))
            .WithQuality(i % 101)).ToArray();
        await _db.ImportArticlesAsync(a);
        var filter = new DashboardFilter { MinQuality = 20 };

        var total = (await Articles.GetPageAsync(filter, take: 1)).Total;
        var rows = await Articles.StreamAsync(filter, new ArticleSort(ArticleSortKey.Date, Ascending: true)).ToListAsync();

        Assert.Equal(total, rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => r.Id).Distinct().Count());
        Assert.All(rows, r => Assert.True(r.Quality >= 20));
        Assert.Equal(rows.OrderBy(r => r.PublishedAt).ThenBy(r => r.Id).Select(r => r.Id), rows.Select(r => r.Id));
    }

    [Fact]
    public async Task GetArticle_ReturnsEveryStoredFieldWithImagesTopicsAndRelatedInOrder()
    {
        var target = new ArticleBuilder().Titled("Target story");
        var article = new ArticleBuilder().Titled("Main story").WithExcerpt("What happened.").From("alpha.example", "Alpha News")
            .PublishedAt(new DateTime(2024, 3, 1, 9, 30, 0)).InCategory("analysis").WithQuality(77).WithHeat(33).Published(true)
            .WithOriginalUrl("https://alpha.example/original").WithTopics("Robotics", "AI")
            .RelatedTo(target).RelatedTo("https://elsewhere.example/unknown", "Unknown elsewhere", "elsewhere.example", 40)
            .WithLine("images:").WithLine("  - url: \"https://img.example/a.jpg\"").WithLine("    width: 640").WithLine("    height: 480")
            .WithLine("    isCached: true").WithLine("customField: 42");
        await _db.ImportArticlesAsync(target, article);
        var id = await _db.IdOfAsync(article);

        var detail = (await Articles.GetArticleAsync(id))!;

        Assert.Equal((id, "Main story", "What happened.", "analysis", "article"), (detail.Id, detail.Title, detail.Excerpt, detail.Category, detail.Type));
        Assert.Equal((article.Url, "https://alpha.example/original"), (detail.WebUrl, detail.OriginalUrl));
        Assert.Equal(new DateTime(2024, 3, 1, 9, 30, 0, DateTimeKind.Utc), detail.PublishedAt);
        Assert.Equal((77, 33, true), (detail.Quality!.Value, detail.Heat!.Value, detail.Published!.Value));
        Assert.Equal(("alpha.example", "Alpha News", false, false), (detail.ProviderDomain, detail.ProviderName, detail.IsReference, detail.IsDemo));
        Assert.NotNull(detail.ContentHash);
        Assert.StartsWith("articles/", detail.SourcePath);
        Assert.Contains("\"customField\"", detail.ExtraJson);
        Assert.Equal(["Robotics", "AI"], detail.Topics);
        Assert.Contains("https://alpha.example/original", detail.Urls);
        Assert.Equal([new ArticleDetailImage("https://img.example/a.jpg", 640, 480, true)], detail.Images);
        Assert.Equal([(0, await _db.IdOfAsync(target), "Target story"), (1, await _db.IdOfAsync("https://elsewhere.example/unknown"), "Unknown elsewhere")],
            detail.Related.Select(r => (r.Position, r.TargetArticleId!.Value, r.Title)));
        Assert.Equal(("elsewhere.example", 40), (detail.Related[1].ProviderDomain, detail.Related[1].Quality!.Value));
    }

    [Fact]
    public async Task GetArticle_UnknownId_IsNull() => Assert.Null(await Articles.GetArticleAsync(12345));
}
