using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Queries.Graph;

namespace AiNewsDashboard.Core.Tests.Queries;

/// <summary>The one reader of the dashboard's query parameters, beyond the filter: the list, the timeline, the graph.</summary>
public sealed class DashboardQueryTests
{
    [Fact]
    public void ReadGraph_EveryParameter_IsRead()
    {
        var problems = new QueryProblems();

        var r = DashboardQuery.ReadGraph(new GraphParameters("12", "2", ["3,4", "5", "3"], "7", "2000"), 5000, problems);

        Assert.True(problems.IsEmpty);
        Assert.Equal((12, 2, 7, 2000), (r.Focus, r.Hops, r.Cluster, r.Limit));
        Assert.Equal([3, 4, 5], r.Expand);
    }

    [Fact]
    public void ReadGraph_BadValues_AreNamedAndLeftAtTheirDefaults()
    {
        var problems = new QueryProblems();

        var r = DashboardQuery.ReadGraph(new GraphParameters("-3", "7", ["1,x"], Limit: "0"), 5000, problems);

        Assert.Equal(
        [
            ("expand", "expand: 'x' is not an article id"),
            ("focus", "focus: '-3' is not a whole number from 1 to 2147483647"),
            ("hops", "hops: '7' is not a whole number from 0 to 3"),
            ("limit", "limit: '0' is not a whole number from 1 to 50000"),
        ], problems.Entries);
        Assert.Equal((null, 1, 5000), (r.Focus, r.Hops, r.Limit));
        Assert.Equal([1], r.Expand);
    }

    [Fact]
    public void ReadGraph_MoreExpansionsThanAllowed_KeepsTheFirstAndSaysSo()
    {
        var problems = new QueryProblems();

        var r = DashboardQuery.ReadGraph(new GraphParameters(Expand: [string.Join(',', Enumerable.Range(1, 60))]), 5000, problems);

        Assert.Equal(GraphRequest.MaxExpand, r.Expand.Count);
        Assert.Equal(["expand: 60 articles is more than the 50 that can be expanded at once"], problems.Messages);
    }

    [Theory]
    [InlineData("1")] // a number names no value, though Enum.TryParse would take it
    [InlineData("hour")]
    [InlineData("day,week")] // nor does a list of names
    public void ReadTimeline_NotAGranularityName_IsNamed(string granularity)
    {
        var problems = new QueryProblems();

        var r = DashboardQuery.ReadTimeline(new TimelineParameters(granularity), problems);

        Assert.Null(r.Granularity);
        Assert.Equal([("granularity", $"granularity: '{granularity}' is not one of day, week, month, quarter, year")], problems.Entries);
    }

    [Fact]
    public void ReadTimeline_NamesInAnyCase_AreRead()
    {
        var problems = new QueryProblems();

        var r = DashboardQuery.ReadTimeline(new TimelineParameters(" Month ", "TOPIC"), problems);

        Assert.True(problems.IsEmpty);
        Assert.Equal(new TimelineRequest(TimeGranularity.Month, TimelineStack.Topic), r);
    }

    [Fact]
    public void ReadTimeline_ViewAndScale_AreReadInAnyCase()
    {
        var problems = new QueryProblems();

        var r = DashboardQuery.ReadTimeline(new TimelineParameters(View: "Line", Scale: " LOG "), problems);

        Assert.True(problems.IsEmpty);
        Assert.Equal((TimelineView.Line, TimelineScale.Log), (r.View, r.Scale));
    }

    [Fact]
    public void ReadTimeline_NoViewOrScale_IsLinearBars()
    {
        var r = DashboardQuery.ReadTimeline(new TimelineParameters(), new QueryProblems());

        Assert.Equal((TimelineView.Bars, TimelineScale.Linear), (r.View, r.Scale));
    }

    [Fact]
    public void ReadTimeline_UnknownViewOrScale_IsNamed()
    {
        var problems = new QueryProblems();

        var r = DashboardQuery.ReadTimeline(new TimelineParameters(View: "pie", Scale: "sqrt"), problems);

        Assert.Equal((TimelineView.Bars, TimelineScale.Linear), (r.View, r.Scale));
        Assert.Equal([("view", "view: 'pie' is not one of bars, line, share"), ("scale", "scale: 'sqrt' is not one of linear, log")], problems.Entries);
    }

