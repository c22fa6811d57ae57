using System.Globalization;
using AiNewsDashboard.Core.Signals;

namespace AiNewsDashboard.Web.Components.Charts;

/// <summary>How a quality-weighted figure reads in charts, tables and notes.</summary>
public static class AttentionFormat
{
    /// <summary>The figure's value as text: a share as a percentage, a count or heat with one decimal; "withheld" when it is.</summary>
    public static string Value(AttentionMeasure measure, AttentionFigure figure) => figure.Value is not { } v ? "withheld"
        : measure == AttentionMeasure.HighQuality ? v.ToString("0%", CultureInfo.InvariantCulture)
        : v.ToString("N1", CultureInfo.InvariantCulture);

    /// <summary>The chart's value format for a measure.</summary>
    public static TimeValueFormat ChartFormat(AttentionMeasure measure) => measure switch
    {
        AttentionMeasure.HighQuality => TimeValueFormat.Percent,
        AttentionMeasure.Count => TimeValueFormat.Count,
        _ => TimeValueFormat.Number,
    };
}
