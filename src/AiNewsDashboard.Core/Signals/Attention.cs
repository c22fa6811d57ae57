using System.Globalization;
using AiNewsDashboard.Core.Queries;

namespace AiNewsDashboard.Core.Signals;

/// <summary>
/// One figure of quality-weighted attention, with what it rests on. <paramref name="Coverage"/> is the share (0 to 1) of
/// the articles that carry what the figure needs (<paramref name="Basis"/> of them); <paramref name="Value"/> is null and
/// <paramref name="Withheld"/> says why when that share is below <see cref="AttentionSettings.MinCoverage"/> or nothing is there.
/// </summary>
public sealed record AttentionFigure(double? Value, double Coverage, int Basis, string? Withheld)
{
    /// <summary>"based on 12% of articles".</summary>
    public string CoverageText => string.Create(CultureInfo.InvariantCulture, $"based on {Percent(Coverage)} of articles");

    internal static string Percent(double share) => share.ToString(share is > 0 and < 0.01 ? "0.0%" : "0%", CultureInfo.InvariantCulture);
}

/// <summary>
/// Raw and quality-weighted attention over a set of articles:
/// <list type="bullet">
/// <item><see cref="Weighted"/>: Σ score_p / 100 over the articles whose provider p has a shrunk score (see
/// <see cref="QualityBasis"/>); the others count nothing, and its coverage says how many did count.</item>
/// <item><see cref="HighQualityShare"/>: of those articles, the share (0 to 1) from high-quality providers.</item>
/// <item><see cref="MeanHeat"/>: the mean heat of the articles with a known heat.</item>
/// </list>
/// </summary>
public sealed record Attention(int Articles, AttentionFigure Weighted, AttentionFigure HighQualityShare, AttentionFigure MeanHeat);

/// <summary>
/// Whose scores weigh attention. A provider's score is its shrunk score (<see cref="ProviderStanding.Score"/>) over every
/// article of the corpus (references left out), whatever the filter, so a provider weighs the same in every view; it
/// counts once it rests on <see cref="AttentionSettings.MinRatedArticles"/> rated articles (<paramref name="ScoredProviders"/>).
/// High-quality providers (<paramref name="HighQualityProviders"/>) score at least <paramref name="HighQualityScore"/>, the
/// <see cref="AttentionSettings.HighQualityQuantile"/> quantile of the scored providers' scores; null when none is scored.
/// </summary>
public sealed record QualityBasis(int ScoredProviders, int HighQualityProviders, double? HighQualityScore, int MinRatedArticles, double Quantile);

/// <summary>A provider's weight and class, per snapshot provider index, and the <see cref="QualityBasis"/> they come from.</summary>
internal sealed class ProviderWeights
{
    private ProviderWeights(double[] weight, bool[] high, QualityBasis basis)
    {
        Weight = weight;
        High = high;
        Basis = basis;
    }

    /// <summary>score / 100, or -1 when the provider is not scored.</summary>
    public double[] Weight { get; }
    public bool[] High { get; }
    public QualityBasis Basis { get; }

    public static ProviderWeights Of(ArticleSelection corpus, AttentionSettings settings)
    {
        var (scores, rated) = ProviderQualityQueries.ScoresOf(corpus);
        var weight = new double[scores.Length];
        Array.Fill(weight, -1);
        var scored = new List<double>();
        for (var p = 0; p < scores.Length; p++)
        {
            if (scores[p] is { } s && rated[p] >= settings.MinRatedArticles)
            {
                weight[p] = s / 100;
                scored.Add(s);
            }
        }
        double? threshold = null;
        var high = new bool[scores.Length];
        if (scored.Count > 0)
        {
            scored.Sort();
            // Nearest rank, as ArticleThreshold: the smallest score with at least that share of scores at or below it.
            threshold = scored[Math.Clamp((int)Math.Ceiling(settings.HighQualityQuantile * scored.Count) - 1, 0, scored.Count - 1)];
            for (var p = 0; p < scores.Length; p++)
                high[p] = weight[p] >= 0 && scores[p] >= threshold;
        }
        return new ProviderWeights(weight, high, new QualityBasis(scored.Count, high.Count(h => h), threshold, settings.MinRatedArticles, settings.HighQualityQuantile));
    }
}

