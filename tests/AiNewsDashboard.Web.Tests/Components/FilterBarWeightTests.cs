using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Components.Filters;
using AiNewsDashboard.Web.Components.Pages;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AiNewsDashboard.Web.Tests.Components;

/// <summary>
/// What the filter bar costs an open page: every component of a Blazor Server page stays in the server's memory while the
/// page is open (about 5 KB each), and the bar is on every page. It held 132 components (168 with a custom range and
/// two chips); drawn with native fields and plain buttons it holds about a quarter of that.
/// </summary>
public sealed class FilterBarWeightTests(ITestOutputHelper output) : MudTestContext
{
    /// <summary>
    /// The most the bar may hold with every control showing (a custom range, chips, collections). It holds 36: the four
    /// searchable pickers are MudAutocompletes (8 components each), the rest is markup.
    /// </summary>
    private const int MostComponents = 40;

    private NavigationManager Nav => Services.GetRequiredService<NavigationManager>();

    protected override async Task SetUpAsync()
    {
        Services.AddSingleton(new FilterOptionsQueries(Db.Get<ArticleFactsCache>()));
        Services.AddSingleton(Db.Get<ArticleQueries>());
        await Db.ImportTextsAsync(
            ("a.md", new ArticleBuilder().From("alpha.example", "Alpha News").PublishedOn(2014, 3, 10).WithTopics("AI", "Chips").Build()),
            ("b.md", new ArticleBuilder().From("beta.example").PublishedOn(2022, 9, 18).InCategory("opinion").WithTopics("Robotics").Build()));
        await Db.Get<ArticleFactsCache>().GetFreshAsync();
        await Db.Get<AiNewsDashboard.Core.Collections.ProviderCollectionService>().CreateAsync("Wire services", null, ["alpha.example"]);
    }

    [Theory]
    [InlineData("/articles")]
    [InlineData("/articles?from=2014-01-01&to=2022-12-31&provider=alpha.example&provider=beta.example&topic=AI&category=opinion&collection=Wire%20services&minQuality=10&published=true&copies=once")]
    public void Render_EveryControlShowing_StaysUnderTheBound(string url)
    {
        Nav.NavigateTo(url);

        var bar = Render<FilterBar>();
        bar.WaitForElement("[data-testid=filter-extent]");

        var count = ComponentWeight.Count(bar, output, "FilterBar " + url);
        Assert.True(count <= MostComponents,
            $"The filter bar holds {count} components, more than {MostComponents}: each one is kept in server memory for every open page. " +
            "Draw the new control as markup (see FilterBar.Field, PlainIcon) or raise the bound with the reason.");
    }

    [Fact]
    public void Render_ArticlesPage_CountsItsComponents()
    {
        // The page under the bar, for the record (the test's output); ArticlesPageWeightTests bounds it with a full page of rows.
        Nav.NavigateTo("/articles?from=2014-01-01&provider=alpha.example");

        var page = Render<ArticlesPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=article-link]")));

        Assert.InRange(ComponentWeight.Count(page, output, "ArticlesPage"), 1, 200);
    }
}
