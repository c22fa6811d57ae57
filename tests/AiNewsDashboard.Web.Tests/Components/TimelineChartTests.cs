using System.Text.Json.Nodes;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Components.Charts;
using AiNewsDashboard.Web.Components.Pages;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Components;

/// <summary>The timeline's views (log scale, line, share of the total) and its peaks, on the chart and on the pages.</summary>
public sealed class TimelineChartTests : MudTestContext
{
    protected override Task SetUpAsync()
    {
        Services.AddSingleton(Db.Get<TimelineQueries>());
        Services.AddSingleton(Db.Get<OverviewQueries>());
        Services.AddSingleton(Db.Get<TopicQueries>());
        Services.AddSingleton(Db.Get<ProviderQualityQueries>());
        return Task.CompletedTask;
    }

    private static readonly TimeSeries[] Skewed =
    [
        new("Articles", null, [new(new DateTime(2014, 1, 1), 2900), new(new DateTime(2015, 1, 1), 40), new(new DateTime(2016, 1, 1), 0)]),
    ];

    private static JsonObject Option(IRenderedComponent<TimeChart> chart) => chart.Instance.Model.ToOption();

    // Guards: beside one dense spring, the thin years drew as bars a pixel high. On a log axis an empty year is left out
    // (log 0 has no place) rather than drawn as a bar down to the axis' floor.
    [Fact]
    public void LogScale_DrawsALogAxisOfPowersOfTen_AndLeavesEmptyPeriodsOut()
    {
        var linear = Render<TimeChart>(p => p.Add(c => c.Series, Skewed));
        var log = Render<TimeChart>(p => p.Add(c => c.Series, Skewed).Add(c => c.LogScale, true));

        Assert.Equal("value", Option(linear)["yAxis"]!["type"]!.GetValue<string>());
        Assert.Equal(("log", 10), (Option(log)["yAxis"]!["type"]!.GetValue<string>(), Option(log)["yAxis"]!["logBase"]!.GetValue<int>()));
        Assert.Equal("[2900,40,null]", Option(log)["series"]![0]!["data"]!.ToJsonString());
        Assert.Equal("[2900,40,0]", Option(linear)["series"]![0]!["data"]!.ToJsonString());
        Assert.Equal("log", log.Find(".time-chart").GetAttribute("data-scale"));
    }

    [Fact]
    public void LineView_DrawsALinePerSeries_AndEveryPeriodIsPickedByTheKeyboardsEnter()
    {
        TimeBucketClick? clicked = null;
        var chart = Render<TimeChart>(p => p.Add(c => c.Series, Skewed).Add(c => c.Kind, TimeChartKind.Lines)
            .Add(c => c.OnBucketClick, c => clicked = c));

        var series = Option(chart)["series"]!.AsArray();
        Assert.Equal("line", Assert.Single(series)!["type"]!.GetValue<string>());
        Assert.Equal("0", chart.Find(".time-chart-canvas").GetAttribute("tabindex"));
        // Enter on the second period (the module calls this for Enter and for a click).
        chart.InvokeAsync(() => chart.Instance.BucketClicked(1, null));
        Assert.Equal((1, new DateOnly(2015, 1, 1), new DateOnly(2015, 12, 31)), (clicked!.Index, clicked.From, clicked.To));
    }

    [Fact]
    public void Shares_ReadInPercentOnTheAxisTooltipsAndAnnouncements()
    {
        TimeSeries[] shares = [new("Share", null, [new(new DateTime(2024, 1, 1), 0.25), new(new DateTime(2024, 2, 1), 0.05)])];

        var chart = Render<TimeChart>(p => p.Add(c => c.Series, shares).Add(c => c.Format, TimeValueFormat.Percent));

        Assert.Equal("percent", Option(chart)["meta"]!["format"]!.GetValue<string>());
        Assert.Equal(["2024-01-01: 25%", "2024-02-01: 5.0%"], Option(chart)["meta"]!["descriptions"]!.AsArray().Select(d => d!.GetValue<string>()));
    }

    private static ArticleBuilder On(int year, int month, int day) => new ArticleBuilder().PublishedOn(year, month, day);

