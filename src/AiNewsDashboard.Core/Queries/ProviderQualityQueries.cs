namespace AiNewsDashboard.Core.Queries;

/// <summary>
/// Every provider with matching articles, best <see cref="ProviderStanding.Score"/> first.
/// <paramref name="PriorMean"/> (m) is the mean quality of all matching articles with a known quality,
/// <paramref name="PriorWeight"/> (C) how many articles' worth of evidence it counts as.
/// <see cref="ProviderStanding.Trend"/> counts line up with <paramref name="TrendStarts"/>.
/// </summary>
public sealed record ProviderLeaderboard(double? PriorMean, double PriorWeight, TimeGranularity TrendGranularity,
    IReadOnlyList<DateOnly> TrendStarts, IReadOnlyList<ProviderStanding> Providers);

/// <summary>
/// One provider over the matching articles. Unknown quality, heat and published flags are left out of the means and
/// the share (<paramref name="RatedArticles"/> = articles with a known quality).
/// <paramref name="Score"/> = (C·m + Σq) / (C + n), the mean quality shrunk towards m: a provider with three great
/// articles doesn't outrank one with three hundred good ones. <paramref name="ScoreError"/> = σ / √(C + n), its posterior
/// standard error when qualities scatter with the standard deviation σ of all matching rated articles around each
/// provider's true mean and the prior counts as C articles.
/// </summary>
public sealed record ProviderStanding(string Domain, string Name, int Articles, int RatedArticles, double? MeanQuality, double? MedianQuality,
    double? Score, double? ScoreError, double? MeanHeat, double? PublishedShare, DateOnly? FirstArticle, DateOnly? LastArticle, IReadOnlyList<int> Trend);

/// <summary>
/// Quality histograms in ten bins of ten points: bin i holds qualities 10i to 10i + 9, and the last bin also 100.
/// <paramref name="All"/> is over every matching rated article, providers or not.
/// </summary>
public sealed record QualityDistribution(IReadOnlyList<int> All, IReadOnlyList<ProviderQualityDistribution> Providers);

public sealed record ProviderQualityDistribution(string Domain, string Name, int RatedArticles, IReadOnlyList<int> Bins);

/// <summary>One provider in depth: its standing among all providers, its output and quality per period, its topics.</summary>
public sealed record ProviderDetail(ProviderStanding Standing, TimeGranularity Granularity, IReadOnlyList<ProviderPeriod> Periods, IReadOnlyList<TopicShare> Topics);

public sealed record ProviderPeriod(DateOnly Start, DateOnly End, int Articles, int RatedArticles, double? MeanQuality, double? MedianQuality);

/// <summary>
/// For managers: the best and worst providers by score among those with at least <paramref name="MinArticles"/> articles,
/// and the biggest score changes between the period [From, To] and the one of equal length before it.
/// </summary>
public sealed record ProviderSummary(int MinArticles, IReadOnlyList<ProviderStanding> Best, IReadOnlyList<ProviderStanding> Worst,
    DateOnly? From, DateOnly? To, IReadOnlyList<ProviderMove> Movers);

/// <summary>A provider's score now and in the previous period; <paramref name="Change"/> = Score − PreviousScore.</summary>
public sealed record ProviderMove(string Domain, string Name, double Score, double PreviousScore, double Change, int Articles, int PreviousArticles);

public sealed class ProviderQualityQueries(ArticleMatcher matcher)
{
    /// <summary>C: the prior counts as this many articles of average quality. Ten keeps a provider's first handful of
    /// articles from deciding its rank, while a hundred articles outweigh the prior ten to one.</summary>
    public const double PriorWeight = 10;

    public const int Bins = 10;

    public async Task<ProviderLeaderboard> GetLeaderboardAsync(DashboardFilter filter, TimeGranularity? trendGranularity = null, CancellationToken ct = default)
    {
        using var selection = await matcher.SelectAsync(filter, ct);
        var axis = TimeBuckets.ForFilter(filter, selection, trendGranularity);
        var (standings, prior) = Standings(selection, axis);
        return new ProviderLeaderboard(prior, PriorWeight, axis?.Granularity ?? trendGranularity ?? TimeGranularity.Month, axis?.Starts ?? [],
            standings.Where(s => s.Articles > 0).OrderBy(s => s, StandingOrder).ToArray());
    }

