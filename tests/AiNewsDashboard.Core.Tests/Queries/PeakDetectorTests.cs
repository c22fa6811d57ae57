using AiNewsDashboard.Core.Queries;

namespace AiNewsDashboard.Core.Tests.Queries;

// Guards: the timeline marked its three largest buckets as peaks, whatever they held: on real data a 50-article quarter
// among 40-article quarters, and every bar of a 3-bar chart.
public sealed class PeakDetectorTests
{
    private static int[] Indices(IReadOnlyList<Peak> peaks) => peaks.Select(p => p.Index).Order().ToArray();

    [Fact]
    public void Find_SpikeInThinData_IsThePeak()
    {
        int[] counts = [0, 1, 0, 2, 0, 1, 14, 0, 1, 0, 0, 2];

        var peak = Assert.Single(PeakDetector.Find(counts));

        Assert.Equal(6, peak.Index);
        Assert.Equal(14, peak.Count);
        Assert.True(peak.Score > PeakOptions.Default.Threshold);
    }

    [Fact]
    public void Find_SmallSpikeInThinData_IsNoPeak()
    {
        // 4 articles where there are usually none is rare, but too few to call a peak.
        int[] counts = [0, 1, 0, 0, 0, 1, 4, 0, 1, 0, 0, 0];

        Assert.Empty(PeakDetector.Find(counts));
    }

    [Fact]
    public void Find_FlatData_HasNoPeaks()
    {
        Assert.Empty(PeakDetector.Find(Enumerable.Repeat(120, 30).ToArray()));
    }

    [Fact]
    public void Find_NoisyButSteadyData_HasNoPeaks()
    {
        int[] counts = [40, 46, 35, 50, 38, 44, 41, 33, 47, 39, 42, 36, 45, 40, 37, 48];

        Assert.Empty(PeakDetector.Find(counts));
    }

    [Theory]
    [InlineData(new[] { 10, 500, 12 })]
    [InlineData(new[] { 300, 200, 100 })]
    [InlineData(new[] { 100, 100, 100, 5000 })]
    public void Find_FewerBucketsThanTheMinimum_HasNoPeaks(int[] counts)
    {
        Assert.Empty(PeakDetector.Find(counts));
    }

    [Fact]
    public void Find_AllZero_HasNoPeaks()
    {
        Assert.Empty(PeakDetector.Find(new int[40]));
    }

    [Fact]
    public void Find_Empty_HasNoPeaks()
    {
        Assert.Empty(PeakDetector.Find([]));
    }

    [Fact]
    public void Find_RealShapeOneDenseSpringThenThinYears_MarksTheSpringOnly()
    {
        // By quarter from 2014 Q1, as the real-shaped corpus (5,000 articles) has them: the spring of 2014 holds most
        // articles, then 2015-2022 a few dozen a quarter. The 50-article quarter (2020 Q3, index 26) was marked as a peak.
        int[] counts =
        [
            1101, 2948, 0, 0, 44, 27, 24, 21, 37, 42, 27, 14, 23, 42, 32, 30, 22, 46, 26, 21, 41, 41, 16, 41, 30, 29, 50, 30, 25, 26, 23,
            31, 14, 36, 37,
        ];

        var peaks = PeakDetector.Find(counts);

        Assert.Equal([0, 1], Indices(peaks));
        Assert.Equal(1, peaks[0].Index); // the stronger first
    }

    [Fact]
    public void Find_StatisticallyRareButLessThanTwiceTheUsual_IsNoPeak()
    {
        // 50 among quarters of about 30 is more than 3 robust deviations out, but not a burst.
        int[] counts = [30, 29, 31, 30, 28, 50, 30, 29, 31, 30, 30];

        Assert.Empty(PeakDetector.Find(counts));
        Assert.Equal([5], Indices(PeakDetector.Find(counts, PeakOptions.Default with { MinRatio = 1 })));
    }

    [Fact]
    public void Find_SpikeInTheMiddleOfALongSeries_ComparesWithItsNeighboursNotTheWholeSeries()
    {
        // A busy first half and a quiet second half: 60 is ordinary among the busy buckets, a peak among the quiet ones.
        var counts = Enumerable.Repeat(60, 20).Concat(Enumerable.Repeat(5, 20)).ToArray();
        counts[30] = 60;

        Assert.Equal([30], Indices(PeakDetector.Find(counts)));
    }

    [Fact]
    public void Find_MoreCandidatesThanAllowed_KeepsTheStrongest()
    {
        var counts = Enumerable.Repeat(2, 60).ToArray();
        counts[5] = 20;
        counts[15] = 40;
        counts[25] = 30;
        counts[35] = 80;

        var peaks = PeakDetector.Find(counts, PeakOptions.Default with { MaxPeaks = 2 });

        Assert.Equal([35, 15], peaks.Select(p => p.Index));
    }
}
