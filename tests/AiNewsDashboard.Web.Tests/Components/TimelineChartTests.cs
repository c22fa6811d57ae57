using System.Globalization;
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

    private static readonly ChartBar[] Skewed =
    [
        new("2014-01-01", "2014", [2900]),
        new("2015-01-01", "2015", [40]),
        new("2016-01-01", "2016", [0]),
    ];

    private static double Height(IRenderedComponent<BarChart> chart, string key) =>
        double.Parse(chart.Find($"g.bar[data-key='{key}'] rect.bar-segment").GetAttribute("height")!, CultureInfo.InvariantCulture);

    private static string[] TickLabels(IRenderedComponent<BarChart> chart) =>
        chart.FindAll("svg > text.bar-axis[text-anchor='end']").Select(t => t.TextContent).ToArray();

    // Guards: beside one dense spring, the thin years drew as bars a pixel high.
    [Fact]
    public void LogScale_ThinBarBesideADenseOne_IsDrawnVisiblyWithTicksAtPowersOfTen()
    {
        var linear = Render<BarChart>(p => p.Add(c => c.Bars, Skewed));
        var log = Render<BarChart>(p => p.Add(c => c.Bars, Skewed).Add(c => c.LogScale, true));

        Assert.True(Height(linear, "2015-01-01") < 5, $"linear: {Height(linear, "2015-01-01")}");
        Assert.True(Height(log, "2015-01-01") > Height(log, "2014-01-01") * 0.4, $"log: {Height(log, "2015-01-01")}");
        Assert.Equal(["0", "1", "10", "100", "1,000", "10,000"], TickLabels(log));
        Assert.Equal("log", log.Find(".bar-chart").GetAttribute("data-scale"));
    }

    [Fact]
    public void LineView_DrawsALinePerSeries_AndEveryPeriodStaysAKeyboardButton()
    {
        BarClick? clicked = null;
        var chart = Render<BarChart>(p => p.Add(c => c.Bars, Skewed).Add(c => c.Line, true).Add(c => c.OnBarClick, c => clicked = c));

        Assert.Single(chart.FindAll("polyline.line-series"));
        Assert.Empty(chart.FindAll("rect.bar-segment"));
        Assert.Equal(3, chart.FindAll("g.bar[tabindex='0'][role='button'] circle.line-point").Count);
        chart.Find("g.bar[data-key='2015-01-01']").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });
        Assert.Equal("2015-01-01", clicked?.Bar.Key);
    }

    [Fact]
    public void Shares_AxisReadsInPercentUpToANiceCeilingNotFourHundredPercent()
    {
        ChartBar[] shares = [new("a", "A", [0.25]), new("b", "B", [0.6])];

        var chart = Render<BarChart>(p => p.Add(c => c.Bars, shares).Add(c => c.Counts, false)
            .Add(c => c.ValueFormat, v => v.ToString("0%", CultureInfo.InvariantCulture)));

        Assert.Equal(["0%", "20%", "40%", "60%", "80%"], TickLabels(chart));
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

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("g.bar").Count));
        Assert.Empty(page.FindAll("[data-testid=timeline-peaks]"));
        Assert.DoesNotContain("▲", page.Find("[data-testid=timeline-bars]").TextContent);
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
