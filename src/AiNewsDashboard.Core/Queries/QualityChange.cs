namespace AiNewsDashboard.Core.Queries;

/// <summary>
/// One provider's mean quality over one period, with the standard error of that mean: s / √n, where s is the sample
/// standard deviation of the <paramref name="Count"/> rated articles.
/// </summary>
public sealed record QualitySample(int Count, double Mean, double StandardError)
{
    /// <summary>
    /// From the count, sum and sum of squares of the qualities; null below two rated articles, where the scatter (and so
    /// the error) can't be estimated.
    /// </summary>
    public static QualitySample? From(int count, long sum, long sumOfSquares)
    {
        if (count < 2)
            return null;
        var mean = (double)sum / count;
        var variance = Math.Max(0, (sumOfSquares - count * mean * mean) / (count - 1));
        return new QualitySample(count, mean, Math.Sqrt(variance / count));
    }
}

/// <summary>
/// The one definition of a change in a provider's quality between two periods, measured against its uncertainty:
/// z = Δ / √(e₁² + e₂²), Δ the change of the mean quality and e₁, e₂ the standard errors of the two means. A change counts
/// (<see cref="IsBeyondNoise"/>) when |z| ≥ <see cref="Threshold"/>, and the quality <see cref="IsDecline">falls</see>
/// when z ≤ −<see cref="Threshold"/>: "Biggest movers" compares two fixed periods with it. Quality drift
/// (<see cref="Signals.QualityDriftDetector"/>) tests its change points with the same z against a higher bar, since it
/// searches over dates, and the Providers page's "Slipping" is drift's verdict, so the app never has two meanings of
/// "slipping".
/// </summary>
public sealed record QualityChange(QualitySample Before, QualitySample After)
{
    /// <summary>How many combined standard errors a change must reach to count: two, about 95% two-sided.</summary>
    public const double Threshold = 2;

    /// <summary>Δ: the mean quality after minus before.</summary>
    public double Change => After.Mean - Before.Mean;

    /// <summary>√(e₁² + e₂²): the standard error of <see cref="Change"/>.</summary>
    public double Error => Math.Sqrt(Before.StandardError * Before.StandardError + After.StandardError * After.StandardError);

    /// <summary>
    /// Δ / √(e₁² + e₂²). When neither period scatters at all (every quality equal) the error is zero: any change is then
    /// infinitely many errors (a certain change), no change is zero.
    /// </summary>
    public double Z => Error > 0 ? Change / Error : Change == 0 ? 0 : Change > 0 ? double.PositiveInfinity : double.NegativeInfinity;

    /// <summary>The quality fell by at least <see cref="Threshold"/> combined standard errors.</summary>
    public bool IsDecline => Z <= -Threshold;

    /// <summary>The change, up or down, is at least <see cref="Threshold"/> combined standard errors.</summary>
    public bool IsBeyondNoise => Math.Abs(Z) >= Threshold;

    /// <summary>The change between two periods, or null when either has too few rated articles to measure its error.</summary>
    public static QualityChange? Between(QualitySample? before, QualitySample? after) =>
        before is null || after is null ? null : new QualityChange(before, after);
}

/// <summary>
/// The fewest rated articles a provider needs to be ranked in the managers' summary, adapted to the data:
/// the <see cref="Quantile"/> quantile of the rated-article counts of the providers that have any, kept within
/// [<see cref="Lowest"/>, <see cref="Highest"/>]. Among thousands of outlets with one or two articles each it stays low
/// enough to rank someone; among forty busy outlets it rises so a provider's handful can't decide its rank.
/// <paramref name="Considered"/> providers had matching articles, <paramref name="LeftOut"/> of them fewer rated
/// articles than <paramref name="MinRated"/>.
/// </summary>
public sealed record ArticleThreshold(int MinRated, int Considered, int LeftOut)
{
    public const double Quantile = 0.75;

    /// <summary>Three is the fewest rated articles whose scatter says anything about the error of their mean.</summary>
    public const int Lowest = 3;

    public const int Highest = 30;

    /// <summary>
    /// From each considered provider's rated-article count (zero included: a provider with articles but no quality is
    /// considered and left out). The quantile is over the non-zero counts: a corpus mostly unscored doesn't push it down.
    /// </summary>
    public static ArticleThreshold For(IReadOnlyCollection<int> ratedCounts)
    {
        var rated = ratedCounts.Where(c => c > 0).Order().ToArray();
        var min = Lowest;
        if (rated.Length > 0)
        {
            // The nearest-rank quantile: the smallest count with at least that share of counts at or below it.
            var q = rated[Math.Clamp((int)Math.Ceiling(Quantile * rated.Length) - 1, 0, rated.Length - 1)];
            min = Math.Clamp(q, Lowest, Highest);
        }
        return new ArticleThreshold(min, ratedCounts.Count, ratedCounts.Count(c => c < min));
    }
}
