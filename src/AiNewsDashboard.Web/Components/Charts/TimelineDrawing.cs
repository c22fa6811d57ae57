using System.Globalization;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Web.Components.Filters;
using AiNewsDashboard.Web.Components.Pages;

namespace AiNewsDashboard.Web.Components.Charts;

/// <summary>
/// A timeline as a chart draws it in one view: the bars (counts, or shares in the share view), the series' names, and
/// the peaks found in Core, numbered ▲1, ▲2… strongest first. Both the Timeline page and the Overview draw from this,
/// and their tables show the same numbers.
/// </summary>
public sealed record TimelineDrawing(IReadOnlyList<ChartBar> Bars, IReadOnlyList<string> Series, IReadOnlyList<(Peak Peak, TimelineBucket Bucket)> Peaks,
    TimelineRequest View, IReadOnlyList<TimelineBucket>? Buckets = null)
{
    public bool Shares => View.View == TimelineView.Share;

    /// <summary>The bars as the time chart's series: one per stacked series, or one of the articles (or their share).</summary>
    public IReadOnlyList<TimeSeries> ChartSeries { get; } = Enumerable.Range(0, Math.Max(1, Series.Count)).Select(s => new TimeSeries(
        Series.Count == 0 ? (View.View == TimelineView.Share ? "Share" : "Articles") : Series[s], null,
        Bars.Select(b => new TimePoint(DateOnly.ParseExact(b.Key, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue),
            s < b.Values.Count ? b.Values[s] : 0)).ToArray())).ToArray();

    /// <summary>The peaks as numbered marks over their periods: ▲1 is the strongest.</summary>
    public IReadOnlyList<TimeChartPeak> ChartPeaks => Peaks.Select((p, i) => new TimeChartPeak(p.Peak.Index, $"▲{i + 1}")).ToArray();

    public TimeChartKind Kind => View.View == TimelineView.Line ? TimeChartKind.Lines : TimeChartKind.Bars;

    /// <summary>Shares are drawn on a linear axis whatever the URL asks (DashboardQuery names the conflict).</summary>
    public bool LogScale => View.Scale == TimelineScale.Log && !Shares;

    public TimeValueFormat Format => Shares ? TimeValueFormat.Percent : TimeValueFormat.Count;

    /// <summary>A period's name as the axis and the table write it.</summary>
    public string PeriodLabel(DateOnly start) =>
        Bars.FirstOrDefault(b => b.Key == start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))?.Label ?? start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The last day of the last period.</summary>
    public DateOnly? End => Buckets is { Count: > 0 } b ? b[^1].End : null;

    /// <summary>The period a click on the chart picked.</summary>
    public TimelineBucket? BucketAt(int index) => Buckets is { } b && index >= 0 && index < b.Count ? b[index] : null;

    /// <summary>How the value axis and tooltips read: a count, or a percentage in the share view.</summary>
    public Func<double, string>? ValueFormat => Shares ? v => v.ToString(v is > 0 and < 0.1 ? "0.0%" : "0%", CultureInfo.InvariantCulture) : null;

    public static TimelineDrawing Of(Timeline timeline, TimelineRequest view)
    {
        var shares = view.View == TimelineView.Share;
        var peaks = timeline.PeakList.Select(p => (p, timeline.Buckets[p.Index])).ToArray();
        var number = new Dictionary<int, int>();
        for (var i = 0; i < peaks.Length; i++)
            number[peaks[i].p.Index] = i + 1;
        var stacked = timeline.Series.Count > 0;
        var bars = timeline.Buckets.Select((b, i) => Labels.Bar(b, timeline.Granularity,
            shares
                ? stacked ? Enumerable.Range(0, b.SeriesCounts.Count).Select(s => b.ShareOf(s) ?? 0).ToArray() : [b.Share ?? 0]
                : stacked ? b.SeriesCounts.Select(c => (double)c).ToArray() : [b.Articles],
            number.TryGetValue(i, out var n) ? $"▲{n}" : null)).ToArray();
        return new TimelineDrawing(bars, timeline.Series.Select(s => s.Label).ToArray(), peaks, view, timeline.Buckets);
    }

    /// <summary>What the share view's percentages are of, for the chart's subtitle and the table's heading.</summary>
    public static string ShareBasisText(DashboardFilter? basis)
    {
        var kept = new List<string>();
        if (basis is not null)
        {
            if (basis.Categories.Count > 0) kept.Add("category");
            if (basis.MinQuality is not null || basis.MaxQuality is not null) kept.Add("quality");
            if (basis.Published is not null) kept.Add("published");
            if (basis.IncludeReferences) kept.Add("references");
        }
        return "Share of all articles in each period (search, provider and topic filters left out" +
               (kept.Count == 0 ? ")" : $"; {string.Join(", ", kept)} filters kept)");
    }

    /// <summary>The view's own URL parameters, defaults left out, for links and navigation that keep the view.</summary>
    /// <summary>The numbers behind a timeline drawn with <paramref name="view"/>, as the API's CSV: the same periods and
    /// series, and with shares their totals and ratios (bars, lines and scales draw the same numbers).</summary>
    /// <param name="measure">A quality-weighted measure's URL name (see AttentionMeasures.Parameter): its columns follow.</param>
    public static string CsvHref(DashboardFilter filter, TimelineRequest view, string? measure = null) => FilterUrl.For("/api/stats/timeline.csv", filter,
        ("granularity", view.Granularity?.ToString().ToLowerInvariant()),
        ("stack", view.Stack == TimelineStack.None ? null : view.Stack.ToString().ToLowerInvariant()),
        ("view", view.View == TimelineView.Share ? "share" : null), ("measure", measure));

    public static (string Name, string? Value)[] UrlParameters(TimelineRequest view) =>
    [
        ("view", view.View == TimelineView.Bars ? null : view.View.ToString().ToLowerInvariant()),
        ("scale", view.Scale == TimelineScale.Linear ? null : view.Scale.ToString().ToLowerInvariant()),
    ];
}
