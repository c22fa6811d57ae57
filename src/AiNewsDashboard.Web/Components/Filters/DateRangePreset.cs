using AiNewsDashboard.Core.Queries;

namespace AiNewsDashboard.Web.Components.Filters;

/// <summary>The date presets of the one time control: each resolves to explicit from/to dates in the URL.</summary>
public enum DateRangePreset { All, Last7Days, Last30Days, Last90Days, ThisYear, Custom }

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
        DateRangePreset.ThisYear => ofData ? "Latest year of data" : "This year",
        _ => "Custom range",
    };

    /// <summary>
    /// The day the relative presets count back from: today, or the data's last day when the data ends before today (an
    /// archive), so "last 30 days" shows the newest 30 days there are rather than an empty chart.
    /// </summary>
    public static DateOnly Anchor(DateOnly today, DataExtent? extent) => extent is { Last: var last } && last < today ? last : today;

    /// <summary>Applies a preset relative to <paramref name="today"/> (UTC).</summary>
    public static DashboardFilter Apply(DashboardFilter f, DateRangePreset preset, DateOnly today) => preset switch
    {
        DateRangePreset.All => f with { From = null, To = null },
        DateRangePreset.Last7Days => f with { From = today.AddDays(-6), To = today },
        DateRangePreset.Last30Days => f with { From = today.AddDays(-29), To = today },
        DateRangePreset.Last90Days => f with { From = today.AddDays(-89), To = today },
        DateRangePreset.ThisYear => f with { From = new DateOnly(today.Year, 1, 1), To = today },
        _ => f,
    };

    /// <summary>Which preset a filter's dates correspond to, so the control shows it after a reload.</summary>
    public static DateRangePreset Detect(DashboardFilter f, DateOnly today)
    {
        if (f.From is null && f.To is null)
            return DateRangePreset.All;
        foreach (var p in new[] { DateRangePreset.Last7Days, DateRangePreset.Last30Days, DateRangePreset.Last90Days, DateRangePreset.ThisYear })
        {
            var applied = Apply(f, p, today);
            if (applied.From == f.From && applied.To == f.To)
                return p;
        }
        return DateRangePreset.Custom;
    }
}
