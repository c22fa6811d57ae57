using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Queries.Graph;

namespace AiNewsDashboard.Core.Signals;

/// <summary>
/// The signals over a filter: quality drift per provider (<see cref="QualityDriftDetector"/>) and breaking stories.
/// Both are answered from the in-memory snapshot (and the story graph), and the last answer per filter is kept for
/// as long as the snapshot is current, so the signals page, its API and the Providers page share one computation, even
/// one in flight (<see cref="SharedAnswer{T}"/>). The
/// unfiltered answer has a slot of its own, which <see cref="WarmAsync"/> fills as soon as a snapshot is published, so the
/// signals page opens warm and another filter doesn't push it out.
/// </summary>
public sealed class SignalQueries(ArticleMatcher matcher, ArticleGraphCache graphs, GraphQueries graphQueries, SignalSettings settings)
{
    private readonly SharedAnswer<DriftReport> _drift = new(), _driftAll = new();
    private readonly SharedAnswer<BreakingReport> _breaking = new(), _breakingAll = new();
    private int _computations;

    /// <summary>How many reports were computed rather than answered from the cache (tests).</summary>
    internal int Computations => Volatile.Read(ref _computations);

    private void Counted() => Interlocked.Increment(ref _computations);

    public SignalSettings Settings => settings;

    /// <summary>Every provider's change points over the matching articles.</summary>
    public async Task<DriftReport> GetDriftAsync(DashboardFilter filter, CancellationToken ct = default) =>
        await GetDriftAsync(await matcher.Facts.GetAsync(ct), filter, ct);

    /// <summary>The same over a given snapshot (an answer that reads it for more than the drift).</summary>
    /// <param name="selected">The filter's selection over <paramref name="facts"/> when the caller has it: the drift is
    /// computed from it instead of selecting again. It is read until the drift is done, so that wait is not cancelled.</param>
    /// <param name="weeks">What drift reads from <paramref name="selected"/>, when the caller's own pass over it gathered
    /// that (see <see cref="IsDriftKnownAsync"/>): the drift then needs no pass of its own.</param>
    internal async Task<DriftReport> GetDriftAsync(ArticleFacts facts, DashboardFilter filter, CancellationToken ct = default, ArticleSelection? selected = null,
        QualityWeeks[]? weeks = null)
    {
        // Counting copies once, the answer depends on the copy groups too.
        var copies = filter.CopiesOnce ? await matcher.Copies.GetAsync(ct) : null;
        return await DriftAnswer(filter).GetAsync(facts, copies, filter, async () =>
        {
            if (selected is not null)
                return weeks is null ? Drift(selected, settings) : Drift(selected, settings, weeks);
            using var selection = await matcher.SelectAsync(facts, filter, CancellationToken.None);
            return Drift(selection, settings);
        }, Counted, selected is null ? ct : CancellationToken.None);
    }

    /// <summary>
    /// Whether the drift for the filter over <paramref name="facts"/> is kept or being computed, so that asking for it
    /// costs no pass over the rows: a caller that passes over them anyway gathers what drift reads only when it isn't.
    /// </summary>
    internal async Task<bool> IsDriftKnownAsync(ArticleFacts facts, DashboardFilter filter, CancellationToken ct = default) =>
        DriftAnswer(filter).Holds(facts, filter.CopiesOnce ? await matcher.Copies.GetAsync(ct) : null, filter);

    private SharedAnswer<DriftReport> DriftAnswer(DashboardFilter filter) => filter.Equals(DashboardFilter.All) ? _driftAll : _drift;

    /// <summary>
    /// Computes the unfiltered signals of the current snapshot and copy groups, its story graph included (waiting for
    /// it), so the first page to ask gets them at once. Answers the state it warmed.
    /// </summary>
    public async Task<DataState> WarmAsync(CancellationToken ct = default)
    {
        var graph = await graphs.GetCurrentAsync(ct);
        await GetDriftAsync(DashboardFilter.All, ct);
        await GetBreakingAsync(DashboardFilter.All, ct);
        return new DataState(graph.Facts, graph.Copies!);
    }

