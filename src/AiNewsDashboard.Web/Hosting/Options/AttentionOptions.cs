using System.ComponentModel.DataAnnotations;
using AiNewsDashboard.Core.Signals;

namespace AiNewsDashboard.Web.Hosting;

/// <summary>
/// The <c>Attention</c> section: how quality-weighted attention and coverage gaps read the corpus (see
/// <see cref="AttentionSettings"/> for what each setting means; the defaults are its defaults).
/// </summary>
public sealed class AttentionOptions : ISettingsSection
{
    public static string Section => "Attention";

    [Range(0.0, 1.0, ErrorMessage = "must be a share from {1} to {2}")]
    public double MinCoverage { get; set; } = AttentionSettings.Default.MinCoverage;

    [Range(1, 1_000_000, ErrorMessage = "must be a number of articles from {1} to {2}")]
    public int MinRatedArticles { get; set; } = AttentionSettings.Default.MinRatedArticles;

    [Range(0.0, 1.0, ErrorMessage = "must be a quantile from {1} to {2}")]
    public double HighQualityQuantile { get; set; } = AttentionSettings.Default.HighQualityQuantile;

    [Range(1, 366, ErrorMessage = "must be a number of days from {1} to {2}")]
    public int WindowDays { get; set; } = AttentionSettings.Default.WindowDays;

    [Range(3, 100, ErrorMessage = "must be a number of windows from {1} to {2}")]
    public int BaselineWindows { get; set; } = AttentionSettings.Default.BaselineWindows;

    [Range(0.0, 1000.0, ErrorMessage = "must be a number of robust standard deviations from {1} to {2}")]
    public double MinSurge { get; set; } = AttentionSettings.Default.MinSurge;

    [Range(1, 1_000_000, ErrorMessage = "must be a number of articles from {1} to {2}")]
    public int MinArticles { get; set; } = AttentionSettings.Default.MinArticles;

    [Range(0.0, 1.0, ErrorMessage = "must be a fraction from {1} to {2}")]
    public double MaxShareRatio { get; set; } = AttentionSettings.Default.MaxShareRatio;

    public AttentionSettings ToSettings() => new()
    {
        MinCoverage = MinCoverage, MinRatedArticles = MinRatedArticles, HighQualityQuantile = HighQualityQuantile, WindowDays = WindowDays,
        BaselineWindows = BaselineWindows, MinSurge = MinSurge, MinArticles = MinArticles, MaxShareRatio = MaxShareRatio,
    };
}
