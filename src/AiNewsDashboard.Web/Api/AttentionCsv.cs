using System.ComponentModel;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Signals;
using Microsoft.AspNetCore.Mvc;

namespace AiNewsDashboard.Web.Api;

/// <summary>/api/stats/timeline.csv: which figure its extra columns carry.</summary>
public sealed record MeasureQuery(
    [property: FromQuery(Name = "measure"), Description("count (default), weighted, highquality or heat: with any but count, three columns follow " +
        "with that figure per period, the share of the period's articles it rests on, and why it is withheld when it is.")] string? Measure);

/// <summary>The CSV columns of quality-weighted attention, which rides on /api/stats/timeline(.csv) and /api/stats/topics.</summary>
public static class AttentionCsv
{
    /// <summary>The CSV columns a measure adds: its figure, its coverage and why it is withheld.</summary>
    public static string[] CsvHeadings(AttentionMeasure measure) => measure.Parameter() is { } name ? [name, $"{name}_coverage", $"{name}_withheld"] : [];

    public static object?[] CsvCells(Attention? attention, AttentionMeasure measure) =>
        attention?.FigureOf(measure) is { } f ? [f.Value is { } v ? Math.Round(v, 4) : null, Math.Round(f.Coverage, 4), f.Withheld] : [];
}