    /// <summary>One provider's change points under the filter (its own articles only), for its quality chart; null when no provider has that domain.</summary>
    public async Task<DriftReport?> GetProviderDriftAsync(string domain, DashboardFilter filter, CancellationToken ct = default)
    {
        var facts = await matcher.Facts.GetAsync(ct);
        if (facts.ProviderFor(domain) is not { } provider)
            return null;
        using var selection = await matcher.SelectAsync(facts, filter.WithProvidersOnly(provider.Domain), ct);
        return Drift(selection, settings);
    }

    internal static DriftReport Drift(ArticleSelection selection, SignalSettings settings) =>
        Drift(selection, settings, QualityWeeks.Of(selection, FewestTested(settings)));

    /// <summary>What drift reads, for one part of a pass over <paramref name="facts"/>'s rows that reads them for more.</summary>
    internal QualityWeeks NewDriftWeeks(ArticleFacts facts) => new(facts, FewestTested(settings));

    /// <summary>The fewest scored articles a provider needs for drift to test it: enough on each side of a change.</summary>
    private static int FewestTested(SignalSettings settings) => 2 * settings.DriftMinScoredPerSide;

    /// <param name="parts">The selection's scored rows by provider and week, one per part of its rows (a part per core
    /// for a long selection), in row order.</param>
    internal static DriftReport Drift(ArticleSelection selection, SignalSettings settings, QualityWeeks[] parts)
    {
        var facts = selection.Facts;
        var scored = QualityWeeks.ScoredOf(parts);
        var drifts = new List<ProviderDrift>();
        var checkedProviders = 0;
        var coverage = selection.Count == 0 ? 0 : (double)scored / selection.Count;
        if (scored > 0 && coverage >= settings.DriftMinCoverage)
        {
            // Each provider's change points on its own, side by side on the cores; the order below is total.
            var found = new List<ProviderDrift>?[facts.ProviderTable.Length];
            Parallel.For(0, found.Length, p =>
            {
                if (QualityWeeks.WeeksOf(parts, p) is not { } list)
                    return;
                Interlocked.Increment(ref checkedProviders);
                var points = QualityDriftDetector.Detect(list, settings);
                found[p] = [.. points.Select((point, i) => new ProviderDrift(facts.ProviderTable[p].Domain, facts.ProviderTable[p].Name, point, i == points.Count - 1))];
            });
            foreach (var some in found)
                if (some is not null)
                    drifts.AddRange(some);
        }
        var gap = drifts.Count > 0 ? DriftGap.None
            : selection.Count == 0 ? DriftGap.NoArticles
            : scored == 0 ? DriftGap.NoQualityScores
            : coverage < settings.DriftMinCoverage ? DriftGap.LowCoverage
            : checkedProviders == 0 ? DriftGap.TooFewScored
            : DriftGap.NoDrift;
        var ordered = drifts.OrderByDescending(d => d.IsCurrent).ThenByDescending(d => Math.Abs(d.Quality.Z)).ThenBy(d => d.Domain, StringComparer.Ordinal)
            .ThenBy(d => d.Date).ToList();
        return new DriftReport(selection.Count, scored, checkedProviders, gap, ordered, settings.DriftMinScoredPerSide, settings.DriftMinCoverage,
            settings.DriftMinZ);
    }

    /// <summary>The stories growing fastest in the window that ends at the latest matching article.</summary>
    public async Task<BreakingReport> GetBreakingAsync(DashboardFilter filter, CancellationToken ct = default)
    {
        var graph = await graphs.GetAsync(ct);
        return await (filter.Equals(DashboardFilter.All) ? _breakingAll : _breaking).GetAsync(graph, null, filter, async () =>
        {
            var (report, ids) = Breaking(graph, await matcher.SelectAsync(graph.Facts, filter, CancellationToken.None), settings);
            if (ids.Count == 0)
                return report;
            var headlines = await graphQueries.GetHeadlinesAsync(ids, CancellationToken.None);
            return report with { Stories = report.Stories.Select(s => s with { Headline = headlines.GetValueOrDefault(s.Id) }).ToList() };
        }, Counted, ct);
    }

