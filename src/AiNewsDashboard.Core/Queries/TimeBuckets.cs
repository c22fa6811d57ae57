namespace AiNewsDashboard.Core.Queries;

/// <summary>How long one bucket of a time axis is. Weeks are ISO weeks (Monday to Sunday).</summary>
public enum TimeGranularity
{
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

/// <summary>Period arithmetic for pages that turn a clicked period back into a date range.</summary>
public static class TimeGranularityExtensions
{
    /// <summary>The last day of the period of this granularity that starts on <paramref name="start"/>.</summary>
    public static DateOnly PeriodEnd(this TimeGranularity granularity, DateOnly start) => TimeBuckets.EndOf(start, granularity);
}

/// <summary>
/// A continuous time axis over [first day, last day]: every bucket that overlaps the range, empty or not, each starting
/// where its calendar period starts (a week on its Monday, even when the range starts on a Wednesday).
/// A day's bucket is one array lookup, whatever the granularity.
/// </summary>
internal sealed class TimeBuckets
{
    /// <summary>More buckets than any chart can show: a finer request is coarsened until it fits.</summary>
    public const int MaxBuckets = 5000;

    private readonly int _firstDay;
    private readonly int[] _bucketOfDay;

    private TimeBuckets(TimeGranularity granularity, int firstDay, int[] bucketOfDay, DateOnly[] starts)
    {
        Granularity = granularity;
        _firstDay = firstDay;
        _bucketOfDay = bucketOfDay;
        Starts = starts;
    }

    public TimeGranularity Granularity { get; }
    public DateOnly[] Starts { get; }
    public int Count => Starts.Length;

    /// <summary>The bucket of a day (days since 1970-01-01), or -1 outside the axis.</summary>
    public int BucketOf(int day)
    {
        var i = day - _firstDay;
        return (uint)i < (uint)_bucketOfDay.Length ? _bucketOfDay[i] : -1;
    }

    /// <summary>The last day of bucket <paramref name="bucket"/>.</summary>
    public DateOnly EndOf(int bucket) => bucket + 1 < Starts.Length ? Starts[bucket + 1].AddDays(-1) : EndOf(Starts[bucket], Granularity);

    /// <summary>
    /// The granularity a range of this many days reads best at: up to 60 days by day, up to a year (366 days) by week,
    /// up to five years (1,827 days) by month, longer by quarter.
    /// </summary>
    public static TimeGranularity AutoFor(int firstDay, int lastDay) => (lastDay - firstDay + 1) switch
    {
        <= 60 => TimeGranularity.Day,
        <= 366 => TimeGranularity.Week,
        <= 1827 => TimeGranularity.Month,
        _ => TimeGranularity.Quarter,
    };

    /// <summary>
    /// The axis for a filter: its date range where it has one, else the days of the matching articles; null when the
    /// range is open and no matching article has a date.
    /// </summary>
    public static TimeBuckets? ForFilter(DashboardFilter filter, ArticleSelection selection, TimeGranularity? granularity)
    {
        var hasData = selection.TryGetDayRange(out var dataFirst, out var dataLast);
        int first, last;
        if (filter.From is { } from)
            first = ArticleFacts.DayOf(from);
        else if (hasData)
            first = dataFirst;
        else if (filter.To is { } to)
            first = ArticleFacts.DayOf(to);
        else
            return null;
        last = filter.To is { } t ? ArticleFacts.DayOf(t) : hasData ? Math.Max(dataLast, first) : first;
        return Create(first, last, granularity ?? AutoFor(first, last));
    }

    public static TimeBuckets Create(int firstDay, int lastDay, TimeGranularity granularity)
    {
        if (lastDay < firstDay)
            (firstDay, lastDay) = (lastDay, firstDay);
        while (granularity < TimeGranularity.Year && Estimate(firstDay, lastDay, granularity) > MaxBuckets)
            granularity++;
        var axisStart = ArticleFacts.DayOf(StartOf(ArticleFacts.DateOf(firstDay), granularity));
        var axisEnd = ArticleFacts.DayOf(EndOf(StartOf(ArticleFacts.DateOf(lastDay), granularity), granularity));
        var bucketOfDay = new int[axisEnd - axisStart + 1];
        var starts = new List<DateOnly>();
        var current = DateOnly.MinValue;
        for (var day = axisStart; day <= axisEnd; day++)
        {
            var start = StartOf(ArticleFacts.DateOf(day), granularity);
            if (start != current)
            {
                starts.Add(start);
                current = start;
            }
            bucketOfDay[day - axisStart] = starts.Count - 1;
        }
        return new TimeBuckets(granularity, axisStart, bucketOfDay, [.. starts]);
    }

    public static DateOnly StartOf(DateOnly date, TimeGranularity granularity) => granularity switch
    {
        TimeGranularity.Day => date,
        TimeGranularity.Week => date.AddDays(-(((int)date.DayOfWeek + 6) % 7)),
        TimeGranularity.Month => new DateOnly(date.Year, date.Month, 1),
        TimeGranularity.Quarter => new DateOnly(date.Year, (date.Month - 1) / 3 * 3 + 1, 1),
        TimeGranularity.Year => new DateOnly(date.Year, 1, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(granularity)),
    };

    /// <summary>The last day of the period that starts on <paramref name="start"/>.</summary>
    public static DateOnly EndOf(DateOnly start, TimeGranularity granularity) => start.Year == DateOnly.MaxValue.Year ? DateOnly.MaxValue : granularity switch
    {
        TimeGranularity.Day => start,
        TimeGranularity.Week => start.AddDays(6),
        TimeGranularity.Month => start.AddMonths(1).AddDays(-1),
        TimeGranularity.Quarter => start.AddMonths(3).AddDays(-1),
        _ => start.AddYears(1).AddDays(-1),
    };

    private static long Estimate(int firstDay, int lastDay, TimeGranularity granularity) => (lastDay - firstDay + 1L) / granularity switch
    {
        TimeGranularity.Day => 1,
        TimeGranularity.Week => 7,
        TimeGranularity.Month => 28,
        TimeGranularity.Quarter => 90,
        _ => 365,
    };
}
