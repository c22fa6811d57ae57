using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Queries.Graph;
using AiNewsDashboard.Core.Syndication;
using AiNewsDashboard.TestSupport;

namespace AiNewsDashboard.Core.Tests.Syndication;

/// <summary>What the pages read of the copy groups: counts once or each, "+N copies" in the list, originality, lead times without copies.</summary>
public sealed class SyndicationQueriesTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private ArticleBuilder _wire = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        // The wire at 6:00, two outlets republish it at 7:00 and 9:00 (linking to it); an own story of the outlet at 8:00 links too.
        _wire = new ArticleBuilder().From("wire.example", "Wire").PublishedOn(2026, 3, 2, 6).Titled(WireStory.Title).WithExcerpt(WireStory.Excerpt);
        await _db.ImportArticlesAsync(_wire,
            new ArticleBuilder().From("outlet.example", "Outlet").PublishedOn(2026, 3, 2, 7).Titled($"{WireStory.Title} - Outlet").WithExcerpt(WireStory.Excerpt).RelatedTo(_wire),
            new ArticleBuilder().From("paper.example", "Paper").PublishedOn(2026, 3, 2, 9).Titled($"{WireStory.Title} | Paper").WithExcerpt(WireStory.Excerpt).RelatedTo(_wire),
            new ArticleBuilder().From("outlet.example", "Outlet").PublishedOn(2026, 3, 2, 8).Titled("What the rate rise means for your mortgage payments")
                .WithExcerpt("Borrowers on variable rates will pay more from next month, lenders said").RelatedTo(_wire));
        await _db.Get<SyndicationService>().UpdateAsync();
        await _db.Get<ArticleFactsCache>().GetFreshAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Counts_CopiesOnce_CountEachTextOnce_ByDefaultEveryArticle()
    {
        var overview = _db.Get<OverviewQueries>();
        Assert.Equal(4, (await overview.GetKpisAsync(DashboardFilter.All)).Articles.Value);
        Assert.Equal(2, (await overview.GetKpisAsync(DashboardFilter.All with { CopiesOnce = true })).Articles.Value);
        Assert.Equal("copies=once", (DashboardFilter.All with { CopiesOnce = true }).ToQueryString());
        Assert.True(DashboardFilter.FromQueryString("copies=once").CopiesOnce);
        var problems = new QueryProblems();
        DashboardFilter.FromQueryString("copies=twice", problems);
        Assert.False(problems.IsEmpty);
    }

    [Fact]
    public async Task ArticleList_FoldsCopiesIntoTheirFirstPublisher()
    {
        var page = await _db.Get<ArticleQueries>().GetPageAsync(DashboardFilter.All);
        Assert.Equal((2, 2), (page.Total, page.CollapsedCopies));
        var wire = Assert.Single(page.Items, i => i.ProviderDomain == "wire.example");
        Assert.Equal(2, wire.Copies);

        // Without the first publisher in the list, a copy is a row of its own.
        var paperOnly = await _db.Get<ArticleQueries>().GetPageAsync(DashboardFilter.All with { Providers = ["paper.example"] });
        Assert.Equal((1, 0), (paperOnly.Total, paperOnly.CollapsedCopies));
    }

    [Fact]
    public async Task Report_NamesTheFirstPublisher_TheCopies_AndWhy()
    {
        var report = await _db.Get<SyndicationQueries>().GetReportAsync(DashboardFilter.All);
        var group = Assert.Single(report.Top);
        Assert.Equal("wire.example", group.First.ProviderDomain);
        Assert.Equal(["outlet.example", "paper.example"], group.Copies.Select(c => c.ProviderDomain));
        Assert.Equal([1.0, 3.0], group.Copies.Select(c => c.LagHours!.Value));
        Assert.True(group.Reasons.HasFlag(CopyReasons.SimilarText) && group.Reasons.HasFlag(CopyReasons.SameTitle));
        Assert.Equal(3, group.Providers);
        Assert.Equal(2, group.CopyCount);
        Assert.Equal((4, 2), (report.Articles, report.Copies));

        var originality = report.Providers.ToDictionary(p => p.Domain);
        Assert.Equal(1.0, originality["wire.example"].OriginalShare);
        Assert.Equal(0.5, originality["outlet.example"].OriginalShare);
        Assert.Equal(0.0, originality["paper.example"].OriginalShare);
    }

    // A wire story in a real corpus has over a thousand copies: the report lists the first ones and says how many there are.
    [Fact]
    public async Task Report_ManyCopies_ListsTheFirstOnes_CountsThemAll_AndAnArticlePageListsItsOwn()
    {
        var copies = Enumerable.Range(0, SyndicationQueries.MaxCopiesShown + 10).Select(i => new ArticleBuilder()
            .From($"c{i:D2}.example", $"Carrier {i:D2}").PublishedAt(new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc).AddMinutes(i))
            .Titled(WireStory.Title).WithExcerpt(WireStory.Excerpt)).ToArray();
        await _db.ImportArticlesAsync(copies);
        await _db.Get<SyndicationService>().UpdateAsync();
        await _db.Get<ArticleFactsCache>().GetFreshAsync();
        var queries = _db.Get<SyndicationQueries>();

        var group = Assert.Single((await queries.GetReportAsync(DashboardFilter.All)).Top);
        var last = await _db.IdOfAsync(copies[^1].Url);
        var ofLast = await queries.GetGroupOfAsync(last);

        Assert.Equal(SyndicationQueries.MaxCopiesShown + 12, group.CopyCount);
        Assert.Equal(SyndicationQueries.MaxCopiesShown, group.Copies.Count);
        Assert.Equal(["outlet.example", "paper.example", "c00.example"], group.Copies.Take(3).Select(c => c.ProviderDomain));
        Assert.DoesNotContain(group.Copies, c => c.Id == last);
        Assert.NotNull(ofLast);
        Assert.Equal(SyndicationQueries.MaxCopiesShown + 12, ofLast.CopyCount);
        Assert.Equal(SyndicationQueries.MaxCopiesShown + 1, ofLast.Copies.Count);
        Assert.Equal(last, ofLast.Copies[^1].Id);
        Assert.Equal("Carrier 59", ofLast.Copies[^1].ProviderName);
    }

    [Fact]
    public async Task Graph_FoldsCopiesIntoTheFirstPublishersNode_UnlessACopyIsTheFocus()
    {
        var queries = _db.Get<GraphQueries>();
        var view = await queries.GetGraphAsync(DashboardFilter.All, new GraphRequest());
        var wireId = await _db.IdOfAsync(_wire.Url);

        Assert.Equal(2, view.Nodes.Count);
        Assert.Equal(2, Assert.Single(view.Nodes, n => n.Id == wireId).Copies);
        Assert.DoesNotContain(view.Nodes, n => n.ProviderDomain == "paper.example");
        Assert.False(view.Truncated, view.Message); // folded copies are shown, as "+2 copies": nothing was cut
        Assert.All(view.Edges, e => Assert.Contains(view.Nodes, n => n.Id == e.Source));

        var copy = await _db.IdOfAsync((await _db.Get<SyndicationQueries>().GetReportAsync(DashboardFilter.All)).Top[0].Copies[0].Url!);
        var focused = await queries.GetGraphAsync(DashboardFilter.All, new GraphRequest { Focus = copy });
        Assert.Contains(focused.Nodes, n => n.Id == copy);
    }

    [Fact]
    public async Task FirstReporters_LeadTime_IsToTheFirstOwnReport_NotToACopy()
    {
        var reporters = (await _db.Get<GraphQueries>().GetFirstReportersAsync(DashboardFilter.All)).ToDictionary(r => r.Domain);
        // The outlet's copy at 7:00 doesn't end the wire's lead; the outlet's own story at 8:00 does.
        Assert.Equal(2.0, reporters["wire.example"].MedianLeadHours);
    }
}
