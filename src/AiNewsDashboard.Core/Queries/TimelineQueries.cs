using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Queries.Graph;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Queries;

/// <summary>What a timeline's bars are split by.</summary>
public enum TimelineStack
{
    None,
    Category,
    Provider,
    Topic,
}

/// <summary>Articles over time, one bucket per period of the range (empty periods included).</summary>
/// <param name="Series">The stacks, in the order of <see cref="TimelineBucket.SeriesCounts"/>; empty when not stacked.</param>
/// <param name="Undated">Matching articles without a date: counted in the totals, in no bucket.</param>
/// <param name="Message">Why the axis is not what was asked (a coarser granularity, only the latest years), or null.</param>
/// <param name="Peaks">The buckets whose count stands out from their neighbourhood (<see cref="PeakDetector"/>), strongest first.</param>
/// <param name="ShareBasis">When shares were asked for: the filter each bucket's <see cref="TimelineBucket.Total"/> counts, the
/// asked filter without its search, providers and topics (see <see cref="TimelineQueries.ShareBasisOf"/>); otherwise null.</param>
public sealed record Timeline(TimeGranularity Granularity, IReadOnlyList<TimelineSeries> Series, IReadOnlyList<TimelineBucket> Buckets,
    int Undated = 0, string? Message = null, IReadOnlyList<Peak>? Peaks = null, DashboardFilter? ShareBasis = null)
{
    /// <summary>The peaks, never null.</summary>
    public IReadOnlyList<Peak> PeakList => Peaks ?? [];
}

/// <summary>One stack: <paramref name="Key"/> is what to filter by (category, provider domain, topic), null for "Other".</summary>
public sealed record TimelineSeries(string Label, string? Key);

/// <summary>One period: [Start, End], both inclusive.</summary>
/// <param name="Total">When shares were asked for: the articles of this period under <see cref="Timeline.ShareBasis"/>, the
/// denominator of <see cref="Share"/>; otherwise null.</param>
public sealed record TimelineBucket(DateOnly Start, DateOnly End, int Articles, IReadOnlyList<int> SeriesCounts, TopStory? TopStory, int? Total = null)
{
    /// <summary>The matching articles as a share (0 to 1) of <see cref="Total"/>; null when not asked for or the period holds none.</summary>
    public double? Share => Total is > 0 and var total ? (double)Articles / total : null;

    /// <summary>A series' count as a share of <see cref="Total"/>, as <see cref="Share"/>.</summary>
    public double? ShareOf(int series) => Total is > 0 and var total ? (double)SeriesCounts[series] / total : null;
}

/// <summary>Which rule chose a period's top story.</summary>
public enum TopStoryRule
{
    /// <summary>The highest known heat (ties go to the newest).</summary>
    Heat,
    /// <summary>No article of the period has a heat: the one most other articles list as related (most inbound links).</summary>
    MostLinked,
    /// <summary>No heat and no inbound links: the one whose story (cluster of linked articles) the most providers cover.</summary>
    WidestCoverage,
    /// <summary>Nothing to rank by: the newest.</summary>
    Newest,
}

/// <summary>
/// A period's top story. When an article of the period has a known heat, the highest heat wins; when none has, the
/// most linked article, then the one whose story the most providers cover, then the newest (<see cref="Rule"/> says which).
/// </summary>
/// <param name="Links">Inbound related links of the article, when the rule looked at them.</param>
/// <param name="Providers">Distinct providers covering the article's story, when the rule looked at them.</param>
public sealed record TopStory(int ArticleId, string? Title, int? Heat, TopStoryRule Rule = TopStoryRule.Heat, int? Links = null, int? Providers = null);

public sealed class TimelineQueries(ArticleMatcher matcher, IDbContextFactory<NewsDbContext> dbFactory, ArticleGraphCache graphs)
{
    public const string Other = "Other";

    /// <summary>
    /// What a share of the total is a share of: the filter without its search, providers and topics, so "share" reads as
    /// "of all the articles of that period" (within the categories, quality, publication state and references still asked).
    /// </summary>
    public static DashboardFilter ShareBasisOf(DashboardFilter filter) => filter.WithProvidersOnly() with { Text = null, Topics = [] };

