using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Components.Filters;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Components;

/// <summary>The filter bar and the URL: the URL drives what it shows, and every change it makes goes into the URL.</summary>
public sealed class FilterBarTests : MudTestContext
{
    private NavigationManager Nav => Services.GetRequiredService<NavigationManager>();

    protected override async Task SetUpAsync()
    {
        Services.AddSingleton(new FilterOptionsQueries(Db.Factory));
        await Db.ImportTextsAsync(
            ("a.md", new ArticleBuilder().From("alpha.example", "Alpha News").WithTopics("AI", "Chips").Build()),
            ("b.md", new ArticleBuilder().From("beta.example").InCategory("opinion").WithTopics("Robotics").Build()));
    }

    [Fact]
    public void Render_UrlWithFilters_ShowsThem()
    {
        Nav.NavigateTo("/timeline?provider=alpha.example&topic=Chips&published=true&minQuality=40");

        var bar = Render<FilterBar>();

        bar.WaitForAssertion(() =>
        {
            Assert.Contains("Alpha News (alpha.example)", bar.Markup); // the chip, named as the provider calls itself
            Assert.Contains("Chips", bar.Markup);
            Assert.Equal("40", bar.Find("[data-testid=filter-min-quality]").GetAttribute("value"));
            Assert.Contains("Published", bar.Find("[data-testid=filter-published]").ParentElement!.TextContent);
        });
    }

    [Fact]
    public void TypeSearchText_AfterTheDebounce_PutsItInTheUrlAndKeepsTheView()
    {
        Nav.NavigateTo("/timeline?granularity=month&topic=AI");
        var bar = Render<FilterBar>();

        bar.Find("[data-testid=filter-text]").Input("open source");

        bar.WaitForAssertion(() => Assert.Equal("/timeline?topic=AI&q=open%20source&granularity=month", "/" + Nav.ToBaseRelativePath(Nav.Uri)),
            TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void ClearAll_WithFilters_LeavesOnlyTheViewParameters()
    {
        Nav.NavigateTo("/timeline?from=2024-01-01&to=2024-02-01&provider=alpha.example&granularity=week");
        var bar = Render<FilterBar>();

        bar.Find("[data-testid=filter-clear]").Click();

        Assert.Equal("/timeline?granularity=week", "/" + Nav.ToBaseRelativePath(Nav.Uri));
    }

    [Fact]
    public void BackButton_AfterAFilterChange_RestoresTheBarFromTheUrl()
    {
        Nav.NavigateTo("/?minQuality=10");
        var bar = Render<FilterBar>();
        Nav.NavigateTo("/?minQuality=70");
        bar.WaitForAssertion(() => Assert.Equal("70", bar.Find("[data-testid=filter-min-quality]").GetAttribute("value")));

        Nav.NavigateTo("/?minQuality=10"); // what the browser's back button does: the earlier URL comes back

        bar.WaitForAssertion(() => Assert.Equal("10", bar.Find("[data-testid=filter-min-quality]").GetAttribute("value")));
    }

    [Fact]
    public void Render_UrlWithBadValue_SaysWhichParameterIsIgnored()
    {
        Nav.NavigateTo("/?from=yesterday&published=maybe");

        var bar = Render<FilterBar>();

        var warning = bar.Find("[data-testid=filter-errors]").TextContent;
        Assert.Contains("from: 'yesterday' is not a date", warning);
        Assert.Contains("published: 'maybe' is not true or false", warning);
    }

    [Fact]
    public void Render_UrlWithASearchMistake_SaysWhatAndWhereAndKeepsTheTextToCorrect()
    {
        // An unclosed quote used to be searched as a word, silently.
        Nav.NavigateTo("/articles?q=%22chip");

        var bar = Render<FilterBar>();

        var problem = bar.Find("[data-testid=filter-errors] [data-parameter=q]").TextContent;
        Assert.Equal("q: the quote at position 1 is never closed", problem);
        Assert.Equal("\"chip", bar.Find("[data-testid=filter-text]").GetAttribute("value"));
    }

    [Fact]
    public void ChangeAnotherFilter_WhileTheSearchHasAMistake_KeepsTheSearchInTheUrl()
    {
        Nav.NavigateTo("/articles?q=(chip%20OR");
        var bar = Render<FilterBar>();

        bar.Find("[data-testid=filter-min-quality]").Input("30");

        bar.WaitForAssertion(() => Assert.Equal("/articles?q=%28chip%20OR&minQuality=30", "/" + Nav.ToBaseRelativePath(Nav.Uri)),
            TimeSpan.FromSeconds(5));
    }
}
