using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;

namespace AiNewsDashboard.Core.Tests.Queries;

public sealed class ProviderQualityQueriesTests : IAsyncLifetime
{
    private const int Precision = 9;
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private ProviderQualityQueries Providers => _db.Get<ProviderQualityQueries>();

    private static ArticleBuilder Article(string provider, int year, int month, int day, int? quality, int heat = 10, bool? published = false) =>
        new ArticleBuilder().From($"{provider.ToLowerInvariant()}.example", provider).PublishedOn(year, month, day).WithQuality(quality)
            .WithHeat(heat).Published(published);

    /// <summary>
    /// Rated qualities 90, 80, 70 (Alpha), 40, 60, 50 (Beta, plus one unrated) and 100 (Gamma): seven rated articles,
    /// mean m = 70, standard deviation σ = 20 (squares average 5,300 = 70² + 20²).
    /// </summary>
    private Task ImportThreeProvidersAsync() => _db.ImportArticlesAsync(
        Article("Alpha", 2024, 1, 5, 90, heat: 10, published: true),
        Article("Alpha", 2024, 2, 10, 80, heat: 20, published: false),
        Article("Alpha", 2024, 3, 15, 70, heat: -1, published: true),
        Article("Beta", 2024, 1, 1, 40, heat: 30, published: false),
        Article("Beta", 2024, 1, 2, null, heat: 30, published: false),
        Article("Beta", 2024, 3, 1, 60, heat: 30, published: null),
        Article("Beta", 2024, 3, 31, 50, heat: 30, published: false),
        Article("Gamma", 2024, 2, 1, 100, heat: 5, published: true));

    [Fact]
    public async Task Leaderboard_Score_ShrinksEachMeanTowardsTheOverallMean()
    {
        await ImportThreeProvidersAsync();

        var board = await Providers.GetLeaderboardAsync(DashboardFilter.All);

        Assert.Equal(70, board.PriorMean!.Value, Precision);
        Assert.Equal(10, board.PriorWeight);
        // Score = (10·70 + Σq) / (10 + n): Gamma's single 100 ranks above Alpha's three, but not far.
        Assert.Equal(["gamma.example", "alpha.example", "beta.example"], board.Providers.Select(p => p.Domain));
        Assert.Equal(800 / 11.0, board.Providers[0].Score!.Value, Precision);
        Assert.Equal(940 / 13.0, board.Providers[1].Score!.Value, Precision);
        Assert.Equal(850 / 13.0, board.Providers[2].Score!.Value, Precision);
        // Error = σ / √(10 + n) with σ = 20.
        Assert.Equal(20 / Math.Sqrt(11), board.Providers[0].ScoreError!.Value, Precision);
        Assert.Equal(20 / Math.Sqrt(13), board.Providers[1].ScoreError!.Value, Precision);
    }

    [Fact]
    public async Task Leaderboard_MeansMediansAndShares_LeaveUnknownValuesOut()
    {
        await ImportThreeProvidersAsync();

        var board = await Providers.GetLeaderboardAsync(DashboardFilter.All);
        var alpha = board.Providers.Single(p => p.Domain == "alpha.example");
        var beta = board.Providers.Single(p => p.Domain == "beta.example");

        Assert.Equal(("Alpha", 3, 3), (alpha.Name, alpha.Articles, alpha.RatedArticles));
        // Alpha's third article has unknown heat: (10 + 20) / 2.
        Assert.Equal((80.0, 80.0, 15.0), (alpha.MeanQuality!.Value, alpha.MedianQuality!.Value, alpha.MeanHeat!.Value));
        Assert.Equal(2 / 3.0, alpha.PublishedShare!.Value, Precision);
        // Beta: one article without quality, one without a published flag; none published.
        Assert.Equal((4, 3), (beta.Articles, beta.RatedArticles));
        Assert.Equal((50.0, 50.0, 30.0, 0.0), (beta.MeanQuality!.Value, beta.MedianQuality!.Value, beta.MeanHeat!.Value, beta.PublishedShare!.Value));
    }

    [Fact]
    public async Task Leaderboard_FirstLastAndTrend_FollowEachProvidersArticles()
    {
        await ImportThreeProvidersAsync();

        var board = await Providers.GetLeaderboardAsync(DashboardFilter.All, TimeGranularity.Month);
        var beta = board.Providers.Single(p => p.Domain == "beta.example");

        Assert.Equal([new DateOnly(2024, 1, 1), new DateOnly(2024, 2, 1), new DateOnly(2024, 3, 1)], board.TrendStarts);
        Assert.Equal((new DateOnly(2024, 1, 1), new DateOnly(2024, 3, 31)), (beta.FirstArticle!.Value, beta.LastArticle!.Value));
        Assert.Equal([2, 0, 2], beta.Trend);
        Assert.Equal([0, 1, 0], board.Providers.Single(p => p.Domain == "gamma.example").Trend);
    }

