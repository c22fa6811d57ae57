using AiNewsDashboard.Web.Components.Charts;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Components;

/// <summary>The frame every chart sits in: loading, empty, the table view of its numbers, its article link and its exports.</summary>
public sealed class ChartCardTests : MudTestContext
{
    private IRenderedComponent<ChartCard> RenderCard(bool loading = false, bool empty = false, string? csvHref = null) => Render<ChartCard>(p => p
        .Add(c => c.Title, "Articles over time")
        .Add(c => c.Loading, loading)
        .Add(c => c.Empty, empty)
        .Add(c => c.CsvHref, csvHref)
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
        Assert.Equal("false", card.Find("[data-testid=toggle-table]").GetAttribute("aria-pressed"));

        card.Find("[data-testid=toggle-table]").Click();

        Assert.Single(card.FindAll("[data-testid=chart-table] #the-numbers"));
        Assert.Empty(card.FindAll("#the-chart"));
        Assert.Equal("Show chart", card.Find("[data-testid=toggle-table]").GetAttribute("aria-label"));
        Assert.Equal("true", card.Find("[data-testid=toggle-table]").GetAttribute("aria-pressed"));
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

    [Fact]
    public void ExportMenu_Opened_OffersPngSvgAndTheCsvAsADownloadLink()
    {
        var card = RenderCard(csvHref: "/api/stats/timeline.csv?topic=AI");
        var button = card.Find("[data-testid=chart-export] button");
        Assert.Equal("Download Articles over time", button.GetAttribute("aria-label"));
        Assert.Equal("false", button.GetAttribute("aria-expanded"));
        Assert.Contains("no-print", card.Find("[data-testid=chart-export]").ClassList);
        Assert.Empty(card.FindAll("[role=menuitem]"));

        button.Click();

        Assert.Equal("true", card.Find("[data-testid=chart-export] button").GetAttribute("aria-expanded"));
        Assert.Equal(["PNG image", "SVG image", "CSV of the numbers"], card.FindAll("[role=menu] [role=menuitem]").Select(i => i.TextContent.Trim()));
        var csv = card.Find("[data-testid=chart-export-csv]");
        Assert.Equal("/api/stats/timeline.csv?topic=AI", csv.GetAttribute("href"));
        Assert.True(csv.HasAttribute("download")); // saved by the browser, never a navigation
    }

    [Fact]
    public void ExportMenu_WithoutCsvHref_HasNoCsvItem()
    {
        var card = RenderCard();

        card.Find("[data-testid=chart-export] button").Click();

        Assert.Single(card.FindAll("[data-testid=chart-export-png]"));
        Assert.Empty(card.FindAll("[data-testid=chart-export-csv]"));
    }

    [Fact]
    public void ExportMenu_ClosesOnEscapeOnAClickOutsideAndOnItsButton()
    {
        var card = RenderCard(csvHref: "/api/stats/timeline.csv");
        void Open() => card.Find("[data-testid=chart-export] button").Click();

        Open();
        card.Find("[role=menu]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "ArrowDown" });
        Assert.Single(card.FindAll("[role=menu]")); // the arrows move in the menu; they don't close it
        card.Find("[role=menu]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Escape" });
        Assert.Empty(card.FindAll("[role=menu]"));

        Open();
        card.Find(".chart-menu-scrim").Click();
        Assert.Empty(card.FindAll("[role=menu]"));

        Open();
        card.Find("[data-testid=chart-export] button").Click();
        Assert.Empty(card.FindAll("[role=menu]"));
        Assert.Equal("false", card.Find("[data-testid=chart-export] button").GetAttribute("aria-expanded"));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void ExportMenu_WhileLoadingOrEmpty_IsNotOffered(bool loading, bool empty) =>
        Assert.Empty(RenderCard(loading: loading, empty: empty).FindAll("[data-testid=chart-export]"));

    [Fact]
    public async Task ExportPng_Clicked_HandsTheChartAndItsLabelToTheModule()
    {
        var module = JSInterop.SetupModule("./js/chart-export.js");
        module.SetupVoid("exportChart", _ => true).SetVoidResult();
        Services.GetRequiredService<BunitNavigationManager>().NavigateTo("/timeline?from=2025-01-01&to=2025-06-30&provider=a.example");
        var card = RenderCard();

        card.Find("[data-testid=chart-export] button").Click();
        await card.InvokeAsync(() => card.Find("[data-testid=chart-export-png]").Click());

        card.WaitForAssertion(() => module.VerifyInvoke("exportChart")); // after the data's span is read
        var call = module.VerifyInvoke("exportChart");
        Assert.Equal("png", call.Arguments[1]);
        var label = System.Text.Json.JsonSerializer.Serialize(call.Arguments[2]);
        Assert.Contains("\"fileStem\":\"timeline-articles-over-time-2025-01-01_2025-06-30\"", label);
        Assert.Contains("\"filter\":\"Provider: a.example\"", label);
        Assert.Empty(card.FindAll("[role=menu]")); // an item chosen closes the menu
    }
}
