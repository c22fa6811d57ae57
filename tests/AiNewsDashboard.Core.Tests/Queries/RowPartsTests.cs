using System.Text.Json;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Signals;
using AiNewsDashboard.Core.Syndication;
using AiNewsDashboard.Demo;
using AiNewsDashboard.TestSupport;

namespace AiNewsDashboard.Core.Tests.Queries;

/// <summary>
/// Long passes are cut into parts that the cores work on side by side (<see cref="RowParts"/>): every answer must be the
/// one the whole pass gives. On a real-shaped corpus (long tail of providers, undated and unrated articles, references,
/// copies), each query is asked once whole and once cut into parts of a few dozen rows, and the two answers compared.
/// </summary>
public sealed class RowPartsTests : IAsyncLifetime
{
    private static readonly RowParts Small = new(MinRows: 37, MaxParts: 5);

    /// <summary>Drift settings that find change points in a corpus this small.</summary>
    private static readonly SignalSettings Sensitive = new() { DriftMinScoredPerSide = 3, DriftMinWeeksPerSide = 1, DriftMinCoverage = 0, DriftMinZ = 0.5 };
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await _db.ImportTextsAsync([.. new DemoCorpusGenerator(DemoCorpusGenerator.DefaultSeed, DemoShape.RealWorld).Generate(1_500)
            .Select(a => (a.RelativePath, a.Text))]);
        // Copy detection's groups: the article list folds copies into their first publisher's row.
        await _db.Get<SyndicationService>().UpdateAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Theory]
    [InlineData(0, 1)]
    [InlineData(10, 1)]
    [InlineData(1_000, 4)]
    [InlineData(1_000_000, 4)]
    public void Bounds_CoverEveryRowOnce_InOrder(int rows, int maxParts)
    {
        var plan = new RowParts(MinRows: 100, maxParts);
        var parts = plan.For(rows);
        Assert.InRange(parts, 1, maxParts);
        var next = 0;
        for (var k = 0; k < parts; k++)
        {
            var (start, end) = RowParts.Bounds(rows, parts, k);
            Assert.Equal(next, start);
            Assert.True(end - start >= Math.Min(rows, 100) || parts == 1, $"part {k} holds {end - start} rows");
            next = end;
        }
        Assert.Equal(rows, next);
    }

    public static TheoryData<string> Filters => ["none", "the spike", "one topic", "one category", "references", "provider", "quality", "text", "copies once"];

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task EveryAnswer_CutIntoParts_IsTheWholePass(string name)
    {
        var matcher = _db.Get<ArticleMatcher>();
        var filter = await FilterAsync(name);
        using (var selection = await matcher.SelectAsync(filter, CancellationToken.None))
            Assert.True(Small.For(selection.Count) > 1 || name is "provider" or "text", $"{name}: {selection.Count} rows are not cut into parts");

        if (name == "none")
            Assert.True((await _db.Get<ArticleQueries>().GetPageAsync(filter)).CollapsedCopies > 0, "no copy folds into its first publisher's row");

        matcher.Parts = RowParts.Default;
        var whole = await AnswersAsync(filter);
        matcher.Parts = Small;
        var inParts = await AnswersAsync(filter);

        Assert.Equal(whole.Keys, inParts.Keys);
        foreach (var (query, answer) in whole)
            Assert.True(answer == inParts[query], $"{name}: {query} differs when cut into parts:\n{answer}\n{inParts[query]}");
    }

    /// <summary>
    /// The managers' summary gathers what quality drift reads in its own tally's pass when the drift isn't kept yet: the
    /// drift it then gives is the one drift's own pass gives, whole and in parts.
    /// </summary>
    [Theory]
    [MemberData(nameof(Filters))]
    public async Task SummaryDrift_GatheredByItsTally_IsTheDriftsOwnPass(string name)
    {
        var matcher = _db.Get<ArticleMatcher>();
        var filter = await FilterAsync(name);
        foreach (var parts in new[] { RowParts.Default, Small })
        {
            matcher.Parts = parts;
            // Nothing kept: the summary computes the drift from its tally.
            var signals = new SignalQueries(matcher, _db.Get<Core.Queries.Graph.ArticleGraphCache>(), _db.Get<Core.Queries.Graph.GraphQueries>(), Sensitive);
            var summary = await new ProviderQualityQueries(matcher, signals).GetSummaryAsync(filter);
            Assert.Equal(1, signals.Computations);

            using var selection = await matcher.SelectAsync(filter, CancellationToken.None);
            var own = SignalQueries.Drift(selection, Sensitive);
            // Unfiltered, with or without references, it finds change points (the narrower filters may leave too few).
            Assert.True(own.Drifts.Count > 0 || name is not ("none" or "references"), $"{name}: drift finds nothing");
            Assert.Equal(JsonSerializer.Serialize(own), JsonSerializer.Serialize(summary.Drift));
        }
    }

    private async Task<DashboardFilter> FilterAsync(string name)
    {
        var board = await _db.Get<ProviderQualityQueries>().GetLeaderboardAsync(DashboardFilter.All);
        var topic = (await _db.Get<TopicQueries>().GetTopTopicsAsync(DashboardFilter.All, 1)).Single().Topic;
        // The real shape's dense spring among thin years: the busiest month and the two before it.
        var busiest = (await _db.Get<TimelineQueries>().GetTimelineAsync(DashboardFilter.All, TimeGranularity.Month)).Buckets.MaxBy(b => b.Articles)!;
        return name switch
        {
            "none" => DashboardFilter.All,
            "the spike" => new DashboardFilter { From = busiest.Start.AddMonths(-2), To = busiest.End },
            "one topic" => new DashboardFilter { Topics = [topic] },
            "one category" => new DashboardFilter { Categories = ["news"] },
            "references" => new DashboardFilter { IncludeReferences = true },
            "provider" => new DashboardFilter { Providers = [board.Providers.MaxBy(p => p.Articles)!.Domain] },
            "quality" => new DashboardFilter { MinQuality = 40, MaxQuality = 90 },
            "text" => new DashboardFilter { Text = "AI" },
            "copies once" => new DashboardFilter { CopiesOnce = true },
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    /// <summary>Every query that cuts its passes, each answer as JSON.</summary>
    private async Task<Dictionary<string, string>> AnswersAsync(DashboardFilter filter)
    {
        var timeline = _db.Get<TimelineQueries>();
        var topics = _db.Get<TopicQueries>();
        var providers = _db.Get<ProviderQualityQueries>();
        var answers = new Dictionary<string, string>();
        async Task Add<T>(string query, Task<T> answer) => answers[query] = JsonSerializer.Serialize(await answer);

        await Add("kpis", _db.Get<OverviewQueries>().GetKpisAsync(filter));
        foreach (var stack in Enum.GetValues<TimelineStack>())
            await Add($"timeline by {stack}", timeline.GetTimelineAsync(filter, stack: stack));
        await Add("timeline by day", timeline.GetTimelineAsync(filter, TimeGranularity.Day));
        await Add("top topics", topics.GetTopTopicsAsync(filter, 20));
        await Add("heat map", topics.GetHeatMapAsync(filter, 10));
        await Add("co-occurrence, masks", topics.GetCoOccurrenceAsync(filter, 10));
        await Add("co-occurrence, pairs", topics.GetCoOccurrenceAsync(filter, 20));
        await Add("emerging", topics.GetEmergingAsync(filter));
        await Add("leaderboard", providers.GetLeaderboardAsync(filter));
        await Add("leaderboard by week", providers.GetLeaderboardAsync(filter, TimeGranularity.Week));
        await Add("quality distribution", providers.GetQualityDistributionAsync(filter));
        await Add("summary", providers.GetSummaryAsync(filter));
        await Add("first page", _db.Get<ArticleQueries>().GetPageAsync(filter));
        await Add("a page of 500", _db.Get<ArticleQueries>().GetPageAsync(filter, take: 500));
        await Add("first page by quality", _db.Get<ArticleQueries>().GetPageAsync(filter, new ArticleSort(ArticleSortKey.Quality)));
        // The drift itself, not the answer kept for the last filter asked.
        using (var selection = await _db.Get<ArticleMatcher>().SelectAsync(filter, CancellationToken.None))
            answers["quality drift"] = JsonSerializer.Serialize(SignalQueries.Drift(selection, Sensitive));
        return answers;
    }
}
