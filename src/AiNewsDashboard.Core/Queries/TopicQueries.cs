namespace AiNewsDashboard.Core.Queries;

/// <summary>A topic and how many matching articles carry it; <paramref name="Share"/> = Articles / all matching articles.</summary>
public sealed record TopicShare(string Topic, int Articles, double Share);

/// <summary>Top topics × periods: <see cref="TopicHeatRow.Counts"/> line up with <paramref name="BucketStarts"/>.</summary>
/// <param name="Undated">Matching articles without a date: in the rows' totals, in no period.</param>
/// <param name="Message">Why the periods are not what was asked (see <see cref="Timeline.Message"/>), or null.</param>
public sealed record TopicHeatMap(TimeGranularity Granularity, IReadOnlyList<DateOnly> BucketStarts, IReadOnlyList<TopicHeatRow> Rows,
    int Undated = 0, string? Message = null);

public sealed record TopicHeatRow(string Topic, int Articles, IReadOnlyList<int> Counts);

/// <summary>How often the top topics appear together: <paramref name="Pairs"/> lists every pair that does, most frequent first.</summary>
public sealed record TopicCoOccurrence(IReadOnlyList<TopicShare> Topics, IReadOnlyList<TopicPair> Pairs);

/// <summary>Two topics (<paramref name="First"/> ranks above <paramref name="Second"/>) and the articles carrying both.</summary>
public sealed record TopicPair(string First, string Second, int Articles);

/// <summary>Topics growing fastest in [From, To] against [PreviousFrom, PreviousTo], the period of equal length before.</summary>
public sealed record EmergingTopics(DateOnly From, DateOnly To, DateOnly PreviousFrom, DateOnly PreviousTo, IReadOnlyList<EmergingTopic> Topics);

/// <summary><paramref name="Growth"/> = (Articles + k) / (PreviousArticles + k), k = the minimum count (see <see cref="TopicQueries.GetEmergingAsync"/>).</summary>
public sealed record EmergingTopic(string Topic, int Articles, int PreviousArticles, double Growth);

public sealed class TopicQueries(ArticleMatcher matcher)
{
    /// <summary>Length of the period <see cref="GetEmergingAsync"/> compares when the filter's range is open.</summary>
    public const int DefaultEmergingDays = 28;

    /// <summary>The most frequent topics among matching articles: count descending, then name.</summary>
    public async Task<IReadOnlyList<TopicShare>> GetTopTopicsAsync(DashboardFilter filter, int top = 20, CancellationToken ct = default)
    {
        using var selection = await matcher.SelectAsync(filter, ct);
        return TopTopics(selection, FactsAggregates.TopicCounts(selection), top);
    }

    /// <summary>Articles per period for the <paramref name="top"/> topics of the range.</summary>
    /// <param name="granularity">Null: chosen from the range's length, as for the timeline.</param>
    public async Task<TopicHeatMap> GetHeatMapAsync(DashboardFilter filter, int top = 10, TimeGranularity? granularity = null, CancellationToken ct = default)
    {
        using var selection = await matcher.SelectAsync(filter, ct);
        var undated = TimeBuckets.Undated(selection);
        if (TimeBuckets.ForFilter(filter, selection, granularity) is not { } axis)
            return new TopicHeatMap(granularity ?? TimeGranularity.Month, [], [], undated);
        var facts = selection.Facts;
        var counts = FactsAggregates.TopicCounts(selection);
        var winners = FactsAggregates.Top(counts, top, i => facts.TopicTable[i].Name);
        var cells = new int[winners.Length * axis.Count];
        var offsets = facts.TopicOffsets;
        var topics = facts.TopicIndices;
        var edges = axis.EdgesIn(selection);
        // Counted without a branch on the topics: those outside the top count in a last slot, left out.
        var slotOf = FactsAggregates.RankOf(winners, counts.Length, outside: winners.Length);
        // Each part's counts per bucket, added up below.
        var parts = selection.InBucketParts(edges, axis.Count, () => new int[axis.Count * (winners.Length + 1)], (b, bucket, part) =>
        {
            var inBucket = part.AsSpan(b * (winners.Length + 1), winners.Length + 1);
            if (facts.TryGetTopicsOf(bucket, selection.AllButReferences, out var all))
            {
                foreach (var topic in all)
                    inBucket[slotOf[topic]]++;
            }
            else
            {
                foreach (var r in bucket)
                    for (var t = offsets[r]; t < offsets[r + 1]; t++)
                        inBucket[slotOf[topics[t]]]++;
            }
        });
        var perBucket = FactsAggregates.Sum(parts);
        for (var b = 0; b < axis.Count; b++)
            for (var k = 0; k < winners.Length; k++)
                cells[k * axis.Count + b] = perBucket[b * (winners.Length + 1) + k];
        var rows = winners.Select((topic, k) => new TopicHeatRow(facts.TopicTable[topic].Name, counts[topic],
            cells.AsSpan(k * axis.Count, axis.Count).ToArray())).ToArray();
        return new TopicHeatMap(axis.Granularity, axis.Starts, rows, undated, axis.Message);
    }

