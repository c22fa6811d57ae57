namespace AiNewsDashboard.Core.Queries;

/// <summary>How <see cref="PeakDetector"/> judges a bucket against its neighbourhood.</summary>
/// <param name="Neighbours">How many other buckets a bucket is compared with: half before it, half after, the window shifted
/// inwards at the ends of the axis so it keeps its size. A burst wider than half of this is a plateau, not a peak.</param>
/// <param name="Threshold">How many robust standard deviations above the neighbourhood's median a peak stands.</param>
/// <param name="MinCount">A peak holds at least this many articles: a jump from 0 to 3 is noise, however rare.</param>
/// <param name="MinRatio">A peak holds at least this many times its baseline. News counts vary more than chance alone
/// would make them: on real data a 50-article quarter among quarters of about 30 passed the statistical test, yet reads
/// as an ordinary quarter, not a burst.</param>
/// <param name="MinBuckets">A chart with fewer buckets has no peaks: too few neighbours to tell what is usual.</param>
/// <param name="MaxPeaks">The most peaks marked; the ones that stand out most (by robust z-score) are kept.</param>
public sealed record PeakOptions(int Neighbours = 10, double Threshold = 3, int MinCount = 10, double MinRatio = 2, int MinBuckets = 5, int MaxPeaks = 5)
{
    public static PeakOptions Default { get; } = new();
}

/// <summary>A bucket that stands out from its neighbourhood.</summary>
/// <param name="Index">The bucket's position on the axis.</param>
/// <param name="Baseline">The median of its neighbours' counts: what would be usual here.</param>
/// <param name="Spread">The robust standard deviation used: 1.4826 × MAD of the neighbours, at least √baseline (and 1),
/// the noise of a count that size.</param>
/// <param name="Score">How many spreads the count stands above the baseline.</param>
public sealed record Peak(int Index, int Count, double Baseline, double Spread, double Score);

/// <summary>
/// Finds the buckets of a time series whose count stands out statistically from the buckets around it: above the
/// neighbourhood's median by more than <see cref="PeakOptions.Threshold"/> robust standard deviations (the median absolute
/// deviation scaled by 1.4826, so it matches the standard deviation on normal data, and never below the Poisson noise
/// √median of a count), at least <see cref="PeakOptions.MinRatio"/> times that median, and at least
/// <see cref="PeakOptions.MinCount"/> articles. The bucket itself is left out of its
/// neighbourhood, so one spike cannot raise its own bar. Median and MAD ignore a few outliers among the neighbours, so
/// two dense quarters side by side are both peaks, and a quiet year of 50-article quarters has none.
/// </summary>
public static class PeakDetector
{
    /// <summary>Scales the median absolute deviation to the standard deviation of a normal distribution.</summary>
    public const double MadScale = 1.4826;

    /// <summary>The peaks of <paramref name="counts"/>, the strongest first (by score, then count, then position).</summary>
    public static IReadOnlyList<Peak> Find(IReadOnlyList<int> counts, PeakOptions? options = null)
    {
        options ??= PeakOptions.Default;
        var n = counts.Count;
        if (n < Math.Max(2, options.MinBuckets))
            return [];
        var size = Math.Min(Math.Max(2, options.Neighbours), n - 1);
        var window = new double[size];
        var deviations = new double[size];
        var peaks = new List<Peak>();
        for (var i = 0; i < n; i++)
        {
            var count = counts[i];
            if (count < options.MinCount)
                continue;
            // The neighbours: size / 2 before, the rest after, shifted inwards at either end of the axis.
            var start = Math.Clamp(i - size / 2, 0, n - 1 - size);
            var k = 0;
            for (var j = start; k < size; j++)
                if (j != i)
                    window[k++] = counts[j];
            var median = Median(window);
            for (var m = 0; m < size; m++)
                deviations[m] = Math.Abs(window[m] - median);
            var spread = Math.Max(MadScale * Median(deviations), Math.Sqrt(Math.Max(1, median)));
            var score = (count - median) / spread;
            if (score > options.Threshold && count >= options.MinRatio * median)
                peaks.Add(new Peak(i, count, median, spread, score));
        }
        return peaks.OrderByDescending(p => p.Score).ThenByDescending(p => p.Count).ThenBy(p => p.Index)
            .Take(Math.Max(0, options.MaxPeaks)).ToArray();
    }

    /// <summary>The median; sorts <paramref name="values"/> in place.</summary>
    private static double Median(double[] values)
    {
        Array.Sort(values);
        var mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
