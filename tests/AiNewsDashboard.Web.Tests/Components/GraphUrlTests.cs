using AiNewsDashboard.Core.Queries.Graph;
using AiNewsDashboard.Web.Components.Filters;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Web.Components.Graph;

namespace AiNewsDashboard.Web.Tests.Components;

/// <summary>The graph page's URL writing and its colours, without rendering anything.</summary>
public sealed class GraphUrlTests
{
    [Fact]
    public void ToView_EveryParameter_IsWrittenAndReadsBackTheSame()
    {
        var state = new GraphState(new GraphRequest { Focus = 12, Hops = 2, Expand = [3, 4, 5], Cluster = 7, Limit = 2000 },
            GraphColor.Provider, GraphSize.Heat, GraphLayout.Time);

        var url = FilterUrl.For("/graph", new DashboardFilter { Providers = ["x.example"] }, GraphUrl.ToView(state, 5000));

        Assert.Equal("/graph?provider=x.example&focus=12&hops=2&expand=3%2C4%2C5&cluster=7&limit=2000&stories=all&color=provider&size=heat&layout=time", url);
        var values = System.Web.HttpUtility.ParseQueryString(url[url.IndexOf('?')..]);
        var problems = new QueryProblems();
        var again = DashboardQuery.ReadGraph(new GraphParameters(values["focus"], values["hops"], values.GetValues("expand"), values["cluster"], values["limit"], values["stories"]),
            5000, problems);
        Assert.True(problems.IsEmpty);
        Assert.Equal(state.Request with { Expand = [] }, again with { Expand = [] });
        Assert.Equal(state.Request.Expand, again.Expand);
    }

    [Fact]
    public void ToView_Defaults_AreLeftOutOfTheUrl()
    {
        var state = new GraphState(new GraphRequest { Limit = 5000, Stories = GraphRequest.DefaultStories }, GraphColor.Cluster, GraphSize.Degree, GraphLayout.Force);

        Assert.Equal("/graph", FilterUrl.For("/graph", DashboardFilter.All, GraphUrl.ToView(state, 5000)));
    }

    [Theory]
    [InlineData("5", 5, null)]
    [InlineData("ALL", null, null)]
    [InlineData("0", null, "stories: '0' is not a number of stories or 'all'")]
    public void ReadGraph_Stories_ANumberOrAll(string value, int? expected, string? problem)
    {
        var problems = new QueryProblems();

        var request = DashboardQuery.ReadGraph(new GraphParameters(Stories: value), 5000, problems);

        Assert.Equal(expected, request.Stories);
        Assert.Equal(problem is null ? Array.Empty<string>() : new[] { problem }, problems.Messages);
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
