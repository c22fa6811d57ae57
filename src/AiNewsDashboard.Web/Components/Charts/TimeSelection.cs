using AiNewsDashboard.Core.Queries;

namespace AiNewsDashboard.Web.Components.Charts;

/// <summary>A range chosen on a time chart (a drag, the overview strip, a zoom-out) as the filter's from/to.</summary>
public static class TimeSelection
{
    /// <summary>
    /// The filter narrowed (or widened) to the range. An end that reaches the data's own first or last day is left open,
    /// so "all dates" clears the range rather than pinning today's extent into the URL.
    /// </summary>
    public static DashboardFilter Apply(DashboardFilter filter, (DateOnly From, DateOnly To) range, DateOnly? first = null, DateOnly? last = null) =>
        filter with
        {
            From = first is { } f && range.From <= f ? null : range.From,
            To = last is { } l && range.To >= l ? null : range.To,
        };
}