    [Fact]
    public async Task Leaderboard_MedianOfAnEvenCount_IsTheMeanOfTheTwoMiddleValues()
    {
        await _db.ImportArticlesAsync(Article("Alpha", 2024, 1, 1, 65), Article("Alpha", 2024, 1, 2, 40), Article("Alpha", 2024, 1, 3, 60),
            Article("Alpha", 2024, 1, 4, 50));

        var board = await Providers.GetLeaderboardAsync(DashboardFilter.All);

        Assert.Equal(55, Assert.Single(board.Providers).MedianQuality);
    }

    [Fact]
    public async Task Leaderboard_WithoutAnyKnownQuality_HasNoScores()
    {
        await _db.ImportArticlesAsync(Article("Alpha", 2024, 1, 1, null));

        var board = await Providers.GetLeaderboardAsync(DashboardFilter.All);

        Assert.Null(board.PriorMean);
        var alpha = Assert.Single(board.Providers);
        Assert.Null(alpha.Score);
        Assert.Null(alpha.ScoreError);
        Assert.Null(alpha.MeanQuality);
        Assert.Null(alpha.MedianQuality);
    }

    [Fact]
    public async Task QualityDistribution_PutsQualitiesInTenPointBinsWith100InTheLast()
    {
        int?[] qualities = [0, 9, 10, 55, 99, 100, null];
        await _db.ImportArticlesAsync(qualities.Select((q, i) => Article("Alpha", 2024, 1, 1 + i, q)).ToArray());

        var distribution = await Providers.GetQualityDistributionAsync(DashboardFilter.All);

        Assert.Equal([2, 1, 0, 0, 0, 1, 0, 0, 0, 2], distribution.All);
        var alpha = Assert.Single(distribution.Providers);
        Assert.Equal(("alpha.example", 6), (alpha.Domain, alpha.RatedArticles));
        Assert.Equal([2, 1, 0, 0, 0, 1, 0, 0, 0, 2], alpha.Bins);
    }

    [Fact]
    public async Task ProviderDetail_HasItsStandingPeriodsAndTopics()
    {
        await ImportThreeProvidersAsync();
        // The filter's own provider list is set aside for the standing: the score is the leaderboard's.
        var filter = new DashboardFilter { From = new DateOnly(2024, 1, 1), To = new DateOnly(2024, 3, 31), Providers = ["beta.example"] };

        var detail = (await Providers.GetProviderDetailAsync("alpha.example", filter, TimeGranularity.Month))!;

        Assert.Equal(940 / 13.0, detail.Standing.Score!.Value, Precision);
        Assert.Equal(TimeGranularity.Month, detail.Granularity);
        Assert.Equal([
            new ProviderPeriod(new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 31), 1, 1, 90, 90),
            new ProviderPeriod(new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 29), 1, 1, 80, 80),
            new ProviderPeriod(new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 31), 1, 1, 70, 70),
        ], detail.Periods);
        Assert.Equal([new TopicShare("AI", 3, 1.0)], detail.Topics);
    }

    [Fact]
    public async Task ProviderDetail_UnknownDomain_IsNull()
    {
        await ImportThreeProvidersAsync();

        Assert.Null(await Providers.GetProviderDetailAsync("nobody.example", DashboardFilter.All));
    }

    [Fact]
    public async Task Summary_BestAndWorst_OnlyIncludeProvidersWithEnoughArticles()
    {
        await ImportThreeProvidersAsync();

        var summary = await Providers.GetSummaryAsync(DashboardFilter.All, top: 5, minArticles: 3);

        // Gamma has the best score but a single article.
        Assert.Equal(["alpha.example", "beta.example"], summary.Best.Select(p => p.Domain));
        Assert.Equal(["beta.example", "alpha.example"], summary.Worst.Select(p => p.Domain));
    }

    [Fact]
    public async Task Summary_Movers_AreTheBiggestScoreChangesAgainstThePreviousPeriod()
    {
        // March: m = 65, P1 (10·65 + 160) / 12 = 67.5, P2 (10·65 + 100) / 12 = 62.5.
        // 2024-01-30 to 2024-02-29: m = 55, P1 (550 + 120) / 12, P2 (550 + 100) / 12.
        await _db.ImportArticlesAsync(
            Article("P1", 2024, 3, 5, 80), Article("P1", 2024, 3, 6, 80), Article("P1", 2024, 2, 5, 60), Article("P1", 2024, 2, 6, 60),
            Article("P2", 2024, 3, 5, 50), Article("P2", 2024, 3, 6, 50), Article("P2", 2024, 2, 5, 50), Article("P2", 2024, 2, 6, 50));

        var summary = await Providers.GetSummaryAsync(new DashboardFilter { From = new DateOnly(2024, 3, 1), To = new DateOnly(2024, 3, 31) },
            minArticles: 2);

        Assert.Equal(["p1.example", "p2.example"], summary.Movers.Select(m => m.Domain));
        var p1 = summary.Movers[0];
        Assert.Equal((67.5, 670 / 12.0, 2, 2), (p1.Score, p1.PreviousScore, p1.Articles, p1.PreviousArticles));
        Assert.Equal(67.5 - 670 / 12.0, p1.Change, Precision);
        Assert.Equal(62.5 - 650 / 12.0, summary.Movers[1].Change, Precision);
    }
}
