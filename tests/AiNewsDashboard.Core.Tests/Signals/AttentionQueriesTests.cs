using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Signals;
using AiNewsDashboard.TestSupport;

namespace AiNewsDashboard.Core.Tests.Signals;

public sealed class AttentionQueriesTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private AttentionQueries Attention => _db.Get<AttentionQueries>();

    private static IEnumerable<ArticleBuilder> Many(int count, string domain, int? quality, int? heat, int month = 1, string topic = "AI") =>
        Enumerable.Range(0, count).Select(i =>
        {
            var a = new ArticleBuilder().From(domain).PublishedOn(2024, month, 1 + i % 28).WithQuality(quality).WithTopics(topic);
            return heat is { } h ? a.WithHeat(h) : a.WithoutHeat();
        });

    /// <summary>a.example: ten articles of quality 80 and heat 30; b.example: ten of 40 and heat 10; c.example: twenty unscored, no heat.
    /// Prior m = 60, C = 10: score(a) = (600 + 800) / 20 = 70, score(b) = (600 + 400) / 20 = 50; the top quartile of {50, 70} is 70.</summary>
    private Task ImportKnownCorpusAsync() => _db.ImportArticlesAsync(
        [.. Many(10, "a.example", 80, 30), .. Many(10, "b.example", 40, 10), .. Many(20, "c.example", null, null)]);

    [Fact]
    public async Task Total_KnownCorpus_WeighsByShrunkScoreAndStatesCoverage()
    {
        await ImportKnownCorpusAsync();

        var total = await Attention.GetTotalAsync(DashboardFilter.All);

        Assert.Equal(40, total.Articles);
        Assert.Equal(10 * 0.70 + 10 * 0.50, total.Weighted.Value!.Value, 9);
        Assert.Equal(0.5, total.Weighted.Coverage);
        Assert.Equal("based on 50% of articles", total.Weighted.CoverageText);
        Assert.Equal(0.5, total.HighQualityShare.Value!.Value, 9);
        Assert.Equal(20.0, total.MeanHeat.Value!.Value, 9);
        Assert.Equal(0.5, total.MeanHeat.Coverage);
        Assert.Null(total.Weighted.Withheld);
    }

    [Fact]
    public async Task Total_CoverageBelowMinimum_WithholdsEachFigureWithTheReason()
    {
        await ImportKnownCorpusAsync();

        var total = await Attention.GetTotalAsync(DashboardFilter.All, new AttentionSettings { MinCoverage = 0.6 });

        Assert.All([total.Weighted, total.HighQualityShare, total.MeanHeat], f =>
        {
            Assert.Null(f.Value);
            Assert.Equal("based on 50% of articles, below the 60% minimum", f.Withheld);
        });
    }

    [Fact]
    public async Task Total_NoQualityScores_SaysNoProviderIsScored()
    {
        // A real-shaped corpus: no quality, no heat.
        await _db.ImportArticlesAsync([.. Many(30, "c.example", null, null)]);

        var total = await Attention.GetTotalAsync(DashboardFilter.All);

        Assert.Null(total.Weighted.Value);
        Assert.Equal("no provider has a quality score from at least 10 rated articles", total.Weighted.Withheld);
        Assert.Equal("no provider has a quality score from at least 10 rated articles", total.HighQualityShare.Withheld);
        Assert.Equal("no article here has a heat", total.MeanHeat.Withheld);
        Assert.Equal(0, total.Weighted.Coverage);
    }

    [Fact]
    public async Task Total_ProviderWithTooFewRatedArticles_DoesNotWeigh()
    {
        await _db.ImportArticlesAsync([.. Many(10, "a.example", 80, 30), .. Many(9, "b.example", 40, 10)]);

        var total = await Attention.GetTotalAsync(DashboardFilter.All);

        // b.example rests on nine rated articles: not scored, so its articles are outside the weighted count's coverage.
        Assert.Equal(10 / 19.0, total.Weighted.Coverage, 9);
        Assert.Equal(1, (await Attention.GetTimelineAsync(DashboardFilter.All)).Quality.ScoredProviders);
    }

    [Fact]
    public async Task Timeline_GivesEachPeriodItsOwnFigures_OnTheTimelinesPeriods()
    {
        await _db.ImportArticlesAsync([.. Many(10, "a.example", 80, 30, month: 1), .. Many(10, "b.example", 40, 10, month: 2)]);

        var attention = await Attention.GetTimelineAsync(DashboardFilter.All, TimeGranularity.Month);
        var timeline = await _db.Get<TimelineQueries>().GetTimelineAsync(DashboardFilter.All, TimeGranularity.Month);

        Assert.Equal(timeline.Buckets.Select(b => b.Start), attention.Starts);
        Assert.Equal([10, 10], attention.Buckets.Select(b => b.Articles));
        Assert.Equal([1.0, 0.0], attention.Buckets.Select(b => b.HighQualityShare.Value!.Value));
        Assert.Equal([30.0, 10.0], attention.Buckets.Select(b => b.MeanHeat.Value!.Value));
        Assert.Equal(20, attention.Total.Articles);
    }

    [Fact]
    public async Task Topics_GiveEachTopTopicItsFigures_InTheTopTopicsOrder()
    {
        await _db.ImportArticlesAsync([.. Many(12, "a.example", 80, 30, topic: "Chips"), .. Many(10, "b.example", 40, 10, topic: "Robots")]);

        var list = await Attention.GetTopicsAsync(DashboardFilter.All);

        Assert.Equal(["Chips", "Robots"], list.Topics.Select(t => t.Topic));
        Assert.Equal([12, 10], list.Topics.Select(t => t.Attention.Articles));
        Assert.Equal([1.0, 0.0], list.Topics.Select(t => t.Attention.HighQualityShare.Value!.Value));
    }
}
