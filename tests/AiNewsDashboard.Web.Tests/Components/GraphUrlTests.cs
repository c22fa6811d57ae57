using AiNewsDashboard.Core.Queries.Graph;
using AiNewsDashboard.Web.Components.Filters;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Web.Components.Graph;

namespace AiNewsDashboard.Web.Tests.Components;

/// <summary>The graph page's URL state and its colours, without rendering anything.</summary>
public sealed class GraphUrlTests
{
    private static GraphState Read(string query, List<string> errors) => GraphUrl.Read(GraphUrl.Values(query), 5000, errors);

    [Fact]
    public void Read_EveryParameter_RoundTripsThroughTheUrl()
    {
        var errors = new List<string>();
        var state = Read("?focus=12&hops=2&expand=3,4&expand=5&cluster=7&limit=2000&color=provider&size=heat&layout=time", errors);

        Assert.Empty(errors);
        Assert.Equal((12, 2, 7, 2000), (state.Request.Focus, state.Request.Hops, state.Request.Cluster, state.Request.Limit));
        Assert.Equal([3, 4, 5], state.Request.Expand);
        Assert.Equal((GraphColor.Provider, GraphSize.Heat, GraphLayout.Time), (state.Color, state.Size, state.Layout));

        var url = FilterUrl.For("/graph", new DashboardFilter { Providers = ["x.example"] }, GraphUrl.ToView(state, 5000));
        Assert.Equal("/graph?provider=x.example&focus=12&hops=2&expand=3%2C4%2C5&cluster=7&limit=2000&color=provider&size=heat&layout=time", url);
        Assert.Equal(state with { Request = state.Request }, Read(url[url.IndexOf('?')..], errors) with { Request = state.Request });
        Assert.Equal(state.Request.Expand, Read(url[url.IndexOf('?')..], errors).Request.Expand);
    }

    [Fact]
    public void ToView_Defaults_AreLeftOutOfTheUrl()
    {
        var state = Read("", []);

        Assert.Equal("/graph", FilterUrl.For("/graph", DashboardFilter.All, GraphUrl.ToView(state, 5000)));
        Assert.Equal((null, 1, 5000, GraphColor.Cluster), (state.Request.Focus, state.Request.Hops, state.Request.Limit, state.Color));
    }

    [Fact]
    public void Read_BadValues_AreNamedAndIgnored()
    {
        var errors = new List<string>();
        var state = Read("?focus=-3&hops=7&expand=1,x&color=rainbow&layout=2", errors);

        Assert.Equal(
        [
            "expand: 'x' is not an article id",
            "focus: '-3' is not a whole number from 1 to 2147483647",
            "hops: '7' is not a whole number from 0 to 3",
            "color: 'rainbow' is not one of cluster, provider, topic, category",
            "layout: '2' is not one of force, time",
        ], errors);
        Assert.Equal((null, 1, GraphColor.Cluster, GraphLayout.Force), (state.Request.Focus, state.Request.Hops, state.Color, state.Layout));
        Assert.Equal([1], state.Request.Expand);
    }

    private static GraphNode Node(int id, string provider, int cluster, int degree = 1, bool reference = false, int? heat = 10) =>
        new(id, $"Title {id}", null, provider, $"{provider}.example", null, 50, heat, reference, cluster, degree, null, null, null);

    [Fact]
    public void Style_ByProvider_LargestGroupsGetColoursAndTheRestShareGrey()
    {
        var nodes = Enumerable.Range(1, 12).Select(i => Node(i, $"p{i:D2}", i)).Concat([Node(13, "p01", 1), Node(14, "p01", 1)]).ToList();
        var view = new GraphView(nodes, [], false, nodes.Count, 0, null, []);

        var styled = GraphStyle.Apply(view, GraphColor.Provider, GraphSize.Degree);

        Assert.Equal(11, styled.Legend.Count); // ten providers and "Other (2)"
        Assert.Equal(("p01", GraphStyle.Palette[0], 3), (styled.Legend[0].Label, styled.Legend[0].Color, styled.Legend[0].Count));
        Assert.Equal(("Other (2)", GraphStyle.OtherColor, 2), (styled.Legend[^1].Label, styled.Legend[^1].Color, styled.Legend[^1].Count));
        Assert.Equal(GraphStyle.OtherColor, styled.Colors[nodes.FindIndex(n => n.Provider == "p12")]);
        Assert.Equal(GraphStyle.Palette[0], styled.Colors[nodes.FindIndex(n => n.Id == 14)]);
    }

    [Fact]
    public void Style_ByStory_EachStoryKeepsItsColourAndTheLegendNamesTheLargest()
    {
        var nodes = new List<GraphNode> { Node(1, "a", 1), Node(2, "b", 1), Node(3, "c", 30) };
        var view = new GraphView(nodes, [], false, 3, 0, null, []);

        var styled = GraphStyle.Apply(view, GraphColor.Cluster, GraphSize.Degree, new Dictionary<int, string> { [1] = "Big story" });

        Assert.Equal(styled.Colors[0], styled.Colors[1]);
        Assert.Equal(GraphStyle.Palette[1 % GraphStyle.Palette.Length], styled.Colors[0]);
        Assert.Equal(GraphStyle.Palette[30 % GraphStyle.Palette.Length], styled.Colors[2]);
        Assert.Equal(("Big story", 2, (int?)1), (styled.Legend[0].Label, styled.Legend[0].Count, styled.Legend[0].Cluster));
        Assert.Equal("Story 30", styled.Legend[1].Label);
    }

    [Fact]
    public void Style_Sizes_GrowWithLinksOrHeatAndReferencesAreSmaller()
    {
        var nodes = new List<GraphNode> { Node(1, "a", 1, degree: 0), Node(2, "a", 1, degree: 9), Node(3, "a", 1, degree: 9, reference: true), Node(4, "a", 1, heat: null) };
        var view = new GraphView(nodes, [], false, 4, 0, null, []);

        var byLinks = GraphStyle.Apply(view, GraphColor.Provider, GraphSize.Degree).Sizes;
        var byHeat = GraphStyle.Apply(view, GraphColor.Provider, GraphSize.Heat).Sizes;

        Assert.Equal([3, 7.8, 5.46], byLinks[..3]);
        Assert.True(byHeat[0] > byHeat[3]); // heat 10 beats unknown heat
    }

    [Theory]
    [InlineData(null, "–")]
    [InlineData(0.0667, "4 min")]
    [InlineData(3.5, "3.5 h")]
    [InlineData(50.0, "2.1 days")]
    public void Duration_LeadTimes_ReadAsPeopleSayThem(double? hours, string expected) =>
        Assert.Equal(expected, AiNewsDashboard.Web.Components.Pages.Labels.Duration(hours));
}
