using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Components.Charts;
using AiNewsDashboard.Web.Components.Compare;
using AiNewsDashboard.Web.Components.Pages;
using AiNewsDashboard.Web.Components.Filters;
using AiNewsDashboard.Web.Tests.Components;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Compare;

/// <summary>The /compare page over a real database: what it shows, and that every edit goes into the URL.</summary>
public sealed class ComparePageTests : MudTestContext
{
    private NavigationManager Nav => Services.GetRequiredService<NavigationManager>();

    protected override async Task SetUpAsync()
    {
        Services.AddSingleton(Db.Get<CompareQueries>());
        Services.AddSingleton(new FilterOptionsQueries(Db.Get<ArticleFactsCache>()));
        await Db.ImportArticlesAsync(
            new ArticleBuilder().From("alpha.example", "Alpha").PublishedOn(2024, 1, 2).Titled("Chip plant").WithTopics("Chips"),
            new ArticleBuilder().From("alpha.example", "Alpha").PublishedOn(2024, 1, 3).Titled("Chip prices").WithTopics("Chips", "AI"),
            new ArticleBuilder().From("alpha.example", "Alpha").PublishedOn(2024, 1, 17).Titled("Robots").WithTopics("Robotics"),
            new ArticleBuilder().From("beta.example", "Beta").PublishedOn(2024, 1, 16).Titled("Chip exports").WithTopics("Chips"));
    }

    private const string TwoQueries = "/compare?q1=n:Chip;s:chip;c:aa0000&q2=n:Alpha;p:alpha.example";

    [Fact]
    public void Render_TwoQueries_ShowsTotalsOverlapTopsAndALinePerQueryInItsColour()
    {
        Nav.NavigateTo(TwoQueries);

        var page = Render<ComparePage>();

        page.WaitForAssertion(() =>
        {
            Assert.Equal("3", page.Find("[data-testid=compare-total-1] [data-testid=compare-matches]").TextContent);
            Assert.Equal("3", page.Find("[data-testid=compare-total-2] [data-testid=compare-matches]").TextContent);
        });
        var lines = page.FindComponent<TimeChart>().Instance.Model.ToOption()["series"]!.AsArray();
        Assert.Equal(["line", "line"], lines.Select(l => l!["type"]!.GetValue<string>()));
        Assert.Equal("#aa0000", lines[0]!["itemStyle"]!["color"]!.GetValue<string>());
        Assert.Contains("2 articles match every query; 4 match at least one", page.Find("[data-testid=compare-all-any]").TextContent);
        Assert.Contains("Chips", page.Find("[data-testid=compare-tops]").TextContent);
        Assert.Contains("Beta", page.Find("[data-testid=compare-tops]").TextContent);
        Assert.Equal("/api/compare.csv?q1=n:Chip;c:aa0000;s:chip&q2=n:Alpha;p:alpha.example",
            page.Find("[data-testid=compare-csv]").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=compare-too-long]"));
    }

    [Fact]
    public void ShareView_LegendStatesTheDenominator()
    {
        Nav.NavigateTo(TwoQueries + "&view=share");

        var page = Render<ComparePage>();

        page.WaitForAssertion(() => Assert.Contains("divided by the articles matching the query's filters without its search text",
            page.Find("[data-testid=compare-denominator]").TextContent));
        Assert.Contains("Share of attention", page.Find("[data-testid=compare-chart] h2").TextContent);
    }

    [Fact]
    public void LogScale_IsInTheUrl_AndDrawsTheCountsOnALogAxis()
    {
        Nav.NavigateTo(TwoQueries + "&scale=log");

        var page = Render<ComparePage>();

        page.WaitForAssertion(() => Assert.Equal("log", page.Find("[data-testid=compare-lines]").GetAttribute("data-scale")));
        page.Find("input[data-testid=compare-log]").Change(false);
        page.WaitForAssertion(() => Assert.EndsWith("p:alpha.example", Nav.Uri));
        page.WaitForAssertion(() => Assert.Equal("linear", page.Find("[data-testid=compare-lines]").GetAttribute("data-scale")));
    }

    [Fact]
    public void AddAndRemove_GoIntoTheUrl()
    {
        Nav.NavigateTo(TwoQueries);
        var page = Render<ComparePage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid^=compare-query-]").Count));

