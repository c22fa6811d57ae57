using System.Text.Json.Serialization;
using AiNewsDashboard.Core.Queries;

namespace AiNewsDashboard.Core.Signals;

/// <summary>A provider's quality changed from <see cref="DriftPoint.Date"/> on; <paramref name="IsCurrent"/> when it is its latest change.</summary>
public sealed record ProviderDrift(string Domain, string Name, DriftPoint Point, bool IsCurrent)
{
    public QualityChange Quality => Point.Quality;
    public DateOnly Date => Point.Date;
    public bool IsDecline => Point.Quality.Change < 0;
}

/// <summary>
/// Quality drift over the matching articles: <paramref name="ScoredArticles"/> of <paramref name="Articles"/> carry a
/// quality score (the coverage), <paramref name="ProvidersChecked"/> providers had enough of them to be tested, and
/// <paramref name="Drifts"/> lists every change point found, the providers' current ones first (clearest first).
/// <paramref name="Gap"/> says why the list is empty (<see cref="DriftGap.None"/> when it isn't).
/// </summary>
public sealed record DriftReport(int Articles, int ScoredArticles, int ProvidersChecked, DriftGap Gap, IReadOnlyList<ProviderDrift> Drifts,
    int MinScoredPerSide, double MinCoverage, double MinZ)
{
    /// <summary>The share of matching articles with a quality score.</summary>
    public double Coverage => Articles == 0 ? 0 : (double)ScoredArticles / Articles;

    public IEnumerable<ProviderDrift> Current => Drifts.Where(d => d.IsCurrent);
}

/// <summary>Why the drift list is empty.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DriftGap>))]
public enum DriftGap
{
    None,
    /// <summary>No article matches the filter.</summary>
    NoArticles,
    /// <summary>Articles match, none has a quality score.</summary>
    NoQualityScores,
    /// <summary>Too small a share of the matching articles has a quality score (below <see cref="SignalSettings.DriftMinCoverage"/>).</summary>
    LowCoverage,
    /// <summary>No provider has enough scored articles to test a change (twice <see cref="SignalSettings.DriftMinScoredPerSide"/>).</summary>
    TooFewScored,
    /// <summary>Providers were tested and none changed by more than its uncertainty.</summary>
    NoDrift,
}