    [Fact]
    public void ReadTimeline_LogScaleOfShares_IsNamedAndReadAsLinear()
    {
        var problems = new QueryProblems();

        var r = DashboardQuery.ReadTimeline(new TimelineParameters(View: "share", Scale: "log"), problems);

        Assert.Equal((TimelineView.Share, TimelineScale.Linear), (r.View, r.Scale));
        Assert.Equal([("scale", "scale: log does not apply to view=share (shares are drawn on a linear scale)")], problems.Entries);
    }

    [Fact]
    public void ReadArticleList_DefaultsAndBadValues()
    {
        var good = new QueryProblems();
        Assert.Equal(new ArticleListRequest(new ArticleSort(ArticleSortKey.Date), 1, 50), DashboardQuery.ReadArticleList(new ArticleListParameters(), good));
        Assert.Equal(new ArticleListRequest(new ArticleSort(ArticleSortKey.Heat, true), 3, 20),
            DashboardQuery.ReadArticleList(new ArticleListParameters("3", "20", "heat", "asc"), good));
        Assert.True(good.IsEmpty);

        var bad = new QueryProblems();
        DashboardQuery.ReadArticleList(new ArticleListParameters("0", "501", "2", "up"), bad);
        Assert.Equal(["sort", "dir", "page", "pageSize"], bad.Names);
    }

    [Fact]
    public void ArticleListRequest_ToParameters_ReadBackAsTheSameRequest_DefaultsLeftOut()
    {
        Assert.All(new ArticleListRequest(new ArticleSort(ArticleSortKey.Date), 1, 50).ToParameters(), p => Assert.Null(p.Value));
        Assert.Equal([("sort", "quality"), ("dir", "asc"), ("page", "3"), ("pageSize", "25")],
            new ArticleListRequest(new ArticleSort(ArticleSortKey.Quality, true), 3, 25).ToParameters());
        foreach (var request in new[]
                 {
                     new ArticleListRequest(new ArticleSort(ArticleSortKey.Title, true), 2, 100),
                     new ArticleListRequest(new ArticleSort(ArticleSortKey.Heat), 1, 50),
                     new ArticleListRequest(new ArticleSort(ArticleSortKey.Date, true), 7, 500),
                 })
        {
            var p = request.ToParameters().ToDictionary(x => x.Name, x => x.Value);
            var problems = new QueryProblems();
            Assert.Equal(request, DashboardQuery.ReadArticleList(new ArticleListParameters(p["page"], p["pageSize"], p["sort"], p["dir"]), problems));
            Assert.True(problems.IsEmpty);
        }
    }

    [Fact]
    public void ReadProviderList_DefaultsNaturalDirectionsAndBadValues()
    {
        var good = new QueryProblems();
        Assert.Equal(ProviderListRequest.Default, DashboardQuery.ReadProviderList(new ProviderListParameters(), good));
        Assert.Equal(new ProviderListRequest(new ProviderSort(ProviderSortKey.Name, Ascending: true), 2, 25, "huff"),
            DashboardQuery.ReadProviderList(new ProviderListParameters("2", "25", "name", Search: " huff "), good));
        Assert.Equal(new ProviderSort(ProviderSortKey.Articles, Ascending: false),
            DashboardQuery.ReadProviderList(new ProviderListParameters(Sort: "Articles"), good).Sort);
        Assert.Equal(new ProviderSort(ProviderSortKey.Name, Ascending: false),
            DashboardQuery.ReadProviderList(new ProviderListParameters(Sort: "name", Dir: "desc"), good).Sort);
        Assert.True(good.IsEmpty);

        var bad = new QueryProblems();
        var read = DashboardQuery.ReadProviderList(new ProviderListParameters("0", "1001", "popularity", "up", "a\0b"), bad);
        Assert.Equal(["sort", "dir", "search", "page", "pageSize"], bad.Names);
        Assert.Equal(ProviderListRequest.Default, read);
        Assert.Contains("sort: 'popularity' is not one of score, name, articles", bad.Messages.First());

        var tooLong = new QueryProblems();
        DashboardQuery.ReadProviderList(new ProviderListParameters(Search: new string('x', 201)), tooLong);
        Assert.Equal(["search: 201 characters is more than the 200 allowed"], tooLong.Messages);
    }

    [Fact]
    public void ArticleListRequest_Skip_OfAHugePage_StaysAnInt() =>
        Assert.Equal(int.MaxValue, new ArticleListRequest(default, int.MaxValue, 500).Skip);
}
