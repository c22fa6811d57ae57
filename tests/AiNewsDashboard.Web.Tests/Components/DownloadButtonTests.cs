using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Queries.Graph;
using AiNewsDashboard.Web.Components.Pages;
using AiNewsDashboard.Web.Components.Shared;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Components;

/// <summary>
/// Exports are links with the download attribute, so the browser saves the file and the router never takes the link as a
/// navigation. Guards the bug where Export CSV left "/api/providers.csv?…&amp;to=2026-06-30?" in the address bar.
/// </summary>
public sealed class DownloadButtonTests : MudTestContext
{
    private const string Query = "from=2024-02-01&to=2024-02-29&provider=a.example&q=chip%20OR%20%22x%3F%22";

    protected override Task SetUpAsync()
    {
        Services.AddSingleton(Db.Get<ArticleQueries>());
        Services.AddSingleton(Db.Get<ProviderQualityQueries>());
        Services.AddSingleton(Db.Get<GraphQueries>());
        Services.AddSingleton(Db.Get<ArticleFactsCache>());
        return Task.CompletedTask;
    }

    [Fact]
    public void Render_DownloadButton_IsALinkWithTheDownloadAttributeAndTheGivenAttributes()
    {
        var button = Render<DownloadButton>(p => p
            .Add(b => b.Href, "/api/graph.gexf?focus=3")
            .AddChildContent("Export GEXF")
            .AddUnmatched("data-testid", "export")
            .AddUnmatched("title", "the whole graph"));

        var link = button.Find("a[data-testid=export]");
        Assert.Equal("/api/graph.gexf?focus=3", link.GetAttribute("href"));
        Assert.True(link.HasAttribute("download"));
        Assert.Equal("the whole graph", link.GetAttribute("title"));
        Assert.Contains("Export GEXF", link.TextContent);
    }

    [Fact]
    public void Render_DownloadButtonAsLink_IsALinkWithTheDownloadAttribute()
    {
        var button = Render<DownloadButton>(p => p
            .Add(b => b.Href, "/api/imports/7/report.csv")
            .Add(b => b.AsLink, true)
            .AddChildContent("problems (CSV)"));

        var link = button.Find("a.mud-link");
        Assert.Equal("/api/imports/7/report.csv", link.GetAttribute("href"));
        Assert.True(link.HasAttribute("download"));
    }

    [Fact]
    public void Render_ArticlesPage_ExportsThePagesFilterWithOneQuestionMark()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/articles?" + Query);

        var page = Render<ArticlesPage>();

        var link = page.Find("a[data-testid=export-articles]");
        Assert.Equal("/api/articles.csv?" + Query, link.GetAttribute("href"));
        Assert.True(link.HasAttribute("download"));
    }

    [Fact]
    public void Render_ProvidersPage_ExportsThePagesFilterWithOneQuestionMark()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/providers?" + Query);

        var page = Render<ProvidersPage>();

        var link = page.Find("a[data-testid=export-providers]");
        Assert.Equal("/api/providers.csv?" + Query, link.GetAttribute("href"));
        Assert.True(link.HasAttribute("download"));
    }

    [Fact]
    public void Render_ProvidersPage_NoFilter_ExportsWithoutAQuestionMark()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/providers");

        var page = Render<ProvidersPage>();

        Assert.Equal("/api/providers.csv", page.Find("a[data-testid=export-providers]").GetAttribute("href"));
    }
}
