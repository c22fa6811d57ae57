using AiNewsDashboard.Web.Components.Charts;
using Bunit;

namespace AiNewsDashboard.Web.Tests.Components;

public sealed class BarChartTests : BunitContext
{
    private static readonly ChartBar[] Bars =
    [
        new("2024-01-01", "Jan", [3, 1]),
        new("2024-02-01", "Feb", [5, 0], Note: "The biggest story of February"),
    ];

    [Fact]
    public void ClickBar_InvokesTheCallbackWithThatBarsKey()
    {
        BarClick? clicked = null;
        var chart = Render<BarChart>(p => p.Add(c => c.Bars, Bars).Add(c => c.OnBarClick, c => clicked = c));

        chart.Find("g.bar[data-key='2024-02-01']").Click();

        Assert.Equal("2024-02-01", clicked?.Bar.Key);
        Assert.Null(clicked!.SeriesIndex);
    }

    [Fact]
    public void PressEnterOnFocusedBar_WorksLikeAClick()
    {
        BarClick? clicked = null;
        var chart = Render<BarChart>(p => p.Add(c => c.Bars, Bars).Add(c => c.OnBarClick, c => clicked = c));

        chart.Find("g.bar[data-key='2024-01-01']").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        Assert.Equal("2024-01-01", clicked?.Bar.Key);
    }

    [Fact]
    public void ClickSegmentOfStackedBar_GivesItsSeries()
    {
        BarClick? clicked = null;
        var chart = Render<BarChart>(p => p.Add(c => c.Bars, Bars).Add(c => c.Series, ["news", "opinion"]).Add(c => c.OnBarClick, c => clicked = c));

        chart.FindAll("g.bar[data-key='2024-01-01'] rect.bar-segment")[1].Click();

        Assert.Equal(("2024-01-01", 1), (clicked?.Bar.Key, clicked?.SeriesIndex));
    }

    [Fact]
    public void Render_Bars_TellTheirNumbersToTooltipsAndScreenReaders()
    {
        var chart = Render<BarChart>(p => p.Add(c => c.Bars, Bars).Add(c => c.Series, ["news", "opinion"]));

        Assert.Equal("Jan: 4 (news 3, opinion 1)", chart.Find("g.bar[data-key='2024-01-01']").GetAttribute("aria-label"));
        Assert.Contains("Top story: The biggest story of February", chart.Find("g.bar[data-key='2024-02-01'] title").TextContent);
        Assert.Equal(2, chart.FindAll("g.bar[tabindex='0']").Count);
    }

    [Theory]
    [InlineData(3, 4)]
    [InlineData(7, 8)]
    [InlineData(93, 100)]
    [InlineData(1234, 2000)]
    public void NiceCeiling_RoundsTheAxisUp(double max, double expected) => Assert.Equal(expected, BarChart.NiceCeiling(max));
}
