using System.Runtime.CompilerServices;

namespace AiNewsDashboard.Core.Queries;

/// <summary>
/// Every provider with matching articles, best <see cref="ProviderStanding.Score"/> first.
/// <paramref name="PriorMean"/> (m) is the mean quality of all matching articles with a known quality,
/// <paramref name="PriorWeight"/> (C) how many articles' worth of evidence it counts as.
/// <see cref="ProviderStanding.Trend"/> counts line up with <paramref name="TrendStarts"/>.
/// </summary>
public sealed record ProviderLeaderboard(double? PriorMean, double PriorWeight, TimeGranularity TrendGranularity,
    IReadOnlyList<DateOnly> TrendStarts, IReadOnlyList<ProviderStanding> Providers)
{
    /// <summary>How far copy detection had got: until it has finished, no standing has an <see cref="ProviderStanding.OriginalShare"/>.</summary>
    public Syndication.CopyDetectionProgress Detection { get; init; } = Syndication.CopyDetectionProgress.Done;
}

/// <summary>
/// One provider over the matching articles. Unknown quality, heat and published flags are left out of the means and
/// the share (<paramref name="RatedArticles"/> = articles with a known quality).
/// <paramref name="Score"/> = (C·m + Σq) / (C + n), the mean quality shrunk towards m: a provider with three great
/// articles doesn't outrank one with three hundred good ones. <paramref name="ScoreError"/> = σ / √(C + n), its posterior
/// standard error when qualities scatter with the standard deviation σ of all matching rated articles around each
/// provider's true mean and the prior counts as C articles.
/// </summary>
public sealed record ProviderStanding(string Domain, string Name, int Articles, int RatedArticles, double? MeanQuality, double? MedianQuality,
    double? Score, double? ScoreError, double? MeanHeat, double? PublishedShare, DateOnly? FirstArticle, DateOnly? LastArticle, IReadOnlyList<int> Trend)
{
    /// <summary>
    /// Share (0–1) of its matching articles that are not copies of an earlier article (Syndication); null without
    /// articles, and while copy detection has articles still to check (their copies would count as originals). With
    /// copies counted once (<see cref="DashboardFilter.CopiesOnce"/>) copies are not among them, so it is 1.
    /// </summary>
    public double? OriginalShare { get; init; }
}

/// <summary>
/// Quality histograms in ten bins of ten points: bin i holds qualities 10i to 10i + 9, and the last bin also 100.
/// <paramref name="All"/> is over every matching rated article, providers or not.
/// </summary>
public sealed record QualityDistribution(IReadOnlyList<int> All, IReadOnlyList<ProviderQualityDistribution> Providers);

public sealed record ProviderQualityDistribution(string Domain, string Name, int RatedArticles, IReadOnlyList<int> Bins);

/// <summary>One provider in depth: its standing among all providers, its output and quality per period, its topics.</summary>
public sealed record ProviderDetail(ProviderStanding Standing, TimeGranularity Granularity, IReadOnlyList<ProviderPeriod> Periods, IReadOnlyList<TopicShare> Topics)
{
    /// <summary>How far copy detection had got: until it has finished, the standing has no <see cref="ProviderStanding.OriginalShare"/>.</summary>
    public Syndication.CopyDetectionProgress Detection { get; init; } = Syndication.CopyDetectionProgress.Done;
}

public sealed record ProviderPeriod(DateOnly Start, DateOnly End, int Articles, int RatedArticles, double? MeanQuality, double? MedianQuality);

/// <summary>
/// For managers, over the matching articles: the best providers by score, those whose quality is slipping, and the
/// biggest movers. <paramref name="Threshold"/> is the fewest rated articles a provider needs to be ranked as best
/// (<see cref="ArticleThreshold"/>: it adapts to the data). Slipping is the quality drift verdict (<paramref name="Drift"/>,
/// one definition for this page and the signals): providers whose latest change point is a fall beyond its uncertainty.
/// Movers compare the period [From, To] with the one of equal length before it [PreviousFrom, PreviousTo]
/// (<see cref="QualityChange"/>), among providers with at least <paramref name="ComparisonThreshold"/>'s rated articles in
/// both. A provider slipping is never among the best.
/// Each gap says why its list is empty (<see cref="SummaryGap.None"/> when it isn't). The best providers' standings carry no median.
/// </summary>
public sealed record ProviderSummary(int Articles, int RatedArticles, ArticleThreshold Threshold, int MostRated,
    IReadOnlyList<ProviderStanding> Best, SummaryGap BestGap,
    DateOnly? From, DateOnly? To, DateOnly? PreviousFrom, DateOnly? PreviousTo, int PeriodArticles, int PreviousArticles,
    ArticleThreshold? ComparisonThreshold, int SlippingCount, IReadOnlyList<ProviderMove> Slipping, SummaryGap SlippingGap,
    IReadOnlyList<ProviderMove> Movers, SummaryGap MoversGap, Signals.DriftReport Drift);

/// <summary>Why a list of the managers' summary is empty.</summary>
public enum SummaryGap
{
    None,
    /// <summary>No article matches the filter (in the period, for the comparisons).</summary>
    NoArticles,
    /// <summary>Articles match, but none of them has a quality score.</summary>
    NoQualityScores,
    /// <summary>Rated articles match, but no provider has as many as the threshold (in both periods, for the comparisons).</summary>
    BelowThreshold,
    /// <summary>No article matches in the previous period: nothing to compare with.</summary>
    NoPreviousPeriod,
    /// <summary>Articles match in the previous period, but none has a quality score.</summary>
    NoQualityScoresBefore,
    /// <summary>Providers were compared (for Slipping: tested for drift), and none fell by more than its uncertainty.</summary>
    NoDecline,
}