    /// <param name="granularity">Null: chosen from the range's length (see <see cref="TimeGranularity"/> and TimeBuckets.AutoFor).</param>
    /// <param name="stack">Split each bucket by category, provider or topic: the <paramref name="top"/> largest over the
    /// whole range, the rest as "Other". By topic, an article counts once for each of its top topics (stacks can add up to
    /// more than <see cref="TimelineBucket.Articles"/>), and in "Other" only when it has none of them.</param>
    /// <param name="shares">Also count each period's articles under <see cref="ShareBasisOf"/>, the denominator of shares.</param>
    public async Task<Timeline> GetTimelineAsync(DashboardFilter filter, TimeGranularity? granularity = null,
        TimelineStack stack = TimelineStack.None, int top = 5, bool shares = false, CancellationToken ct = default)
    {
        using var selection = await matcher.SelectAsync(filter, ct);
        var undated = TimeBuckets.Undated(selection);
        if (TimeBuckets.ForFilter(filter, selection, granularity) is not { } axis)
            return new Timeline(granularity ?? TimeGranularity.Month, [], [], undated);

        var facts = selection.Facts;
        var (series, seriesOf) = Stacks(selection, stack, top);
        var s = series.Count;
        var offsets = facts.TopicOffsets;
        var topics = facts.TopicIndices;
        var other = s - 1;
        var edges = axis.EdgesIn(selection);
        var articles = axis.CountsOf(selection);

        // Each part's stacks and hottest row per bucket; a bucket reaching two parts is added up below.
        var parts = selection.InBucketParts(edges, axis.Count, () => (Stacked: new int[axis.Count * s], Best: Enumerable.Repeat(-1, axis.Count).ToArray()),
            (b, bucket, part) =>
            {
                part.Best[b] = facts.HottestOf(bucket);
                var counts = part.Stacked.AsSpan(b * s, s);
                switch (stack)
                {
                    case TimelineStack.Category:
                        foreach (var r in bucket)
                            counts[facts.CategoryOf(r) is var c and >= 0 ? seriesOf[c] : other]++;
                        break;
                    case TimelineStack.Provider:
                        foreach (var r in bucket)
                            counts[facts.Providers[r] is var p and >= 0 ? seriesOf[p] : other]++;
                        break;
                    case TimelineStack.Topic:
                        // Without a branch on the topics: a topic outside the top adds nothing to "Other" (k is other, add 0).
                        foreach (var r in bucket)
                        {
                            var inTop = 0;
                            for (var t = offsets[r]; t < offsets[r + 1]; t++)
                            {
                                var k = seriesOf[topics[t]];
                                var isTop = k != other ? 1 : 0;
                                counts[k] += isTop;
                                inTop |= isTop;
                            }
                            counts[other] += 1 - inTop;
                        }
                        break;
                }
            });
        var stacked = FactsAggregates.Sum([.. parts.Select(p => p.Stacked)]);
        var best = parts[0].Best;
        for (var b = 0; b < axis.Count; b++)
        {
            // The parts are in row order, newest first: of equally hot rows the first part's stays, as in one pass.
            foreach (var part in parts.AsSpan(1))
                if (part.Best[b] >= 0)
                    best[b] = best[b] < 0 ? part.Best[b] : facts.HottestOf([best[b], part.Best[b]]);
        }

        // "Other" is listed only when something is in it.
        var keepOther = s > 0 && Enumerable.Range(0, axis.Count).Any(b => stacked[b * s + other] > 0);
        var shown = keepOther ? s : Math.Max(0, s - 1);
        var stories = await TopStoriesAsync(selection, edges, best, ct);
        var titles = await FactsAggregates.TitlesAsync(dbFactory, stories.Where(t => t.Row >= 0).Select(t => facts.Ids[t.Row]).ToArray(), ct);
        DashboardFilter? basis = shares ? ShareBasisOf(filter) : null;
        var totals = basis is null ? null : basis == filter ? articles : await CountsAsync(basis, axis, ct);
        var buckets = new TimelineBucket[axis.Count];
        for (var b = 0; b < axis.Count; b++)
        {
            var (row, rule, links, providers) = stories[b];
            TopStory? story = row < 0 ? null : new TopStory(facts.Ids[row], titles.GetValueOrDefault(facts.Ids[row]),
                facts.HeatOf(row) is var heat && heat == ArticleFacts.UnknownHeat ? null : heat, rule, links, providers);
            buckets[b] = new TimelineBucket(axis.Starts[b], axis.EndOf(b), articles[b], stacked.AsSpan(b * s, shown).ToArray(), story, totals?[b]);
        }
        return new Timeline(axis.Granularity, series.Take(shown).ToArray(), buckets, undated, axis.Message, PeakDetector.Find(articles), basis);
    }

