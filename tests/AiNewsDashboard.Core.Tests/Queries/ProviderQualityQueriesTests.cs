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

    // The CSV export writes no trend, so it asks for none.
    [Fact]
    public async Task Leaderboard_WithoutTrends_IsTheSameBoard_TrendsLeftEmpty()
    {
        await ImportThreeProvidersAsync();

        var withTrends = await Providers.GetLeaderboardAsync(DashboardFilter.All, TimeGranularity.Month);
        var without = await Providers.GetLeaderboardAsync(DashboardFilter.All, TimeGranularity.Month, trends: false);

        Assert.Empty(without.TrendStarts);
        Assert.All(without.Providers, p => Assert.Empty(p.Trend));
        Assert.Contains(withTrends.Providers, p => p.Trend.Sum() > 0);
        Assert.Equal(withTrends.Providers.Select(p => p with { Trend = [] }), without.Providers.Select(p => p with { Trend = [] }));
    }

    // The page sums its own provider alone; the others count in the prior, so its standing is the leaderboard's.
    [Theory]
    [InlineData("alpha.example")]
    [InlineData("beta.example")]
    [InlineData("gamma.example")]
    public async Task ProviderDetail_Standing_IsTheLeaderboards(string domain)
    {
        await ImportThreeProvidersAsync();
        var filter = new DashboardFilter { From = new DateOnly(2024, 1, 1), To = new DateOnly(2024, 3, 31) };

        var board = await Providers.GetLeaderboardAsync(filter, TimeGranularity.Month);
        var detail = (await Providers.GetProviderDetailAsync(domain, filter, TimeGranularity.Month))!;

        var standing = board.Providers.Single(p => p.Domain == domain);
        Assert.Equal(standing with { Trend = [] }, detail.Standing with { Trend = [] });
        Assert.Equal(standing.Trend, detail.Standing.Trend);
    }

    [Fact]
    public async Task ProviderDetail_NoArticleInTheRange_HasAStandingOfNoneThatScoresThePrior()
    {
        await ImportThreeProvidersAsync();

        // Gamma's one article is from February: in March it has none, among Alpha's 70 and Beta's 60 and 50.
        var detail = (await Providers.GetProviderDetailAsync("gamma.example", March, TimeGranularity.Month))!;

        Assert.Equal(("gamma.example", 0, 0), (detail.Standing.Domain, detail.Standing.Articles, detail.Standing.RatedArticles));
        Assert.Equal(60, detail.Standing.Score!.Value, Precision);
        Assert.Null(detail.Standing.MeanQuality);
        Assert.Equal([0], detail.Standing.Trend);
        // It is not on March's leaderboard.
        Assert.Equal(["alpha.example", "beta.example"], (await Providers.GetLeaderboardAsync(March)).Providers.Select(p => p.Domain).Order());
    }

    [Fact]
    public async Task ProviderDetail_UnknownDomain_IsNull()
    {
        await ImportThreeProvidersAsync();

        Assert.Null(await Providers.GetProviderDetailAsync("nobody.example", DashboardFilter.All));
    }

    private static readonly DashboardFilter March = new() { From = new DateOnly(2024, 3, 1), To = new DateOnly(2024, 3, 31) };

    /// <summary>
    /// Six rated articles each in early February and early March 2024 (the previous period of March is 2024-01-30 to
    /// 2024-02-29). Slip falls from 90 to 75 yet still has March's best score; Good stays near 70, Steady near 40.
    /// </summary>
    private Task ImportSlipGoodSteadyAsync() => _db.ImportArticlesAsync(
        Six("Slip", 2, [89, 91, 88, 92, 90, 90]).Concat(Six("Slip", 3, [74, 76, 73, 77, 75, 75]))
            .Concat(Six("Good", 2, [70, 71, 69, 70, 72, 68])).Concat(Six("Good", 3, [70, 71, 69, 70, 72, 68]))
            .Concat(Six("Steady", 2, [40, 41, 39, 40, 42, 38])).Concat(Six("Steady", 3, [40, 41, 39, 40, 42, 38])).ToArray());

    private static IEnumerable<ArticleBuilder> Six(string provider, int month, int[] qualities) =>
        qualities.Select((q, i) => Article(provider, 2024, month, 1 + i, q));

    /// <summary>
    /// Sixteen weeks from Monday 2024-01-01, three rated articles a week each: Slip scores about 90 for eight weeks, then
    /// about 75 from 2024-02-26 (still the best mean of those weeks); Good stays near 70, Steady near 40.
    /// </summary>
    private Task ImportWeeklySlipGoodSteadyAsync() => _db.ImportArticlesAsync(Enumerable.Range(0, 16).SelectMany(w =>
        new[] { 0, 2, 4 }.SelectMany((d, i) => new[]
        {
            Article("Slip", 2024, 1, 1, (w < 8 ? 89 : 74) + i).PublishedAt(new DateTime(2024, 1, 1, 12, 0, 0, DateTimeKind.Utc).AddDays(7 * w + d)),
            Article("Good", 2024, 1, 1, 69 + i).PublishedAt(new DateTime(2024, 1, 1, 12, 0, 0, DateTimeKind.Utc).AddDays(7 * w + d)),
            Article("Steady", 2024, 1, 1, 39 + i).PublishedAt(new DateTime(2024, 1, 1, 12, 0, 0, DateTimeKind.Utc).AddDays(7 * w + d)),
        })).ToArray());

    // Bug: "Slipping" listed the lowest scores, so a provider holding steady at 40 was "slipping" while one that fell 15
    // points was "best". Then Slipping and quality drift were two definitions of a fall on one page (issue 13): Slipping
    // is now drift's verdict.
    [Fact]
    public async Task Summary_Slipping_IsAFallAtAChangePoint_NotTheLowestScore()
    {
        await ImportWeeklySlipGoodSteadyAsync();

        var summary = await Providers.GetSummaryAsync(DashboardFilter.All);

        var slip = Assert.Single(summary.Slipping);
        Assert.Equal("slip.example", slip.Domain);
        Assert.Equal(-15, slip.Quality.Change, Precision);
        Assert.True(slip.Quality.Z <= -summary.Drift.MinZ);
        Assert.Equal(new DateOnly(2024, 2, 26), slip.Since);
        Assert.Equal((24, 24), (slip.RatedArticles, slip.PreviousRatedArticles));
        Assert.Equal(1, summary.SlippingCount);
        // The same verdict the drift list gives: one definition.
        Assert.Equal(["slip.example"], summary.Drift.Current.Where(d => d.IsDecline).Select(d => d.Domain));
    }

    [Fact]
    public async Task Summary_AProviderSlipping_IsNeverAmongTheBest()
    {
        await ImportWeeklySlipGoodSteadyAsync();

        var summary = await Providers.GetSummaryAsync(DashboardFilter.All);

        // Slip has the highest mean (82.5), but it is slipping.
        Assert.Equal(["good.example", "steady.example"], summary.Best.Select(p => p.Domain));
        Assert.DoesNotContain(summary.Best, b => summary.Slipping.Any(s => s.Domain == b.Domain));
    }

    [Fact]
    public async Task Summary_ThinData_SlippingSaysThereAreTooFewScoredArticles()
    {
        await ImportSlipGoodSteadyAsync();

        var summary = await Providers.GetSummaryAsync(March);

        Assert.Empty(summary.Slipping);
        Assert.Equal(SummaryGap.BelowThreshold, summary.SlippingGap);
        Assert.Equal(AiNewsDashboard.Core.Signals.DriftGap.TooFewScored, summary.Drift.Gap);
    }

    [Fact]
    public async Task Summary_Movers_SayWhetherTheChangeIsBeyondItsUncertainty()
    {
        await ImportSlipGoodSteadyAsync();

        var summary = await Providers.GetSummaryAsync(March);

        Assert.Equal("slip.example", summary.Movers[0].Domain);
        Assert.True(summary.Movers[0].Quality.IsBeyondNoise);
        var good = summary.Movers.Single(m => m.Domain == "good.example");
        Assert.Equal(0, good.Quality.Change, Precision);
        Assert.False(good.Quality.IsBeyondNoise);
        Assert.True(good.Quality.Error > 0);
        Assert.Equal((6, 6), (good.RatedArticles, good.PreviousRatedArticles));
    }

    // Bug: a fixed minimum of 20 articles left the summary empty on real data with thousands of small outlets.
    [Fact]
    public async Task Summary_Threshold_AdaptsToTheData_AndCountsWhoItLeavesOut()
    {
        // Rated counts 4, 4, 4 and 1: the 75th percentile is 4.
        await _db.ImportArticlesAsync(
            Article("A", 2024, 3, 1, 50), Article("A", 2024, 3, 2, 60), Article("A", 2024, 3, 3, 70), Article("A", 2024, 3, 4, 80),
            Article("B", 2024, 3, 1, 50), Article("B", 2024, 3, 2, 60), Article("B", 2024, 3, 3, 70), Article("B", 2024, 3, 4, 80),
            Article("C", 2024, 3, 1, 50), Article("C", 2024, 3, 2, 60), Article("C", 2024, 3, 3, 70), Article("C", 2024, 3, 4, 80),
            Article("D", 2024, 3, 1, 99), Article("E", 2024, 3, 1, null));

        var summary = await Providers.GetSummaryAsync(DashboardFilter.All);

        Assert.Equal(new ArticleThreshold(4, 5, 2), summary.Threshold);
        Assert.Equal(["a.example", "b.example", "c.example"], summary.Best.Select(p => p.Domain).Order());
    }

    [Fact]
    public async Task Summary_WithoutQualityScores_SaysSo()
    {
        await _db.ImportArticlesAsync(Article("A", 2024, 3, 1, null), Article("A", 2024, 2, 1, null));

        var summary = await Providers.GetSummaryAsync(March);

        Assert.Equal(SummaryGap.NoQualityScores, summary.BestGap);
        Assert.Equal(SummaryGap.NoQualityScores, summary.SlippingGap);
        Assert.Equal(SummaryGap.NoQualityScores, summary.MoversGap);
        Assert.Equal((1, 0), (summary.Articles, summary.RatedArticles));
    }

    [Fact]
    public async Task Summary_WithoutAPreviousPeriod_SaysSo()
    {
        await _db.ImportArticlesAsync(Six("A", 3, [50, 60, 70, 80, 60, 60]).ToArray());

        var summary = await Providers.GetSummaryAsync(March);

        Assert.Equal(SummaryGap.None, summary.BestGap);
        Assert.Equal(SummaryGap.NoPreviousPeriod, summary.MoversGap);
        Assert.Equal(SummaryGap.BelowThreshold, summary.SlippingGap); // six articles: too few to test for drift
    }

    [Fact]
    public async Task Summary_WithUnratedPreviousPeriod_AndNoDecline_SaysWhich()
    {
        await _db.ImportArticlesAsync(Six("A", 3, [50, 60, 70, 80, 60, 60]).Append(Article("A", 2024, 2, 10, null)).ToArray());

        var unrated = await Providers.GetSummaryAsync(March);
        Assert.Equal(SummaryGap.NoQualityScoresBefore, unrated.MoversGap);

        await _db.ImportArticlesAsync(Six("B", 2, [50, 60, 70, 80, 60, 60]).Concat(Six("B", 3, [50, 60, 70, 80, 60, 60])).ToArray());
        var steady = await Providers.GetSummaryAsync(March);
        Assert.Equal(SummaryGap.None, steady.MoversGap);
    }

    [Fact]
    public async Task Summary_EnoughDataAndNoFall_SlippingSaysNoDecline()
    {
        await ImportWeeklySlipGoodSteadyAsync();

        // Without Slip, Good and Steady are tested and hold steady.
        var summary = await Providers.GetSummaryAsync(DashboardFilter.All.WithProvidersOnly("good.example", "steady.example"));

        Assert.Equal(SummaryGap.NoDecline, summary.SlippingGap);
        Assert.Equal(2, summary.Drift.ProvidersChecked);
    }

    /// <summary>Providers P00 to P11: Pnn has nn + 1 articles (quality 50 + nn); P03 and P07 have no quality.</summary>
    private Task ImportTwelveProvidersAsync() => _db.ImportArticlesAsync(Enumerable.Range(0, 12)
        .SelectMany(p => Enumerable.Range(0, p + 1).Select(i => Article($"P{p:00}", 2024, 1, 1 + i, p is 3 or 7 ? null : 50 + p))).ToArray());

    // Bug: the leaderboard rendered every provider (2,000 rows, 3.4 MB of HTML on real data).
    [Fact]
    public async Task Leaderboard_Order_IsBestScoreThenMoreArticlesThenDomain_OnTheBoardAndItsFirstPage()
    {
        // Prior m = 50 (qualities 90 and 10): Best scores 53.6, Low 46.4, and the three unrated providers the prior, 50,
        // where more articles come first and then the domain (Ada before Zeta, though imported after it).
        await _db.ImportArticlesAsync(
            Article("Zeta", 2024, 1, 1, null), Article("Low", 2024, 1, 2, 10), Article("Mid", 2024, 1, 3, null),
            Article("Mid", 2024, 1, 4, null), Article("Ada", 2024, 1, 5, null), Article("Best", 2024, 1, 6, 90));
        string[] expected = ["best.example", "mid.example", "ada.example", "zeta.example", "low.example"];

        var board = await Providers.GetLeaderboardAsync(DashboardFilter.All);
        var page = await Providers.GetLeaderboardPageAsync(DashboardFilter.All, new ProviderListRequest(new ProviderSort(ProviderSortKey.Score), 1, 10, null));

        Assert.Equal(expected, board.Providers.Select(p => p.Domain));
        Assert.Equal(expected, page.Providers.Select(p => p.Domain));
    }

    [Fact]
    public async Task LeaderboardPage_PagesSortsAndSearches()
    {
        await ImportTwelveProvidersAsync();

        var first = await Providers.GetLeaderboardPageAsync(DashboardFilter.All, new ProviderListRequest(new ProviderSort(ProviderSortKey.Articles), 1, 5, null));
        Assert.Equal((12, 12, 1, 5), (first.Matching, first.Total, first.Page, first.PageSize));
        Assert.Equal(["p11.example", "p10.example", "p09.example", "p08.example", "p07.example"], first.Providers.Select(p => p.Domain));

        var last = await Providers.GetLeaderboardPageAsync(DashboardFilter.All, new ProviderListRequest(new ProviderSort(ProviderSortKey.Articles, true), 3, 5, null));
        Assert.Equal(["p10.example", "p11.example"], last.Providers.Select(p => p.Domain));

        var search = await Providers.GetLeaderboardPageAsync(DashboardFilter.All, new ProviderListRequest(new ProviderSort(ProviderSortKey.Name, true), 1, 5, "p1"));
        Assert.Equal((12, 2), (search.Matching, search.Total));
        Assert.Equal(["p10.example", "p11.example"], search.Providers.Select(p => p.Domain));
    }

    [Fact]
    public async Task LeaderboardPage_InStandingOrder_PagesAndSearchesTheBoardsOrder_WithItsStandings()
    {
        // The standing order's page is sorted by the providers' sums, its standings made for its rows alone: it must
        // list what the whole board lists, in its order, with the same figures.
        await ImportTwelveProvidersAsync();
        var board = (await Providers.GetLeaderboardAsync(DashboardFilter.All)).Providers;
        static object Figures(ProviderStanding s) => (s.Domain, s.Articles, s.RatedArticles, s.MeanQuality, s.MedianQuality, s.Score, s.FirstArticle,
            s.LastArticle, string.Join(',', s.Trend));

        var second = await Providers.GetLeaderboardPageAsync(DashboardFilter.All, new ProviderListRequest(new ProviderSort(ProviderSortKey.Score), 2, 5, null));
        var search = await Providers.GetLeaderboardPageAsync(DashboardFilter.All, new ProviderListRequest(new ProviderSort(ProviderSortKey.Score), 1, 5, "p1"));

        Assert.Equal((12, 12, 2), (second.Matching, second.Total, second.Page));
        Assert.Equal(board.Skip(5).Take(5).Select(Figures), second.Providers.Select(Figures));
        Assert.Equal((12, 2), (search.Matching, search.Total));
        Assert.Equal(board.Where(p => p.Domain.StartsWith("p1", StringComparison.Ordinal)).Select(Figures), search.Providers.Select(Figures));
        Assert.Equal(["p11.example", "p10.example"], search.Providers.Select(p => p.Domain));
    }

    [Fact]
    public async Task LeaderboardPage_UnknownValues_SortLastEitherWay_AndAPagePastTheEndShowsTheLast()
    {
        await ImportTwelveProvidersAsync();

        foreach (var ascending in new[] { true, false })
        {
            var page = await Providers.GetLeaderboardPageAsync(DashboardFilter.All, new ProviderListRequest(new ProviderSort(ProviderSortKey.Mean, ascending), 99, 5, null));
            Assert.Equal(3, page.Page);
            Assert.Equal(["p03.example", "p07.example"], page.Providers.Select(p => p.Domain).Order());
        }
    }

    [Fact]
    public async Task LeaderboardPage_CarriesTheQualitySpreadOfItsRows()
    {
        await ImportThreeProvidersAsync();

        var page = await Providers.GetLeaderboardPageAsync(DashboardFilter.All, ProviderListRequest.Default);

        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 1, 1, 1], page.QualityBins["alpha.example"]);
        Assert.Equal([0, 0, 0, 0, 1, 1, 1, 0, 0, 0], page.QualityBins["beta.example"]);
        Assert.Equal(3, page.QualityBins.Count);
    }
}