/// <summary>
/// A provider's mean quality in the period against the previous one (<see cref="QualityChange"/>), and its rated articles in
/// each; for a slipping provider, after and before its change point, which <paramref name="Since"/> dates.
/// </summary>
public sealed record ProviderMove(string Domain, string Name, QualityChange Quality, int RatedArticles, int PreviousRatedArticles, DateOnly? Since = null);

/// <summary>What the leaderboard can be ordered by; nulls always sort last.</summary>
public enum ProviderSortKey
{
    Score,
    Name,
    Articles,
    Mean,
    Median,
    Heat,
    Published,
    Active,
}

public sealed record ProviderSort(ProviderSortKey Key, bool Ascending = false)
{
    public static readonly ProviderSort Default = new(ProviderSortKey.Score);
}

/// <summary>
/// One page of the leaderboard. <paramref name="Matching"/> providers have matching articles, <paramref name="Total"/>
/// of them also match the name search; <paramref name="Page"/> (from 1) is the page shown, the last one when the page
/// asked for is past it. <paramref name="QualityBins"/> holds each listed provider's quality spread (as in
/// <see cref="QualityDistribution"/>), by domain.
/// </summary>
public sealed record ProviderLeaderboardPage(double? PriorMean, double PriorWeight, TimeGranularity TrendGranularity,
    IReadOnlyList<DateOnly> TrendStarts, int Matching, int Total, int Page, int PageSize, IReadOnlyList<ProviderStanding> Providers,
    IReadOnlyDictionary<string, IReadOnlyList<int>> QualityBins)
{
    /// <summary>How far copy detection had got: until it has finished, no standing has an <see cref="ProviderStanding.OriginalShare"/>.</summary>
    public Syndication.CopyDetectionProgress Detection { get; init; } = Syndication.CopyDetectionProgress.Done;
}

public sealed class ProviderQualityQueries(ArticleMatcher matcher, Signals.SignalQueries signals)
{
    /// <summary>C: the prior counts as this many articles of average quality. Ten keeps a provider's first handful of
    /// articles from deciding its rank, while a hundred articles outweigh the prior ten to one.</summary>
    public const double PriorWeight = 10;

    public const int Bins = 10;

    /// <summary>
    /// The last leaderboard tally: a sort, a page or a search of the same filter over the same snapshot re-orders it
    /// instead of counting every matching article again. A new snapshot (an import), new copy groups (the rows of
    /// copies are kept per snapshot and groups) or another filter replaces it.
    /// </summary>
    private sealed record LastTally(Syndication.CopyRows Copies, DashboardFilter Filter, TimeGranularity? Granularity, StandingTable Table, TimeBuckets? Axis);

    private volatile LastTally? _lastTally;

    /// <param name="trends">False leaves every standing's <see cref="ProviderStanding.Trend"/> (and the board's
    /// <see cref="ProviderLeaderboard.TrendStarts"/>) empty: the CSV export writes no trend, and with references included
    /// a trend for each of tens of thousands of providers is a large part of the tally.</param>
    public async Task<ProviderLeaderboard> GetLeaderboardAsync(DashboardFilter filter, TimeGranularity? trendGranularity = null, bool trends = true,
        CancellationToken ct = default)
    {
        using var selection = await matcher.SelectAsync(filter, ct);
        var axis = trends ? TimeBuckets.ForFilter(filter, selection, trendGranularity) : null;
        var (_, copies, detection) = await CopiesAsync(selection.Facts, ct);
        var table = Tally(selection, axis, copies: copies);
        return new ProviderLeaderboard(table.Prior, PriorWeight, axis?.Granularity ?? trendGranularity ?? TimeGranularity.Month, axis?.Starts ?? [],
            [.. table.InStandingOrder.Select(table.Standing)]) { Detection = detection };
    }

    /// <param name="top">How many providers, most rated articles first; <see cref="QualityDistribution.All"/> covers all of them regardless.</param>
    public async Task<QualityDistribution> GetQualityDistributionAsync(DashboardFilter filter, int top = 20, CancellationToken ct = default)
    {
        using var selection = await matcher.SelectAsync(filter, ct);
        var facts = selection.Facts;
        // Bins only for the providers with a rated article here, as the leaderboard's tally keeps its histograms.
        var parts = selection.InParts(() => (All: new int[Bins], Bins: new int[]?[facts.ProviderTable.Length], Rated: new int[facts.ProviderTable.Length]),
            (rows, part) =>
            {
                foreach (var r in rows)
                {
                    var q = facts.Qualities[r];
                    if (q < 0)
                        continue;
                    var bin = Math.Min(q / 10, Bins - 1);
                    part.All[bin]++;
                    if (facts.Providers[r] is var p and >= 0)
                    {
                        (part.Bins[p] ??= new int[Bins])[bin]++;
                        part.Rated[p]++;
                    }
                }
            });
        var (all, bins, _) = parts[0];
        var rated = FactsAggregates.Sum([.. parts.Select(part => part.Rated)]);
        foreach (var part in parts.AsSpan(1))
        {
            FactsAggregates.AddInto(all, part.All);
            for (var p = 0; p < bins.Length; p++)
                if (part.Bins[p] is { } more)
                    bins[p] = bins[p] is { } some ? FactsAggregates.AddInto(some, more) : more;
        }
        var providers = FactsAggregates.Top(rated, top, i => facts.ProviderTable[i].Domain)
            .Select(p => new ProviderQualityDistribution(facts.ProviderTable[p].Domain, facts.ProviderTable[p].Name, rated[p], bins[p]!))
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
        var everyone = filter.WithProvidersOnly();
        ProviderStanding standing;
        // Summed for this provider alone: the others count only in the prior its score shrinks towards.
        var only = new bool[facts.ProviderTable.Length];
        only[index] = true;
        var (_, copies, detection) = await CopiesAsync(facts, ct);
        using (var all = await matcher.SelectAsync(facts, everyone, ct))
            standing = Tally(all, TimeBuckets.ForFilter(everyone, all, granularity), copies: copies, only: only).Standing(index);

        using var own = await matcher.SelectAsync(facts, filter.WithProvidersOnly(facts.ProviderTable[index].Domain), ct);
        var axis = TimeBuckets.ForFilter(filter, own, granularity);
        var periods = axis is null ? [] : Periods(own, axis);
        var counts = FactsAggregates.TopicCounts(own);
        var topics = FactsAggregates.Top(counts, topTopics, i => facts.TopicTable[i].Name)
            .Select(i => new TopicShare(facts.TopicTable[i].Name, counts[i], own.Count == 0 ? 0 : (double)counts[i] / own.Count)).ToArray();
        return new ProviderDetail(standing, axis?.Granularity ?? granularity ?? TimeGranularity.Month, periods, topics) { Detection = detection };
    }

