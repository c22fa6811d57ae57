using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Signals;
using AiNewsDashboard.TestSupport;

namespace AiNewsDashboard.Core.Tests.Signals;

public sealed class BlindspotQueriesTests : IAsyncLifetime
{
    private static readonly DateOnly Last = new(2024, 3, 31);
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private BlindspotQueries Blindspots => _db.Get<BlindspotQueries>();

    private static IEnumerable<ArticleBuilder> On(int week, int count, string domain, string topic, int? quality, int heat = 10) =>
        Enumerable.Range(0, count).Select(i => new ArticleBuilder().From(domain)
            .PublishedAt(Last.AddDays(-7 * week - i % 7).ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc))
            .WithQuality(quality).WithHeat(heat).WithTopics(topic));

    /// <summary>
    /// Nine weeks: "Steady" gets three articles a week from each of good.example (quality 90), fine.example (85) and
    /// cheap.example (20); "Quantum" one a week from good.example. In the last week "Quantum" surges to fifteen articles from
    /// cheap.example and spam.example (quality 25) only.
    /// </summary>
    private static IEnumerable<ArticleBuilder> Corpus(int? quality = null, bool surge = true)
    {
        int? Q(int q) => quality is null ? q : quality == -1 ? null : quality;
        for (var week = 0; week <= 8; week++)
        {
            foreach (var a in On(week, 3, "good.example", "Steady", Q(90))) yield return a;
            foreach (var a in On(week, 3, "fine.example", "Steady", Q(85))) yield return a;
            foreach (var a in On(week, 3, "cheap.example", "Steady", Q(20))) yield return a;
            foreach (var a in On(week, 2, "spam.example", "Steady", Q(25))) yield return a;
            if (week > 0 || !surge)
                foreach (var a in On(week, 1, "good.example", "Quantum", Q(90))) yield return a;
        }
        if (surge)
        {
            foreach (var a in On(0, 8, "cheap.example", "Quantum", Q(20), heat: 80)) yield return a;
            foreach (var a in On(0, 7, "spam.example", "Quantum", Q(25), heat: 80)) yield return a;
        }
    }

    [Fact]
    public async Task Get_TopicSurgingOnlyAmongLowQualityProviders_IsTheOneGap_WithItsEvidence()
    {
        await _db.ImportArticlesAsync([.. Corpus()]);

        var report = await Blindspots.GetAsync(DashboardFilter.All);

        Assert.Null(report.Silence);
        var spot = Assert.Single(report.Blindspots);
        Assert.Equal("Quantum", spot.Topic);
        Assert.Equal(15, spot.Articles);
        Assert.Equal(1, spot.Baseline);
        Assert.Equal("1 1 1 1 1 1 1 1 15", string.Join(" ", spot.Windows));
        Assert.Equal(14, spot.Surge, 9); // σ = max(1.4826 · 0, √1, 1) = 1
        Assert.Equal(80, spot.MeanHeat);
        Assert.Equal(10, spot.BaselineMeanHeat);
        Assert.Equal(0, spot.HighQualityShare);
        Assert.Equal(["cheap.example", "spam.example"], spot.CoveredBy.Select(p => p.Domain));
        Assert.Equal("good.example", spot.Missing[0].Domain);
        Assert.Equal("covered it 8 times in the 8 windows before", spot.Missing[0].Why);
        Assert.Contains(spot.Missing, p => p.Domain == "fine.example");
        Assert.Equal(new DateOnly(2024, 3, 25), report.From);
        Assert.Equal(Last, report.To);
    }

    [Fact]
    public async Task Get_SteadyTopics_NoGap()
    {
        await _db.ImportArticlesAsync([.. Corpus(surge: false)]);

        var report = await Blindspots.GetAsync(DashboardFilter.All);

        Assert.Null(report.Silence);
        Assert.Empty(report.Blindspots);
    }

    [Fact]
    public async Task Get_SurgeCoveredByHighQualityProvidersAsUsual_NoGap()
    {
        await _db.ImportArticlesAsync([.. Corpus(), .. On(0, 15, "good.example", "Quantum", 90)]);

        var report = await Blindspots.GetAsync(DashboardFilter.All);

        Assert.Empty(report.Blindspots);
    }

    [Fact]
    public async Task Get_NoQualityScores_IsSilentAndSaysWhy()
    {
        await _db.ImportArticlesAsync([.. Corpus(quality: -1)]);

        var report = await Blindspots.GetAsync(DashboardFilter.All);

        Assert.Empty(report.Blindspots);
        Assert.Equal("No provider has a quality score from at least 10 rated articles: high-quality coverage can't be told apart.", report.Silence);
    }

    [Fact]
    public async Task Get_QualityCoverageBelowMinimum_IsSilentAndSaysWhy()
    {
        await _db.ImportArticlesAsync([.. Corpus()]);

        var report = await Blindspots.GetAsync(DashboardFilter.All, new AttentionSettings { MinCoverage = 1.01 });

        Assert.Empty(report.Blindspots);
        Assert.StartsWith("Quality scores cover 100% of the articles in these windows, below the 101% minimum", report.Silence);
    }

    [Fact]
    public async Task Get_TooShortARange_IsSilentAndSaysWhy()
    {
        await _db.ImportArticlesAsync([.. Corpus()]);

        // From March 11: the first article in range is from March 15, 17 days before the last.
        var report = await Blindspots.GetAsync(new DashboardFilter { From = Last.AddDays(-20) });

        Assert.Empty(report.Blindspots);
        Assert.Equal("The matching articles span 17 days; a baseline needs at least 3 windows of 7 days before the last one.", report.Silence);
    }

    [Fact]
    public void RobustSpread_FlatBaseline_FloorsSigmaAtTheSquareRootOfTheMedian()
    {
        var (median, sigma) = BlindspotQueries.RobustSpread([16, 16, 16, 16]);

        Assert.Equal(16, median);
        Assert.Equal(4, sigma);
    }
}
