namespace AiNewsDashboard.Core.Queries;

/// <summary>
/// A time range named relative to today, as the URL's <c>range</c> parameter carries it (its lower-case name, e.g.
/// <c>last30d</c>): a saved view keeps it, so it shows the newest 30 days whenever it is opened.
/// </summary>
public enum RelativeRange
{
    /// <summary>The 7 days up to and including the anchor day.</summary>
    Last7d,
    Last30d,
    Last90d,
    /// <summary>From 1 January of the anchor's year to the anchor day.</summary>
    ThisYear,
    /// <summary>From the first day of the anchor's quarter to the anchor day.</summary>
    ThisQuarter,
    /// <summary>The whole calendar quarter before the anchor's.</summary>
    LastQuarter,
}

public static class RelativeRanges
{
    /// <summary>The name the URL carries.</summary>
    public static string Name(RelativeRange range) => range.ToString().ToLowerInvariant();

    /// <summary>
    /// The day relative ranges count back from: today, or the data's last day when the data ends before today (an
    /// archive), so "last 30 days" shows the newest 30 days there are rather than an empty chart.
    /// </summary>
    public static DateOnly Anchor(DateOnly today, DataExtent? extent) => extent is { Last: var last } && last < today ? last : today;

    /// <summary>The first and last day (both inclusive) of <paramref name="range"/> counted from <paramref name="anchor"/>.</summary>
    public static (DateOnly From, DateOnly To) Resolve(RelativeRange range, DateOnly anchor)
    {
        var quarterStart = new DateOnly(anchor.Year, (anchor.Month - 1) / 3 * 3 + 1, 1);
        return range switch
        {
            RelativeRange.Last7d => (anchor.AddDays(-6), anchor),
            RelativeRange.Last30d => (anchor.AddDays(-29), anchor),
            RelativeRange.Last90d => (anchor.AddDays(-89), anchor),
            RelativeRange.ThisYear => (new DateOnly(anchor.Year, 1, 1), anchor),
            RelativeRange.ThisQuarter => (quarterStart, anchor),
            RelativeRange.LastQuarter => (quarterStart.AddMonths(-3), quarterStart.AddDays(-1)),
            _ => throw new ArgumentOutOfRangeException(nameof(range), range, null),
        };
    }
}