    /// <summary>
    /// One page of the leaderboard: the providers with matching articles whose name or domain contains the request's
    /// search (any case), in its order (ties: best score, more articles, domain).
    /// Every provider is tallied, only the page's rows are built into records: 2,000 providers cost what 50 do to show.
    /// </summary>
    public async Task<ProviderLeaderboardPage> GetLeaderboardPageAsync(DashboardFilter filter, ProviderListRequest request,
        TimeGranularity? trendGranularity = null, CancellationToken ct = default)
    {
        var (sort, page, pageSize, search) = request;
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var facts = await matcher.Facts.GetAsync(ct);
        // The originality column counts copies: a pass of copy detection changes the table as a new snapshot does, and
        // so does the end of a long one (the column has no figures before).
        var (rows, copies, detection) = await CopiesAsync(facts, ct);
        StandingTable table;
        TimeBuckets? axis;
        if (_lastTally is { } last && ReferenceEquals(last.Copies, rows) && last.Table.CountsCopies == (copies is not null) && last.Filter.Equals(filter)
            && last.Granularity == trendGranularity)
            (table, axis) = (last.Table, last.Axis);
        else
        {
            using var selection = await matcher.SelectAsync(facts, filter, ct);
            axis = TimeBuckets.ForFilter(filter, selection, trendGranularity);
            table = Tally(selection, axis, copies: copies);
            _lastTally = new LastTally(rows, filter, trendGranularity, table, axis);
        }
        var term = string.IsNullOrWhiteSpace(search) ? null : search.Trim();
        bool Found(string name, string domain) =>
            term is null || name.Contains(term, StringComparison.OrdinalIgnoreCase) || domain.Contains(term, StringComparison.OrdinalIgnoreCase);
        int matching, total, shown;
        ProviderStanding[] standings;
        if (sort == new ProviderSort(ProviderSortKey.Score))
        {
            // The standing order needs only the sums: standings are made for the page's rows alone. With references
            // included a standing (and a median) for each of 44,835 providers was a large part of the first page's time.
            var order = table.InStandingOrder;
            var found = term is null ? order : order.Where(p => Found(facts.ProviderTable[p].Name, facts.ProviderTable[p].Domain)).ToArray();
            (matching, total) = (order.Length, found.Length);
            (shown, var providers) = PageOf(found, page, pageSize);
            standings = [.. providers.Select(table.Standing)];
        }
        else
        {
            var all = table.Matching;
            var found = term is null ? all : all.Where(s => Found(s.Name, s.Domain)).ToArray();
            Array.Sort(found, OrderFor(sort));
            (matching, total) = (all.Length, found.Length);
            (shown, standings) = PageOf(found, page, pageSize);
        }
        var bins = standings.ToDictionary(r => r.Domain, r => (IReadOnlyList<int>)table.QualityBins(r.Domain), StringComparer.Ordinal);
        return new ProviderLeaderboardPage(table.Prior, PriorWeight, axis?.Granularity ?? trendGranularity ?? TimeGranularity.Month, axis?.Starts ?? [],
            matching, total, shown, pageSize, standings, bins) { Detection = detection };
    }

    /// <summary>
    /// The copy groups over this snapshot, the bit per row of copies the originality column counts, and how far copy
    /// detection has got. While it has articles still to check (a first pass over ten million takes hours) the groups
    /// lack their copies: no bits are given then, so the standings have no share of originals rather than one that
    /// counts those copies as originals.
    /// </summary>
    private async Task<(Syndication.CopyRows Rows, ulong[]? Copies, Syndication.CopyDetectionProgress Detection)> CopiesAsync(ArticleFacts facts,
        CancellationToken ct)
    {
        var rows = await matcher.CopyRowsAsync(facts, ct);
        var detection = matcher.Copies.Detection;
        return (rows, detection.Finished ? rows.Copies : null, detection);
    }

