using AiNewsDashboard.Core.Queries;
using Perfolizer.Mathematics.Cpd;

namespace AiNewsDashboard.Core.Signals;

/// <summary>One week of a provider's scored articles: how many, and the sum and sum of squares of their quality.</summary>
/// <param name="Week">Weeks since the Monday 1969-12-29, so week w starts on <see cref="QualityDriftDetector.StartOf"/>(w).</param>
public readonly record struct WeekTally(int Week, int Count, long Sum, long SumOfSquares)
{
    /// <summary>This week's tally with <paramref name="more"/> of the same week's added.</summary>
    public WeekTally Plus(WeekTally more) => this with { Count = Count + more.Count, Sum = Sum + more.Sum, SumOfSquares = SumOfSquares + more.SumOfSquares };
}

/// <summary>
/// A change of a provider's mean quality from the week of <paramref name="Date"/> on: <paramref name="Quality"/> compares
/// the scored articles from <paramref name="BeforeFrom"/> up to that week with those from it to <paramref name="AfterTo"/>
/// (the neighbouring change points or the ends of the data).
/// </summary>
public sealed record DriftPoint(DateOnly Date, QualityChange Quality, DateOnly BeforeFrom, DateOnly AfterTo);

/// <summary>
/// Finds the dates where one provider's quality changed, and only those that are real: CUSUM on the weekly mean
/// quality proposes candidates (binary segmentation: the split where the cumulative deviation from the mean peaks,
/// then again on each side), ED-PELT (Perfolizer) confirms a candidate and dates it when it finds a change point within
/// <see cref="Tolerance"/> weeks, and every confirmed point must then hold against its neighbours: at least
/// <see cref="SignalSettings.DriftMinScoredPerSide"/> scored articles and <see cref="SignalSettings.DriftMinWeeksPerSide"/>
/// weeks on each side, and a change of mean quality of at least <see cref="SignalSettings.DriftMinZ"/> combined standard
/// errors (<see cref="QualityChange.Z"/>, the test Slipping uses). Noise and thin data so stay silent.
/// </summary>
public static class QualityDriftDetector
{
    /// <summary>How many weeks a CUSUM candidate and an ED-PELT change point may lie apart and still be one change.</summary>
    public const int Tolerance = 2;

    /// <summary>Day 0 (1970-01-01) is a Thursday: week 0 starts on Monday 1969-12-29.</summary>
    public static int WeekOfDay(int day) => day >= -3 ? (day + 3) / 7 : (day - 3) / 7;

    public static DateOnly StartOf(int week) => DateOnly.FromDayNumber(new DateOnly(1970, 1, 1).DayNumber + week * 7 - 3);

    /// <summary>The change points of one provider's weekly tallies (oldest week first, weeks without scored articles left out), oldest first.</summary>
    public static IReadOnlyList<DriftPoint> Detect(IReadOnlyList<WeekTally> weeks, SignalSettings settings)
    {
        var n = weeks.Count;
        var minWeeks = settings.DriftMinWeeksPerSide;
        if (n < 2 * minWeeks || weeks.Sum(w => (long)w.Count) < 2L * settings.DriftMinScoredPerSide)
            return [];
        var count = new long[n + 1];
        var sum = new long[n + 1];
        var squares = new long[n + 1];
        var means = new double[n];
        for (var i = 0; i < n; i++)
        {
            count[i + 1] = count[i] + weeks[i].Count;
            sum[i + 1] = sum[i] + weeks[i].Sum;
            squares[i + 1] = squares[i] + weeks[i].SumOfSquares;
            means[i] = (double)weeks[i].Sum / weeks[i].Count;
        }

        QualityChange? Between(int a, int k, int b) =>
            k - a < minWeeks || b - k < minWeeks ? null
            : Sample(a, k) is { } before && Sample(k, b) is { } after && before.Count >= settings.DriftMinScoredPerSide
              && after.Count >= settings.DriftMinScoredPerSide ? new QualityChange(before, after) : null;
        QualitySample? Sample(int a, int b) => QualitySample.From((int)(count[b] - count[a]), sum[b] - sum[a], squares[b] - squares[a]);
        bool Holds(QualityChange? change) => change is not null && Math.Abs(change.Z) >= settings.DriftMinZ;

        // CUSUM candidates, by binary segmentation.
        var candidates = new List<int>();
        var segments = new Stack<(int A, int B)>();
        segments.Push((0, n));
        while (segments.Count > 0)
        {
            var (a, b) = segments.Pop();
            if (b - a < 2 * minWeeks)
                continue;
            var mean = 0.0;
            for (var i = a; i < b; i++)
                mean += means[i];
            mean /= b - a;
            double cusum = 0, peak = -1;
            var split = -1;
            for (var k = a + 1; k < b; k++)
            {
                cusum += means[k - 1] - mean;
                if (k - a >= minWeeks && b - k >= minWeeks && Math.Abs(cusum) > peak)
                    (peak, split) = (Math.Abs(cusum), k);
            }
            if (split < 0 || !Holds(Between(a, split, b)))
                continue;
            candidates.Add(split);
            segments.Push((a, split));
            segments.Push((split, b));
        }
        if (candidates.Count == 0)
            return [];

        // ED-PELT confirms and dates them.
        var confirmed = new SortedSet<int>();
        // Perfolizer names the last index of the old segment; the change starts at the next week.
        var pelt = EdPeltChangePointDetector.Instance.GetChangePointIndexes(means, minWeeks).Select(e => e + 1).ToArray();
        foreach (var k in candidates)
        {
            var nearest = pelt.Where(e => Math.Abs(e - k) <= Tolerance).OrderBy(e => Math.Abs(e - k)).ThenBy(e => e).Cast<int?>().FirstOrDefault();
            if (nearest is { } e && e > 0 && e < n)
                confirmed.Add(e);
        }

        // Each must hold against its neighbours; drop the weakest that doesn't until all do.
        var points = confirmed.ToList();
        while (true)
        {
            var changes = points.Select((k, i) => Between(i == 0 ? 0 : points[i - 1], k, i == points.Count - 1 ? n : points[i + 1])).ToList();
            var weakest = -1;
            for (var i = 0; i < points.Count; i++)
                if (!Holds(changes[i]) && (weakest < 0 || Math.Abs(changes[i]?.Z ?? 0) < Math.Abs(changes[weakest]?.Z ?? 0)))
                    weakest = i;
            if (weakest < 0)
                return points.Select((k, i) => new DriftPoint(StartOf(weeks[k].Week), changes[i]!,
                    StartOf(weeks[i == 0 ? 0 : points[i - 1]].Week), StartOf(weeks[(i == points.Count - 1 ? n : points[i + 1]) - 1].Week).AddDays(6))).ToList();
            points.RemoveAt(weakest);
        }
    }
}