    /// <param name="top">How many providers, most rated articles first; <see cref="QualityDistribution.All"/> covers all of them regardless.</param>
    public async Task<QualityDistribution> GetQualityDistributionAsync(DashboardFilter filter, int top = 20, CancellationToken ct = default)
    {
        using var selection = await matcher.SelectAsync(filter, ct);
        var facts = selection.Facts;
        var all = new int[Bins];
        var bins = new int[facts.ProviderTable.Length * Bins];
        var rated = new int[facts.ProviderTable.Length];
        foreach (var r in selection.Rows)
        {
            var q = facts.Qualities[r];
            if (q < 0)
                continue;
            var bin = Math.Min(q / 10, Bins - 1);
            all[bin]++;
            if (facts.Providers[r] is var p and >= 0)
            {
                bins[p * Bins + bin]++;
                rated[p]++;
            }
        }
        var providers = FactsAggregates.Top(rated, top, i => facts.ProviderTable[i].Domain)
            .Select(p => new ProviderQualityDistribution(facts.ProviderTable[p].Domain, facts.ProviderTable[p].Name, rated[p], bins.AsSpan(p * Bins, Bins).ToArray()))
            .ToArray();
        return new QualityDistribution(all, providers);
    }

    /// <summary>
    /// One provider (by domain) under the filter. Its standing is computed among all providers matching the rest of the
    /// filter (the filter's own provider list is set aside), so the score matches the unfiltered leaderboard. Null when
    /// no provider has that domain.
    /// </summary>
    public async Task<ProviderDetail?> GetProviderDetailAsync(string domain, DashboardFilter filter, TimeGranularity? granularity = null,
        int topTopics = 10, CancellationToken ct = default)
    {
        var facts = await matcher.Facts.GetAsync(ct);
        if (!facts.ProviderIndexByDomain.TryGetValue(domain, out var index))
            return null;
        var everyone = filter with { Providers = [] };
        ProviderStanding standing;
        using (var all = await matcher.SelectAsync(facts, everyone, ct))
            standing = Standings(all, TimeBuckets.ForFilter(everyone, all, granularity)).Standings[index];

        using var own = await matcher.SelectAsync(facts, filter with { Providers = [facts.ProviderTable[index].Domain] }, ct);
        var axis = TimeBuckets.ForFilter(filter, own, granularity);
        var periods = axis is null ? [] : Periods(own, axis);
        var counts = FactsAggregates.TopicCounts(own);
        var topics = FactsAggregates.Top(counts, topTopics, i => facts.TopicTable[i].Name)
            .Select(i => new TopicShare(facts.TopicTable[i].Name, counts[i], own.Count == 0 ? 0 : (double)counts[i] / own.Count)).ToArray();
        return new ProviderDetail(standing, axis?.Granularity ?? granularity ?? TimeGranularity.Month, periods, topics);
    }

    /// <summary>
    /// Best and worst <paramref name="top"/> providers by score (at least <paramref name="minArticles"/> matching articles),
    /// and the <paramref name="top"/> biggest movers: score change against the previous period, for providers with at
    /// least <paramref name="minArticles"/> articles in both. With an open date range the period is the last
    /// <see cref="TopicQueries.DefaultEmergingDays"/> days with data (as for emerging topics).
    /// </summary>
    public async Task<ProviderSummary> GetSummaryAsync(DashboardFilter filter, int top = 5, int minArticles = 20, CancellationToken ct = default)
    {
        var facts = await matcher.Facts.GetAsync(ct);
        ProviderStanding[] eligible;
        using (var selection = await matcher.SelectAsync(facts, filter, ct))
            eligible = Standings(selection, null).Standings.Where(s => s.Articles >= minArticles && s.Score is not null).ToArray();
        var best = eligible.OrderBy(s => s, StandingOrder).Take(top).ToArray();
        var worst = eligible.OrderBy(s => s.Score).ThenByDescending(s => s.Articles).ThenBy(s => s.Domain, StringComparer.Ordinal).Take(top).ToArray();

        if (await ComparisonPeriod.ResolveAsync(matcher, facts, filter, TopicQueries.DefaultEmergingDays, ct) is not { } period)
            return new ProviderSummary(minArticles, best, worst, null, null, []);
        ProviderStanding[] now, before;
        using (var current = await matcher.SelectAsync(facts, period, ct))
            now = Standings(current, null).Standings;
        using (var previous = await matcher.SelectAsync(facts, period.PreviousPeriod()!, ct))
            before = Standings(previous, null).Standings;
        var movers = new List<ProviderMove>();
        for (var p = 0; p < now.Length; p++)
        {
            if (now[p].Articles < minArticles || before[p].Articles < minArticles || now[p].Score is not { } score || before[p].Score is not { } was)
                continue;
            movers.Add(new ProviderMove(now[p].Domain, now[p].Name, score, was, score - was, now[p].Articles, before[p].Articles));
        }
        var biggest = movers.OrderByDescending(m => Math.Abs(m.Change)).ThenBy(m => m.Domain, StringComparer.Ordinal).Take(top).ToArray();
        return new ProviderSummary(minArticles, best, worst, period.From, period.To, biggest);
    }