    /// <summary>The page shown (the last when <paramref name="page"/> is past it) and its items.</summary>
    private static (int Shown, T[] Items) PageOf<T>(T[] found, int page, int pageSize)
    {
        var pages = Math.Max(1, (found.Length + pageSize - 1) / pageSize);
        var shown = Math.Min(page, pages);
        return (shown, found.Skip((int)Math.Min((shown - 1L) * pageSize, int.MaxValue)).Take(pageSize).ToArray());
    }

    /// <summary>
    /// The managers' summary (<see cref="ProviderSummary"/>): the <paramref name="top"/> best providers by score, the
    /// <paramref name="top"/> clearest declines (most negative z first) and the <paramref name="top"/> biggest changes of
    /// mean quality. The period compared is the filter's range; with an open range it is the last
    /// <see cref="TopicQueries.DefaultEmergingDays"/> days with data (as for emerging topics).
    /// </summary>
    public async Task<ProviderSummary> GetSummaryAsync(DashboardFilter filter, int top = 5, CancellationToken ct = default)
    {
        var facts = await matcher.Facts.GetAsync(ct);
        StandingTable all;
        DashboardFilter? period;
        Signals.DriftReport drift;
        using (var selection = await matcher.SelectAsync(facts, filter, ct))
        {
            // The signals' drift for this filter and snapshot (the Providers page and the signals page ask for the same
            // one). When it is not computed yet, this tally's pass gathers what it reads, so it needs no pass of its own.
            var driftKnown = await signals.IsDriftKnownAsync(facts, filter, ct);
            all = Tally(selection, null, medians: false, driftWeeks: driftKnown ? null : () => signals.NewDriftWeeks(facts));
            period = await ComparisonPeriod.ResolveAsync(matcher, facts, filter, TopicQueries.DefaultEmergingDays, ct, selection);
            drift = await signals.GetDriftAsync(facts, filter, ct, selection, all.DriftWeeks);
        }
        // Ranked by their sums: a standing is made only for the best.
        var matching = all.WithArticles;
        var threshold = ArticleThreshold.For(matching.Select(all.RatedOf).ToArray());
        var mostRated = matching.Select(all.RatedOf).DefaultIfEmpty().Max();

        // The comparison first: a provider slipping is left out of the best.
        DateOnly? from = null, to = null, previousFrom = null, previousTo = null;
        var periodArticles = 0;
        var previousArticles = 0;
        ArticleThreshold? comparisonThreshold = null;
        var moves = new List<ProviderMove>();
        SummaryGap comparisonGap;
        if (period is null)
            comparisonGap = SummaryGap.NoArticles;
        else
        {
            var previousPeriod = period.PreviousPeriod()!;
            (from, to, previousFrom, previousTo) = (period.From, period.To, previousPeriod.From, previousPeriod.To);
            StandingTable now, before;
            using (var current = await matcher.SelectAsync(facts, period, ct))
                now = Tally(current, null, medians: false);
            using (var previous = await matcher.SelectAsync(facts, previousPeriod, ct))
                before = Tally(previous, null, medians: false);
            periodArticles = now.Articles;
            previousArticles = before.Articles;
            var considered = now.Present;
            comparisonThreshold = ArticleThreshold.For(considered.Select(p => Math.Min(now.RatedOf(p), before.RatedOf(p))).ToArray());
            foreach (var p in considered)
            {
                if (Math.Min(now.RatedOf(p), before.RatedOf(p)) < comparisonThreshold.MinRated
                    || QualityChange.Between(before.SampleOf(p), now.SampleOf(p)) is not { } change)
                    continue;
                moves.Add(new ProviderMove(facts.ProviderTable[p].Domain, facts.ProviderTable[p].Name, change, now.RatedOf(p), before.RatedOf(p)));
            }
            comparisonGap = (now, before) switch
            {
                ({ Articles: 0 }, _) => SummaryGap.NoArticles,
                ({ Rated: 0 }, _) => SummaryGap.NoQualityScores,
                (_, { Articles: 0 }) => SummaryGap.NoPreviousPeriod,
                (_, { Rated: 0 }) => SummaryGap.NoQualityScoresBefore,
                _ when moves.Count == 0 => SummaryGap.BelowThreshold,
                _ => SummaryGap.None,
            };
        }
        // Slipping is quality drift's verdict: the providers whose latest change point is a fall.
        var declines = drift.Current.Where(d => d.IsDecline)
            .Select(d => new ProviderMove(d.Domain, d.Name, d.Quality, d.Quality.After.Count, d.Quality.Before.Count, d.Date))
            .OrderBy(m => m.Quality.Z).ThenBy(m => m.Domain, StringComparer.Ordinal).ToArray();
        var slippingDomains = declines.Select(m => m.Domain).ToHashSet(StringComparer.Ordinal);
        var movers = moves.OrderByDescending(m => Math.Abs(m.Quality.Change)).ThenBy(m => m.Domain, StringComparer.Ordinal).Take(top).ToArray();

        var best = matching
            .Where(p => all.RatedOf(p) >= threshold.MinRated && all.ScoreOf(p) is not null && !slippingDomains.Contains(facts.ProviderTable[p].Domain))
            .OrderBy(all.KeyOf).Take(top).Select(all.Standing).ToArray();
        var bestGap = best.Length > 0 ? SummaryGap.None
            : all.Articles == 0 ? SummaryGap.NoArticles
            : all.Rated == 0 ? SummaryGap.NoQualityScores
            : SummaryGap.BelowThreshold;
        var slippingGap = declines.Length > 0 ? SummaryGap.None : drift.Gap switch
        {
            Signals.DriftGap.NoArticles => SummaryGap.NoArticles,
            Signals.DriftGap.NoQualityScores => SummaryGap.NoQualityScores,
            Signals.DriftGap.LowCoverage or Signals.DriftGap.TooFewScored => SummaryGap.BelowThreshold,
            _ => SummaryGap.NoDecline,
        };

        return new ProviderSummary(all.Articles, all.Rated, threshold, mostRated, best, bestGap,
            from, to, previousFrom, previousTo, periodArticles, previousArticles, comparisonThreshold,
            declines.Length, declines.Take(top).ToArray(), slippingGap, movers, comparisonGap, drift);
    }

