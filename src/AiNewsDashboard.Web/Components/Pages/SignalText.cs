using AiNewsDashboard.Core.Signals;

namespace AiNewsDashboard.Web.Components.Pages;

/// <summary>Quality drift in words: what each change point is, why it counts, and the real cause of an empty list.</summary>
public static class DriftText
{
    public static string Direction(ProviderDrift d) => d.IsDecline ? "fell" : "rose";

    /// <summary>The label of a change point on a quality chart.</summary>
    public static string Marker(ProviderDrift d) =>
        $"Quality {Direction(d)} {Labels.Number(d.Quality.Before.Mean)} → {Labels.Number(d.Quality.After.Mean)} (z {ProviderSummaryText.Signed(d.Quality.Z)})";

    /// <summary>The numbers behind one drift.</summary>
    public static string Numbers(ProviderDrift d) =>
        $"mean quality {Labels.Number(d.Quality.Before.Mean)} on {Labels.Count(d.Quality.Before.Count, "scored article")} " +
        $"({Labels.Date(d.Point.BeforeFrom)} – {Labels.Date(d.Date.AddDays(-1))}) → {Labels.Number(d.Quality.After.Mean)} on " +
        $"{Labels.Count(d.Quality.After.Count, "scored article")} ({Labels.Date(d.Date)} – {Labels.Date(d.Point.AfterTo)})";

    /// <summary>Why it fired.</summary>
    public static string Why(ProviderDrift d, DriftReport r) =>
        $"Δ {ProviderSummaryText.Signed(d.Quality.Change)} is {Labels.Number(Math.Abs(d.Quality.Z))}× its standard error " +
        $"(±{Labels.Number(d.Quality.Error)}; it must reach {Labels.Number(r.MinZ)}× with at least {Labels.Count(r.MinScoredPerSide, "scored article")} a side); " +
        "the change point is found by CUSUM on weekly means and dated by ED-PELT.";

    /// <summary>"Based on 12% of articles": the coverage every drift statement carries.</summary>
    public static string Coverage(DriftReport r) =>
        $"Based on {Labels.Percent(r.Coverage)} of articles ({Labels.Count(r.ScoredArticles)} of {Labels.Count(r.Articles)} carry a quality score); " +
        $"{Labels.Count(r.ProvidersChecked, "provider")} with at least {Labels.Count(2 * r.MinScoredPerSide, "scored article")} tested.";

    /// <summary>Why the drift list is empty.</summary>
    public static string Gap(DriftReport r) => r.Gap switch
    {
        DriftGap.NoArticles => "No article matches these filters.",
        DriftGap.NoQualityScores => $"None of the {Labels.Count(r.Articles, "matching article")} carries a quality score, so quality drift can't be measured.",
        DriftGap.LowCoverage => $"Only {Labels.Percent(r.Coverage)} of the matching articles carry a quality score ({Labels.Count(r.ScoredArticles)} of " +
                                $"{Labels.Count(r.Articles)}); drift is looked for from {Labels.Percent(r.MinCoverage)} on.",
        DriftGap.TooFewScored => $"No provider has {Labels.Count(2 * r.MinScoredPerSide, "scored article")} here: too few to tell a change from noise.",
        DriftGap.NoDrift => $"No provider's quality changed by more than its uncertainty ({Labels.Count(r.ProvidersChecked, "provider")} tested).",
        _ => "",
    };

    /// <summary>Under a provider's quality chart: its drift, or why none is shown, said of this provider.</summary>
    public static string ProviderLine(DriftReport r) => r.Drifts.Count > 0
        ? $"Quality drift: {string.Join("; ", r.Drifts.Select(d => $"{Labels.Date(d.Date)}: {Marker(d)}"))}. {Coverage(r)}"
        : $"Quality drift: none. " + r.Gap switch
        {
            // Drift is tested on dated scored articles; the count in all may include undated ones.
            DriftGap.TooFewScored => $"Fewer than {Labels.Count(2 * r.MinScoredPerSide)} of its dated articles here carry a quality score " +
                                     $"({Labels.Count(r.ScoredArticles)} scored in all): too few to tell a change from noise.",
            DriftGap.NoDrift => "Its quality didn't change by more than its uncertainty.",
            _ => Gap(r),
        };
}

/// <summary>Breaking stories in words.</summary>
public static class BreakingText
{
    public static string Window(BreakingReport r) =>
        $"The {Labels.Count(r.WindowHours, "hour")} up to the latest matching article ({Labels.Date(r.Now)})";

    public static string Numbers(BreakingStory s) =>
        $"+{Labels.Count(s.NewArticles, "article")} and +{Labels.Count(s.NewProviders, "new provider")} in the window; " +
        $"{Labels.Count(s.Articles, "article")} from {Labels.Count(s.Providers, "provider")} in all, first {Labels.Duration(s.HoursSinceFirst)} ago";

    public static string Why(BreakingStory s, BreakingReport r) =>
        $"It gained at least {Labels.Count(r.MinNewArticles, "article")} and {Labels.Count(r.MinNewProviders, "provider")}, more than its own past pace of " +
        $"{Labels.Number(s.PastPace)} a window ({Labels.Count(s.PastArticles, "article")} before); growth {Labels.Number(s.Growth)}.";

    public static string Gap(BreakingReport r) => r.Gap switch
    {
        BreakingGap.NoArticles => "No article matches these filters.",
        BreakingGap.NoDates => "None of the matching articles has a publication time, so nothing can be breaking.",
        BreakingGap.NothingGrowing => $"Nothing growing: {(r.StoriesChecked == 1 ? "1 story" : $"{Labels.Count(r.StoriesChecked)} stories")} had articles in the window, none gained " +
                                      $"{Labels.Count(r.MinNewArticles, "article")} and {Labels.Count(r.MinNewProviders, "provider")} beyond its own past pace.",
        _ => "",
    };
}
