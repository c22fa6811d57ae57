using AiNewsDashboard.Core.Queries;

namespace AiNewsDashboard.Core.Signals;

/// <summary>
/// Coverage gaps: topics surging in the last window while high-quality providers stay away.
/// <paramref name="From"/>..<paramref name="To"/> is the last window, ending on the newest matching article's day, and
/// <paramref name="BaselineFrom"/> the first day of the windows before it that the baseline counts. <paramref name="UsualHighQualityShare"/>
/// is the share of scored articles from high-quality providers across all topics in the baseline windows, and
/// <paramref name="QualityCoverage"/> the share of the windows' articles from scored providers. When gaps can't be judged,
/// <paramref name="Silence"/> says why and the list is empty; an empty list with no silence means no topic qualified.
/// </summary>
public sealed record BlindspotReport(DateOnly? From, DateOnly? To, DateOnly? BaselineFrom, int BaselineWindows, double? QualityCoverage,
    double? UsualHighQualityShare, QualityBasis Quality, string? Silence, IReadOnlyList<Blindspot> Blindspots);

/// <summary>
/// One coverage gap, with its evidence: <paramref name="Articles"/> in the last window against <paramref name="Baseline"/>, the
/// median of its earlier windows, <paramref name="Surge"/> robust standard deviations above it; the mean heat now and before
/// (null when unknown); the share of its scored articles from high-quality providers now (<paramref name="HighQualityShare"/>)
/// against the usual share; who covers it now, and which high-quality providers usually would but don't.
/// </summary>
public sealed record Blindspot(string Topic, int Articles, double Baseline, double Surge, IReadOnlyList<int> Windows, double? MeanHeat, double? BaselineMeanHeat,
    double HighQualityShare, double UsualHighQualityShare, double QualityCoverage, IReadOnlyList<BlindspotProvider> CoveredBy, IReadOnlyList<BlindspotProvider> Missing)
{
    /// <summary>Why it fired, in one sentence.</summary>
    public string Reason =>
        $"{Articles} articles in the last window against a usual {Baseline:0.#} ({Surge:0.#} robust standard deviations above), while " +
        $"{AttentionFigure.Percent(HighQualityShare)} of its scored coverage is from high-quality providers, against {AttentionFigure.Percent(UsualHighQualityShare)} across all topics.";
}

/// <summary>A provider in a gap's evidence: its articles on the topic in the last window (covering) or in the baseline windows (missing),
/// its score (null when not scored) and whether it is high-quality. <paramref name="Why"/> says why a missing one is expected.</summary>
public sealed record BlindspotProvider(string Domain, string Name, int Articles, double? Score, bool HighQuality, string? Why = null);

public sealed class BlindspotQueries(ArticleMatcher matcher, AttentionQueries attention)
{
    /// <summary>The fewest earlier windows with data a baseline needs.</summary>
    public const int MinBaselineWindows = 3;

    private const int ListedProviders = 8;