    /// <summary>Articles per bucket of <paramref name="axis"/> for another filter (the share basis).</summary>
    private async Task<int[]> CountsAsync(DashboardFilter filter, TimeBuckets axis, CancellationToken ct)
    {
        using var selection = await matcher.SelectAsync(filter, ct);
        return axis.CountsOf(selection);
    }

    /// <summary>
    /// Each bucket's top story: the highest-heat row found in the pass (<paramref name="best"/>) where it has a heat;
    /// for buckets where no article has one, the related-link graph decides (<see cref="TopStoryRule"/>). The graph is
    /// only built when such a bucket exists.
    /// </summary>
    private async Task<(int Row, TopStoryRule Rule, int? Links, int? Providers)[]> TopStoriesAsync(
        ArticleSelection selection, int[] edges, int[] best, CancellationToken ct)
    {
        var facts = selection.Facts;
        var stories = new (int Row, TopStoryRule Rule, int? Links, int? Providers)[best.Length];
        var unknown = false;
        for (var b = 0; b < best.Length; b++)
        {
            stories[b] = (best[b], TopStoryRule.Heat, null, null);
            unknown |= best[b] >= 0 && facts.HeatOf(best[b]) == ArticleFacts.UnknownHeat;
        }
        if (!unknown)
            return stories;

        var graph = await graphs.GetAsync(facts, ct);
        var clusters = graph.Clusters;
        int Coverage(int row) => clusters.ProviderCount[clusters.ClusterOfRow[row]];

        for (var b = 0; b < best.Length; b++)
        {
            if (best[b] < 0 || facts.HeatOf(best[b]) != ArticleFacts.UnknownHeat)
                continue;
            // Rows come newest first, so a later row replaces the pick only when it ranks strictly higher: ties go to the newest.
            int pick = -1, pickInbound = 0;
            foreach (var r in selection.Rows[edges[b + 1]..edges[b]])
            {
                var inbound = graph.InboundOf(r);
                if (pick < 0 || inbound > pickInbound || (inbound == pickInbound && Coverage(r) > Coverage(pick)))
                    (pick, pickInbound) = (r, inbound);
            }
            var rule = pickInbound > 0 ? TopStoryRule.MostLinked : Coverage(pick) > 1 ? TopStoryRule.WidestCoverage : TopStoryRule.Newest;
            stories[b] = (pick, rule, pickInbound, Coverage(pick));
        }
        return stories;
    }

    /// <summary>The series (top keys, then "Other" last) and, per key index, its series (Other for the rest).</summary>
    private static (List<TimelineSeries> Series, int[] SeriesOf) Stacks(ArticleSelection selection, TimelineStack stack, int top)
    {
        var facts = selection.Facts;
        int[] counts;
        Func<int, string> label, key;
        switch (stack)
        {
            case TimelineStack.Category:
                counts = FactsAggregates.CategoryCounts(selection);
                label = key = i => facts.CategoryNames[i];
                break;
            case TimelineStack.Provider:
                counts = FactsAggregates.ProviderCounts(selection);
                label = i => facts.ProviderTable[i].Name;
                key = i => facts.ProviderTable[i].Domain;
                break;
            case TimelineStack.Topic:
                counts = FactsAggregates.TopicCounts(selection);
                label = key = i => facts.TopicTable[i].Name;
                break;
            default:
                return ([], []);
        }
        var winners = FactsAggregates.Top(counts, top, label);
        var series = winners.Select(i => new TimelineSeries(label(i), key(i))).ToList();
        series.Add(new TimelineSeries(Other, null));
        return (series, FactsAggregates.RankOf(winners, counts.Length, outside: winners.Length));
    }
}
