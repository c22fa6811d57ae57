using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Web.Components.Charts;
using AiNewsDashboard.Web.Components.Pages;

namespace AiNewsDashboard.Web.Components.Compare;

/// <summary>How the comparison's timeline counts: matches, or matches as a share of each query's denominator.</summary>
public enum CompareView
{
    Counts,
    Share,
}

/// <summary>What the comparison's timeline draws: a line per query (in its colour) over the shared periods, in the chosen view.</summary>
public sealed record CompareDrawing(CompareView View, TimeGranularity Granularity, IReadOnlyList<ComparePeriod> Periods, IReadOnlyList<TimeSeries> Series)
{
    public static CompareDrawing Of(Comparison comparison, IReadOnlyList<CompareQuerySpec> specs, CompareView view) =>
        new(view, comparison.Granularity, comparison.Buckets, comparison.Queries.Select((q, i) => new TimeSeries(
            q.Name, specs[i].Color,
            q.Buckets.Select((b, k) => new TimePoint(comparison.Buckets[k].Start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                view == CompareView.Share ? b.Ratio ?? 0 : b.Matches)).ToArray())).ToArray());

    public TimeValueFormat Format => View == CompareView.Share ? TimeValueFormat.Percent : TimeValueFormat.Count;

    /// <summary>The last period's end, so the chart names the last bucket's full span.</summary>
    public DateOnly? End => Periods.Count == 0 ? null : Periods[^1].End;

    public string PeriodLabel(DateOnly start) => Labels.Period(start, Granularity);
}
