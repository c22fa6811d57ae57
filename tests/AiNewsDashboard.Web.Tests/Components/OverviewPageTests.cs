using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Components.Pages;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace AiNewsDashboard.Web.Tests.Components;

/// <summary>The landing page rendered with bUnit over a real database.</summary>
public sealed class OverviewPageTests : BunitContext, IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(_db.Get<OverviewQueries>());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync(); // MudBlazor's services are async-disposable only
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task Render_WithArticles_ShowsEveryTotal()
    {
        await _db.ImportTextsAsync(
            ("a.md", new ArticleBuilder().From("one.example").PublishedOn(2020, 1, 2).WithTopics("AI", "Chips").RelatedTo("https://ref.example/x").Build()),
            ("b.md", new ArticleBuilder().From("two.example").PublishedOn(2024, 5, 6).WithTopics("ai").Build()));

        var page = Render<Overview>();

        page.WaitForAssertion(() =>
        {
            Assert.Equal("2", page.Find("[data-testid=total-articles] .total-value").TextContent.Trim());
            Assert.Equal("1", page.Find("[data-testid=total-references] .total-value").TextContent.Trim());
            Assert.Equal("3", page.Find("[data-testid=total-providers] .total-value").TextContent.Trim());
            Assert.Equal("2", page.Find("[data-testid=total-topics] .total-value").TextContent.Trim());
            Assert.Equal("2020-01-02 – 2024-05-06", page.Find("[data-testid=total-span] .total-value").TextContent.Trim());
        });
        Assert.Empty(page.FindAll("[data-testid=demo-notice]"));
    }

    [Fact]
    public void Render_EmptyDatabase_ExplainsHowToImport()
    {
        var page = Render<Overview>();

        page.WaitForAssertion(() => Assert.Contains("-- import", page.Markup));
        Assert.Empty(page.FindAll("[data-testid=total-articles]"));
    }
}