    /// <summary>Up to this many topics, <see cref="GetCoOccurrenceAsync"/> counts each article's set of them as a bit mask (2^16 counters).</summary>
    private const int MaskedTopics = 16;

    /// <summary>Pairs of the <paramref name="top"/> topics that appear on the same articles, with how many.</summary>
    public async Task<TopicCoOccurrence> GetCoOccurrenceAsync(DashboardFilter filter, int top = 10, CancellationToken ct = default)
    {
        using var selection = await matcher.SelectAsync(filter, ct);
        var facts = selection.Facts;
        var counts = FactsAggregates.TopicCounts(selection);
        var winners = FactsAggregates.Top(counts, top, i => facts.TopicTable[i].Name);
        var n = winners.Length;
        var together = new int[n * n];
        var offsets = facts.TopicOffsets;
        var topics = facts.TopicIndices;
        if (n <= MaskedTopics)
        {
            // Each article's set of top topics as a bit mask, counted per mask; the pairs come from the masks seen.
            var bitOf = new int[counts.Length];
            for (var k = 0; k < n; k++)
                bitOf[winners[k]] = 1 << k;
            var articlesWith = FactsAggregates.Sum(selection.InParts(() => new int[1 << n], (rows, masks) =>
            {
                foreach (var r in rows)
                {
                    var mask = 0;
                    for (var t = offsets[r]; t < offsets[r + 1]; t++)
                        mask |= bitOf[topics[t]];
                    masks[mask]++;
                }
            }));
            for (var mask = 3; mask < articlesWith.Length; mask++)
            {
                if (articlesWith[mask] == 0 || System.Numerics.BitOperations.PopCount((uint)mask) < 2)
                    continue;
                for (var i = 0; i < n; i++)
                    if ((mask & (1 << i)) != 0)
                        for (var j = i + 1; j < n; j++)
                            if ((mask & (1 << j)) != 0)
                                together[i * n + j] += articlesWith[mask];
            }
        }
        else
        {
            var rankOf = FactsAggregates.RankOf(winners, counts.Length, outside: -1);
            Span<int> ranks = stackalloc int[64];
            foreach (var r in selection.Rows)
            {
                var m = 0;
                for (var t = offsets[r]; t < offsets[r + 1] && m < ranks.Length; t++)
                {
                    var k = rankOf[topics[t]];
                    ranks[m] = k;
                    m += k >= 0 ? 1 : 0;
                }
                for (var i = 0; i < m; i++)
                    for (var j = i + 1; j < m; j++)
                        together[Math.Min(ranks[i], ranks[j]) * n + Math.Max(ranks[i], ranks[j])]++;
            }
        }
        var pairs = new List<TopicPair>();
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
                if (together[i * n + j] > 0)
                    pairs.Add(new TopicPair(facts.TopicTable[winners[i]].Name, facts.TopicTable[winners[j]].Name, together[i * n + j]));
        // Most frequent first; equal counts keep the topics' own ranking (the list is built in that order, and the sort is stable).
        var ordered = pairs.OrderByDescending(p => p.Articles).ToArray();
        return new TopicCoOccurrence(TopTopics(selection, counts, top), ordered);
    }

