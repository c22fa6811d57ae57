using AiNewsDashboard.Core.Queries;

namespace AiNewsDashboard.Web.Components.Filters;

/// <summary>
/// The date presets of the one time control. Each relative one writes <c>range=</c> to the URL (a <see cref="RelativeRange"/>),
/// so a kept link or saved view rolls forward; Custom writes dates.
/// </summary>
public enum DateRangePreset { All, Last7Days, Last30Days, Last90Days, ThisQuarter, LastQuarter, ThisYear, Custom }

public static class DateRangePresets
{
    public static string Label(DateRangePreset p) => Label(p, ofData: false);

    /// <summary>A preset's name; <paramref name="ofData"/> when it counts back from the data's last day rather than today.</summary>
    public static string Label(DateRangePreset p, bool ofData) => p switch
    {
        DateRangePreset.All => "All time",
        DateRangePreset.Last7Days => ofData ? "Last 7 days of data" : "Last 7 days",
        DateRangePreset.Last30Days => ofData ? "Last 30 days of data" : "Last 30 days",
        DateRangePreset.Last90Days => ofData ? "Last 90 days of data" : "Last 90 days",
        DateRangePreset.ThisQuarter => ofData ? "Latest quarter of data" : "This quarter",
        DateRangePreset.LastQuarter => ofData ? "Quarter before the latest" : "Last quarter",
        DateRangePreset.ThisYear => ofData ? "Latest year of data" : "This year",
        _ => "Custom range",
    };

    /// <summary>The day the relative presets count back from (<see cref="RelativeRanges.Anchor"/>).</summary>
    public static DateOnly Anchor(DateOnly today, DataExtent? extent) => RelativeRanges.Anchor(today, extent);

    /// <summary>The relative range a preset stands for; null for All and Custom.</summary>
    public static RelativeRange? RangeOf(DateRangePreset p) => p switch
    {
        DateRangePreset.Last7Days => RelativeRange.Last7d,
        DateRangePreset.Last30Days => RelativeRange.Last30d,
        DateRangePreset.Last90Days => RelativeRange.Last90d,
        DateRangePreset.ThisQuarter => RelativeRange.ThisQuarter,
        DateRangePreset.LastQuarter => RelativeRange.LastQuarter,
        DateRangePreset.ThisYear => RelativeRange.ThisYear,
        _ => null,
    };

    /// <summary>Applies a preset: its relative range counted from <paramref name="anchor"/>, kept relative in the URL.</summary>
    public static DashboardFilter Apply(DashboardFilter f, DateRangePreset preset, DateOnly anchor) => preset switch
    {
        DateRangePreset.All => f with { From = null, To = null },
        _ when RangeOf(preset) is { } range => f.WithRange(range, anchor),
        _ => f,
    };

    /// <summary>
    /// Which preset a filter corresponds to, so the control shows it after a reload: its relative range, or (a link from
    /// before ranges were relative) dates that equal a preset's.
    /// </summary>
    public static DateRangePreset Detect(DashboardFilter f, DateOnly anchor)
    {
        if (f.Range is { } range)
            return Enum.GetValues<DateRangePreset>().First(p => RangeOf(p) == range);
        if (f.From is null && f.To is null)
            return DateRangePreset.All;
        foreach (var p in Enum.GetValues<DateRangePreset>().Where(p => RangeOf(p) is not null))
        {
            var (from, to) = RelativeRanges.Resolve(RangeOf(p)!.Value, anchor);
            if (from == f.From && to == f.To)
                return p;
        }
        return DateRangePreset.Custom;
    }
}
