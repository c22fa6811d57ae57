using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Queries.Graph;

namespace AiNewsDashboard.Core.Tests.Queries.Graph;

/// <summary>Story clusters and first reports on small graphs whose answers are known by hand.</summary>
public sealed class StoryClusteringTests
{
    private static readonly DateTime T0 = new(2025, 3, 1, 10, 0, 0, DateTimeKind.Utc);

    /// <summary>Articles 1..count, provider p{id % providers} unless given, published an hour apart unless given.</summary>
    private static ArticleGraph Graph(int count, IEnumerable<(int From, int To)> links, Func<int, string?>? provider = null,
        Func<int, DateTime?>? published = null)
    {
        var builder = new ArticleFactsBuilder(count);
        var domains = Enumerable.Range(1, count).Select(id => provider is null ? "p.example" : provider(id)).Distinct().Where(d => d is not null).ToList();
        for (var i = 0; i < domains.Count; i++)
            builder.AddProvider(i + 1, domains[i]!, domains[i]!);
        for (var id = 1; id <= count; id++)
        {
            var domain = provider is null ? "p.example" : provider(id);
            var time = published is null ? T0.AddHours(id) : published(id);
            builder.AddArticle(id, time is { } t ? new DateTimeOffset(t).ToUnixTimeSeconds() : null,
                domain is null ? null : domains.IndexOf(domain) + 1, "news", 50, 10, true, isReference: false);
        }
        var facts = builder.Build(0);
        return ArticleGraph.Build(facts, links.Select(l => ((long)l.From << 32) | (uint)l.To).ToArray());
    }

    private static IEnumerable<(int, int)> Clique(int first, int last)
    {
        for (var a = first; a <= last; a++)
            for (var b = a + 1; b <= last; b++)
                yield return (a, b);
    }

    private static int[][] MemberIds(ArticleGraph graph) =>
        Enumerable.Range(0, graph.Clusters.Count)
            .Select(c => graph.Clusters.MembersOf(c).ToArray().Select(r => graph.Facts.Ids[r]).Order().ToArray()).ToArray();

    [Fact]
    public void Clusters_ConnectedComponents_LargestFirstWithTheSmallestMemberIdAsId()
    {
        // 1-2-3 a chain, 4-5 a pair (linked both ways), 6 alone, 7-8-9-10 a star around 10.
        var graph = Graph(10, [(1, 2), (3, 2), (4, 5), (5, 4), (10, 7), (10, 8), (9, 10)]);

        Assert.Equal([[7, 8, 9, 10], [1, 2, 3], [4, 5], [6]], MemberIds(graph));
        Assert.Equal([7, 1, 4, 6], graph.Clusters.Id);
        Assert.Equal(7, graph.LinkCount); // 4→5 and 5→4 are two links; the graph keeps both
        Assert.Equal(1, graph.Degree(graph.Facts.RowOf(4))); // but they are one neighbour
    }

    [Fact]
    public void Clusters_RepeatedAndSelfLinks_CountOnce()
    {
        var graph = Graph(3, [(1, 2), (1, 2), (2, 2), (3, 3)]);

        Assert.Equal(1, graph.LinkCount);
        Assert.Equal([[1, 2], [3]], MemberIds(graph));
    }

    [Fact]
    public void Clusters_TwoStoriesJoinedByOneStrayLink_AreSplitApart()
    {
        // Two tight stories of 25 articles each, one link between them: one component of 50, above the split size.
        var graph = Graph(50, Clique(1, 25).Concat(Clique(26, 50)).Append((25, 26)));

        Assert.True(50 > StoryClustering.SplitAbove);
        Assert.Equal([Enumerable.Range(1, 25).ToArray(), Enumerable.Range(26, 25).ToArray()], MemberIds(graph));
    }

    [Fact]
    public void Clusters_SmallComponentWithABridge_StaysOneStory()
    {
        // Below the split size a component is one story, however it is shaped.
        var graph = Graph(8, Clique(1, 4).Concat(Clique(5, 8)).Append((4, 5)));

        Assert.Equal([Enumerable.Range(1, 8).ToArray()], MemberIds(graph));
    }

    [Fact]
    public void Clusters_SameGraph_SameClustersEveryTime()
    {
        var links = Clique(1, 30).Concat(Clique(31, 60)).Concat(Clique(61, 70)).Append((30, 31)).Append((60, 61)).ToArray();

        Assert.Equal(MemberIds(Graph(70, links)), MemberIds(Graph(70, links)));
    }

    [Fact]
    public void FirstReport_EarliestProviderAndItsLeadOverTheNextProvider()
    {
        // Story 1-2-3-4: x at 10:00, x again at 10:30, y at 11:30, z at 12:00. x broke it, 1.5 h before anyone else.
        var times = new Dictionary<int, DateTime> { [1] = T0, [2] = T0.AddMinutes(30), [3] = T0.AddMinutes(90), [4] = T0.AddHours(2) };
        var providers = new Dictionary<int, string> { [1] = "x.example", [2] = "x.example", [3] = "y.example", [4] = "z.example" };
        var graph = Graph(4, [(1, 2), (2, 3), (3, 4)], id => providers[id], id => times[id]);

        var c = graph.Clusters;
        Assert.Equal("x.example", graph.Facts.ProviderTable[c.FirstProvider[0]].Domain);
        Assert.Equal(90 * 60, c.LeadSeconds[0]);
        Assert.Equal(3, c.ProviderCount[0]);
        Assert.Equal(new DateTimeOffset(T0).ToUnixTimeSeconds(), c.StartOf(graph.Facts, 0));
        Assert.Equal(new DateTimeOffset(T0.AddHours(2)).ToUnixTimeSeconds(), c.EndOf(graph.Facts, 0));
    }