/// <summary>Counts what <see cref="Attention"/> needs, article by article.</summary>
internal struct AttentionTally
{
    public int Articles;
    public int Scored;
    public int High;
    public int Heated;
    public double Weight;
    public long Heat;

    public void Add(ArticleFacts facts, ProviderWeights weights, int row)
    {
        Articles++;
        if (facts.Providers[row] is var p and >= 0 && weights.Weight[p] >= 0)
        {
            Scored++;
            Weight += weights.Weight[p];
            if (weights.High[p])
                High++;
        }
        if (facts.HeatOf(row) is var h and >= 0)
        {
            Heated++;
            Heat += h;
        }
    }

    public readonly Attention ToAttention(QualityBasis basis, AttentionSettings settings)
    {
        var noScores = basis.ScoredProviders == 0
            ? $"no provider has a quality score from at least {basis.MinRatedArticles} rated articles"
            : null;
        return new Attention(Articles,
            Figure(Weight, Scored, noScores, settings),
            Figure(Scored == 0 ? 0 : (double)High / Scored, Scored, noScores, settings),
            Figure(Heated == 0 ? 0 : (double)Heat / Heated, Heated, Heated == 0 && Articles > 0 ? "no article here has a heat" : null, settings));
    }

    private readonly AttentionFigure Figure(double value, int basis, string? missing, AttentionSettings settings)
    {
        var coverage = Articles == 0 ? 0 : (double)basis / Articles;
        var withheld = Articles == 0 ? "no articles"
            : missing is not null ? missing
            : basis == 0 ? "none of these articles is from a provider with a quality score"
            : coverage < settings.MinCoverage
                ? $"based on {AttentionFigure.Percent(coverage)} of articles, below the {AttentionFigure.Percent(settings.MinCoverage)} minimum"
                : null;
        return new AttentionFigure(withheld is null ? value : null, coverage, basis, withheld);
    }
}

/// <summary>Attention per period of the timeline's axis (the same periods <see cref="TimelineQueries"/> draws for the filter).</summary>
public sealed record AttentionTimeline(TimeGranularity Granularity, IReadOnlyList<DateOnly> Starts, IReadOnlyList<Attention> Buckets, Attention Total, QualityBasis Quality);

/// <summary>Attention per top topic, in the order of <see cref="TopicQueries.GetTopTopicsAsync"/>.</summary>
public sealed record TopicAttention(string Topic, Attention Attention);

public sealed record TopicAttentionList(IReadOnlyList<TopicAttention> Topics, Attention Total, QualityBasis Quality);

/// <summary>
/// Quality-weighted attention for any filter: answered from the facts snapshot as the other aggregates are; the
/// providers' weights are computed once per snapshot and settings.
/// </summary>
public sealed class AttentionQueries(ArticleMatcher matcher)
{
    private sealed record CachedWeights(ArticleFacts Facts, AttentionSettings Settings, ProviderWeights Weights);

    private volatile CachedWeights? _weights;

    internal async Task<ProviderWeights> WeightsAsync(ArticleFacts facts, AttentionSettings settings, CancellationToken ct)
    {
        if (_weights is { } w && ReferenceEquals(w.Facts, facts) && w.Settings == settings)
            return w.Weights;
        using var corpus = await matcher.SelectAsync(facts, DashboardFilter.All, ct);
        var weights = ProviderWeights.Of(corpus, settings);
        _weights = new CachedWeights(facts, settings, weights);
        return weights;
    }

    /// <summary>Attention over the whole filter.</summary>
    public async Task<Attention> GetTotalAsync(DashboardFilter filter, AttentionSettings? settings = null, CancellationToken ct = default)
    {
        settings ??= AttentionSettings.Default;
        var facts = await matcher.Facts.GetAsync(ct);
        var weights = await WeightsAsync(facts, settings, ct);
        using var selection = await matcher.SelectAsync(facts, filter, ct);
        var tally = new AttentionTally();
        foreach (var r in selection.Rows)
            tally.Add(facts, weights, r);
        return tally.ToAttention(weights.Basis, settings);
    }