    /// <summary>
    /// Topics whose article count grew most against the previous period of equal length. Growth is a smoothed ratio,
    /// (current + k) / (previous + k) with k = <paramref name="minArticles"/>: adding k to both sides keeps a topic that
    /// went from 0 to 1 article (growth 1.2 at k = 5) from outranking one that went from 40 to 120 (2.8), and only
    /// topics with at least k articles in the period are listed. Most growth first, then more articles, then name.
    /// </summary>
    /// <remarks>
    /// The period is the filter's date range; when that is open, the <see cref="DefaultEmergingDays"/> days up to its
    /// end (or up to the newest matching article), or from its start to the newest matching article. Null when the range
    /// is open and no matching article has a date.
    /// </remarks>
    public async Task<EmergingTopics?> GetEmergingAsync(DashboardFilter filter, int top = 10, int minArticles = 5, CancellationToken ct = default)
    {
        var facts = await matcher.Facts.GetAsync(ct);
        if (await ComparisonPeriod.ResolveAsync(matcher, facts, filter, DefaultEmergingDays, ct) is not { } period)
            return null;
        using var current = await matcher.SelectAsync(facts, period, ct);
        using var previous = await matcher.SelectAsync(facts, period.PreviousPeriod()!, ct);
        var now = FactsAggregates.TopicCounts(current);
        var before = FactsAggregates.TopicCounts(previous);
        var k = Math.Max(1, minArticles);
        var emerging = new List<EmergingTopic>();
        for (var t = 0; t < now.Length; t++)
            if (now[t] >= minArticles && now[t] > 0)
                emerging.Add(new EmergingTopic(facts.TopicTable[t].Name, now[t], before[t], (now[t] + (double)k) / (before[t] + k)));
        var topics = emerging.OrderByDescending(e => e.Growth).ThenByDescending(e => e.Articles)
            .ThenBy(e => e.Topic, StringComparer.OrdinalIgnoreCase).Take(top).ToArray();
        var prev = period.PreviousPeriod()!;
        return new EmergingTopics(period.From!.Value, period.To!.Value, prev.From!.Value, prev.To!.Value, topics);
    }

    private static TopicShare[] TopTopics(ArticleSelection selection, int[] counts, int top)
    {
        var facts = selection.Facts;
        var total = selection.Count;
        return FactsAggregates.Top(counts, top, i => facts.TopicTable[i].Name)
            .Select(i => new TopicShare(facts.TopicTable[i].Name, counts[i], total == 0 ? 0 : (double)counts[i] / total)).ToArray();
    }
}

/// <summary>The closed period that comparisons against "the previous period" use.</summary>
internal static class ComparisonPeriod
{
    /// <summary>
    /// The filter itself when its range is closed. Otherwise the range is closed from the data: the end is the filter's
    /// end or the newest matching article's day; the start is the filter's start or <paramref name="days"/> days before the end.
    /// </summary>
    /// <param name="selected">The filter's selection over <paramref name="facts"/> when the caller has it: the newest day is read from it instead of selecting again.</param>
    public static async Task<DashboardFilter?> ResolveAsync(ArticleMatcher matcher, ArticleFacts facts, DashboardFilter filter, int days, CancellationToken ct,
        ArticleSelection? selected = null)
    {
        if (filter is { From: not null, To: not null })
            return filter;
        DateOnly to;
        if (filter.To is { } t)
            to = t;
        else
        {
            using var own = selected is null ? await matcher.SelectAsync(facts, filter, ct) : null;
            if (!(selected ?? own)!.TryGetDayRange(out _, out var last))
                return null;
            to = ArticleFacts.DateOf(last);
        }
        var from = filter.From ?? to.AddDays(-(days - 1));
        if (from > to)
            from = to;
        return filter with { From = from, To = to };
    }
}
