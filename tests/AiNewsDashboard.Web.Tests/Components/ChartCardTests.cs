using AiNewsDashboard.Web.Components.Charts;
using Bunit;

namespace AiNewsDashboard.Web.Tests.Components;

/// <summary>The frame every chart sits in: loading, empty, the table view of its numbers, and its article link.</summary>
public sealed class ChartCardTests : MudTestContext
{
    private IRenderedComponent<ChartCard> RenderCard(bool loading = false, bool empty = false) => Render<ChartCard>(p => p
        .Add(c => c.Title, "Articles over time")
        .Add(c => c.Loading, loading)
        .Add(c => c.Empty, empty)
        .Add(c => c.ArticlesHref, "/articles?topic=AI")
        .Add(c => c.ChildContent, "<svg id='the-chart'></svg>")
        .Add(c => c.Table, "<table id='the-numbers'></table>"));

    [Fact]
    public void ToggleTable_ShowsTheNumbersInsteadOfTheChartAndBack()
    {
        var card = RenderCard();
        Assert.Single(card.FindAll("#the-chart"));
        Assert.Empty(card.FindAll("#the-numbers"));
        Assert.Equal("Show table", card.Find("[data-testid=toggle-table]").GetAttribute("aria-label"));

        card.Find("[data-testid=toggle-table]").Click();

        Assert.Single(card.FindAll("[data-testid=chart-table] #the-numbers"));
        Assert.Empty(card.FindAll("#the-chart"));
        Assert.Equal("Show chart", card.Find("[data-testid=toggle-table]").GetAttribute("aria-label"));
        card.Find("[data-testid=toggle-table]").Click();
        Assert.Single(card.FindAll("#the-chart"));
        Assert.Empty(card.FindAll("#the-numbers"));
    }

    [Fact]
    public void Loading_ShowsAPlaceholderNotTheChart()
    {
        var card = RenderCard(loading: true);

        Assert.Equal("Loading", card.Find("[data-testid=chart-loading]").GetAttribute("aria-label")); // what a screen reader says
        Assert.Empty(card.FindAll("#the-chart"));
    }

    [Fact]
    public void Empty_SaysNothingMatches()
    {
        var card = RenderCard(empty: true);

        Assert.Contains("Nothing matches these filters.", card.Find("[data-testid=chart-empty]").TextContent);
        Assert.Empty(card.FindAll("#the-chart"));
    }

    [Fact]
    public void ArticlesLink_GoesToTheFilteredList() =>
        Assert.Equal("/articles?topic=AI", RenderCard().Find("a[href^='/articles']").GetAttribute("href"));
}
