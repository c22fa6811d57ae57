using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Queries.Graph;

namespace AiNewsDashboard.Core.Tests.Queries.Graph;

/// <summary>The graph's link arrays as built from the store's raw pairs, and the buffer those pairs are read into.</summary>
public sealed class ArticleGraphBuildTests
{
    private static long Pair(int from, int to) => ((long)from << 32) | (uint)to;

    private static ArticleFacts Facts(params int[] ids)
    {
        var builder = new ArticleFactsBuilder(ids.Length);
        builder.AddProvider(1, "p.example", "p.example");
        foreach (var id in ids)
            builder.AddArticle(id, 1_740_000_000 + id, 1, "news", 50, 10, true, isReference: false);
        return builder.Build(0);
    }

    private static int[] Ids(ArticleGraph graph, ReadOnlySpan<int> rows) => rows.ToArray().Select(r => graph.Facts.Ids[r]).ToArray();

    [Fact]
    public void Build_FromRepeatedMutualUnknownAndSelfLinks_KeepsEachLinkOnceAndEachNeighbourOnce()
    {
        var facts = Facts(10, 20, 30, 40);
        // 10→20 twice, 20→10 (mutual), 10→10 (self), 10→99 and 77→30 (unknown articles), 30→40, in no order.
        long[] pairs = [Pair(30, 40), Pair(10, 20), Pair(10, 99), Pair(20, 10), Pair(10, 10), Pair(77, 30), Pair(10, 20)];

        var graph = ArticleGraph.Build(facts, pairs);

        Assert.Equal(3, graph.LinkCount);
        Assert.Equal([20], Ids(graph, graph.LinksFrom(facts.RowOf(10)).ToArray()));
        Assert.Equal([10], Ids(graph, graph.LinksFrom(facts.RowOf(20)).ToArray()));
        Assert.Equal([40], Ids(graph, graph.LinksFrom(facts.RowOf(30)).ToArray()));
        Assert.Empty(graph.LinksFrom(facts.RowOf(40)).ToArray());
        Assert.Equal([20], Ids(graph, graph.Neighbours(facts.RowOf(10))));
        Assert.Equal([10], Ids(graph, graph.Neighbours(facts.RowOf(20))));
        Assert.Equal([40], Ids(graph, graph.Neighbours(facts.RowOf(30))));
        Assert.Equal([30], Ids(graph, graph.Neighbours(facts.RowOf(40))));
        Assert.Equal([0, 1, 2, 3, 4], graph.AdjOffsets);
        Assert.Equal(graph.AdjOffsets[^1], graph.Adjacency.Length);
        // 10 and 20 list each other: one neighbour each, marked both ways; 30 lists 40, which lists nothing.
        int DirectionOf(int id) => graph.DirectionOf(graph.AdjOffsets[facts.RowOf(id)]);
        Assert.Equal([ArticleGraph.Out | ArticleGraph.In, ArticleGraph.Out | ArticleGraph.In, ArticleGraph.Out, ArticleGraph.In],
            new[] { 10, 20, 30, 40 }.Select(DirectionOf));
        Assert.Equal([1, 1, 0, 1], new[] { 10, 20, 30, 40 }.Select(id => graph.InboundOf(facts.RowOf(id))));
    }

    [Fact]
    public void Build_AnArticleListingSomeNeighboursAndListedByOthers_LinksFromOnlyWhatItLists_InRowOrder_AndCountsItsListers()
    {
        var facts = Facts(1, 2, 3, 4, 5, 6);
        // 3 lists 1, 5 and 6; 2, 4 and 6 list 3 (6 both ways).
        long[] pairs = [Pair(3, 6), Pair(2, 3), Pair(3, 1), Pair(6, 3), Pair(4, 3), Pair(3, 5)];

        var graph = ArticleGraph.Build(facts, pairs);
        var three = facts.RowOf(3);

        Assert.Equal(6, graph.LinkCount);
        var listed = graph.LinksFrom(three).ToArray();
        Assert.Equal([1, 5, 6], Ids(graph, listed).Order());
        Assert.Equal(listed.Order(), listed);
        Assert.Equal([1, 2, 4, 5, 6], Ids(graph, graph.Neighbours(three)).Order());
        Assert.Equal(3, graph.InboundOf(three));
        Assert.Equal([3], Ids(graph, graph.LinksFrom(facts.RowOf(6)).ToArray()));
        Assert.Equal(1, graph.InboundOf(facts.RowOf(6)));
        Assert.Empty(graph.LinksFrom(facts.RowOf(1)).ToArray());
        Assert.Equal(1, graph.InboundOf(facts.RowOf(1)));
        // Two bits of directions per neighbour, four a byte.
        Assert.Equal((graph.Adjacency.Length + 3) / 4, graph.Directions.Length);
        Assert.Equal([ArticleGraph.Out, ArticleGraph.In, ArticleGraph.In, ArticleGraph.Out, ArticleGraph.Out | ArticleGraph.In],
            graph.Neighbours(three).ToArray().Select((_, i) => graph.DirectionOf(graph.AdjOffsets[three] + i))
                .Zip(Ids(graph, graph.Neighbours(three))).OrderBy(p => p.Second).Select(p => p.First));
    }

    [Fact]
    public void Build_ArticlesWithoutLinksBetweenLinkedOnes_HaveNoNeighbours_AndTheOffsetsStayInOrder()
    {
        var facts = Facts(1, 2, 3, 4, 5, 6);
        long[] pairs = [Pair(1, 6), Pair(6, 3), Pair(3, 1)];

        var graph = ArticleGraph.Build(facts, pairs);

        Assert.Equal([3, 6], Ids(graph, graph.Neighbours(facts.RowOf(1))).Order());
        Assert.Equal([1, 6], Ids(graph, graph.Neighbours(facts.RowOf(3))).Order());
        Assert.Equal([1, 3], Ids(graph, graph.Neighbours(facts.RowOf(6))).Order());
        foreach (var lonely in new[] { 2, 4, 5 })
            Assert.Equal(0, graph.Degree(facts.RowOf(lonely)));
        Assert.Equal(graph.AdjOffsets.Order(), graph.AdjOffsets);
        Assert.Equal(6, graph.Adjacency.Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1023)]
    [InlineData(1024)]
    [InlineData(1025)]
    [InlineData(5_000)]
    [InlineData((1 << 20) - 1)]
    [InlineData(1 << 20)]
    [InlineData((1 << 21) + 17)]
    public void LinkPairBuffer_AcrossChunkBoundaries_GivesEveryPairOnceInOrder(int count)
    {
        var buffer = new LinkPairBuffer();
        for (var i = 0; i < count; i++)
            buffer.Add(Pair(i, count - i));

        Assert.Equal(count, buffer.Count);
        var all = buffer.ToArray();

        Assert.Equal(count, all.Length);
        for (var i = 0; i < count; i++)
            if (all[i] != Pair(i, count - i))
                Assert.Fail($"pair {i} of {count} is {all[i]:x}, expected {Pair(i, count - i):x}");
    }
}
