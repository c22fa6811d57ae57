using System.Globalization;
using System.Text.Json.Nodes;

namespace AiNewsDashboard.Web.Components.Charts;

/// <summary>One time bucket's value: the bucket starts at <paramref name="Start"/> and runs to the next bucket's start.</summary>
public sealed record TimePoint(DateTime Start, double Value);

/// <summary>A named series of buckets; <paramref name="Color"/> null takes the chart's palette.</summary>
public sealed record TimeSeries(string Name, string? Color, IReadOnlyList<TimePoint> Points);

/// <summary>An event on the time axis (an annotation): a date, or a range when <paramref name="To"/> is set.</summary>
public sealed record TimeMarker(DateOnly From, DateOnly? To, string Label, string? Url);

public enum TimeChartKind { Bars, Lines }

/// <summary>How values read on the axis, in tooltips and announcements.</summary>
public enum TimeValueFormat { Count, Percent, Number }

/// <summary>A numbered mark over one bucket (a peak): <paramref name="Label"/> such as "▲1" is drawn above it.</summary>
public sealed record TimeChartPeak(int Index, string Label);

/// <summary>A click (or Enter) on a bucket, and for stacked bars which series was hit (null for the bucket as a whole).</summary>
public sealed record TimeBucketClick(int Index, DateOnly From, DateOnly To, int? SeriesIndex);