    /// <summary>
    /// The coverage gaps of the filter: a topic is one when, in the last <see cref="AttentionSettings.WindowDays"/> days up to
    /// the newest matching article, it has at least <see cref="AttentionSettings.MinArticles"/> articles, stands at least
    /// <see cref="AttentionSettings.MinSurge"/> robust standard deviations above the median of its own
    /// <see cref="AttentionSettings.BaselineWindows"/> earlier windows (σ = max(1.4826·MAD, √median, 1): a flat baseline
    /// is noisy as counts are), at least <see cref="AttentionSettings.MinCoverage"/> of its articles there come from scored
    /// providers, and the high-quality share of those is below <see cref="AttentionSettings.MaxShareRatio"/> of the usual
    /// share. Strongest surge first.
    /// </summary>
    public async Task<BlindspotReport> GetAsync(DashboardFilter filter, AttentionSettings? settings = null, CancellationToken ct = default)
    {
        settings ??= AttentionSettings.Default;
        var facts = await matcher.Facts.GetAsync(ct);
        var weights = await attention.WeightsAsync(facts, settings, ct);
        var basis = weights.Basis;
        using var selection = await matcher.SelectAsync(facts, filter, ct);
        var n = Math.Max(1, settings.BaselineWindows);
        var w = Math.Max(1, settings.WindowDays);
        if (!selection.TryGetDayRange(out var firstDay, out var lastDay))
            return Silent(null, null, null, 0, basis, "No matching article has a date: there is no last window to look at.");
        var to = ArticleFacts.DateOf(lastDay);
        var from = to.AddDays(-(w - 1));
        // Windows that lie wholly before the first matching article are no baseline (they would read as zero).
        var windows = Math.Min(n, (lastDay - firstDay) / w);
        if (windows < MinBaselineWindows)
            return Silent(from, to, null, Math.Max(0, windows), basis,
                $"The matching articles span {lastDay - firstDay + 1} days; a baseline needs at least {MinBaselineWindows} windows of {w} days before the last one.");
        var baselineFrom = from.AddDays(-w * windows);
        var stop = lastDay - w * (windows + 1);
        if (basis.ScoredProviders == 0)
            return Silent(from, to, baselineFrom, windows, basis,
                $"No provider has a quality score from at least {settings.MinRatedArticles} rated articles: high-quality coverage can't be told apart.");

        var topicCount = facts.TopicTable.Length;
        var k1 = windows + 1;
        var counts = new int[topicCount * k1];
        var scoredNow = new int[topicCount];
        var highNow = new int[topicCount];
        var heatNow = new long[topicCount];
        var heatedNow = new int[topicCount];
        var heatBefore = new long[topicCount];
        var heatedBefore = new int[topicCount];
        int windowArticles = 0, windowScored = 0, baselineScored = 0, baselineHigh = 0;
        var days = facts.Days;
        var offsets = facts.TopicOffsets;
        var topics = facts.TopicIndices;
        foreach (var r in selection.Rows)
        {
            var day = days[r];
            // Rows are newest first: past the baseline's first day nothing more counts.
            if (day <= stop || day == ArticleFacts.UnknownDay)
                break;
            var k = (lastDay - day) / w;
            var p = facts.Providers[r];
            var scored = p >= 0 && weights.Weight[p] >= 0;
            var high = scored && weights.High[p];
            windowArticles++;
            if (scored)
                windowScored++;
            if (k > 0 && scored)
            {
                baselineScored++;
                if (high)
                    baselineHigh++;
            }
            var h = facts.HeatOf(r);
            for (var t = offsets[r]; t < offsets[r + 1]; t++)
            {
                var topic = topics[t];
                counts[topic * k1 + k]++;
                if (k == 0)
                {
                    if (scored)
                    {
                        scoredNow[topic]++;
                        if (high)
                            highNow[topic]++;
                    }
                    if (h >= 0)
                    {
                        heatNow[topic] += h;
                        heatedNow[topic]++;
                    }
                }
                else if (h >= 0)
                {
                    heatBefore[topic] += h;
                    heatedBefore[topic]++;
                }
            }
        }

        var coverage = windowArticles == 0 ? 0 : (double)windowScored / windowArticles;
        if (coverage < settings.MinCoverage)
            return new BlindspotReport(from, to, baselineFrom, windows, coverage, null, basis,
                $"Quality scores cover {AttentionFigure.Percent(coverage)} of the articles in these windows, below the {AttentionFigure.Percent(settings.MinCoverage)} minimum: coverage gaps stay silent.", []);
        if (baselineScored == 0)
            return new BlindspotReport(from, to, baselineFrom, windows, coverage, null, basis,
                "No scored article falls in the baseline windows: the usual high-quality share is unknown.", []);
        var usual = (double)baselineHigh / baselineScored;
        if (usual == 0)
            return new BlindspotReport(from, to, baselineFrom, windows, coverage, usual, basis,
                "High-quality providers published nothing in the baseline windows: there is no usual share to fall below.", []);

        var found = new List<(int Topic, double Baseline, double Surge)>();
        var baseline = new double[windows];
        for (var topic = 0; topic < topicCount; topic++)
        {
            var now = counts[topic * k1];
            if (now < settings.MinArticles || scoredNow[topic] < settings.MinCoverage * now || scoredNow[topic] == 0)
                continue;
            if ((double)highNow[topic] / scoredNow[topic] >= settings.MaxShareRatio * usual)
                continue;
            for (var k = 0; k < windows; k++)
                baseline[k] = counts[topic * k1 + k + 1];
            var (median, sigma) = RobustSpread(baseline);
            var surge = (now - median) / sigma;
            if (surge >= settings.MinSurge)
                found.Add((topic, median, surge));
        }
        found.Sort((a, b) => b.Surge != a.Surge ? b.Surge.CompareTo(a.Surge) : string.Compare(facts.TopicTable[a.Topic].Name, facts.TopicTable[b.Topic].Name, StringComparison.OrdinalIgnoreCase));

        var spots = found.Select(f => Explain(selection, weights, f.Topic, f.Baseline, f.Surge, lastDay, w, windows, stop, counts, k1, usual,
            scoredNow[f.Topic], highNow[f.Topic], heatNow[f.Topic], heatedNow[f.Topic], heatBefore[f.Topic], heatedBefore[f.Topic])).ToArray();
        return new BlindspotReport(from, to, baselineFrom, windows, coverage, usual, basis, null, spots);
    }