        page.Find("[data-testid=compare-add]").Click();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid^=compare-query-]").Count));
        Assert.EndsWith("&q3=n:", Nav.Uri);

        page.FindAll("[data-testid=compare-remove]")[0].Click();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid^=compare-query-]").Count));
        // Names and colours stay with their query: the third, now second, is still "Query 3" in green.
        Assert.EndsWith("/compare?q1=n:Alpha;c:ff7f0e;p:alpha.example&q2=n:Query%203;c:2ca02c", Nav.Uri);
    }

    [Fact]
    public void ThreeQueries_FoldToALineEach_EditOpensOne_AndANewQueryOpens()
    {
        Nav.NavigateTo(TwoQueries + "&q3=n:Robots;t:Robotics");
        var page = Render<ComparePage>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=compare-summary]").Count));
        Assert.Empty(page.FindAll("input[data-testid=compare-text]"));
        Assert.Equal("Search: \u201Cchip\u201D", page.Find("[data-testid=compare-query-1] [data-testid=compare-summary]").TextContent);
        Assert.Equal("Topic: Robotics", page.Find("[data-testid=compare-query-3] [data-testid=compare-summary]").TextContent);

        page.Find("[data-testid=compare-query-2] [data-testid=compare-edit]").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=compare-query-2] input[data-testid=compare-text]")));
        Assert.Equal(2, page.FindAll("[data-testid=compare-summary]").Count);

        page.Find("[data-testid=compare-add]").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=compare-query-4] input[data-testid=compare-text]")));
        Assert.Equal(3, page.FindAll("[data-testid=compare-summary]").Count);

        page.Find("[data-testid=compare-query-4] [data-testid=compare-done]").Click();
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=compare-summary]").Count));
    }

    [Fact]
    public void TwoQueries_StayOpen()
    {
        Nav.NavigateTo(TwoQueries);
        var page = Render<ComparePage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("input[data-testid=compare-text]").Count));
        Assert.Empty(page.FindAll("[data-testid=compare-summary]"));
        Assert.Empty(page.FindAll("[data-testid=compare-done]"));
    }

    [Fact]
    public void TypeSearch_InQueryTwo_PutsItInTheUrl()
    {
        Nav.NavigateTo(TwoQueries);
        var page = Render<ComparePage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("input[data-testid=compare-text]").Count));

        page.FindAll("input[data-testid=compare-text]")[1].Input("robots");

        page.WaitForAssertion(() => Assert.Contains("q2=n:Alpha;s:robots;p:alpha.example", Nav.Uri));
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=compare-total-2] [data-testid=compare-matches]").TextContent));
    }

    [Fact]
    public void NoQueries_StartsFromTheLinkedFilterAndAnEmptyQuery()
    {
        Nav.NavigateTo("/compare?provider=beta.example&from=2024-01-01&to=2024-01-31");

        var page = Render<ComparePage>();

        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=compare-total-1] [data-testid=compare-matches]").TextContent));
        Assert.Equal("4", page.Find("[data-testid=compare-total-2] [data-testid=compare-matches]").TextContent);
    }

    [Fact]
    public void TooLongForALink_SaysSoAndOffersToSaveAsAView()
    {
        // Text no compression shortens much: five long, different searches.
        var random = new Random(7);
        string Noise() => new(Enumerable.Range(0, 600).Select(_ => (char)('a' + random.Next(26))).ToArray());
        var specs = Enumerable.Range(0, 5).Select(i => CompareUrl.New(i, new DashboardFilter { Text = Noise() })).ToArray();
        Nav.NavigateTo(CompareUrl.For(specs));

        var page = Render<ComparePage>();

        page.WaitForAssertion(() => Assert.Contains("Save it as a view", page.Find("[data-testid=compare-too-long]").TextContent));
        // Save view keeps the whole comparison, in its compressed form.
        Assert.StartsWith("/compare?z=", page.FindComponent<SaveViewButton>().Instance.Url);
        Assert.Equal(Nav.ToBaseRelativePath(Nav.Uri), page.FindComponent<SaveViewButton>().Instance.Url[1..]);
    }
}