/// <summary>
/// Everything a <see cref="TimeChart"/> draws, and the ECharts option it becomes. Built without JavaScript so the option
/// can be tested as JSON; the module (TimeChart.razor.js) only adds what JSON cannot carry (formatters, theme colours).
/// </summary>
public sealed record TimeChartModel(
    IReadOnlyList<TimeSeries> Series,
    TimeChartKind Kind = TimeChartKind.Bars,
    bool LogScale = false,
    IReadOnlyList<TimeMarker>? Markers = null,
    IReadOnlyList<TimeChartPeak>? Peaks = null,
    TimeValueFormat Format = TimeValueFormat.Count,
    string? ValueSuffix = null,
    string AriaLabel = "Chart over time",
    Func<DateOnly, string>? PeriodLabel = null,
    DateOnly? End = null,
    bool Stacked = true)
{
    /// <summary>A palette that reads on light and dark backgrounds alike (one series takes the theme's primary colour in the module).</summary>
    public static readonly string[] Palette = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#9c755f", "#ff9da7", "#76b7b2", "#edc948", "#bab0ac"];

    /// <summary>Annotations draw in this orange, legible on white and on the dark surface.</summary>
    public const string MarkerColor = "#e8710a";

    /// <summary>The buckets' starts, from the first series (all series share them).</summary>
    public IReadOnlyList<DateOnly> Starts { get; } = Series.Count == 0 ? [] : Series[0].Points.Select(p => DateOnly.FromDateTime(p.Start)).ToArray();

    /// <summary>The last day of bucket <paramref name="index"/>: the day before the next one starts; the last runs to
    /// <see cref="End"/>, or as long as the bucket before it when that is not given.</summary>
    public DateOnly EndOf(int index)
    {
        if (index + 1 < Starts.Count)
            return Starts[index + 1].AddDays(-1);
        if (End is { } end)
            return end;
        if (Starts.Count < 2)
            return Starts[index];
        var previous = Starts[^1].DayNumber - Starts[^2].DayNumber;
        return Starts[^1].AddDays(Math.Max(0, previous - 1));
    }

    /// <summary>The bucket holding the day, or null when the day lies outside the chart.</summary>
    public int? IndexOf(DateOnly day)
    {
        if (Starts.Count == 0 || day < Starts[0] || day > EndOf(Starts.Count - 1))
            return null;
        var i = 0;
        while (i + 1 < Starts.Count && Starts[i + 1] <= day)
            i++;
        return i;
    }

    public string Label(int index) => PeriodLabel?.Invoke(Starts[index]) ?? Starts[index].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public string FormatValue(double value) => Format switch
    {
        TimeValueFormat.Percent => value.ToString(value is > 0 and < 0.1 ? "0.0%" : "0%", CultureInfo.InvariantCulture),
        TimeValueFormat.Count => value.ToString("N0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.#", CultureInfo.InvariantCulture),
    } + (ValueSuffix ?? "");

    /// <summary>What one bucket holds, as the tooltip and the keyboard announcement say it: "2024-03: 12 (news 8, opinion 4)".</summary>
    public string Describe(int index)
    {
        var values = Series.Select(s => index < s.Points.Count ? s.Points[index].Value : 0).ToArray();
        if (Series.Count <= 1)
            return $"{Label(index)}: {FormatValue(values.FirstOrDefault())}";
        var parts = Series.Select((s, i) => $"{s.Name} {FormatValue(values[i])}");
        return Kind == TimeChartKind.Bars && Stacked
            ? $"{Label(index)}: {FormatValue(values.Sum())} ({string.Join(", ", parts)})"
            : $"{Label(index)}: {string.Join(", ", parts)}";
    }

    /// <summary>The markers that fall on the chart, as bucket indexes (a range is clipped to the chart).</summary>
    public IReadOnlyList<(TimeMarker Marker, int From, int To)> PlacedMarkers()
    {
        var placed = new List<(TimeMarker, int, int)>();
        if (Starts.Count == 0)
            return placed;
        var first = Starts[0];
        var last = EndOf(Starts.Count - 1);
        foreach (var m in Markers ?? [])
        {
            var to = m.To is { } t && t >= m.From ? t : m.From;
            if (to < first || m.From > last)
                continue;
            var a = IndexOf(m.From < first ? first : m.From)!.Value;
            var b = IndexOf(to > last ? last : to)!.Value;
            placed.Add((m, a, b));
        }
        return placed;
    }

    /// <summary>Only http(s) links open from a marker; anything else is dropped rather than followed.</summary>
    public static string? SafeUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps) ? u.AbsoluteUri : null;

    /// <summary>The ECharts option (data, axes, marks, aria), with a "meta" member the module reads and removes.</summary>
    public JsonObject ToOption()
    {
        var bars = Kind == TimeChartKind.Bars;
        var stack = bars && Stacked && Series.Count > 1;
        var labels = new JsonArray(Enumerable.Range(0, Starts.Count).Select(i => (JsonNode?)Label(i)).ToArray());
        var series = new JsonArray();
        var markers = PlacedMarkers();
        for (var s = 0; s < Series.Count; s++)
        {
            var data = new JsonArray(Series[s].Points.Select(p => LogScale && p.Value <= 0 ? null : (JsonNode?)JsonValue.Create(p.Value)).ToArray());
            var item = new JsonObject
            {
                ["name"] = Series[s].Name,
                ["type"] = bars ? "bar" : "line",
                ["data"] = data,
                ["emphasis"] = new JsonObject { ["focus"] = "none" },
            };
            var color = Series[s].Color ?? (Series.Count > 1 ? Palette[s % Palette.Length] : null);
            if (color is not null)
                item["itemStyle"] = new JsonObject { ["color"] = color };
            if (stack)
                item["stack"] = "total";
            if (bars)
                item["barCategoryGap"] = "20%";
            else
            {
                item["showSymbol"] = Starts.Count <= 60;
                item["symbolSize"] = 5;
            }
            if (s == 0 && markers.Count > 0)
                AddMarkers(item, markers);
            if (s == Series.Count - 1 && Peaks is { Count: > 0 })
                item["markPoint"] = PeakMarks();
            series.Add(item);
        }
        return new JsonObject
        {
            ["animation"] = false,
            ["aria"] = new JsonObject { ["enabled"] = true, ["label"] = new JsonObject { ["description"] = AriaDescription() } },
            ["grid"] = new JsonObject { ["left"] = 8, ["right"] = 16, ["top"] = Peaks is { Count: > 0 } || markers.Count > 0 ? 34 : 16, ["bottom"] = Series.Count > 1 ? 36 : 8, ["containLabel"] = true },
            ["tooltip"] = new JsonObject { ["trigger"] = "axis", ["confine"] = true, ["axisPointer"] = new JsonObject { ["type"] = bars ? "shadow" : "line" } },
            ["legend"] = new JsonObject { ["show"] = Series.Count > 1, ["bottom"] = 0, ["type"] = "plain" },
            ["xAxis"] = new JsonObject
            {
                ["type"] = "category", ["data"] = labels, ["boundaryGap"] = true,
                ["axisTick"] = new JsonObject { ["alignWithLabel"] = true },
            },
            ["yAxis"] = LogScale
                ? new JsonObject { ["type"] = "log", ["logBase"] = 10, ["min"] = 1 }
                : new JsonObject { ["type"] = "value", ["min"] = 0, ["minInterval"] = Format == TimeValueFormat.Count ? 1 : null },
            ["series"] = series,
            ["meta"] = new JsonObject
            {
                ["format"] = Format.ToString().ToLowerInvariant(),
                ["suffix"] = ValueSuffix,
                ["descriptions"] = new JsonArray(Enumerable.Range(0, Starts.Count).Select(i => (JsonNode?)Describe(i)).ToArray()),
                ["single"] = Series.Count <= 1 && Series.All(s => s.Color is null),
            },
        };
    }

    private void AddMarkers(JsonObject item, IReadOnlyList<(TimeMarker Marker, int From, int To)> markers)
    {
        var lines = new JsonArray();
        var areas = new JsonArray();
        foreach (var (m, a, b) in markers)
        {
            var label = m.Label;
            var url = SafeUrl(m.Url);
            if (m.To is { } to && to > m.From)
                areas.Add(new JsonArray(
                    new JsonObject { ["name"] = label, ["xAxis"] = a, ["url"] = url, ["marker"] = true },
                    new JsonObject { ["xAxis"] = b }));
            else
                lines.Add(new JsonObject { ["name"] = label, ["xAxis"] = a, ["url"] = url, ["marker"] = true });
        }
        if (lines.Count > 0)
            item["markLine"] = new JsonObject
            {
                ["silent"] = false, ["symbol"] = new JsonArray("none", "none"), ["animation"] = false,
                ["lineStyle"] = new JsonObject { ["color"] = MarkerColor, ["type"] = "dashed", ["width"] = 2 },
                ["label"] = new JsonObject { ["show"] = true, ["position"] = "insideEndTop", ["formatter"] = "{b}", ["color"] = MarkerColor, ["fontWeight"] = "bold" },
                ["data"] = lines,
            };
        if (areas.Count > 0)
            item["markArea"] = new JsonObject
            {
                ["silent"] = false,
                ["itemStyle"] = new JsonObject { ["color"] = "rgba(232,113,10,0.14)", ["borderColor"] = MarkerColor, ["borderWidth"] = 1 },
                ["label"] = new JsonObject { ["show"] = true, ["position"] = "insideTop", ["formatter"] = "{b}", ["color"] = MarkerColor, ["fontWeight"] = "bold" },
                ["data"] = areas,
            };
    }

    private JsonObject PeakMarks()
    {
        var stackedTop = Kind == TimeChartKind.Bars && Stacked;
        var data = new JsonArray();
        foreach (var p in Peaks!.Where(p => p.Index >= 0 && p.Index < Starts.Count))
        {
            var values = Series.Select(s => p.Index < s.Points.Count ? s.Points[p.Index].Value : 0).ToArray();
            var top = stackedTop ? values.Sum() : values.DefaultIfEmpty(0).Max();
            data.Add(new JsonObject { ["name"] = p.Label, ["coord"] = new JsonArray(p.Index, LogScale ? Math.Max(1, top) : top), ["value"] = p.Label });
        }
        return new JsonObject
        {
            ["symbol"] = "circle", ["symbolSize"] = 1, ["silent"] = true, ["animation"] = false,
            ["label"] = new JsonObject { ["show"] = true, ["position"] = "top", ["formatter"] = "{b}", ["fontWeight"] = "bold", ["distance"] = 4 },
            ["data"] = data,
        };
    }

    /// <summary>The screen reader's summary: what the chart shows, its span, its largest bucket, and how to move through it.</summary>
    public string AriaDescription()
    {
        if (Starts.Count == 0)
            return $"{AriaLabel}: no data.";
        var totals = Enumerable.Range(0, Starts.Count)
            .Select(i => Series.Sum(s => i < s.Points.Count ? s.Points[i].Value : 0)).ToArray();
        var top = Array.IndexOf(totals, totals.Max());
        var marks = PlacedMarkers();
        return $"{AriaLabel}, {Starts.Count} periods from {Label(0)} to {Label(Starts.Count - 1)}" +
               (Series.Count > 1 ? $", series {string.Join(", ", Series.Select(s => s.Name))}" : "") +
               $". Highest: {Describe(top)}." +
               (marks.Count > 0 ? $" Annotations: {string.Join("; ", marks.Select(m => $"{m.Marker.Label} ({Label(m.From)})"))}." : "") +
               " Use the arrow keys to move through the periods, Enter to pick one.";
    }
}
