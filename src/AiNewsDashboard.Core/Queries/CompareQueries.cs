namespace AiNewsDashboard.Core.Queries;

/// <summary>One query of a comparison: a full filter with a name (its colour is the page's business).</summary>
public sealed record CompareQuery(string Name, DashboardFilter Filter);

/// <summary>
/// Up to <see cref="CompareQueries.MaxQueries"/> queries side by side over one time axis: per period each query's matches,
/// its denominator and their ratio; each query's top topics and providers; and how far the queries' articles overlap.
/// </summary>
/// <param name="Buckets">The shared periods, in the order of every <see cref="ComparedQuery.Buckets"/>.</param>
/// <param name="Message">Why the axis is not what was asked (see <see cref="Timeline.Message"/>), or null.</param>
/// <param name="Overlaps">Every pair of queries (First &lt; Second, indices into <see cref="Queries"/>) and the articles both match.</param>
/// <param name="InAll">Articles every query matches.</param>
/// <param name="InAny">Articles at least one query matches.</param>
public sealed record Comparison(TimeGranularity Granularity, IReadOnlyList<ComparePeriod> Buckets, IReadOnlyList<ComparedQuery> Queries,
    IReadOnlyList<QueryOverlap> Overlaps, int InAll, int InAny, string? Message = null);

/// <summary>One period of the shared axis: [Start, End], both inclusive.</summary>
public sealed record ComparePeriod(DateOnly Start, DateOnly End);

/// <summary>One query's side of a comparison.</summary>
/// <param name="Denominator">The filter each <see cref="CompareCount.Total"/> counts: the query's filter without its search text
/// (<see cref="CompareQueries.DenominatorOf"/>), Media Cloud's normalisation: how much of what these filters cover the search is.</param>
/// <param name="Matches">All matching articles, undated ones included.</param>
/// <param name="Total">All articles under <see cref="Denominator"/>, undated ones included.</param>
/// <param name="Undated">Matching articles without a date: in <see cref="Matches"/>, in no period.</param>
/// <param name="Buckets">Per period of <see cref="Comparison.Buckets"/>.</param>
public sealed record ComparedQuery(string Name, DashboardFilter Filter, DashboardFilter Denominator, int Matches, int Total, int Undated,
    IReadOnlyList<CompareCount> Buckets, IReadOnlyList<TopicShare> TopTopics, IReadOnlyList<ProviderShare> TopProviders)
{
    /// <summary>Matches as a share (0 to 1) of <see cref="Total"/>; null when the denominator holds no article.</summary>
    public double? Ratio => CompareCount.RatioOf(Matches, Total);
}

/// <summary>A query's matches in one period and the period's articles under its denominator.</summary>
public sealed record CompareCount(int Matches, int Total)
{
    /// <summary>Matches as a share (0 to 1) of <see cref="Total"/>; null when the period holds no article under the denominator.</summary>
    public double? Ratio => RatioOf(Matches, Total);

    internal static double? RatioOf(int matches, int total) => total > 0 ? (double)matches / total : null;
}

/// <summary>A provider and how many of a query's matching articles it published; <paramref name="Share"/> = Articles / matches.</summary>
public sealed record ProviderShare(string Domain, string Name, int Articles, double Share);

/// <summary>Two queries (indices, First &lt; Second) and the articles both match.</summary>
public sealed record QueryOverlap(int First, int Second, int Articles);

/// <summary>
/// Compares queries over one snapshot of the facts (so every count is from the same data): a selection per query and
/// per denominator, counted over one axis that spans every query's range (<see cref="TimeBuckets"/>, as the timeline's).
/// </summary>
public sealed class CompareQueries(ArticleMatcher matcher)
{
    /// <summary>The most queries one comparison holds.</summary>
    public const int MaxQueries = 5;

    /// <summary>What a query's ratio is a share of: the same filters without its search text (Media Cloud's normalisation).</summary>
    public static DashboardFilter DenominatorOf(DashboardFilter filter) => filter with { Text = null };

