using AiNewsDashboard.Core.Queries.Graph;
using AiNewsDashboard.Web.Components.Graph;

namespace AiNewsDashboard.Web.Tests.Components;

/// <summary>
/// The caption under a story on the graph counts what is drawn. Guards the bug where it said "10 articles" over fewer
/// dots: copies folded into their first publisher's node, or articles the node limit left out, were counted as dots.
/// </summary>
public sealed class StoryCaptionTests
{
    private static StoryCluster Story(int size, int providers) =>
        new(7, [.. Enumerable.Range(1, size)], size, "Headline", 1, null, null, null, null, null, [], [], providers, 0);

    private static GraphNode Node(int id, int cluster, int copies = 0) =>
        new(id, "t", null, null, null, null, null, null, false, cluster, 1, null, null, null) { Copies = copies };

    [Fact]
    public void Meta_EveryArticleDrawn_CountsThem()
    {
        Assert.Equal("10 articles · 3 sites", StoryCaption.Meta(Story(10, 3), drawn: 10, copiesFolded: 0));
    }

    [Fact]
    public void Meta_CopiesFoldedIntoTheirFirstPublisher_CountsDotsAndCopiesApart()
    {
        Assert.Equal("8 articles · 2 copies folded · 3 sites", StoryCaption.Meta(Story(10, 3), drawn: 8, copiesFolded: 2));
        Assert.Equal("9 articles · 1 copy folded · one site", StoryCaption.Meta(Story(10, 1), drawn: 9, copiesFolded: 1));
    }

    [Fact]
    public void Meta_LimitLeftSomeOut_SaysHowManyOfTheStoryAreDrawn()
    {
        Assert.Equal("5 of 10 articles drawn · 2 copies folded · 4 sites", StoryCaption.Meta(Story(10, 4), drawn: 5, copiesFolded: 2));
    }

    [Fact]
    public void Drawn_CountsEachStorysNodesAndTheirCopies()
    {
        var drawn = StoryCaption.Drawn([Node(1, 7, copies: 2), Node(2, 7), Node(3, 9, copies: 1), Node(4, 7)]);

        Assert.Equal((3, 2), drawn[7]);
        Assert.Equal((1, 1), drawn[9]);
        Assert.False(drawn.ContainsKey(8));
    }
}
