using AiNewsDashboard.Core.Queries;

namespace AiNewsDashboard.Core.Tests.Queries;

/// <summary>
/// The one measure of a change of a provider's quality, z = Δ / √(e₁² + e₂²), which Biggest movers and quality drift (and
/// so Slipping, drift's verdict) use (issue 13: "Slipping" was simply the lowest score, whether it had fallen or not).
/// </summary>
public sealed class QualityChangeTests
{
    private const int Precision = 9;

    [Fact]
    public void Sample_FromSums_IsTheMeanAndItsStandardError()
    {
        int[] qualities = [2, 4, 4, 4, 5, 5, 7, 9];

        var sample = QualitySample.From(qualities.Length, qualities.Sum(), qualities.Sum(q => (long)q * q))!;

        // Sample variance Σ(q − 5)² / 7 = 32 / 7; the error of the mean is √(32 / 7 / 8).
        Assert.Equal(8, sample.Count);
        Assert.Equal(5, sample.Mean, Precision);
        Assert.Equal(Math.Sqrt(32.0 / 7 / 8), sample.StandardError, Precision);
    }

    [Fact]
    public void Sample_OfOneArticle_HasNoErrorToMeasure()
    {
        Assert.Null(QualitySample.From(1, 70, 4900));
        Assert.Null(QualityChange.Between(QualitySample.From(1, 70, 4900), new QualitySample(10, 60, 2)));
    }

    [Theory]
    [InlineData(42, -1.6, false)] // Δ −8 against √(3² + 4²) = 5
    [InlineData(40, -2.0, true)]  // exactly two errors: slipping (≤ −2)
    [InlineData(30, -4.0, true)]
    [InlineData(60, 2.0, false)]  // a rise beyond noise is no decline
    public void Change_IsMeasuredInCombinedStandardErrors(double after, double z, bool slipping)
    {
        var change = new QualityChange(new QualitySample(20, 50, 3), new QualitySample(25, after, 4));

        Assert.Equal(after - 50, change.Change, Precision);
        Assert.Equal(5, change.Error, Precision);
        Assert.Equal(z, change.Z, Precision);
        Assert.Equal(slipping, change.IsDecline);
        Assert.Equal(Math.Abs(z) >= 2, change.IsBeyondNoise);
    }

    [Fact]
    public void Change_WithoutAnyScatter_IsCertainOrNone()
    {
        var before = new QualitySample(5, 60, 0);

        Assert.True(new QualityChange(before, new QualitySample(5, 59, 0)).IsDecline);
        Assert.False(new QualityChange(before, new QualitySample(5, 60, 0)).IsBeyondNoise);
    }

    [Fact]
    public void Threshold_IsTheUpperQuartileOfRatedCounts_WithinItsBounds()
    {
        // Non-zero counts 1, 2, 4, 5, 6, 8, 9, 40: the 75th percentile (nearest rank 6 of 8) is 8; zeros are considered, not counted.
        var t = ArticleThreshold.For([0, 0, 1, 2, 4, 5, 6, 8, 9, 40]);

        Assert.Equal(8, t.MinRated);
        Assert.Equal(10, t.Considered);
        Assert.Equal(7, t.LeftOut); // 0, 0, 1, 2, 4, 5, 6
    }

    [Fact]
    public void Threshold_AmongALongTail_StaysAtItsFloor_AndAmongBusyProvidersAtItsCeiling()
    {
        Assert.Equal(ArticleThreshold.Lowest, ArticleThreshold.For([1, 1, 1, 2, 783]).MinRated);
        Assert.Equal(1, ArticleThreshold.For([1, 1, 1, 2, 783]).Considered - ArticleThreshold.For([1, 1, 1, 2, 783]).LeftOut);
        Assert.Equal(ArticleThreshold.Highest, ArticleThreshold.For([300, 500, 700, 900]).MinRated);
        Assert.Equal(ArticleThreshold.Lowest, ArticleThreshold.For([0, 0]).MinRated);
    }
}
