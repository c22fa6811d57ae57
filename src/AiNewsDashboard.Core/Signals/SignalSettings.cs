using System.ComponentModel.DataAnnotations;

namespace AiNewsDashboard.Core.Signals;

/// <summary>
/// The thresholds of the signals (the <c>Signals</c> settings section binds them; the defaults are written here only).
/// A quality change is measured by <see cref="Queries.QualityChange"/> (z = Δ / √(e₁² + e₂²)); the Providers page's
/// Slipping is drift's verdict, so these thresholds decide both.
/// </summary>
public class SignalSettings
{
    /// <summary>Fewest scored articles on each side of a change point: below it a provider's drift is not tested.</summary>
    [Range(3, 100_000, ErrorMessage = "must be a number of scored articles from {1} to {2}")]
    public int DriftMinScoredPerSide { get; set; } = 20;

    /// <summary>Fewest weeks with scored articles on each side of a change point.</summary>
    [Range(1, 520, ErrorMessage = "must be a number of weeks from {1} to {2}")]
    public int DriftMinWeeksPerSide { get; set; } = 4;

    /// <summary>
    /// Share of the matching articles that must carry a quality score (0–1) before drift is looked for at all: below it
    /// the section says how few are scored and stays silent.
    /// </summary>
    [Range(0.0, 1.0, ErrorMessage = "must be a share from {1} to {2}")]
    public double DriftMinCoverage { get; set; } = 0.05;

    /// <summary>
    /// How many combined standard errors a change found by searching over dates must reach. Testing every possible date
    /// finds a "change" of two errors in pure noise often (in 28 of 200 noise series in the tests), so the search needs a
    /// higher bar than two fixed periods compared once (Biggest movers' two); it is the same statistic (<see cref="Queries.QualityChange.Z"/>).
    /// </summary>
    [Range(2.0, 20.0, ErrorMessage = "must be a number of standard errors from {1} to {2}")]
    public double DriftMinZ { get; set; } = 4;

    /// <summary>The breaking-story window in hours, ending at the latest matching article.</summary>
    [Range(1, 24 * 30, ErrorMessage = "must be a number of hours from {1} to {2}")]
    public int BreakingWindowHours { get; set; } = 24;

    /// <summary>Fewest articles a story must gain in the window to be breaking.</summary>
    [Range(1, 100_000, ErrorMessage = "must be a number of articles from {1} to {2}")]
    public int BreakingMinNewArticles { get; set; } = 3;

    /// <summary>Fewest providers a story must gain in the window (first reports in it) to be breaking.</summary>
    [Range(1, 10_000, ErrorMessage = "must be a number of providers from {1} to {2}")]
    public int BreakingMinNewProviders { get; set; } = 3;

    /// <summary>How many breaking stories are listed.</summary>
    [Range(1, 1000, ErrorMessage = "must be a number of stories from {1} to {2}")]
    public int BreakingTop { get; set; } = 10;
}