    /// <summary>Best score first (no score last), then more articles, then domain.</summary>
    private static readonly Comparer<ProviderStanding> StandingOrder = Comparer<ProviderStanding>.Create((a, b) =>
        (a.Score, b.Score) switch
        {
            (null, not null) => 1,
            (not null, null) => -1,
            _ when a.Score != b.Score => b.Score!.Value.CompareTo(a.Score!.Value),
            _ when a.Articles != b.Articles => b.Articles.CompareTo(a.Articles),
            _ => string.CompareOrdinal(a.Domain, b.Domain),
        });

    /// <summary>Every provider's standing (indexed like the snapshot's provider table) and the prior mean m.</summary>
    private static (ProviderStanding[] Standings, double? Prior) Standings(ArticleSelection selection, TimeBuckets? axis)
    {
        var facts = selection.Facts;
        var providerCount = facts.ProviderTable.Length;
        var buckets = axis?.Count ?? 0;
        var articles = new int[providerCount];
        var rated = new int[providerCount];
        var qualitySum = new long[providerCount];
        var histogram = new int[providerCount * 101];
        var heatSum = new long[providerCount];
        var heated = new int[providerCount];
        var publishedTrue = new int[providerCount];
        var publishedKnown = new int[providerCount];
        var first = new int[providerCount];
        var last = new int[providerCount];
        Array.Fill(first, ArticleFacts.UnknownDay);
        Array.Fill(last, ArticleFacts.UnknownDay);
        var trend = new int[providerCount * buckets];
        long allRated = 0, allSum = 0, allSquares = 0;

        foreach (var r in selection.Rows)
        {
            var q = facts.Qualities[r];
            if (q >= 0)
            {
                allRated++;
                allSum += q;
                allSquares += q * q;
            }
            var p = facts.Providers[r];
            if (p < 0)
                continue;
            articles[p]++;
            if (q >= 0)
            {
                rated[p]++;
                qualitySum[p] += q;
                histogram[p * 101 + q]++;
            }
            if (facts.Heats[r] is var h and >= 0)
            {
                heatSum[p] += h;
                heated[p]++;
            }
            if (facts.Published[r] is var pub and >= 0)
            {
                publishedKnown[p]++;
                publishedTrue[p] += pub;
            }
            var day = facts.Days[r];
            if (day != ArticleFacts.UnknownDay)
            {
                // Rows come newest first: the first dated row seen is the provider's last article.
                if (last[p] == ArticleFacts.UnknownDay)
                    last[p] = day;
                first[p] = day;
                if (axis?.BucketOf(day) is { } b and >= 0)
                    trend[p * buckets + b]++;
            }
        }

        double? prior = allRated == 0 ? null : (double)allSum / allRated;
        var sigma = prior is { } m ? Math.Sqrt(Math.Max(0, (double)allSquares / allRated - m * m)) : 0;
        var standings = new ProviderStanding[providerCount];
        for (var p = 0; p < providerCount; p++)
        {
            var n = rated[p];
            double? score = prior is { } mean ? (PriorWeight * mean + qualitySum[p]) / (PriorWeight + n) : null;
            double? error = prior is null ? null : sigma / Math.Sqrt(PriorWeight + n);
            standings[p] = new ProviderStanding(facts.ProviderTable[p].Domain, facts.ProviderTable[p].Name, articles[p], n,
                FactsAggregates.Mean(qualitySum[p], n), FactsAggregates.Median(histogram.AsSpan(p * 101, 101), n), score, error,
                FactsAggregates.Mean(heatSum[p], heated[p]),
                publishedKnown[p] == 0 ? null : (double)publishedTrue[p] / publishedKnown[p],
                first[p] == ArticleFacts.UnknownDay ? null : ArticleFacts.DateOf(first[p]),
                last[p] == ArticleFacts.UnknownDay ? null : ArticleFacts.DateOf(last[p]),
                trend.AsSpan(p * buckets, buckets).ToArray());
        }
        return (standings, prior);
    }

    private static ProviderPeriod[] Periods(ArticleSelection selection, TimeBuckets axis)
    {
        var facts = selection.Facts;
        var articles = new int[axis.Count];
        var rated = new int[axis.Count];
        var sums = new long[axis.Count];
        var histogram = new int[axis.Count * 101];
        foreach (var r in selection.Rows)
        {
            var b = axis.BucketOf(facts.Days[r]);
            if (b < 0)
                continue;
            articles[b]++;
            if (facts.Qualities[r] is var q and >= 0)
            {
                rated[b]++;
                sums[b] += q;
                histogram[b * 101 + q]++;
            }
        }
        return Enumerable.Range(0, axis.Count).Select(b => new ProviderPeriod(axis.Starts[b], axis.EndOf(b), articles[b], rated[b],
            FactsAggregates.Mean(sums[b], rated[b]), FactsAggregates.Median(histogram.AsSpan(b * 101, 101), rated[b]))).ToArray();
    }
}
