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
    TimelineRequest View)
{
    public bool Shares => View.View == TimelineView.Share;

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
        return new TimelineDrawing(bars, timeline.Series.Select(s => s.Label).ToArray(), peaks, view);
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
    public static string CsvHref(DashboardFilter filter, TimelineRequest view) => FilterUrl.For("/api/stats/timeline.csv", filter,
        ("granularity", view.Granularity?.ToString().ToLowerInvariant()),
        ("stack", view.Stack == TimelineStack.None ? null : view.Stack.ToString().ToLowerInvariant()),
        ("view", view.View == TimelineView.Share ? "share" : null));

    public static (string Name, string? Value)[] UrlParameters(TimelineRequest view) =>
    [
        ("view", view.View == TimelineView.Bars ? null : view.View.ToString().ToLowerInvariant()),
        ("scale", view.Scale == TimelineScale.Linear ? null : view.Scale.ToString().ToLowerInvariant()),
    ];
}