    /// <param name="granularity">As for <see cref="TimelineQueries.GetTimelineAsync"/>: the same periods come out.</param>
    public async Task<AttentionTimeline> GetTimelineAsync(DashboardFilter filter, TimeGranularity? granularity = null, AttentionSettings? settings = null,
        CancellationToken ct = default)
    {
        settings ??= AttentionSettings.Default;
        var facts = await matcher.Facts.GetAsync(ct);
        var weights = await WeightsAsync(facts, settings, ct);
        using var selection = await matcher.SelectAsync(facts, filter, ct);
        var axis = TimeBuckets.ForFilter(filter, selection, granularity);
        var buckets = new AttentionTally[axis?.Count ?? 0];
        var total = new AttentionTally();
        var days = facts.Days;
        foreach (var r in selection.Rows)
        {
            total.Add(facts, weights, r);
            if (axis?.BucketOf(days[r]) is { } b and >= 0)
                buckets[b].Add(facts, weights, r);
        }
        return new AttentionTimeline(axis?.Granularity ?? granularity ?? TimeGranularity.Month, axis?.Starts ?? [],
            buckets.Select(t => t.ToAttention(weights.Basis, settings)).ToArray(), total.ToAttention(weights.Basis, settings), weights.Basis);
    }

    /// <summary>Attention for each of the <paramref name="top"/> topics of the filter (an article counts for each of its topics).</summary>
    public async Task<TopicAttentionList> GetTopicsAsync(DashboardFilter filter, int top = 20, AttentionSettings? settings = null, CancellationToken ct = default)
    {
        settings ??= AttentionSettings.Default;
        var facts = await matcher.Facts.GetAsync(ct);
        var weights = await WeightsAsync(facts, settings, ct);
        using var selection = await matcher.SelectAsync(facts, filter, ct);
        var winners = FactsAggregates.Top(FactsAggregates.TopicCounts(selection), top, i => facts.TopicTable[i].Name);
        var slot = new int[facts.TopicTable.Length];
        Array.Fill(slot, -1);
        for (var k = 0; k < winners.Length; k++)
            slot[winners[k]] = k;
        var tallies = new AttentionTally[winners.Length];
        var total = new AttentionTally();
        var offsets = facts.TopicOffsets;
        var topics = facts.TopicIndices;
        foreach (var r in selection.Rows)
        {
            total.Add(facts, weights, r);
            for (var t = offsets[r]; t < offsets[r + 1]; t++)
                if (slot[topics[t]] is var k and >= 0)
                    tallies[k].Add(facts, weights, r);
        }
        return new TopicAttentionList(
            winners.Select((topic, k) => new TopicAttention(facts.TopicTable[topic].Name, tallies[k].ToAttention(weights.Basis, settings))).ToArray(),
            total.ToAttention(weights.Basis, settings), weights.Basis);
    }
}

/// <summary>What a timeline or topic list draws: the raw count (the default) or one of the <see cref="Attention"/> figures.
/// The URL writes it as <c>measure=weighted</c>, <c>highquality</c> or <c>heat</c>.</summary>
public enum AttentionMeasure
{
    Count,
    Weighted,
    HighQuality,
    Heat,
}

public static class AttentionMeasures
{
    /// <summary>Reads <c>measure</c>: count (the default), weighted, highquality or heat; anything else is reported under its name.</summary>
    public static AttentionMeasure Read(string? value, QueryProblems problems) =>
        DashboardQuery.Enum<AttentionMeasure>(value, "measure", problems) ?? AttentionMeasure.Count;

    /// <summary>The measure as the URL writes it; null for the default.</summary>
    public static string? Parameter(this AttentionMeasure measure) => measure == AttentionMeasure.Count ? null : measure.ToString().ToLowerInvariant();

    /// <summary>The figure of <paramref name="attention"/> the measure names; null for the count.</summary>
    public static AttentionFigure? FigureOf(this Attention attention, AttentionMeasure measure) => measure switch
    {
        AttentionMeasure.Weighted => attention.Weighted,
        AttentionMeasure.HighQuality => attention.HighQualityShare,
        AttentionMeasure.Heat => attention.MeanHeat,
        _ => null,
    };

    /// <summary>"Quality-weighted articles", ... as headings say it.</summary>
    public static string Label(this AttentionMeasure measure) => measure switch
    {
        AttentionMeasure.Weighted => "Quality-weighted articles",
        AttentionMeasure.HighQuality => "Share from high-quality providers",
        AttentionMeasure.Heat => "Mean heat",
        _ => "Articles",
    };
}
