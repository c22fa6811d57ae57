using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;

namespace AiNewsDashboard.Core.Tests.Queries;

public sealed class TopicQueriesTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private TopicQueries Topics => _db.Get<TopicQueries>();

    private static ArticleBuilder On(int year, int month, int day, params string[] topics) => new ArticleBuilder().PublishedOn(year, month, day).WithTopics(topics);

    private static IEnumerable<ArticleBuilder> Many(int count, int year, int month, int day, string topic) =>
        Enumerable.Range(0, count).Select(_ => On(year, month, day, topic));

    [Fact]
    public async Task TopTopics_CountArticlesPerTopicWithTheirShareOfMatchingArticles()
    {
        await _db.ImportArticlesAsync(On(2024, 1, 1, "AI", "Robotics"), On(2024, 1, 2, "AI"), On(2024, 1, 3, "ai", "Chips"), On(2024, 1, 4));

        var top = await Topics.GetTopTopicsAsync(DashboardFilter.All);

        // Four matching articles; equal counts in name order.
        Assert.Equal([new TopicShare("AI", 3, 0.75), new TopicShare("Chips", 1, 0.25), new TopicShare("Robotics", 1, 0.25)], top);
    }

    [Fact]
    public async Task TopTopics_Top_KeepsTheMostFrequent()
    {
        await _db.ImportArticlesAsync(On(2024, 1, 1, "AI", "Robotics"), On(2024, 1, 2, "AI"), On(2024, 1, 3, "Chips"));

        var top = await Topics.GetTopTopicsAsync(DashboardFilter.All, top: 1);

        Assert.Equal([new TopicShare("AI", 2, 2 / 3.0)], top);
    }

    [Fact]
    public async Task HeatMap_CountsTheTopTopicsPerPeriod()
    {
        await _db.ImportArticlesAsync(On(2024, 1, 5, "AI"), On(2024, 1, 6, "AI", "Chips"), On(2024, 2, 7, "Chips"), On(2024, 3, 8, "AI"),
            On(2024, 3, 9, "Robotics"));

        var map = await Topics.GetHeatMapAsync(new DashboardFilter { From = new DateOnly(2024, 1, 1), To = new DateOnly(2024, 3, 31) }, top: 2,
            TimeGranularity.Month);

        Assert.Equal([new DateOnly(2024, 1, 1), new DateOnly(2024, 2, 1), new DateOnly(2024, 3, 1)], map.BucketStarts);
        Assert.Equal(["AI", "Chips"], map.Rows.Select(r => r.Topic));
        Assert.Equal([2, 0, 1], map.Rows[0].Counts);
        Assert.Equal([1, 1, 0], map.Rows[1].Counts);
        Assert.Equal([3, 2], map.Rows.Select(r => r.Articles));
    }

    [Fact]
    public async Task CoOccurrence_CountsHowOftenTheTopTopicsShareAnArticle()
    {
        await _db.ImportArticlesAsync(On(2024, 1, 1, "AI", "Robotics", "Chips"), On(2024, 1, 2, "AI", "Robotics"), On(2024, 1, 3, "AI", "Chips"),
            On(2024, 1, 4, "Robotics"), On(2024, 1, 5, "Vision", "AI"));

        var co = await Topics.GetCoOccurrenceAsync(DashboardFilter.All, top: 3);

        Assert.Equal(["AI", "Robotics", "Chips"], co.Topics.Select(t => t.Topic));
        Assert.Equal([4, 3, 2], co.Topics.Select(t => t.Articles));
        // Vision is not among the top three, so its pair with AI is left out; equal counts keep the topics' ranking.
        Assert.Equal([new TopicPair("AI", "Robotics", 2), new TopicPair("AI", "Chips", 2), new TopicPair("Robotics", "Chips", 1)], co.Pairs);
    }

    [Fact]
    public async Task CoOccurrence_ManyTopics_CountsEveryPairWhetherBySetsOfTopicsOrPairByPair()
    {
        // Up to 16 top topics are counted as each article's set of them, more pair by pair: both give the pairs counted by hand.
        var random = new Random(5);
        var names = Enumerable.Range(1, 20).Select(i => $"Topic {i:00}").ToArray();
        var sets = Enumerable.Range(0, 400).Select(_ => names.Where((_, k) => random.Next(k + 3) < 2).ToArray()).ToArray();
        await _db.ImportArticlesAsync([.. sets.Select((set, i) => On(2024, 1, 1 + i % 28, set))]);
        var byHand = (from set in sets from a in set from b in set where string.CompareOrdinal(a, b) < 0 select (a, b))
            .GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());

        foreach (var top in new[] { 16, 20 })
        {
            var co = await Topics.GetCoOccurrenceAsync(DashboardFilter.All, top);
            var topics = co.Topics.Select(t => t.Topic).ToHashSet();
            Assert.Equal(top, topics.Count);
            var expected = byHand.Where(p => topics.Contains(p.Key.a) && topics.Contains(p.Key.b)).OrderBy(p => p.Key).Select(p => (p.Key.a, p.Key.b, p.Value));
            var actual = co.Pairs.Select(p => string.CompareOrdinal(p.First, p.Second) < 0 ? (p.First, p.Second, p.Articles) : (p.Second, p.First, p.Articles)).Order();
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public async Task Emerging_RanksTopicsBySmoothedGrowthAgainstThePreviousPeriod()
    {
        // March (31 days) against the 31 days before: 2024-01-30 to 2024-02-29.
        await _db.ImportArticlesAsync([
            .. Many(5, 2024, 3, 10, "Agents"),
            .. Many(10, 2024, 3, 11, "Biotech"), .. Many(5, 2024, 2, 10, "Biotech"),
            .. Many(2, 2024, 3, 12, "Climate"),
            .. Many(5, 2024, 3, 13, "Drones"), .. Many(10, 2024, 2, 11, "Drones"),
            .. Many(3, 2024, 1, 29, "Agents"), // the day before the previous period: counted nowhere
        ]);

        var emerging = (await Topics.GetEmergingAsync(new DashboardFilter { From = new DateOnly(2024, 3, 1), To = new DateOnly(2024, 3, 31) },
            minArticles: 5))!;

        Assert.Equal((new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 31), new DateOnly(2024, 1, 30), new DateOnly(2024, 2, 29)),
            (emerging.From, emerging.To, emerging.PreviousFrom, emerging.PreviousTo));
        // Growth = (now + 5) / (before + 5); Climate has fewer than 5 articles and is left out.
        Assert.Equal([
            new EmergingTopic("Agents", 5, 0, 10 / 5.0),
            new EmergingTopic("Biotech", 10, 5, 15 / 10.0),
            new EmergingTopic("Drones", 5, 10, 10 / 15.0),
        ], emerging.Topics);
    }

    [Fact]
    public async Task Emerging_OpenRange_ComparesTheLast28DaysWithDataAgainstThe28DaysBefore()
    {
        await _db.ImportArticlesAsync(On(2024, 6, 30, "AI"), On(2024, 6, 3, "AI"), On(2024, 6, 2, "AI"));

        var emerging = (await Topics.GetEmergingAsync(DashboardFilter.All, minArticles: 1))!;

        Assert.Equal((new DateOnly(2024, 6, 3), new DateOnly(2024, 6, 30), new DateOnly(2024, 5, 6), new DateOnly(2024, 6, 2)),
            (emerging.From, emerging.To, emerging.PreviousFrom, emerging.PreviousTo));
        Assert.Equal([new EmergingTopic("AI", 2, 1, (2 + 1) / (1 + 1.0))], emerging.Topics);
    }

    [Fact]
    public async Task Emerging_NoDatedArticleAndNoRange_IsNull()
    {
        await _db.ImportArticlesAsync(On(2024, 6, 30, "AI"));

        Assert.Null(await Topics.GetEmergingAsync(new DashboardFilter { Topics = ["nothing"] }));
    }

    // Guards: one article dated 9999-12-31 gave the topics heat map 104,000 cells (10 MB of HTML).
    [Fact]
    public async Task HeatMap_ArticleWithAnImplausibleDate_IsInTheTotalsButInNoPeriod()
    {
        await _db.ImportArticlesAsync(On(2024, 1, 1, "AI"), new ArticleBuilder().PublishedAt(new DateTime(9999, 12, 31)).WithTopics("AI"));

        var heat = await Topics.GetHeatMapAsync(DashboardFilter.All);

        var row = Assert.Single(heat.Rows);
        Assert.Equal((2, 1, 1), (row.Articles, row.Counts.Sum(), heat.Undated));
        Assert.Single(heat.BucketStarts);
    }

    [Fact]
    public async Task HeatMap_DailyOverElevenYears_IsCoarsenedToAtMost400PeriodsAndSaysSo()
    {
        await _db.ImportArticlesAsync(On(2015, 1, 1, "AI"), On(2025, 12, 31, "AI"));

        var heat = await Topics.GetHeatMapAsync(new DashboardFilter { From = new DateOnly(2015, 1, 1), To = new DateOnly(2025, 12, 31) },
            granularity: TimeGranularity.Day);

        Assert.Equal((TimeGranularity.Month, 132), (heat.Granularity, heat.BucketStarts.Count));
        Assert.Equal("By day this range would be 4,018 bars, more than the 400 a chart shows; shown by month.", heat.Message);
    }
}
