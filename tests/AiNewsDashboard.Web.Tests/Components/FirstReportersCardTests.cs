using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Queries.Graph;
using AiNewsDashboard.Web.Components.Pages;
using Bunit;

namespace AiNewsDashboard.Web.Tests.Components;

/// <summary>The first reporters' table: drawn as markup, sorted by its headings and paged, 15 rows first.</summary>
public sealed class FirstReportersCardTests : MudTestContext
{
    /// <summary>Providers r01 to r20: rNN broke NN stories first, of 40 covered, and led by 21 − NN hours.</summary>
    private static readonly FirstReporter[] Reporters = Enumerable.Range(1, 20)
        .Select(i => new FirstReporter($"r{i:00}.example", $"Reporter {i:00}", 40, i, i / 40.0, 21 - i)).ToArray();

    private IRenderedComponent<FirstReportersCard> RenderCard() => Render<FirstReportersCard>(p => p
        .Add(c => c.Reporters, Reporters).Add(c => c.Filter, DashboardFilter.All).Add(c => c.AnyArticles, true));

    private static string[] Names(IRenderedComponent<FirstReportersCard> card) =>
        card.FindAll("[data-testid=first-reporters] tbody tr a").Select(a => a.TextContent.Trim()).ToArray();

    [Fact]
    public async Task Table_SortsByItsHeadingsAndPages()
    {
        var card = RenderCard();

        // Who broke most first, 15 a page.
        Assert.Equal(15, Names(card).Length);
        Assert.Equal(["Reporter 20", "Reporter 19"], Names(card).Take(2));
        Assert.Equal("descending", card.Find("button[data-sort=broke]").ParentElement!.GetAttribute("aria-sort"));
        Assert.Equal("1–15 of 20", card.Find("[data-testid=first-reporters-count]").TextContent.Trim());

        await card.InvokeAsync(() => card.Find("button[aria-label='Next page']").Click());
        Assert.Equal(["Reporter 05", "Reporter 04", "Reporter 03", "Reporter 02", "Reporter 01"], Names(card));
        Assert.True(card.Find("button[aria-label='Next page']").HasAttribute("disabled"));

        // A heading sorts from the first page: a name A to Z, a lead shortest first only once clicked twice.
        await card.InvokeAsync(() => card.Find("button[data-sort=name]").Click());
        Assert.Equal(["Reporter 01", "Reporter 02"], Names(card).Take(2));
        await card.InvokeAsync(() => card.Find("button[data-sort=lead]").Click());
        Assert.Equal("Reporter 01", Names(card)[0]); // 20 hours' lead, the longest
        await card.InvokeAsync(() => card.Find("button[data-sort=lead]").Click());
        Assert.Equal("Reporter 20", Names(card)[0]);

        await card.InvokeAsync(() => card.Find("#first-reporters-page-size").Change("50"));
        Assert.Equal(20, Names(card).Length);
    }

    [Fact]
    public void Table_HoldsNoComponentPerRow()
    {
        var card = RenderCard();

        // The card and its ChartCard (whose export menu is a MudMenu): no row, heading or pager is a component.
        Assert.True(card.FindComponents<Microsoft.AspNetCore.Components.IComponent>().Count <= 10,
            $"{card.FindComponents<Microsoft.AspNetCore.Components.IComponent>().Count} components");
    }
}