    [Fact]
    public void FirstReport_NewCopies_MoveTheLeadButShareTheClusters()
    {
        // Story 1-2-3-4 as above, and a second story 5-6: y at 10:00, z at 10:10.
        var times = new Dictionary<int, DateTime>
            { [1] = T0, [2] = T0.AddMinutes(30), [3] = T0.AddMinutes(90), [4] = T0.AddHours(2), [5] = T0, [6] = T0.AddMinutes(10) };
        var providers = new Dictionary<int, string>
            { [1] = "x.example", [2] = "x.example", [3] = "y.example", [4] = "z.example", [5] = "y.example", [6] = "z.example" };
        var graph = Graph(6, [(1, 2), (2, 3), (3, 4), (5, 6)], id => providers[id], id => times[id]);
        // Copy detection finds that x's two articles copy an earlier text: y broke the story, 30 min before z.
        var copies = new ulong[1];
        foreach (var id in new[] { 1, 2 })
        {
            var row = graph.Facts.RowOf(id);
            copies[row >> 6] |= 1UL << row;
        }

        var moved = graph.WithCopies(copies, new AiNewsDashboard.Core.Syndication.CopyGroups([]));
        var built = ArticleGraph.Build(graph.Facts, [((long)1 << 32) | 2, ((long)2 << 32) | 3, ((long)3 << 32) | 4, ((long)5 << 32) | 6], copies);

        Assert.Equal("y.example", graph.Facts.ProviderTable[moved.Clusters.FirstProvider[0]].Domain);
        Assert.Equal(30 * 60, moved.Clusters.LeadSeconds[0]);
        Assert.Equal(built.Clusters.FirstProvider, moved.Clusters.FirstProvider);
        Assert.Equal(built.Clusters.LeadSeconds, moved.Clusters.LeadSeconds);
        Assert.Equal(built.Clusters.ProviderCount, moved.Clusters.ProviderCount);
        Assert.Equal(built.Clusters.StartOf(built.Facts, 0), moved.Clusters.StartOf(moved.Facts, 0));
        // The clusters themselves did not change: their arrays are the old graph's, not copies of them.
        Assert.Same(graph.Clusters.ClusterOfRow, moved.Clusters.ClusterOfRow);
        Assert.Same(graph.Clusters.Members, moved.Clusters.Members);
        // And the old graph still answers as before, for whoever holds it.
        Assert.Equal("x.example", graph.Facts.ProviderTable[graph.Clusters.FirstProvider[0]].Domain);
    }

    [Fact]
    public void FirstReport_OneProviderAlone_HasNoLead()
    {
        var graph = Graph(2, [(1, 2)], _ => "x.example");

        Assert.Equal(-1, graph.Clusters.LeadSeconds[0]);
        Assert.Equal(1, graph.Clusters.ProviderCount[0]);
    }

    [Fact]
    public void FirstReport_ATie_GoesToTheArticleStoredFirstWithNoLead()
    {
        var graph = Graph(2, [(2, 1)], id => id == 1 ? "x.example" : "y.example", _ => T0);

        Assert.Equal("x.example", graph.Facts.ProviderTable[graph.Clusters.FirstProvider[0]].Domain);
        Assert.Equal(0, graph.Clusters.LeadSeconds[0]);
    }

    [Fact]
    public void FirstReport_UndatedArticlesAndUnknownProviders_AreLeftOut()
    {
        // 1 has no date, 2 has no provider: neither can be first, though both are earlier by id.
        var graph = Graph(4, [(1, 2), (2, 3), (3, 4)],
            id => id switch { 2 => null, 3 => "y.example", _ => "x.example" },
            id => id switch { 1 => null, 2 => T0, 3 => T0.AddHours(1), _ => T0.AddHours(3) });

        Assert.Equal("y.example", graph.Facts.ProviderTable[graph.Clusters.FirstProvider[0]].Domain);
        Assert.Equal(2 * 3600, graph.Clusters.LeadSeconds[0]);
        // The story's span is its dated members' (the undated one last among the rows is passed over).
        Assert.Equal(new DateTimeOffset(T0).ToUnixTimeSeconds(), graph.Clusters.StartOf(graph.Facts, 0));
        Assert.Equal(new DateTimeOffset(T0.AddHours(3)).ToUnixTimeSeconds(), graph.Clusters.EndOf(graph.Facts, 0));
    }

    [Fact]
    public void Span_NoDatedMember_IsUnknown()
    {
        var graph = Graph(2, [(1, 2)], _ => "x.example", _ => null);

        Assert.Equal(ArticleFacts.UnknownSeconds, graph.Clusters.StartOf(graph.Facts, 0));
        Assert.Equal(ArticleFacts.UnknownSeconds, graph.Clusters.EndOf(graph.Facts, 0));
        Assert.Equal(ArticleFacts.None, graph.Clusters.FirstProvider[0]);
    }

    [Fact]
    public void FirstReport_ALeadOfOver68Years_IsHeldAtTheLargestItCanSay()
    {
        // A misdated file (1900) leading a story its others carry in 2025: the lead is kept in 32 bits, at most 68 years.
        var graph = Graph(2, [(1, 2)], id => id == 1 ? "x.example" : "y.example", id => id == 1 ? new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc) : T0);

        Assert.Equal("x.example", graph.Facts.ProviderTable[graph.Clusters.FirstProvider[0]].Domain);
        Assert.Equal(int.MaxValue, graph.Clusters.LeadSeconds[0]);
    }
}
