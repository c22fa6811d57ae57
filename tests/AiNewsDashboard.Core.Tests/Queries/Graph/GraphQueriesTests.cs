using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Queries.Graph;
using AiNewsDashboard.TestSupport;

namespace AiNewsDashboard.Core.Tests.Queries.Graph;

public sealed class GraphQueriesTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private GraphQueries Graph => _db.Get<GraphQueries>();

    private static readonly DateTime T0 = new(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private static ArticleBuilder Article(string provider, int minutes) =>
        new ArticleBuilder().From($"{provider}.example", provider).PublishedAt(T0.AddMinutes(minutes)).Titled($"{provider} at +{minutes} min");

    /// <summary>
    /// Story one: alpha (0 min) ↔ beta (+90) → gamma (+30), and alpha also lists a page nobody imported (a reference).
    /// Story two: delta (+600) → epsilon (+660). An article alone (zeta).
    /// </summary>
    private async Task<(ArticleBuilder Alpha, ArticleBuilder Beta, ArticleBuilder Gamma, ArticleBuilder Delta, ArticleBuilder Epsilon, ArticleBuilder Zeta)> ImportStoriesAsync()
    {
        var alpha = Article("alpha", 0);
        var beta = Article("beta", 90);
        var gamma = Article("gamma", 30);
        var delta = Article("delta", 600).WithTopics("Chips", "AI");
        var epsilon = Article("epsilon", 660).WithTopics("Chips");
        var zeta = Article("zeta", 1000);
        alpha.RelatedTo(beta).RelatedTo("https://elsewhere.example/only-a-reference", domain: "elsewhere.example");
        beta.RelatedTo(alpha).RelatedTo(gamma);
        delta.RelatedTo(epsilon);
        await _db.ImportArticlesAsync(alpha, beta, gamma, delta, epsilon, zeta);
        return (alpha, beta, gamma, delta, epsilon, zeta);
    }

    [Fact]
    public async Task Graph_NoFilterAndRoomEnough_EveryArticleAndReferenceIsANodeAndEveryLinkAnEdge()
    {
        var s = await ImportStoriesAsync();
        var reference = await _db.IdOfAsync("https://elsewhere.example/only-a-reference");

        var view = await Graph.GetGraphAsync(DashboardFilter.All, new GraphRequest { Limit = 1000 });

        Assert.False(view.Truncated);
        Assert.Null(view.Message);
        Assert.Equal(7, view.Nodes.Count);
        Assert.True(view.Nodes.Single(n => n.Id == reference).IsReference);
        var alpha = await _db.IdOfAsync(s.Alpha);
        var beta = await _db.IdOfAsync(s.Beta);
        var gamma = await _db.IdOfAsync(s.Gamma);
        var delta = await _db.IdOfAsync(s.Delta);
        var epsilon = await _db.IdOfAsync(s.Epsilon);
        Assert.Equal(
            new[] { (alpha, beta), (alpha, reference), (beta, alpha), (beta, gamma), (delta, epsilon) }.Order(),
            view.Edges.Select(e => (e.Source, e.Target)).Order());
        var node = view.Nodes.Single(n => n.Id == alpha);
        Assert.Equal(("alpha at +0 min", "alpha", "alpha.example", T0), (node.Title, node.Provider, node.ProviderDomain, node.PublishedAt));
        Assert.Equal(s.Alpha.Url, node.Url);
        Assert.Equal(2, node.Degree); // beta (both ways, once) and the reference
        Assert.Null(node.Hop);
        // One cluster per story, named by its smallest article id.
        Assert.Equal(Math.Min(alpha, Math.Min(beta, Math.Min(gamma, reference))), node.Cluster);
        Assert.Equal(3, view.Nodes.Select(n => n.Cluster).Distinct().Count());
    }

    [Fact]
    public async Task Graph_FilteredByProvider_ShowsItsArticlesAndTheArticlesLinkedWithThem()
    {
        var s = await ImportStoriesAsync();

        var view = await Graph.GetGraphAsync(new DashboardFilter { Providers = ["gamma.example"] }, new GraphRequest());

        // gamma is listed by beta: the link works both ways for "linked with".
        Assert.Equal(new[] { await _db.IdOfAsync(s.Beta), await _db.IdOfAsync(s.Gamma) }.Order(), view.Nodes.Select(n => n.Id).Order());
        Assert.Single(view.Edges);
    }

    [Fact]
    public async Task Graph_Focus_AddsTheNeighbourhoodWithHopsEvenOutsideTheFilter()
    {
        var s = await ImportStoriesAsync();
        var gamma = await _db.IdOfAsync(s.Gamma);

        var view = await Graph.GetGraphAsync(new DashboardFilter { Providers = ["zeta.example"] }, new GraphRequest { Focus = gamma, Hops = 2 });

        var hops = view.Nodes.Where(n => n.Hop is not null).ToDictionary(n => n.Id, n => n.Hop!.Value);
        Assert.Equal(0, hops[gamma]);
        Assert.Equal(1, hops[await _db.IdOfAsync(s.Beta)]);
        Assert.Equal(2, hops[await _db.IdOfAsync(s.Alpha)]);
        Assert.Equal(3, hops.Count); // the reference is three links from gamma
        Assert.Contains(view.Nodes, n => n.Id == TestIds(view, "zeta")); // the filtered article stays
    }

    private static int TestIds(GraphView view, string provider) => view.Nodes.Single(n => n.Provider == provider).Id;

    [Fact]
    public async Task Graph_OverTheLimit_KeepsWholeStoriesLargestFirstAndSaysWhatWasCut()
    {
        var s = await ImportStoriesAsync();

        var view = await Graph.GetGraphAsync(DashboardFilter.All, new GraphRequest { Limit = 5 });

        Assert.True(view.Truncated);
        Assert.Equal(7, view.TotalNodes);
        Assert.Equal(5, view.TotalEdges);
        // The story of four (alpha, beta, gamma, the reference), then no room for delta-epsilon whole: one of the two
        // (equally linked) fills the last place, and the cut ends there: zeta, alone, never makes it.
        Assert.Equal(5, view.Nodes.Count);
        Assert.Contains(view.Nodes, n => n.Id == TestIds(view, "alpha"));
        Assert.Single(view.Nodes, n => n.Provider is "delta" or "epsilon");
        Assert.DoesNotContain(view.Nodes, n => n.Provider == "zeta");
        Assert.Equal(4, view.Edges.Count);
        Assert.Contains("Showing 5 of 7 articles and 4 of 5 links", view.Message);
        Assert.Contains("Narrow the time range", view.Message);
    }

    [Fact]
    public async Task Graph_UnfilteredAgain_GivesTheSameCutUntilTheGraphChanges()
    {
        await ImportStoriesAsync();
        var first = await Graph.GetGraphAsync(DashboardFilter.All, new GraphRequest { Limit = 5 });

        var again = await Graph.GetGraphAsync(DashboardFilter.All, new GraphRequest { Limit = 5 });
        var wider = await Graph.GetGraphAsync(DashboardFilter.All, new GraphRequest { Limit = 50 });
        await _db.ImportArticlesAsync(new ArticleBuilder().At("https://news.example/late").From("eta.example").PublishedOn(2025, 6, 1));
        var afterImport = await Graph.GetGraphAsync(DashboardFilter.All, new GraphRequest { Limit = 50 }, current: true);

        Assert.Equal(first.Nodes.Select(n => n.Id), again.Nodes.Select(n => n.Id));
        Assert.Equal(first.Edges, again.Edges);
        Assert.Equal((first.TotalNodes, first.TotalEdges, first.Message), (again.TotalNodes, again.TotalEdges, again.Message));
        Assert.Equal(7, wider.Nodes.Count);
        Assert.Equal(8, afterImport.Nodes.Count);
        var late = await _db.IdOfAsync("https://news.example/late");
        Assert.Contains(afterImport.Nodes, n => n.Id == late);
    }

    [Fact]
    public async Task Graph_OverTheLimitWithAFocus_KeepsTheFocusNeighbourhoodFirst()
    {
        var s = await ImportStoriesAsync();
        var delta = await _db.IdOfAsync(s.Delta);

        var view = await Graph.GetGraphAsync(DashboardFilter.All, new GraphRequest { Limit = 2, Focus = delta });

        Assert.Equal(new[] { delta, await _db.IdOfAsync(s.Epsilon) }.Order(), view.Nodes.Select(n => n.Id).Order());
        Assert.True(view.Truncated);
    }

    [Fact]
    public async Task Graph_Expand_AddsThatArticlesNeighbours()
    {
        var s = await ImportStoriesAsync();
        var beta = await _db.IdOfAsync(s.Beta);

        var view = await Graph.GetGraphAsync(new DashboardFilter { Providers = ["zeta.example"] }, new GraphRequest { Expand = [beta] });

        Assert.Equal(new[] { "alpha", "beta", "gamma", "zeta" }, view.Nodes.Select(n => n.Provider).Order());
    }

    [Fact]
    public async Task Graph_Cluster_ShowsExactlyThatStory()
    {
        var s = await ImportStoriesAsync();
        var delta = await _db.IdOfAsync(s.Delta);
        var cluster = (await Graph.GetGraphAsync(DashboardFilter.All, new GraphRequest())).Nodes.Single(n => n.Id == delta).Cluster;

        var view = await Graph.GetGraphAsync(DashboardFilter.All, new GraphRequest { Cluster = cluster });

        Assert.Equal(new[] { "delta", "epsilon" }, view.Nodes.Select(n => n.Provider).Order());
        Assert.Single(view.Edges);
    }

    [Fact]
    public async Task Graph_UnknownFocusOrCluster_IsReportedByName()
    {
        await ImportStoriesAsync();

        var view = await Graph.GetGraphAsync(DashboardFilter.All, new GraphRequest { Focus = 999_999, Cluster = 888_888, Expand = [777_777] });

        Assert.Equal(
            ["cluster: there is no story cluster with id 888888", "focus: there is no article with id 999999", "expand: there is no article with id 777777"],
            view.Problems);
    }

    [Fact]
    public async Task Clusters_FilterMatchingOneMember_ListsTheWholeStoryWithItsFirstReporter()
    {
        var s = await ImportStoriesAsync();

        var list = await Graph.GetClustersAsync(new DashboardFilter { Providers = ["gamma.example"] });

        var story = Assert.Single(list.Clusters);
        Assert.Equal(1, list.Total);
        Assert.Equal(4, story.Size);
        Assert.Equal("alpha", story.FirstProvider);
        Assert.Equal(0.5, story.LeadTimeHours); // gamma 30 min after alpha
        Assert.Equal("alpha at +0 min", story.Headline);
        Assert.Equal(T0, story.Start);
        // The reference is dated by the related list it came from: alpha's time plus two hours.
        Assert.Equal(T0.AddHours(2), story.End);
        Assert.Equal(["alpha", "beta", "elsewhere.example", "gamma"], story.Providers);
    }

    [Fact]
    public async Task Clusters_AllStories_LargestFirstSingletonsLeftOutTopTopicsByCount()
    {
        await ImportStoriesAsync();

        var list = await Graph.GetClustersAsync(DashboardFilter.All);

        Assert.Equal([4, 2], list.Clusters.Select(c => c.Size));
        Assert.Equal(["Chips", "AI"], list.Clusters[1].TopTopics);
        Assert.Equal(1.0, list.Clusters[1].LeadTimeHours);
        Assert.Equal(3, (await Graph.GetClustersAsync(DashboardFilter.All, minSize: 1)).Total);
    }

    [Fact]
    public async Task FirstReporters_ShareOfStoriesBrokenAndMedianLead()
    {
        await ImportStoriesAsync();
        // A third story that beta breaks, three hours ahead of alpha.
        var early = Article("beta", 2000);
        var late = Article("alpha", 2180);
        late.RelatedTo(early);
        await _db.ImportArticlesAsync(early, late);

        var reporters = (await Graph.GetFirstReportersAsync(DashboardFilter.All)).ToDictionary(r => r.Domain);

        Assert.Equal((2, 1, 0.5, 0.5), (reporters["alpha.example"].Stories, reporters["alpha.example"].Broke, reporters["alpha.example"].Share,
            reporters["alpha.example"].MedianLeadHours!.Value));
        Assert.Equal((2, 1, 3.0), (reporters["beta.example"].Stories, reporters["beta.example"].Broke, reporters["beta.example"].MedianLeadHours!.Value));
        Assert.Equal((1, 1), (reporters["delta.example"].Stories, reporters["delta.example"].Broke));
        Assert.Equal((1, 0), (reporters["epsilon.example"].Stories, reporters["epsilon.example"].Broke));
        Assert.Null(reporters["epsilon.example"].MedianLeadHours);
        Assert.DoesNotContain("zeta.example", reporters.Keys);
    }

    // Every open Providers page shows them: one list per graph and filter, not one per page.
    [Fact]
    public async Task FirstReporters_SameGraphAndFilter_OneAnswer_UntilNewArticles()
    {
        await ImportStoriesAsync();
        var alphaOnly = DashboardFilter.All with { Providers = ["alpha.example"] };
        await _db.Get<ArticleGraphCache>().GetCurrentAsync();

        var first = await Graph.GetFirstReportersAsync(DashboardFilter.All);
        var again = await Graph.GetFirstReportersAsync(DashboardFilter.All);
        var filtered = await Graph.GetFirstReportersAsync(alphaOnly);
        var filteredAgain = await Graph.GetFirstReportersAsync(alphaOnly);
        var afterFiltered = await Graph.GetFirstReportersAsync(DashboardFilter.All);
        var early = Article("beta", 2000);
        await _db.ImportArticlesAsync(early, Article("alpha", 2180).RelatedTo(early));
        await _db.Get<ArticleGraphCache>().GetCurrentAsync(); // the new articles' graph, not the last one while it is built
        var after = await Graph.GetFirstReportersAsync(DashboardFilter.All);

        Assert.Same(first, again);
        Assert.Same(filtered, filteredAgain);
        Assert.Same(first, afterFiltered); // the filtered answer didn't replace it
        Assert.NotSame(first, after);
        Assert.Equal(first.Single(r => r.Domain == "beta.example").Stories + 1, after.Single(r => r.Domain == "beta.example").Stories);
    }

    [Fact]
    public async Task Headlines_NameEachStoryByItsFirstReport()
    {
        var s = await ImportStoriesAsync();
        var all = await Graph.GetGraphAsync(DashboardFilter.All, new GraphRequest());
        var story = all.Nodes.Single(n => n.Provider == "beta").Cluster;
        var other = all.Nodes.Single(n => n.Provider == "epsilon").Cluster;

        var headlines = await Graph.GetHeadlinesAsync([story, other, 999_999]);

        Assert.Equal(new Dictionary<int, string> { [story] = "alpha at +0 min", [other] = "delta at +600 min" }, headlines);
    }

    /// <summary>Five articles of one site linked among themselves: larger than story two, but one site's sidebar, not a story.</summary>
    private async Task<ArticleBuilder> ImportOneSiteClusterAsync()
    {
        var solo = Enumerable.Range(0, 5).Select(i => Article("solo", 2000 + i).WithHeat(900)).ToArray();
        for (var i = 1; i < solo.Length; i++)
            solo[0].RelatedTo(solo[i]);
        await _db.ImportArticlesAsync(solo);
        return solo[0];
    }

    [Fact]
    public async Task Clusters_OneSiteClusterLargerThanAStory_RankedAfterEveryStoryAndMarkedOneSite()
    {
        // Guards the bug where the largest "stories" of real data were one site's sidebar links.
        await ImportStoriesAsync();
        await ImportOneSiteClusterAsync();

        var list = await Graph.GetClustersAsync(DashboardFilter.All);

        Assert.Equal([(4, false), (2, false), (5, true)], list.Clusters.Select(c => (c.Size, c.OneSite)));
        Assert.Equal([4, 2, 1], list.Clusters.Select(c => c.ProviderCount));
    }

    [Fact]
    public async Task Clusters_SameProvidersAndSize_HotterStoryFirst()
    {
        var cool = Article("alpha", 0).WithHeat(10);
        var coolToo = Article("beta", 5).WithHeat(10);
        var hot = Article("alpha", 50).WithHeat(500);
        var hotToo = Article("beta", 55).WithHeat(10);
        cool.RelatedTo(coolToo);
        hot.RelatedTo(hotToo);
        await _db.ImportArticlesAsync(cool, coolToo, hot, hotToo);

        var list = await Graph.GetClustersAsync(DashboardFilter.All);

        Assert.Equal([510L, 20L], list.Clusters.Select(c => c.Heat));
    }

    [Fact]
    public async Task Graph_TopStories_ShowsOnlyTheMembersOfTheBestRankedStories()
    {
        var s = await ImportStoriesAsync();
        await ImportOneSiteClusterAsync();

        var view = await Graph.GetGraphAsync(DashboardFilter.All, new GraphRequest { Stories = 2 });

        // Story one (4 providers) and story two (2); not the larger one-site cluster, not the lone article.
        Assert.Equal(["alpha", "beta", "delta", "elsewhere.example", "epsilon", "gamma"], view.Nodes.Select(n => n.Provider ?? n.ProviderDomain).Order());
        Assert.Equal(6, view.TotalNodes);
    }

    private StoryQueries Stories => _db.Get<StoryQueries>();

    [Fact]
    public async Task Story_ById_ArticlesOldestFirstLinksProvidersWithLagTopicsAndQualitySpread()
    {
        var s = await ImportStoriesAsync();
        var alpha = await _db.IdOfAsync(s.Alpha);
        var story = (await Graph.GetClustersAsync(DashboardFilter.All)).Clusters[0];

        var lookup = await Stories.GetStoryAsync(story.Id);

        var detail = Assert.IsType<StoryDetail>(lookup.Story);
        Assert.Null(lookup.MovedTo);
        Assert.Equal(alpha, detail.Articles[0].Id);
        Assert.Equal(["alpha at +0 min", "gamma at +30 min", "beta at +90 min"], detail.Articles.Take(3).Select(a => a.Title));
        Assert.Equal(4, detail.Links.Count); // alpha→beta, alpha→reference, beta→alpha, beta→gamma
        Assert.Equal([("alpha", 0.0), ("gamma", 0.5), ("beta", 1.5), ("elsewhere.example", 2.0)],
            detail.Providers.Select(p => (p.Name, p.LagHours!.Value)));
    }

    [Fact]
    public async Task Story_TopicsByCountAndQualityQuartiles()
    {
        var a = Article("alpha", 0).WithTopics("Chips", "AI").WithQuality(20);
        var b = Article("beta", 10).WithTopics("Chips").WithQuality(60);
        var c = Article("gamma", 20).WithTopics().WithQuality(90);
        var d = Article("delta", 30).WithTopics().WithQuality(null);
        a.RelatedTo(b).RelatedTo(c).RelatedTo(d);
        await _db.ImportArticlesAsync(a, b, c, d);
        var id = (await Graph.GetClustersAsync(DashboardFilter.All)).Clusters.Single(x => x.Size == 4).Id;

        var detail = (await Stories.GetStoryAsync(id)).Story!;

        Assert.Equal([("Chips", 2), ("AI", 1)], detail.Topics.Select(t => (t.Name, t.Articles)));
        Assert.Equal((3, 20, 60.0, 90), (detail.Quality.Scored, detail.Quality.Min!.Value, detail.Quality.Median!.Value, detail.Quality.Max!.Value));
        Assert.Equal([0, 0, 1, 0, 0, 0, 1, 0, 0, 1], detail.Quality.Tenths);
    }

    [Fact]
    public async Task Story_IdOfAnArticleNoLongerHeadingAStory_PointsToTheStoryThatHoldsIt()
    {
        // Story two's id was delta's; an article linking delta with story one merges them under alpha's smaller id.
        var s = await ImportStoriesAsync();
        var bridge = Article("zeta", 700);
        bridge.RelatedTo(s.Delta).RelatedTo(s.Alpha);
        await _db.ImportArticlesAsync(bridge);
        var delta = await _db.IdOfAsync(s.Delta);
        var alpha = await _db.IdOfAsync(s.Alpha);

        var lookup = await Stories.GetStoryAsync(delta);

        Assert.Null(lookup.Story);
        Assert.Equal(alpha, lookup.MovedTo);
        Assert.Equal(new StoryLookup(null, null), await Stories.GetStoryAsync(999_999));
    }
}