    internal static (BreakingReport Report, List<int> Ids) Breaking(ArticleGraph graph, ArticleSelection selection, SignalSettings settings)
    {
        using var _ = selection;
        var facts = graph.Facts;
        var clusters = graph.Clusters;
        var window = settings.BreakingWindowHours * 3600L;
        BreakingReport Empty(DateTime? now, int checkedStories, BreakingGap gap) =>
            new(now, settings.BreakingWindowHours, checkedStories, gap, [], settings.BreakingMinNewArticles, settings.BreakingMinNewProviders);

        var rows = selection.Rows;
        if (rows.Length == 0)
            return (Empty(null, 0, BreakingGap.NoArticles), []);
        // Rows run newest first: the first dated one is "now", and the window is a prefix.
        var now = facts.SecondsOf(rows[0]);
        if (now == ArticleFacts.UnknownSeconds)
            return (Empty(null, 0, BreakingGap.NoDates), []);
        var windowStart = now - window;
        var candidates = new HashSet<int>();
        foreach (var r in rows)
        {
            if (facts.SecondsOf(r) <= windowStart || facts.SecondsOf(r) == ArticleFacts.UnknownSeconds)
                break;
            candidates.Add(clusters.ClusterOfRow[r]);
        }

        var stories = new List<BreakingStory>();
        var firstSeen = new Dictionary<int, long>();
        foreach (var c in candidates)
        {
            int newArticles = 0, pastArticles = 0, articles = 0;
            long first = long.MaxValue;
            firstSeen.Clear();
            foreach (var r in clusters.MembersOf(c))
            {
                var t = facts.SecondsOf(r);
                if (t == ArticleFacts.UnknownSeconds || t > now)
                    continue; // after "now" (outside the filtered range) or undated: not part of its growth
                articles++;
                first = Math.Min(first, t);
                if (t > windowStart)
                    newArticles++;
                else
                    pastArticles++;
                if (facts.Providers[r] is var p and >= 0 && (!firstSeen.TryGetValue(p, out var seen) || t < seen))
                    firstSeen[p] = t;
            }
            var newProviders = firstSeen.Values.Count(t => t > windowStart);
            var pastWindows = Math.Max(1, (windowStart - first) / (double)window);
            var story = new BreakingStory(clusters.Id[c], null, null, null, DateTimeOffset.FromUnixTimeSeconds(first).UtcDateTime,
                (now - first) / 3600.0, articles, firstSeen.Count, newArticles, newProviders, pastArticles, pastWindows);
            // Growing: enough new articles and providers, and more new articles than its own past pace.
            if (newArticles >= settings.BreakingMinNewArticles && newProviders >= settings.BreakingMinNewProviders && newArticles > story.PastPace)
            {
                var fp = firstSeen.Count == 0 ? ArticleFacts.None : firstSeen.MinBy(kv => (kv.Value, facts.ProviderTable[kv.Key].Domain)).Key;
                stories.Add(story with
                {
                    FirstProvider = fp >= 0 ? facts.ProviderTable[fp].Name : null,
                    FirstProviderDomain = fp >= 0 ? facts.ProviderTable[fp].Domain : null,
                });
            }
        }
        var top = stories.OrderByDescending(s => s.NewProviders).ThenByDescending(s => s.Growth).ThenByDescending(s => s.NewArticles).ThenBy(s => s.Id)
            .Take(settings.BreakingTop).ToList();
        var report = new BreakingReport(DateTimeOffset.FromUnixTimeSeconds(now).UtcDateTime, settings.BreakingWindowHours, candidates.Count,
            top.Count > 0 ? BreakingGap.None : BreakingGap.NothingGrowing, top, settings.BreakingMinNewArticles, settings.BreakingMinNewProviders);
        return (report, top.Select(s => s.Id).ToList());
    }
}