    private IRenderedComponent<TimelinePage> Open(string url)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return Render<TimelinePage>();
    }

    // Guards: the three largest periods were marked as peaks, so a chart of three bars had a peak on each.
    [Fact]
    public async Task TimelinePage_ThreeBars_MarksNoPeaks()
    {
        await Db.ImportArticlesAsync(On(2024, 1, 5), On(2024, 2, 5), On(2024, 2, 6), On(2024, 3, 5));

        var page = Open("/timeline?from=2024-01-01&to=2024-03-31&granularity=month");

        page.WaitForAssertion(() => Assert.Equal("3", page.Find("[data-testid=timeline-bars]").GetAttribute("data-buckets")));
        Assert.Empty(page.FindAll("[data-testid=timeline-peaks]"));
        Assert.Equal("0", page.Find("[data-testid=timeline-bars]").GetAttribute("data-peaks"));
        Assert.DoesNotContain("markPoint", page.FindComponent<TimeChart>().Instance.Model.ToOption().ToJsonString());
    }

    [Fact]
    public async Task TimelinePage_PeakWithoutHeat_SaysItsTopStoryIsTheMostLinked()
    {
        var linked = On(2024, 6, 3).Titled("The linked one").WithHeat(-1);
        var articles = new List<ArticleBuilder> { linked, On(2024, 6, 4).WithHeat(-1).From("a.example").RelatedTo(linked) };
        for (var i = 0; i < 20; i++)
            articles.Add(On(2024, 6, 5 + i).WithHeat(-1));
        for (var month = 1; month <= 12; month++)
            if (month != 6)
                articles.Add(On(2024, month, 10).WithHeat(-1));
        await Db.ImportArticlesAsync([.. articles]);

        var page = Open("/timeline?from=2024-01-01&to=2024-12-31&granularity=month");

        page.WaitForAssertion(() => Assert.Contains("most linked", page.Find("[data-testid=timeline-peaks]").TextContent));
        var peaks = page.Find("[data-testid=timeline-peaks]");
        Assert.Contains("2024-06", peaks.TextContent);
        Assert.Contains("The linked one", peaks.TextContent);
        Assert.Single(peaks.Children);
        // The same peak is numbered over June on the chart.
        var marks = page.FindComponent<TimeChart>().Instance.Model.ToOption()["series"]![0]!["markPoint"]!["data"]!.AsArray();
        Assert.Equal(("▲1", 5), (Assert.Single(marks)!["name"]!.GetValue<string>(), marks[0]!["coord"]![0]!.GetValue<int>()));
    }

    [Fact]
    public async Task TimelinePage_ShareView_TableShowsTheShareOfEachPeriodsArticles()
    {
        await Db.ImportArticlesAsync(On(2024, 1, 5).From("a.example"), On(2024, 1, 6).From("b.example"), On(2024, 1, 7).From("b.example"),
            On(2024, 2, 5).From("a.example"));

        var page = Open("/timeline?from=2024-01-01&to=2024-02-29&granularity=month&provider=a.example&view=share");

        page.WaitForAssertion(() => Assert.Contains("Share of all articles in each period", page.Find("[data-testid=timeline-chart]").TextContent));
        page.Find("[data-testid=timeline-chart] [data-testid=toggle-table]").Click();
        var rows = page.FindAll("[data-testid=chart-table] tbody tr").Select(r => r.QuerySelectorAll("td").Take(4).Select(c => c.TextContent.Trim()).ToArray()).ToArray();
        Assert.Equal([["2024-01", "1", "3", "33.3%"], ["2024-02", "1", "1", "100.0%"]], rows);
    }

    [Fact]
    public async Task TimelinePage_LogScaleOfShares_IsNamedAndDrawnLinear()
    {
        await Db.ImportArticlesAsync(On(2024, 1, 5));

        var page = Open("/timeline?view=share&scale=log");

        page.WaitForAssertion(() => Assert.Contains("scale: log does not apply to view=share", page.Markup));
        Assert.Equal("linear", page.Find("[data-testid=timeline-bars]").GetAttribute("data-scale"));
    }

    [Fact]
    public async Task Overview_ScaleInTheUrl_DrawsItsTimelineOnALogScale()
    {
        await Db.ImportArticlesAsync(On(2024, 1, 5), On(2024, 2, 5));
        Services.GetRequiredService<NavigationManager>().NavigateTo("/?view=line&scale=log");

        var page = Render<Overview>();

        page.WaitForAssertion(() =>
        {
            var chart = page.Find("[data-testid=overview-timeline-bars]");
            Assert.Equal(("log", "line"), (chart.GetAttribute("data-scale"), chart.GetAttribute("data-mode")));
        });
    }
}
