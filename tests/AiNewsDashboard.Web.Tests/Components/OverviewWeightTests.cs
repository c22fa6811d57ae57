using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Components.Pages;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AiNewsDashboard.Web.Tests.Components;

/// <summary>
/// What the overview costs an open page. Every component of a Blazor Server page stays in the server's memory while the
/// page is open (some kilobytes each): drawn with MudPaper, MudText, MudIcon, MudGrid, MudToggleGroups and a component per
/// ranked row, the overview held about a hundred of them; its cards, rows, grid and toggles drawn as markup, it holds a third.
/// </summary>
public sealed class OverviewWeightTests(ITestOutputHelper output) : MudTestContext
{
    /// <summary>
    /// The most the overview may hold with every card filled. It holds 33: the charts' export menus (a MudMenu is a popover
    /// and its parts) and table toggle, the timeline's chart, the five totals; the totals' and charts' insides are markup.
    /// </summary>
    private const int MostComponents = 40;

    protected override async Task SetUpAsync()
    {
        Services.AddSingleton(Db.Get<OverviewQueries>());
        Services.AddSingleton(Db.Get<TimelineQueries>());
        Services.AddSingleton(Db.Get<TopicQueries>());
        Services.AddSingleton(Db.Get<ProviderQualityQueries>());
        // Ten providers with scored articles over eight topics: both ranked lists full (six rows each).
        var files = Enumerable.Range(1, 80).Select(i => ($"{i:00}.md", new ArticleBuilder().Titled($"Story {i:00}")
            .From($"p{i % 10}.example").WithTopics($"topic {i % 8}").WithQuality(40 + i % 50)
            .PublishedAt(new DateTime(2025, 1, 1, 12, 0, 0, DateTimeKind.Utc).AddDays(i)).Build())).ToArray();
        await Db.ImportTextsAsync(files);
    }

    [Fact]
    public void Render_EveryCardFilled_StaysUnderTheBound()
    {
        var page = Render<Overview>();
        page.WaitForAssertion(() =>
        {
            Assert.Equal(6, page.FindAll("[data-testid=overview-topics] .share-row").Count);
            Assert.Equal(6, page.FindAll("[data-testid=overview-providers] .share-row").Count);
            Assert.NotEqual("…", page.Find("[data-testid=total-span] .total-value").TextContent.Trim());
        });

        var count = ComponentWeight.Count(page, output, "Overview");
        Assert.True(count <= MostComponents,
            $"The overview holds {count} components, more than {MostComponents}: each one is kept in server memory for every " +
            "open page. Draw cards, rows and icons as markup, or raise the bound with the reason.");
    }

    [Fact]
    public async Task Render_BestProviders_AreTheSixBestScoresOfTheLeaderboard()
    {
        var board = await Db.Get<ProviderQualityQueries>().GetLeaderboardAsync(DashboardFilter.All);
        var best = board.Providers.Where(p => p.Score is not null).OrderByDescending(p => p.Score).Take(6).Select(p => p.Name).ToArray();
        Assert.Equal(10, board.Providers.Count);

        var page = Render<Overview>();
        page.WaitForAssertion(() => Assert.Equal(best,
            page.FindAll("[data-testid=overview-providers] .share-label").Select(a => a.TextContent.Trim()).ToArray()));
    }
}
