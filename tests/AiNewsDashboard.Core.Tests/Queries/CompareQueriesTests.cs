using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;

namespace AiNewsDashboard.Core.Tests.Queries;

public sealed class CompareQueriesTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private CompareQueries Compare => _db.Get<CompareQueries>();

    private static ArticleBuilder On(int month, int day, string domain, string title, params string[] topics) =>
        new ArticleBuilder().PublishedOn(2024, month, day).From(domain).Titled(title).WithTopics(topics);

    private static readonly DashboardFilter January = new() { From = new DateOnly(2024, 1, 1), To = new DateOnly(2024, 1, 31) };

    /// <summary>
    /// Eight articles in January 2024, weeks 1 and 3: "chip" in four titles, "memory" in three; a.example publishes five,
    /// b.example three.
    /// </summary>
    private async Task ImportCorpusAsync() => await _db.ImportArticlesAsync(
        On(1, 2, "a.example", "Chip plant opens", "Chips"),
        On(1, 3, "a.example", "Memory chip prices", "Chips", "Memory"),
        On(1, 3, "b.example", "Weather report", "Weather"),
        On(1, 4, "a.example", "Sports roundup", "Sports"),
        On(1, 16, "b.example", "Memory chip shortage", "Chips", "Memory"),
        On(1, 17, "a.example", "Memory market", "Memory"),
        On(1, 17, "b.example", "Chip exports", "Chips"),
        On(1, 18, "a.example", "Election news", "Politics"));

    [Fact]
    public async Task Compare_TwoSearches_CountsMatchesPerWeekAgainstTheFilterWithoutTheSearch()
    {
        await ImportCorpusAsync();

        var c = await Compare.CompareAsync(
            [new CompareQuery("Chip", January with { Text = "chip" }), new CompareQuery("Memory on A", January with { Text = "memory", Providers = ["a.example"] })],
            TimeGranularity.Week);

        Assert.Equal(TimeGranularity.Week, c.Granularity);
        Assert.Equal(new DateOnly(2024, 1, 1), c.Buckets[0].Start); // a Monday
        Assert.Equal(5, c.Buckets.Count); // Jan 1 .. Feb 4
        var chip = c.Queries[0];
        Assert.Equal(4, chip.Matches);
        Assert.Equal(8, chip.Total); // the denominator: January, no search
        Assert.Equal(0.5, chip.Ratio);
        Assert.Equal([(2, 4), (0, 0), (2, 4), (0, 0), (0, 0)], chip.Buckets.Select(b => (b.Matches, b.Total)));
        Assert.Equal([0.5, null, 0.5, null, null], chip.Buckets.Select(b => b.Ratio));
        Assert.Equal(January, chip.Denominator);

        // The denominator keeps every filter but the search: only a.example's articles.
        var memory = c.Queries[1];
        Assert.Equal(January with { Providers = ["a.example"] }, memory.Denominator);
        Assert.Equal(2, memory.Matches);
        Assert.Equal(5, memory.Total);
        Assert.Equal([(1, 3), (0, 0), (1, 2), (0, 0), (0, 0)], memory.Buckets.Select(b => (b.Matches, b.Total)));
    }

    [Fact]
    public async Task Compare_OverlappingQueries_CountsPairsAllAndAny()
    {
        await ImportCorpusAsync();

        var c = await Compare.CompareAsync(
        [
            new CompareQuery("Chip", January with { Text = "chip" }),       // 4: plant, memory chip prices, shortage, exports
            new CompareQuery("Memory", January with { Text = "memory" }),   // 3: prices, shortage, market
            new CompareQuery("B", January with { Providers = ["b.example"] }), // 3: weather, shortage, exports
        ]);

        Assert.Equal([new QueryOverlap(0, 1, 2), new QueryOverlap(0, 2, 2), new QueryOverlap(1, 2, 1)], c.Overlaps);
        Assert.Equal(1, c.InAll); // "Memory chip shortage"
        Assert.Equal(6, c.InAny); // all but "Sports roundup" and "Election news"
    }

    [Fact]
    public async Task Compare_TopTopicsAndProviders_ArePerQueryMostFirst()
    {
        await ImportCorpusAsync();

        var c = await Compare.CompareAsync([new CompareQuery("Chip", January with { Text = "chip" }), new CompareQuery("All", January)], top: 2);

        Assert.Equal([("Chips", 4, 1.0), ("Memory", 2, 0.5)], c.Queries[0].TopTopics.Select(t => (t.Topic, t.Articles, t.Share)));
        Assert.Equal([("a.example", 2), ("b.example", 2)], c.Queries[0].TopProviders.Select(p => (p.Domain, p.Articles)));
        Assert.Equal([("a.example", 5), ("b.example", 3)], c.Queries[1].TopProviders.Select(p => (p.Domain, p.Articles)));
        Assert.Equal(["Chips", "Memory"], c.Queries[1].TopTopics.Select(t => t.Topic));
    }

    [Fact]
    public async Task Compare_DifferentRanges_ShareOneAxisSpanningBoth()
    {
        await ImportCorpusAsync();

        var c = await Compare.CompareAsync(
        [
            new CompareQuery("Early", new DashboardFilter { From = new DateOnly(2024, 1, 1), To = new DateOnly(2024, 1, 5) }),
            new CompareQuery("Late", new DashboardFilter { From = new DateOnly(2024, 1, 15), To = new DateOnly(2024, 1, 20) }),
        ]);

        // 20 days: by day, as the timeline would; both queries' counts line up with the same periods.
        Assert.Equal(TimeGranularity.Day, c.Granularity);
        Assert.Equal(new DateOnly(2024, 1, 1), c.Buckets[0].Start);
        Assert.Equal(new DateOnly(2024, 1, 20), c.Buckets[^1].End);
        Assert.All(c.Queries, q => Assert.Equal(20, q.Buckets.Count));
        Assert.Equal(4, c.Queries[0].Buckets.Sum(b => b.Matches));
        Assert.Equal(4, c.Queries[1].Buckets.Sum(b => b.Matches));
        Assert.Equal(0, c.Queries[0].Buckets[16].Matches);
        Assert.Equal(2, c.Queries[1].Buckets[16].Matches); // January 17
        Assert.Equal(0, c.InAll);
    }

    [Fact]
    public async Task Compare_QueryWithoutSearch_IsItsOwnDenominator()
    {
        await ImportCorpusAsync();

        var c = await Compare.CompareAsync([new CompareQuery("B", January with { Providers = ["b.example"] })]);

        Assert.Equal(3, c.Queries[0].Matches);
        Assert.Equal(3, c.Queries[0].Total);
        Assert.All(c.Queries[0].Buckets.Where(b => b.Total > 0), b => Assert.Equal(1.0, b.Ratio));
    }

    [Fact]
    public async Task Compare_NothingMatches_HasNoPeriodsAndZeroCounts()
    {
        await ImportCorpusAsync();

        var c = await Compare.CompareAsync([new CompareQuery("None", new DashboardFilter { Providers = ["nobody.example"] })]);

        Assert.Empty(c.Buckets);
        Assert.Equal(0, c.Queries[0].Matches);
        Assert.Null(c.Queries[0].Ratio);
        Assert.Equal(0, c.InAny);
    }

    [Fact]
    public async Task Compare_MoreThanFiveQueries_IsRefused()
    {
        var six = Enumerable.Range(1, 6).Select(i => new CompareQuery($"Q{i}", DashboardFilter.All)).ToArray();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Compare.CompareAsync(six));
    }
}
