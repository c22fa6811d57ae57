using System.Globalization;
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

/// <summary>A point of a query's line: a period's start and its value (a count, or a share from 0 to 1).</summary>
public sealed record ComparePoint(DateTime Start, double Value);

/// <summary>One query's line over the periods: the shape of a time chart's series (name, colour, points).</summary>
public sealed record CompareSeries(string Name, string Color, IReadOnlyList<ComparePoint> Points);

/// <summary>What the comparison's timeline draws: a series per query over the shared periods, in the chosen view.</summary>
public sealed record CompareDrawing(CompareView View, TimeGranularity Granularity, IReadOnlyList<ComparePeriod> Periods, IReadOnlyList<CompareSeries> Series)
{
    public static CompareDrawing Of(Comparison comparison, IReadOnlyList<CompareQuerySpec> specs, CompareView view) =>
        new(view, comparison.Granularity, comparison.Buckets, comparison.Queries.Select((q, i) => new CompareSeries(
            q.Name, specs[i].Color,
            q.Buckets.Select((b, k) => new ComparePoint(comparison.Buckets[k].Start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                view == CompareView.Share ? b.Ratio ?? 0 : b.Matches)).ToArray())).ToArray());

    /// <summary>The series as the bar chart's lines take them: a bar per period, a value per query.</summary>
    public IReadOnlyList<ChartBar> Bars => Periods.Select((p, k) => new ChartBar(Labels.Date(p.Start), Labels.Period(p.Start, Granularity),
        Series.Select(s => s.Points[k].Value).ToArray())).ToArray();

    public Func<double, string>? ValueFormat => View == CompareView.Share ? v => v.ToString(v is > 0 and < 0.1 ? "0.0%" : "0%", CultureInfo.InvariantCulture) : null;
}
