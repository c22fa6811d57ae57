using AiNewsDashboard.Core.Queries;

namespace AiNewsDashboard.Web.Components.Pages;

/// <summary>The managers' summary in words: its periods, its thresholds, and the real cause of each empty list.</summary>
public static class ProviderSummaryText
{
    public static string Signed(double v) => (v >= 0 ? "+" : "−") + Labels.Number(Math.Abs(v));

    public static string Periods(ProviderSummary s) => s is { From: { } f, To: { } t, PreviousFrom: { } pf, PreviousTo: { } pt }
        ? $"{Labels.Date(f)} – {Labels.Date(t)} against {Labels.Date(pf)} – {Labels.Date(pt)}"
        : "against the previous period of equal length";

    public static string ComparisonThreshold(ProviderSummary s) => s.ComparisonThreshold is { } t
        ? $"; providers with at least {Labels.Count(t.MinRated, "rated article")} in both, {Labels.Count(t.LeftOut)} of {Labels.Count(t.Considered)} left out."
        : ".";

    private static readonly string Percentile = $"{ArticleThreshold.Quantile * 100:0}th";

    // The definitions each card (and the PDF report) prints under its heading.
    public static string BestDefinition(ProviderSummary s) =>
        $"Highest shrunk score among providers with at least {Labels.Count(s.Threshold.MinRated, "rated article")} " +
        $"(the {Percentile} percentile of providers' rated counts, kept within {ArticleThreshold.Lowest}–{ArticleThreshold.Highest}); " +
        $"{Labels.Count(s.Threshold.LeftOut)} of {Labels.Count(s.Threshold.Considered, "provider")} with matching articles left out.";

    /// <summary>Slipping is quality drift's verdict (the signals page says the same): one definition of a fall on this page.</summary>
    public static string SlippingDefinition(ProviderSummary s) =>
        $"The latest change of mean quality is a fall of at least {Labels.Number(s.Drift.MinZ)}× its standard error (Δ / √(e₁² + e₂²) ≤ −{Labels.Number(s.Drift.MinZ)}), " +
        $"at a change point found by quality drift, with at least {Labels.Count(s.Drift.MinScoredPerSide, "scored article")} on each side. " +
        DriftText.Coverage(s.Drift);

    /// <summary>Why nobody is slipping: quality drift's own cause.</summary>
    public static string SlippingGap(ProviderSummary s) => s.Drift.Gap == AiNewsDashboard.Core.Signals.DriftGap.None
        ? $"No provider's latest quality change is a fall beyond its uncertainty ({Labels.Count(s.Drift.ProvidersChecked, "provider")} tested)."
        : DriftText.Gap(s.Drift);

    public static string MoversDefinition(ProviderSummary s) =>
        $"Change of mean quality ± its standard error, {Periods(s)}; ● marks a change of at least {QualityChange.Threshold}× its error, " +
        "smaller ones are within noise.";

    /// <summary>Why the best list is empty, naming the real cause: never "nothing matches" while articles match.</summary>
    public static string BestGap(ProviderSummary s) => s.BestGap switch
    {
        SummaryGap.None => "",
        SummaryGap.NoArticles => "No article matches these filters.",
        SummaryGap.NoQualityScores => $"No quality scores in this range: {Labels.Count(s.Articles, "article")} match, none is rated.",
        _ => $"No provider has {Labels.Count(s.Threshold.MinRated, "rated article")} here; the most any has is {Labels.Count(s.MostRated)}.",
    };

    /// <summary>Why slipping or movers is empty (<paramref name="gap"/>), naming the real cause.</summary>
    public static string ComparisonGap(ProviderSummary s, SummaryGap gap) => gap switch
    {
        SummaryGap.None => "",
        SummaryGap.NoArticles when s.From is null => "No dated article matches these filters: there is no period to compare.",
        SummaryGap.NoArticles => $"No article matches in {Labels.Date(s.From)} – {Labels.Date(s.To)}.",
        SummaryGap.NoQualityScores =>
            $"No quality scores in {Labels.Date(s.From)} – {Labels.Date(s.To)}: {Labels.Count(s.PeriodArticles, "article")} match, none is rated.",
        SummaryGap.NoPreviousPeriod =>
            $"No previous period to compare with: no article matches in {Labels.Date(s.PreviousFrom)} – {Labels.Date(s.PreviousTo)}.",
        SummaryGap.NoQualityScoresBefore =>
            $"No quality scores in the previous period ({Labels.Date(s.PreviousFrom)} – {Labels.Date(s.PreviousTo)}): " +
            $"{Labels.Count(s.PreviousArticles, "article")} match, none is rated.",
        SummaryGap.BelowThreshold => $"No provider has {Labels.Count(s.ComparisonThreshold?.MinRated ?? ArticleThreshold.Lowest, "rated article")} in both periods.",
        SummaryGap.NoDecline => "No provider's quality fell by more than twice its uncertainty.",
        _ => "",
    };
}