    /// <param name="granularity">Null: chosen from the length of the axis, as the timeline's.</param>
    /// <param name="top">How many topics and providers to list per query.</param>
    public async Task<Comparison> CompareAsync(IReadOnlyList<CompareQuery> queries, TimeGranularity? granularity = null, int top = 10,
        CancellationToken ct = default)
    {
        if (queries.Count is 0 or > MaxQueries)
            throw new ArgumentOutOfRangeException(nameof(queries), $"A comparison holds 1 to {MaxQueries} queries, not {queries.Count}.");
        var facts = await matcher.Facts.GetAsync(ct);
        var selections = new List<ArticleSelection>();
        try
        {
            var matches = new ArticleSelection[queries.Count];
            var totals = new ArticleSelection[queries.Count];
            for (var i = 0; i < queries.Count; i++)
            {
                var filter = queries[i].Filter;
                matches[i] = await matcher.SelectAsync(facts, filter, ct);
                selections.Add(matches[i]);
                var denominator = DenominatorOf(filter);
                if (denominator == filter)
                    totals[i] = matches[i];
                else
                {
                    totals[i] = await matcher.SelectAsync(facts, denominator, ct);
                    selections.Add(totals[i]);
                }
            }
            var axis = Axis(queries, matches, granularity);
            var compared = new ComparedQuery[queries.Count];
            for (var i = 0; i < queries.Count; i++)
            {
                var counts = Counts(matches[i], axis);
                var denominators = ReferenceEquals(totals[i], matches[i]) ? counts : Counts(totals[i], axis);
                compared[i] = new ComparedQuery(queries[i].Name, queries[i].Filter, DenominatorOf(queries[i].Filter), matches[i].Count,
                    totals[i].Count, TimeBuckets.Undated(matches[i]),
                    counts.Select((m, b) => new CompareCount(m, denominators[b])).ToArray(),
                    TopTopics(matches[i], top), TopProviders(matches[i], top));
            }
            var (overlaps, inAll, inAny) = Overlap(facts, matches);
            var periods = axis is null ? [] : Enumerable.Range(0, axis.Count).Select(b => new ComparePeriod(axis.Starts[b], axis.EndOf(b))).ToArray();
            return new Comparison(axis?.Granularity ?? granularity ?? TimeGranularity.Month, periods, compared, overlaps, inAll, inAny, axis?.Message);
        }
        finally
        {
            foreach (var s in selections)
                s.Dispose();
        }
    }

    /// <summary>
    /// One axis for every query: from the earliest start to the latest end, where a query's range is its dates, or its
    /// matching articles' days where a date is open; null when nothing gives a day.
    /// </summary>
    private static TimeBuckets? Axis(IReadOnlyList<CompareQuery> queries, ArticleSelection[] matches, TimeGranularity? granularity)
    {
        int? first = null, last = null;
        for (var i = 0; i < queries.Count; i++)
        {
            var filter = queries[i].Filter;
            var hasData = matches[i].TryGetDayRange(out var dataFirst, out var dataLast);
            int? from = filter.From is { } f ? ArticleFacts.DayOf(f) : hasData ? dataFirst : null;
            int? to = filter.To is { } t ? ArticleFacts.DayOf(t) : hasData ? dataLast : null;
            from ??= to;
            to ??= from;
            if (from is null || to is null)
                continue;
            first = first is null ? from : Math.Min(first.Value, from.Value);
            last = last is null ? to : Math.Max(last.Value, to.Value);
        }
        if (first is null || last is null)
            return null;
        return TimeBuckets.Create(first.Value, last.Value, granularity ?? TimeBuckets.AutoFor(first.Value, last.Value), asked: granularity is not null);
    }

    private static int[] Counts(ArticleSelection selection, TimeBuckets? axis) => axis?.CountsOf(selection) ?? [];

    private static TopicShare[] TopTopics(ArticleSelection selection, int top)
    {
        var facts = selection.Facts;
        var counts = FactsAggregates.TopicCounts(selection);
        return FactsAggregates.Top(counts, top, i => facts.TopicTable[i].Name)
            .Select(i => new TopicShare(facts.TopicTable[i].Name, counts[i], (double)counts[i] / selection.Count)).ToArray();
    }

    private static ProviderShare[] TopProviders(ArticleSelection selection, int top)
    {
        var facts = selection.Facts;
        var counts = FactsAggregates.ProviderCounts(selection);
        return FactsAggregates.Top(counts, top, i => facts.ProviderTable[i].Name)
            .Select(i => new ProviderShare(facts.ProviderTable[i].Domain, facts.ProviderTable[i].Name, counts[i], (double)counts[i] / selection.Count))
            .ToArray();
    }

    /// <summary>Pairwise intersections, and the articles in all and in any, from one bit mask per row (a bit per query).</summary>
    private static (QueryOverlap[] Pairs, int InAll, int InAny) Overlap(ArticleFacts facts, ArticleSelection[] matches)
    {
        var masks = new byte[facts.Count];
        for (var q = 0; q < matches.Length; q++)
            foreach (var r in matches[q].Rows)
                masks[r] |= (byte)(1 << q);
        var all = (byte)((1 << matches.Length) - 1);
        var pairs = new int[matches.Length * matches.Length];
        int inAll = 0, inAny = 0;
        foreach (var mask in masks)
        {
            if (mask == 0)
                continue;
            inAny++;
            if (mask == all)
                inAll++;
            for (var a = 0; a < matches.Length; a++)
                if ((mask & (1 << a)) != 0)
                    for (var b = a + 1; b < matches.Length; b++)
                        if ((mask & (1 << b)) != 0)
                            pairs[a * matches.Length + b]++;
        }
        var overlaps = new List<QueryOverlap>();
        for (var a = 0; a < matches.Length; a++)
            for (var b = a + 1; b < matches.Length; b++)
                overlaps.Add(new QueryOverlap(a, b, pairs[a * matches.Length + b]));
        return ([.. overlaps], inAll, inAny);
    }
}
