using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Components.Pages;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Components;

/// <summary>The overview page rendered with bUnit over a real database.</summary>
public sealed class OverviewPageTests : MudTestContext
{
    protected override Task SetUpAsync()
    {
        Services.AddSingleton(Db.Get<OverviewQueries>());
        Services.AddSingleton(Db.Get<TimelineQueries>());
        Services.AddSingleton(Db.Get<TopicQueries>());
        Services.AddSingleton(Db.Get<ProviderQualityQueries>());
        return Task.CompletedTask;
    }

    private static string Value(IRenderedComponent<Overview> page, string testId) =>
        page.Find($"[data-testid={testId}] .total-value").TextContent.Trim();

    [Fact]
    public async Task Render_WithArticles_ShowsKpisAndWhatTheStoreHolds()
    {
        await Db.ImportTextsAsync(
            ("a.md", new ArticleBuilder().From("one.example").PublishedOn(2020, 1, 2).WithQuality(40).WithTopics("AI", "Chips").RelatedTo("https://ref.example/x").Build()),
            ("b.md", new ArticleBuilder().From("two.example").PublishedOn(2024, 5, 6).WithQuality(60).WithTopics("ai").Build()));

        var page = Render<Overview>();

        page.WaitForAssertion(() =>
        {
            Assert.Equal("2", Value(page, "total-articles"));
            Assert.Equal("2", Value(page, "total-providers")); // the reference's provider has no article of its own in the filter
            Assert.Equal("2", Value(page, "total-topics"));
            Assert.Equal("50.0", Value(page, "total-quality"));
            Assert.Equal("2020-01-02 – 2024-05-06", Value(page, "total-span"));
            Assert.Contains("2 articles, 1 reference, all time", page.Find("[data-testid=total-span]").TextContent);
        });
        Assert.Empty(page.FindAll("[data-testid=demo-notice]"));
        Assert.Empty(page.FindAll("[data-testid=total-articles-change]")); // open range: nothing to compare with
    }

    [Fact]
    public async Task Render_ClosedRange_ShowsTheChangeAgainstThePreviousPeriod()
    {
        await Db.ImportTextsAsync(
            ("a.md", new ArticleBuilder().PublishedOn(2024, 1, 5).Build()),
            ("b.md", new ArticleBuilder().PublishedOn(2024, 2, 5).Build()),
            ("c.md", new ArticleBuilder().PublishedOn(2024, 2, 6).Build()));
        Services.GetRequiredService<NavigationManager>().NavigateTo("/?from=2024-02-01&to=2024-02-29");

        var page = Render<Overview>();

        page.WaitForAssertion(() =>
        {
            Assert.Equal("2", Value(page, "total-articles"));
            Assert.Equal("+100%", page.Find("[data-testid=total-articles-change]").TextContent.Trim()); // 2 against 1 in the 29 days before
        });
    }

    [Fact]
    public void Render_EmptyDatabase_ExplainsHowToImport()
    {
        var page = Render<Overview>();

        page.WaitForAssertion(() => Assert.Contains("-- import", page.Markup));
        page.WaitForAssertion(() => Assert.Equal("0", Value(page, "total-articles")));
    }
}
