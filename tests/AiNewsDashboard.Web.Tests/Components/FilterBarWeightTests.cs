using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Components.Filters;
using AiNewsDashboard.Web.Components.Pages;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AiNewsDashboard.Web.Tests.Components;

public sealed class FilterBarWeightTests(ITestOutputHelper output) : MudTestContext
{
    private NavigationManager Nav => Services.GetRequiredService<NavigationManager>();

    protected override async Task SetUpAsync()
    {
        Services.AddSingleton(new FilterOptionsQueries(Db.Get<ArticleFactsCache>()));
        Services.AddSingleton(Db.Get<ArticleQueries>());
        await Db.ImportTextsAsync(
            ("a.md", new ArticleBuilder().From("alpha.example", "Alpha News").PublishedOn(2014, 3, 10).WithTopics("AI", "Chips").Build()),
            ("b.md", new ArticleBuilder().From("beta.example").PublishedOn(2022, 9, 18).InCategory("opinion").WithTopics("Robotics").Build()));
        await Db.Get<ArticleFactsCache>().GetFreshAsync();
    }

    private void Print(string what, IRenderedComponent<IComponent> root)
    {
        var all = root.FindComponents<IComponent>();
        output.WriteLine($"{what}: {all.Count + 1} components");
        foreach (var g in all.GroupBy(c => c.Instance.GetType().Name).OrderByDescending(g => g.Count()))
            output.WriteLine($"  {g.Count(),4} {g.Key}");
    }

    [Theory]
    [InlineData("/articles")]
    [InlineData("/articles?from=2014-01-01&to=2022-12-31&provider=alpha.example&topic=AI&minQuality=10")]
    public void Measure(string url)
    {
        Nav.NavigateTo(url);
        var bar = Render<FilterBar>();
        bar.WaitForElement("[data-testid=filter-extent]");
        Print("FilterBar " + url, bar);
        var page = Render<ArticlesPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=article-link]")));
        Print("ArticlesPage " + url, page);
    }
}
