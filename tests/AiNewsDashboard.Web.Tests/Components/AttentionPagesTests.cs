using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Components.Charts;
using AiNewsDashboard.Web.Components.Pages;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Components;

/// <summary>The measure toggle on Timeline and Topics (quality-weighted attention, with its coverage), and the Coverage gaps card.</summary>
public sealed class AttentionPagesTests : MudTestContext
{
    protected override Task SetUpAsync()
    {
        Services.AddSingleton(Db.Get<TimelineQueries>());
        Services.AddSingleton(Db.Get<TopicQueries>());
        return Task.CompletedTask;
    }

    private IRenderedComponent<T> Open<T>(string url) where T : IComponent
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return Render<T>();
    }

    /// <summary>
    /// The heat map draws each topic's cells as one piece of markup: drawn as elements, with a class, a style, a tooltip and
    /// a link each, every cell took seven frames in the render tree the server keeps for every open page.
    /// </summary>
    [Fact]
    public async Task TopicsPage_HeatMap_HoldsAFewFramesPerTopic_NotPerCell()
    {
        // Twelve topics over two years, month by month: 12 rows of 24 cells.
        await Db.ImportArticlesAsync(Enumerable.Range(0, 24).SelectMany(m => Enumerable.Range(0, 12).Select(t =>
            new ArticleBuilder().PublishedOn(2024 + m / 12, 1 + m % 12, 1 + t).WithTopics($"Topic {t:00}"))).ToArray());

        var page = Open<TopicsPage>("/topics?granularity=month");

        page.WaitForAssertion(() => Assert.Equal(12, page.FindAll("[data-testid=topics-heatmap] tbody tr").Count));
        var cells = page.FindAll("[data-testid=topics-heatmap] td.heatmap-cell");
        Assert.True(cells.Count >= 12 * 24, $"{cells.Count} cells");
        Assert.Equal("Topic 00, 2024-01: 1 articles", cells[0].GetAttribute("title"));
        Assert.Contains("topic=Topic%2000", cells[0].QuerySelector("a")!.GetAttribute("href"));
        var card = page.FindComponents<ChartCard>().Single(c => c.Instance.TestId == "topics-heatmap");
        var frames = ComponentWeight.Frames(Renderer, card);
        Assert.True(frames <= 12 * 12 + 200,
            $"The heat map holds {frames} frames for {cells.Count} cells: draw a row's cells as markup, not as elements, or raise the bound with the reason.");
    }

    [Fact]
    public async Task TimelinePage_WeightedMeasure_DrawsIt_AndTheTableShowsItWithItsCoverage()
    {
        await Db.ImportArticlesAsync(BlindspotCorpus.Articles());

        var page = Open<TimelinePage>("/timeline?granularity=week&measure=weighted");

        page.WaitForAssertion(() => Assert.Contains("based on 100% of articles", page.Find("[data-testid=attention-note]").TextContent));
        Assert.Equal("Quality-weighted articles", Assert.Single(page.FindComponent<TimeChart>().Instance.Series).Name);
        Assert.Contains("Quality-weighted articles over time", page.Find("[data-testid=timeline-chart]").TextContent);
        page.Find("[data-testid=timeline-chart] [data-testid=toggle-table]").Click();
        Assert.NotEmpty(page.FindAll("[data-testid=measure-cell]"));
        Assert.Contains("measure=weighted", page.FindComponents<ChartCard>().Single(c => c.Instance.TestId == "timeline-chart").Instance.CsvHref);
    }

    [Fact]
    public async Task TimelinePage_NoQualityScores_SaysWhyTheWeightedCountIsWithheld()
    {
        await Db.ImportArticlesAsync(BlindspotCorpus.Articles(scored: false));

        var page = Open<TimelinePage>("/timeline?measure=weighted");

        page.WaitForAssertion(() => Assert.Contains("withheld: no provider has a quality score from at least 10 rated articles",
            page.Find("[data-testid=attention-note]").TextContent));
    }

    [Fact]
    public async Task TimelinePage_MeasureToggle_PutsTheMeasureInTheUrl_AndCountIsTheDefault()
    {
        await Db.ImportArticlesAsync(BlindspotCorpus.Articles());
        var page = Open<TimelinePage>("/timeline");
        page.WaitForAssertion(() => Assert.Equal("Articles", Assert.Single(page.FindComponent<TimeChart>().Instance.Series).Name));
        Assert.Empty(page.FindAll("[data-testid=attention-note]"));

        page.FindAll("[data-testid=measure] *").First(e => e.TextContent.Trim() == "Mean heat" && e.HasAttribute("blazor:onclick") || e.TextContent.Trim() == "Mean heat" && e.TagName == "BUTTON").Click();

        page.WaitForAssertion(() => Assert.Contains("measure=heat", Services.GetRequiredService<NavigationManager>().Uri));
    }

    [Fact]
    public async Task TopicsPage_CoverageGapsCard_ShowsThePlantedGapWithItsEvidence()
    {
        await Db.ImportArticlesAsync(BlindspotCorpus.Articles());

        var page = Open<TopicsPage>("/topics");

        page.WaitForAssertion(() => Assert.Contains("Quantum", page.Find("[data-testid=coverage-gap]").TextContent));
        var gap = Assert.Single(page.FindAll("[data-testid=coverage-gap]"));
        Assert.Contains("15 articles in the last window against a usual 1", gap.TextContent);
        Assert.Contains("good.example", page.Find("[data-testid=coverage-gap-missing]").TextContent);
        Assert.Contains("topic=Quantum", gap.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task TopicsPage_CoverageGapsCard_NoQualityScores_NamesTheCause()
    {
        await Db.ImportArticlesAsync(BlindspotCorpus.Articles(scored: false));

        var page = Open<TopicsPage>("/topics");

        page.WaitForAssertion(() => Assert.Contains("No provider has a quality score", page.Find("[data-testid=coverage-gaps-empty]").TextContent));
    }

    [Fact]
    public async Task TopicsPage_HighQualityMeasure_ShowsEachTopicsShare()
    {
        await Db.ImportArticlesAsync(BlindspotCorpus.Articles());

        var page = Open<TopicsPage>("/topics?measure=highquality");

        page.WaitForAssertion(() => Assert.Contains("Share from high-quality providers", page.Find("[data-testid=attention-note]").TextContent));
        var rows = page.FindAll("[data-testid=topics-top] .share-row").Select(r => (r.QuerySelector(".share-label")!.TextContent.Trim(), r.QuerySelector(".share-pct")!.TextContent.Trim())).ToArray();
        // Quantum: 8 of 23 scored articles from good.example; Steady: 54 of 99.
        Assert.Equal([("Steady", "55%"), ("Quantum", "35%")], rows);
    }
}
