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
    /// <summary>
    /// The most buckets a chart shows: a finer request is coarsened until it fits, and a range of more years than
    /// this keeps its latest years. A daily axis over 11 years drew 4,018 bars (700 KB of JSON); one article dated
    /// 9999-12-31 made the topics page 104,000 DOM nodes.
    /// </summary>
    public const int MaxBuckets = 400;

    private readonly int _firstDay;
    private readonly int[] _bucketOfDay;

    private TimeBuckets(TimeGranularity granularity, int firstDay, int[] bucketOfDay, DateOnly[] starts, string? message)
    {
        Granularity = granularity;
        Message = message;
        _firstDay = firstDay;
        _bucketOfDay = bucketOfDay;
        Starts = starts;
    }

    public TimeGranularity Granularity { get; }

    /// <summary>What the axis shows other than asked, for the chart to say: a coarser granularity, or only the latest years.</summary>
    public string? Message { get; }
    public DateOnly[] Starts { get; }
    public int Count => Starts.Length;

    /// <summary>The bucket of a day (days since 1970-01-01), or -1 outside the axis.</summary>
    public int BucketOf(int day)
    {
        var i = day - _firstDay;
        return (uint)i < (uint)_bucketOfDay.Length ? _bucketOfDay[i] : -1;
    }

    /// <summary>The selected articles per bucket; those outside the axis (or undated) are in none.</summary>
    public int[] CountsOf(ArticleSelection selection)
    {
        var edges = EdgesIn(selection);
        var counts = new int[Starts.Length];
        for (var b = 0; b < counts.Length; b++)
            counts[b] = edges[b] - edges[b + 1];
        return counts;
    }

    /// <summary>
    /// Where each bucket's rows lie in the selection: bucket b's are <c>Rows[edges[b + 1] .. edges[b])</c>. Rows are
    /// newest first, so each bucket's rows are a run, the latest bucket's first; binary searches find the runs' ends,
    /// and counting a bucket's articles needs no pass over them.
    /// </summary>
    public int[] EdgesIn(ArticleSelection selection)
    {
        var edges = new int[Starts.Length + 1];
        for (var b = 0; b < Starts.Length; b++)
            edges[b] = selection.FirstBefore(ArticleFacts.DayOf(Starts[b]));
        edges[Starts.Length] = selection.FirstBefore(_firstDay + _bucketOfDay.Length);
        return edges;
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
        return Create(first, last, granularity ?? AutoFor(first, last), asked: granularity is not null);
    }

    /// <param name="asked">Whether <paramref name="granularity"/> is the user's: only then does coarsening it need saying.</param>
    public static TimeBuckets Create(int firstDay, int lastDay, TimeGranularity granularity, bool asked = true)
    {
        if (lastDay < firstDay)
            (firstDay, lastDay) = (lastDay, firstDay);
        var requested = granularity;
        while (granularity < TimeGranularity.Year && CountOf(firstDay, lastDay, granularity) > MaxBuckets)
            granularity++;
        string? message = null;
        if (granularity != requested && asked)
            message = $"By {Name(requested)} this range would be {CountOf(firstDay, lastDay, requested):N0} bars, more than the {MaxBuckets} a chart shows; " +
                      $"shown by {Name(granularity)}.";
        if (CountOf(firstDay, lastDay, granularity) > MaxBuckets)
        {
            var lastYear = ArticleFacts.DateOf(lastDay).Year;
            var from = new DateOnly(lastYear - MaxBuckets + 1, 1, 1);
            message = $"This range spans {CountOf(firstDay, lastDay, granularity):N0} years, more than the {MaxBuckets} bars a chart shows; " +
                      $"shown by year from {from.Year} on (narrow the time range to see earlier years).";
            firstDay = ArticleFacts.DayOf(from);
        }
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
        return new TimeBuckets(granularity, axisStart, bucketOfDay, [.. starts], message);
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

    /// <summary>How many buckets of this granularity [first day, last day] overlaps.</summary>
    private static long CountOf(int firstDay, int lastDay, TimeGranularity granularity)
    {
        DateOnly first = ArticleFacts.DateOf(firstDay), last = ArticleFacts.DateOf(lastDay);
        return granularity switch
        {
            TimeGranularity.Day => lastDay - firstDay + 1L,
            TimeGranularity.Week => (StartOf(last, granularity).DayNumber - StartOf(first, granularity).DayNumber) / 7 + 1L,
            TimeGranularity.Month => (last.Year - first.Year) * 12L + last.Month - first.Month + 1,
            TimeGranularity.Quarter => (last.Year - first.Year) * 4L + (last.Month - 1) / 3 - (first.Month - 1) / 3 + 1,
            _ => last.Year - first.Year + 1L,
        };
    }

    /// <summary>"day", "week", ... as messages say it.</summary>
    private static string Name(TimeGranularity granularity) => granularity.ToString().ToLowerInvariant();

    /// <summary>Articles the selection holds without a (plausible) date: in the totals, on no time axis.</summary>
    public static int Undated(ArticleSelection selection) => selection.Count - selection.DatedCount;
}