    private static BlindspotReport Silent(DateOnly? from, DateOnly? to, DateOnly? baselineFrom, int windows, QualityBasis basis, string why) =>
        new(from, to, baselineFrom, windows, null, null, basis, why, []);

    /// <summary>The median and a robust standard deviation, σ = max(1.4826·MAD, √median, 1).</summary>
    internal static (double Median, double Sigma) RobustSpread(ReadOnlySpan<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var median = MedianOfSorted(sorted);
        var deviations = sorted.Select(v => Math.Abs(v - median)).Order().ToArray();
        var mad = MedianOfSorted(deviations);
        return (median, Math.Max(Math.Max(1.4826 * mad, Math.Sqrt(median)), 1));
    }

    private static double MedianOfSorted(double[] sorted) =>
        sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;

    /// <summary>Who covers the topic now, and which high-quality providers covered it before (or cover most topics) but not now.</summary>
    private static Blindspot Explain(ArticleSelection selection, ProviderWeights weights, int topic, double median, double surge, int lastDay, int w,
        int windows, int stop, int[] counts, int k1, double usual, int scored, int high, long heatNow, int heatedNow, long heatBefore, int heatedBefore)
    {
        var facts = selection.Facts;
        var providers = facts.ProviderTable.Length;
        var now = new int[providers];
        var before = new int[providers];
        var topicsBefore = new HashSet<int>[providers];
        foreach (var r in selection.Rows)
        {
            var day = facts.Days[r];
            if (day <= stop || day == ArticleFacts.UnknownDay)
                break;
            var p = facts.Providers[r];
            if (p < 0)
                continue;
            var k = (lastDay - day) / w;
            var hasTopic = false;
            foreach (var t in facts.TopicsOf(r))
            {
                hasTopic |= t == topic;
                if (k > 0 && weights.High[p])
                    (topicsBefore[p] ??= []).Add(t);
            }
            if (!hasTopic)
                continue;
            if (k == 0)
                now[p]++;
            else
                before[p]++;
        }
        double? Score(int p) => weights.Weight[p] >= 0 ? weights.Weight[p] * 100 : null;
        BlindspotProvider Entry(int p, int articles, string? why = null) =>
            new(facts.ProviderTable[p].Domain, facts.ProviderTable[p].Name, articles, Score(p), weights.High[p], why);

        var covering = Enumerable.Range(0, providers).Where(p => now[p] > 0)
            .OrderByDescending(p => now[p]).ThenBy(p => facts.ProviderTable[p].Domain, StringComparer.Ordinal)
            .Take(ListedProviders).Select(p => Entry(p, now[p])).ToArray();
        var missing = Enumerable.Range(0, providers).Where(p => weights.High[p] && now[p] == 0 && before[p] > 0)
            .OrderByDescending(p => before[p]).ThenBy(p => facts.ProviderTable[p].Domain, StringComparer.Ordinal)
            .Select(p => Entry(p, before[p], $"covered it {before[p]} times in the {windows} windows before")).ToList();
        if (missing.Count < ListedProviders)
        {
            // High-quality providers that cover most topics would be expected on any surging one.
            var seen = topicsBefore.Select(s => s?.Count ?? 0).DefaultIfEmpty().Max();
            var broad = Enumerable.Range(0, providers)
                .Where(p => weights.High[p] && now[p] == 0 && before[p] == 0 && topicsBefore[p] is { } s && s.Count * 2 >= seen)
                .OrderByDescending(p => topicsBefore[p]!.Count).ThenBy(p => facts.ProviderTable[p].Domain, StringComparer.Ordinal)
                .Take(ListedProviders - missing.Count)
                .Select(p => Entry(p, 0, $"covered {topicsBefore[p]!.Count} topics in the {windows} windows before"));
            missing.AddRange(broad);
        }
        var windowCounts = Enumerable.Range(0, k1).Select(k => counts[topic * k1 + (k1 - 1 - k)]).ToArray();
        var articles = counts[topic * k1];
        return new Blindspot(facts.TopicTable[topic].Name, articles, median, surge, windowCounts,
            heatedNow == 0 ? null : (double)heatNow / heatedNow, heatedBefore == 0 ? null : (double)heatBefore / heatedBefore,
            (double)high / scored, usual, (double)scored / articles, covering, missing.Take(ListedProviders).ToArray());
    }
}