    private static IComparer<ProviderStanding> OrderFor(ProviderSort sort)
    {
        Func<ProviderStanding, ProviderStanding, int> primary = sort.Key switch
        {
            ProviderSortKey.Name => (a, b) => Math.Sign(StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name)),
            ProviderSortKey.Articles => (a, b) => Math.Sign(a.Articles.CompareTo(b.Articles)),
            ProviderSortKey.Mean => (a, b) => NullsLast(a.MeanQuality, b.MeanQuality),
            ProviderSortKey.Median => (a, b) => NullsLast(a.MedianQuality, b.MedianQuality),
            ProviderSortKey.Heat => (a, b) => NullsLast(a.MeanHeat, b.MeanHeat),
            ProviderSortKey.Published => (a, b) => NullsLast(a.PublishedShare, b.PublishedShare),
            ProviderSortKey.Active => (a, b) => NullsLast(a.LastArticle?.DayNumber, b.LastArticle?.DayNumber),
            _ => (a, b) => NullsLast(a.Score, b.Score),
        };
        var direction = sort.Ascending ? 1 : -1;
        return Comparer<ProviderStanding>.Create((a, b) =>
        {
            var c = primary(a, b);
            // A null compares as 2 or -2 (see NullsLast): last whichever the direction.
            if (c is 2 or -2)
                return c / 2;
            return c != 0 ? direction * Math.Sign(c) : StandingOrder.Compare(a, b);
        });

