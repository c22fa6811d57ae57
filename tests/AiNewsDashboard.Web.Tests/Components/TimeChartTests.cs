using System.Text.Json.Nodes;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Web.Components.Charts;
using Bunit;
using MudBlazor.Services;

namespace AiNewsDashboard.Web.Tests.Components;

/// <summary>What the time chart hands ECharts (its option as JSON), and what it reports back for clicks, drags and zooms.</summary>
public sealed class TimeChartTests : BunitContext, IAsyncLifetime
{
    public TimeChartTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's popover service only disposes asynchronously.
    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    private static TimePoint P(int year, int month, double value) => new(new DateTime(year, month, 1), value);

    private static readonly TimeSeries[] Stacked =
    [
        new("news", null, [P(2024, 1, 3), P(2024, 2, 5), P(2024, 3, 1)]),
        new("opinion", "#123456", [P(2024, 1, 1), P(2024, 2, 0), P(2024, 3, 2)]),
    ];

    private static JsonObject Option(TimeChartModel model) => model.ToOption();

    [Fact]
    public void Option_SeveralSeriesOfBars_AreStackedInTheirOwnColoursOnePeriodPerCategory()
    {
        var option = Option(new TimeChartModel(Stacked, PeriodLabel: d => d.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal("""["2024-01","2024-02","2024-03"]""", option["xAxis"]!["data"]!.ToJsonString());
        var series = option["series"]!.AsArray();
        Assert.Equal(["news", "opinion"], series.Select(s => s!["name"]!.GetValue<string>()));
        Assert.All(series, s => Assert.Equal(("bar", "total"), (s!["type"]!.GetValue<string>(), s["stack"]!.GetValue<string>())));
        Assert.Equal((TimeChartModel.Palette[0], "#123456"), (series[0]!["itemStyle"]!["color"]!.GetValue<string>(), series[1]!["itemStyle"]!["color"]!.GetValue<string>()));
        Assert.True(option["legend"]!["show"]!.GetValue<bool>());
    }

    [Fact]
    public void Option_OverlaidLines_AreNotStacked_AndTheTooltipNamesEachSeries()
    {
        var model = new TimeChartModel(Stacked, TimeChartKind.Lines);

        Assert.All(Option(model)["series"]!.AsArray(), s => Assert.Null(s!["stack"]));
        Assert.Equal("2024-01-01: news 3, opinion 1", model.Describe(0));
        Assert.Equal("2024-01-01: 4 (news 3, opinion 1)", new TimeChartModel(Stacked).Describe(0));
    }

    [Fact]
    public void Option_Markers_ADateIsAMarkLineARangeAMarkArea_OffChartOnesAreLeftOut()
    {
        TimeMarker[] markers =
        [
            new(new DateOnly(2024, 2, 10), null, "Launch", "https://example.org/launch"),
            new(new DateOnly(2023, 12, 20), new DateOnly(2024, 1, 15), "Strike", null),
            new(new DateOnly(2025, 6, 1), null, "Later", null),
            new(new DateOnly(2024, 3, 2), null, "Bad link", "javascript:alert(1)"),
        ];

        var model = new TimeChartModel(Stacked, Markers: markers, End: new DateOnly(2024, 3, 31));
        var series0 = Option(model)["series"]![0]!;

        var lines = series0["markLine"]!["data"]!.AsArray();
        Assert.Equal([("Launch", 1, "https://example.org/launch"), ("Bad link", 2, null)],
            lines.Select(l => (l!["name"]!.GetValue<string>(), l["xAxis"]!.GetValue<int>(), l["url"]?.GetValue<string>())));
        var area = Assert.Single(series0["markArea"]!["data"]!.AsArray())!.AsArray();
        // Clipped to the chart: from its first period.
        Assert.Equal(("Strike", 0, 0), (area[0]!["name"]!.GetValue<string>(), area[0]!["xAxis"]!.GetValue<int>(), area[1]!["xAxis"]!.GetValue<int>()));
        Assert.Null(Option(model)["series"]![1]!["markLine"]);
        Assert.Contains("Annotations: Launch (2024-02-01); Strike (2024-01-01); Bad link (2024-03-01)", model.AriaDescription());
    }

    [Fact]
    public void Render_Markers_AreCountedOnTheChartAndItsScreenReaderText()
    {
        var chart = Render<TimeChart>(p => p.Add(c => c.Series, Stacked).Add(c => c.AriaLabel, "Articles per month")
            .Add(c => c.Markers, [new TimeMarker(new DateOnly(2024, 3, 5), null, "Election", null)]));

        Assert.Equal("1", chart.Find(".time-chart").GetAttribute("data-markers"));
        var label = chart.Find(".time-chart-canvas").GetAttribute("aria-label")!;
        Assert.StartsWith("Articles per month, 3 periods from 2024-01-01 to 2024-03-01, series news, opinion. Highest: 2024-02-01: 5", label);
        Assert.Contains("Election (2024-03-01)", label);
    }

    [Fact]
    public void Option_Peaks_AreNumberedAboveTheTopOfTheirStack()
    {
        var option = Option(new TimeChartModel(Stacked, Peaks: [new TimeChartPeak(1, "▲1")]));

        var mark = Assert.Single(option["series"]![1]!["markPoint"]!["data"]!.AsArray())!;
        Assert.Equal("""["▲1",[1,5]]""", new JsonArray(mark["name"]!.DeepClone(), mark["coord"]!.DeepClone()).ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public async Task Brushed_FromOnePeriodToAnother_ReportsItsFirstDayToTheLastDayOfTheLast()
    {
        (DateOnly From, DateOnly To)? brushed = null;
        var chart = Render<TimeChart>(p => p.Add(c => c.Series, Stacked).Add(c => c.End, new DateOnly(2024, 3, 31))
            .Add(c => c.OnBrush, r => brushed = r));

        await chart.InvokeAsync(() => chart.Instance.Brushed(false, 2, 1));
        Assert.Equal((new DateOnly(2024, 2, 1), new DateOnly(2024, 3, 31)), brushed);

        // Out of range (a drag past the edge) is held to the chart.
        await chart.InvokeAsync(() => chart.Instance.Brushed(false, -3, 0));
        Assert.Equal((new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 31)), brushed);
    }

    [Fact]
    public async Task BucketClicked_OnAStackedSegment_ReportsThePeriodAndItsSeries()
    {
        TimeBucketClick? clicked = null;
        (DateOnly, DateOnly?)? annotated = null;
        var chart = Render<TimeChart>(p => p.Add(c => c.Series, Stacked).Add(c => c.OnBucketClick, c => clicked = c).Add(c => c.OnAnnotate, a => annotated = a));

        await chart.InvokeAsync(() => chart.Instance.BucketClicked(0, 1));

        Assert.Equal(new TimeBucketClick(0, new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 31), 1), clicked);
        Assert.Null(annotated);
    }

    [Fact]
    public async Task Annotating_AClickOrADragMarksTheirDates_AndNarrowsNothing()
    {
        TimeBucketClick? clicked = null;
        (DateOnly From, DateOnly To)? brushed = null;
        var annotated = new List<(DateOnly, DateOnly?)>();
        var chart = Render<TimeChart>(p => p.Add(c => c.Series, Stacked).Add(c => c.Annotating, true).Add(c => c.OnBucketClick, c => clicked = c)
            .Add(c => c.OnBrush, r => brushed = r).Add(c => c.OnAnnotate, a => annotated.Add(a)));

        await chart.InvokeAsync(() => chart.Instance.BucketClicked(1, 0));
        await chart.InvokeAsync(() => chart.Instance.Brushed(false, 0, 1));

        Assert.Equal([(new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 29)), (new DateOnly(2024, 1, 1), new DateOnly(2024, 2, 29))], annotated);
        Assert.Null(clicked);
        Assert.Null(brushed);
        Assert.Contains("annotating", chart.Find(".time-chart").ClassList);
    }

    [Fact]
    public void Overview_SelectedRange_IsHighlightedOnTheStripAndZoomOutIsOffered()
    {
        TimePoint[] all = [P(2023, 1, 5), P(2023, 4, 9), P(2023, 7, 2), P(2023, 10, 4), P(2024, 1, 7)];
        var chart = Render<TimeChart>(p => p.Add(c => c.Series, Stacked).Add(c => c.Overview, all).Add(c => c.OverviewEnd, new DateOnly(2024, 3, 31))
            .Add(c => c.SelectedFrom, new DateOnly(2023, 5, 1)).Add(c => c.SelectedTo, new DateOnly(2023, 8, 15)));

        Assert.NotNull(chart.Find("[data-testid=zoom-out]"));
        var overview = new TimeChartModel([new TimeSeries("All dates", null, all)], TimeChartKind.Lines, End: new DateOnly(2024, 3, 31));
        var band = TimeChart.OverviewOption(overview, new DateOnly(2023, 5, 1), new DateOnly(2023, 8, 15))["series"]![0]!["markArea"]!["data"]![0]!;
        Assert.Equal((1, 2), (band[0]!["xAxis"]!.GetValue<int>(), band[1]!["xAxis"]!.GetValue<int>()));
    }

    [Fact]
    public void Overview_AllDatesShown_OffersNoZoomOut()
    {
        var chart = Render<TimeChart>(p => p.Add(c => c.Series, Stacked).Add(c => c.Overview, [P(2024, 1, 1), P(2024, 2, 1)]));

        Assert.Empty(chart.FindAll("[data-testid=zoom-out]"));
        Assert.Null(TimeChart.OverviewOption(new TimeChartModel([new TimeSeries("a", null, [P(2024, 1, 1), P(2024, 2, 1)])]), null, null)["series"]![0]!["markArea"]);
    }

    [Theory]
    [InlineData("2024-03-01", "2024-03-31", "2024-02-14", "2024-04-16")]
    [InlineData("2019-01-10", "2019-02-10", "2019-01-01", "2019-02-26")] // held to the data's first day
    [InlineData("2018-06-01", "2026-01-01", "2019-01-01", "2026-06-30")] // all of it, never past it
    public void Widen_TwiceTheRangeAroundItsMiddle_WithinTheData(string from, string to, string wideFrom, string wideTo)
    {
        var extent = (DateOnly.Parse("2019-01-01"), DateOnly.Parse("2026-06-30"));
        var wide = TimeChart.Widen(DateOnly.Parse(from), DateOnly.Parse(to), extent);
        Assert.Equal((DateOnly.Parse(wideFrom), DateOnly.Parse(wideTo)), wide);
    }

    [Fact]
    public void TimeSelection_ARangeReachingTheDatasEnds_LeavesThoseEndsOpen()
    {
        var first = new DateOnly(2019, 1, 1);
        var last = new DateOnly(2026, 6, 30);
        var filter = DashboardFilter.All with { Providers = ["a.example"] };

        Assert.Equal((null, null), Pick(TimeSelection.Apply(filter, (first, last), first, last)));
        Assert.Equal((null, new DateOnly(2020, 1, 1)), Pick(TimeSelection.Apply(filter, (first, new DateOnly(2020, 1, 1)), first, last)));
        Assert.Equal((new DateOnly(2020, 1, 1), new DateOnly(2020, 2, 1)), Pick(TimeSelection.Apply(filter, (new DateOnly(2020, 1, 1), new DateOnly(2020, 2, 1)))));
        Assert.Equal(["a.example"], TimeSelection.Apply(filter, (first, last), first, last).Providers);

        static (DateOnly?, DateOnly?) Pick(DashboardFilter f) => (f.From, f.To);
    }
}