        static int NullsLast<T>(T? a, T? b) where T : struct, IComparable<T> => (a, b) switch
        {
            (null, null) => 0,
            (null, _) => 2,
            (_, null) => -2,
            _ => Math.Sign(a.Value.CompareTo(b.Value)),
        };
    }

    /// <summary>A standing's place in <see cref="StandingOrder"/>: no score sorts as minus infinity, after every score.</summary>
    private readonly record struct StandingKey(double Score, int Articles, int DomainRank) : IComparable<StandingKey>
    {
        public static StandingKey Of(ProviderStanding s, int domainRank) => new(s.Score ?? double.NegativeInfinity, s.Articles, domainRank);

        public int CompareTo(StandingKey other) =>
            Score != other.Score ? other.Score.CompareTo(Score)
            : Articles != other.Articles ? other.Articles.CompareTo(Articles)
            : DomainRank.CompareTo(other.DomainRank);
    }

    /// <summary>Best score first (no score last), then more articles, then domain (the keys' order, domains compared as such).</summary>
    private static readonly Comparer<ProviderStanding> StandingOrder = Comparer<ProviderStanding>.Create((a, b) =>
        StandingKey.Of(a, 0).CompareTo(StandingKey.Of(b, 0)) is var c and not 0 ? c : string.CompareOrdinal(a.Domain, b.Domain));

    /// <summary>
    /// What <see cref="Tally"/> summed for every provider (indexed like the snapshot's provider table), its quality
    /// histograms (101 one-point bins) and trends (<see cref="FewCounts"/>; null when not asked for), the prior mean m,
    /// and the matching and rated articles (providers or not). <see cref="Present"/> lists the providers with a standing,
    /// in table order. A standing is made when asked for: the summary ranks tens of thousands of providers by their sums
    /// and shows five.
    /// </summary>
    private sealed class StandingTable(ArticleFacts facts, ProviderSeen[] seen, ProviderTally[] tallies, FewCounts? histograms, FewCounts? trends,
        bool copies, double? prior, int articles, int rated, double sigma, int[] present)
    {
        private ProviderStanding[]? _matching;

        public double? Prior => prior;
        public int Articles => articles;
        public int Rated => rated;
        public int[] Present => present;

        /// <summary>What quality drift reads from the selection, one per part, when the tally was asked to gather it.</summary>
        public Signals.QualityWeeks[]? DriftWeeks { get; init; }

        public int ArticlesOf(int p) => seen[p].Articles;

        /// <summary>Whether copies were counted: only then do the standings have an <see cref="ProviderStanding.OriginalShare"/>.</summary>
        public bool CountsCopies => copies;

        /// <summary>The present providers with matching articles (those of <c>only</c> may have none), in table order.</summary>
        public int[] WithArticles => _withArticles ??= [.. present.Where(p => seen[p].Articles > 0)];

        private int[]? _withArticles;
        public int RatedOf(int p) => tallies[p].Rated;

        /// <summary>The provider's shrunk score (<see cref="ProviderStanding.Score"/>): null when nothing selected is rated.</summary>
        public double? ScoreOf(int p) => prior is { } m ? (PriorWeight * m + tallies[p].QualitySum) / (PriorWeight + tallies[p].Rated) : null;

        public QualitySample? SampleOf(int p) => QualitySample.From(tallies[p].Rated, tallies[p].QualitySum, tallies[p].QualitySquares);

        /// <summary>A present provider's place in the standing order (<see cref="StandingKey"/>), from its sums.</summary>
        public StandingKey KeyOf(int p) => new(ScoreOf(p) ?? double.NegativeInfinity, seen[p].Articles, facts.ProviderDomainRanks[p]);

        /// <summary>The standing of a present provider.</summary>
        public ProviderStanding Standing(int p)
        {
            ref readonly var t = ref tallies[p];
            ref readonly var c = ref seen[p];
            var n = t.Rated;
            var (first, last) = c.Articles == 0 ? (ArticleFacts.UnknownDay, ArticleFacts.UnknownDay) : (c.First, c.Last);
            return new ProviderStanding(facts.ProviderTable[p].Domain, facts.ProviderTable[p].Name, c.Articles, n,
                FactsAggregates.Mean(t.QualitySum, n), histograms?.Median(p, n),
                ScoreOf(p), prior is null ? null : sigma / Math.Sqrt(PriorWeight + n),
                FactsAggregates.Mean(t.HeatSum, t.Heated),
                t.PublishedKnown == 0 ? null : (double)t.PublishedTrue / t.PublishedKnown,
                first == ArticleFacts.UnknownDay ? null : ArticleFacts.DateOf(first),
                last == ArticleFacts.UnknownDay ? null : ArticleFacts.DateOf(last),
                trends?.Counts(p) ?? [])
            {
                OriginalShare = !copies || c.Articles == 0 ? null : (c.Articles - t.Copied) / (double)c.Articles,
            };
        }

        /// <summary>
        /// The providers with matching articles in <see cref="StandingOrder"/>, made once. Sorted by keys made from their
        /// sums (<see cref="KeyOf"/>), not by comparing standings: with references included, tens of thousands of
        /// providers, most of them tied on score and articles, took tens of milliseconds of string comparisons, and a
        /// standing for each, to show fifty.
        /// </summary>
        public int[] InStandingOrder => _inStandingOrder ??= Sorted();

        private int[]? _inStandingOrder;

        private int[] Sorted()
        {
            var providers = WithArticles.ToArray();
            var keys = Array.ConvertAll(providers, KeyOf);
            Array.Sort(keys, providers);
            return providers;
        }

        /// <summary>The standings of the providers with matching articles, in table order: made once, a new array each time
        /// (callers sort it).</summary>
        public ProviderStanding[] Matching => [.. _matching ??= [.. WithArticles.Select(Standing)]];

        /// <summary>A provider's qualities in the ten bins of <see cref="QualityDistribution"/>.</summary>
        public int[] QualityBins(string domain)
        {
            var bins = new int[Bins];
            if (histograms is not null)
            {
                Span<int> histogram = stackalloc int[FewCounts.QualityPoints];
                histograms.CopyTo(facts.ProviderIndexByDomain[domain], histogram);
                for (var q = 0; q <= 100; q++)
                    bins[Math.Min(q / 10, Bins - 1)] += histogram[q];
            }
            return bins;
        }
    }

    /// <summary>
    /// Every provider's shrunk score (<see cref="ProviderStanding.Score"/>, null when no selected article is rated) and
    /// rated articles over the selection, indexed like the snapshot's provider table: the weights of quality-weighted attention.
    /// </summary>
    internal static (double?[] Scores, int[] Rated) ScoresOf(ArticleSelection selection)
    {
        var table = Tally(selection, null, medians: false);
        // A provider without a selected article scores the prior, as the shrunk score of no articles does.
        var count = selection.Facts.ProviderTable.Length;
        var scores = new double?[count];
        var rated = new int[count];
        for (var p = 0; p < count; p++)
            (scores[p], rated[p]) = table.ArticlesOf(p) == 0 ? (table.Prior, 0) : (table.ScoreOf(p), table.RatedOf(p));
        return (scores, rated);
    }

    /// <param name="medians">False leaves the histograms (and so the medians) out: the summary tallies three selections
    /// and needs neither.</param>
    /// <param name="copies">A bit per row set for copies of an earlier article: with it, each standing carries its <see cref="ProviderStanding.OriginalShare"/>.</param>
    /// <param name="driftWeeks">Given, also gathers what quality drift reads (<see cref="StandingTable.DriftWeeks"/>, one
    /// from it per part) on the way: the summary asks for the drift of the selection it tallies, which then costs no pass
    /// of its own.</param>
    /// <param name="only">The providers (by table index) to sum for, all when null; each of them gets a standing even
    /// without a matching article, and the prior is the whole selection's whichever are summed. A provider's own page
    /// needs its standing alone: summing every provider's (tens of thousands with references) cost it most of its time.</param>
    /// <remarks>
    /// Standings, samples and histograms are made only for the providers the selection holds: the provider table counts
    /// every domain ever stored (40,811 in the real-shaped corpus of a million articles, 2,000 of them with articles of
    /// their own), and a record, a trend and 101 counters for each made every tally cost tens of milliseconds whatever
    /// it selected.
    /// </remarks>
    private static StandingTable Tally(ArticleSelection selection, TimeBuckets? axis, bool medians = true, ulong[]? copies = null, bool[]? only = null,
        Func<Signals.QualityWeeks>? driftWeeks = null)
    {
        if (driftWeeks is not null && only is not null)
            throw new ArgumentException("Drift reads every provider's rows: its weeks can't be gathered by a tally for some.", nameof(driftWeeks));
        var facts = selection.Facts;
        var providerCount = facts.ProviderTable.Length;
        var buckets = axis?.Count ?? 0;
        var parts = selection.InParts(() => new TallyPart(providerCount, medians, buckets, driftWeeks),
            (rows, part) => part.Add(facts, rows, axis, copies, only));
        // One per part, in row order, as drift reads them.
        var weeks = driftWeeks is null ? null : parts.Select(part => part.Weeks!).ToArray();
        var whole = parts[0];
        foreach (var part in parts.AsSpan(1))
            whole.Merge(part);
        var (seen, tallies, histograms, trends) = (whole.Seen, whole.Tallies, whole.Histograms, whole.Trends);
        var (allRated, allSum, allSquares) = (whole.AllRated, whole.AllSum, whole.AllSquares);

        double? prior = allRated == 0 ? null : (double)allSum / allRated;
        var sigma = prior is { } m ? Math.Sqrt(Math.Max(0, (double)allSquares / allRated - m * m)) : 0;
        var present = new List<int>();
        for (var p = 0; p < providerCount; p++)
            if (seen[p].Articles > 0 || only?[p] == true)
                present.Add(p);
        return new StandingTable(facts, seen, tallies, histograms, trends, copies is not null, prior, selection.Count, (int)allRated, sigma,
            [.. present]) { DriftWeeks = weeks };
    }

    /// <summary>What <see cref="Tally"/> counts for one provider on every row: its articles and their first and last
    /// day (unknown until it has an article).</summary>
    private struct ProviderSeen
    {
        public int Articles, First, Last;
    }

    /// <summary>What <see cref="Tally"/> sums for one provider on the rows that carry a value (a quality, heat, published
    /// flag) or are copies.</summary>
    private struct ProviderTally
    {
        public int Rated, Heated, PublishedKnown, PublishedTrue, Copied;
        public long QualitySum, QualitySquares, HeatSum;
    }

    /// <summary><see cref="Tally"/>'s sums over one part of a selection's rows, added to those of the parts after it.</summary>
    private sealed class TallyPart(int providerCount, bool medians, int buckets, Func<Signals.QualityWeeks>? driftWeeks)
    {
        // Two records per provider rather than a dozen arrays. Every row touches the small one, 12 bytes, which for tens of
        // thousands of providers stays in the cores' caches where the sums' would not: with references included 1.2
        // million rows carry nothing else, each for one of some 44,000 providers in no order.
        public readonly ProviderSeen[] Seen = new ProviderSeen[providerCount];
        public readonly ProviderTally[] Tallies = new ProviderTally[providerCount];
        // Only when asked for: with references included, 44,835 providers at 10M articles, they were a trend of every
        // provider and 101 counters of every one with a rated article, most of them holding a few articles.
        public readonly FewCounts? Histograms = medians ? new FewCounts(providerCount, FewCounts.QualityPoints) : null;
        public readonly FewCounts? Trends = buckets > 0 ? new FewCounts(providerCount, buckets) : null;
        public readonly Signals.QualityWeeks? Weeks = driftWeeks?.Invoke();
        public long AllRated, AllSum, AllSquares;

        public void Add(ArticleFacts facts, ReadOnlySpan<int> rows, TimeBuckets? axis, ulong[]? copies, bool[]? only)
        {
            var (seen, tallies, histograms, trends, weeks) = (Seen, Tallies, Histograms, Trends, Weeks);
            long allRated = 0, allSum = 0, allSquares = 0;
            var qualities = facts.Qualities;
            var providers = facts.Providers;
            var published = facts.Published;
            var days = facts.Days;
            foreach (var r in rows)
            {
                var q = qualities[r];
                if (q >= 0)
                {
                    allRated++;
                    allSum += q;
                    allSquares += q * q;
                }
                var p = providers[r];
                if (p < 0 || only is not null && !only[p])
                    continue;
                ref var c = ref seen[p];
                if (c.Articles++ == 0)
                    c.First = c.Last = ArticleFacts.UnknownDay;
                // Only the address: the sums are read and written only for a row that has something to add.
                ref var t = ref tallies[p];
                if (copies is not null && (copies[r >> 6] & (1UL << r)) != 0)
                    t.Copied++;
                if (q >= 0)
                {
                    t.Rated++;
                    t.QualitySum += q;
                    t.QualitySquares += q * q;
                    histograms?.Add(p, q);
                }
                if (facts.HeatOf(r) is var h and >= 0)
                {
                    t.HeatSum += h;
                    t.Heated++;
                }
                if (published[r] is var pub and >= 0)
                {
                    t.PublishedKnown++;
                    t.PublishedTrue += pub;
                }
                var day = days[r];
                if (day != ArticleFacts.UnknownDay)
                {
                    // Rows come newest first: the first dated row seen is the provider's last article.
                    if (c.Last == ArticleFacts.UnknownDay)
                        c.Last = day;
                    c.First = day;
                    if (axis?.BucketOf(day) is { } b and >= 0)
                        trends!.Add(p, b);
                    if (q >= 0)
                        weeks?.Add(p, day, q);
                }
            }
            if (weeks is not null)
                weeks.Scored += (int)allRated;
            AllRated += allRated;
            AllSum += allSum;
            AllSquares += allSquares;
        }

        /// <summary>Adds the sums of <paramref name="later"/>, the part whose rows come after this one's (older).</summary>
        public void Merge(TallyPart later)
        {
            AllRated += later.AllRated;
            AllSum += later.AllSum;
            AllSquares += later.AllSquares;
            for (var p = 0; p < Tallies.Length; p++)
            {
                ref readonly var oc = ref later.Seen[p];
                if (oc.Articles == 0)
                    continue;
                ref readonly var o = ref later.Tallies[p];
                ref var c = ref Seen[p];
                ref var t = ref Tallies[p];
                Histograms?.Merge(p, later.Histograms!);
                Trends?.Merge(p, later.Trends!);
                if (c.Articles == 0)
                {
                    (c, t) = (oc, o);
                    continue;
                }
                c.Articles += oc.Articles;
                t.Rated += o.Rated;
                t.Heated += o.Heated;
                t.PublishedKnown += o.PublishedKnown;
                t.PublishedTrue += o.PublishedTrue;
                t.Copied += o.Copied;
                t.QualitySum += o.QualitySum;
                t.QualitySquares += o.QualitySquares;
                t.HeatSum += o.HeatSum;
                // This part's rows are the newer: its last day stands, and the later part's first day is the earlier one.
                if (c.Last == ArticleFacts.UnknownDay)
                    c.Last = oc.Last;
                if (oc.First != ArticleFacts.UnknownDay)
                    c.First = oc.First;
            }
        }
    }

    /// <summary>
    /// Counts of values in 0..<c>length</c> for each provider (a trend's periods, a histogram's quality points): a
    /// provider's first <see cref="Few"/> values as they are, in a 16-byte slot, then an array of counts. With references
    /// included at 10M articles, 34,903 of 44,835 providers have at most eight articles and some 20,000 have one to eight
    /// rated: an array each (a trend of 100 months is 400 bytes) cost megabytes per tally, and a reference row, one of
    /// 1.4 million in no order of provider, reached for its provider's array wherever it lay; it now finds the slot.
    /// </summary>
    private sealed class FewCounts(int providers, int length)
    {
        public const int Few = 7;

        /// <summary>The length of a quality histogram: one count per point, 0 to 100.</summary>
        public const int QualityPoints = 101;

        /// <summary>A slot's count when the provider's values are counted in its array.</summary>
        private const ushort Counted = ushort.MaxValue;

        private readonly Slot[] _slots = new Slot[providers];
        private readonly int[]?[] _counts = new int[]?[providers];

        [InlineArray(Few)]
        private struct Values
        {
            private ushort _value;
        }

        private struct Slot
        {
            public ushort Count;
            public Values Values;
        }

        /// <summary>Adds a value of provider <paramref name="p"/>: on every row a tally passes over, so it is inlined.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(int p, int value)
        {
            ref var slot = ref _slots[p];
            if (slot.Count < Few)
                slot.Values[slot.Count++] = (ushort)value;
            else if (slot.Count == Counted)
                _counts[p]![value]++;
            else
                Spill(p, value);
        }

        /// <summary>The provider's values outgrew its slot: counts from here on.</summary>
        private void Spill(int p, int value)
        {
            var counts = new int[length];
            CopyTo(p, counts);
            counts[value]++;
            _counts[p] = counts;
            _slots[p].Count = Counted;
        }

        /// <summary>Adds <paramref name="later"/>'s values of provider <paramref name="p"/> (they are its, to take).</summary>
        public void Merge(int p, FewCounts later)
        {
            if (later._slots[p].Count != Counted)
            {
                foreach (var v in later.FewOf(p))
                    Add(p, v);
                return;
            }
            var theirs = later._counts[p]!;
            if (_slots[p].Count == Counted)
                FactsAggregates.AddInto(_counts[p]!, theirs);
            else
            {
                foreach (var v in FewOf(p))
                    theirs[v]++;
                _counts[p] = theirs;
                _slots[p].Count = Counted;
            }
        }

        /// <summary>The provider's values as they were added, while they fit its slot.</summary>
        private ReadOnlySpan<ushort> FewOf(int p) => ValuesIn(ref _slots[p]);

        private static ReadOnlySpan<ushort> ValuesIn(ref Slot slot) => slot.Count == Counted ? default : ((ReadOnlySpan<ushort>)slot.Values)[..slot.Count];

        /// <summary>Writes the provider's counts into <paramref name="counts"/>, zeroed and <c>length</c> long.</summary>
        public void CopyTo(int p, Span<int> counts)
        {
            if (_slots[p].Count == Counted)
                _counts[p]!.CopyTo(counts);
            else
                foreach (var v in FewOf(p))
                    counts[v]++;
        }

        /// <summary>The provider's counts as a list, without an array for a provider whose values fit its slot.</summary>
        public IReadOnlyList<int> Counts(int p) => _slots[p].Count == Counted ? _counts[p]! : new FewList(length, _slots[p]);

        /// <summary>The median of a histogram's <paramref name="n"/> values (<see cref="FactsAggregates.Median"/>).</summary>
        public double? Median(int p, int n)
        {
            if (_slots[p].Count == Counted)
                return FactsAggregates.Median(_counts[p]!, n);
            Span<int> counts = stackalloc int[length];
            CopyTo(p, counts);
            return FactsAggregates.Median(counts, n);
        }

        /// <summary>Counts of <paramref name="length"/> values, from a slot's few values (a copy).</summary>
        private sealed class FewList(int length, Slot slot) : IReadOnlyList<int>
        {
            private Slot _slot = slot;

            public int Count => length;

            public int this[int index]
            {
                get
                {
                    ArgumentOutOfRangeException.ThrowIfNegative(index);
                    ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, length);
                    var count = 0;
                    foreach (var v in ValuesIn(ref _slot))
                        count += v == index ? 1 : 0;
                    return count;
                }
            }

            public IEnumerator<int> GetEnumerator()
            {
                for (var i = 0; i < length; i++)
                    yield return this[i];
            }

            System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
        }
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
