using System.Globalization;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Web.Components.Charts;

namespace AiNewsDashboard.Web.Components.Pages;

/// <summary>How periods and numbers read on the pages (invariant: the same on every server).</summary>
public static class Labels
{
    public static string Period(DateOnly start, TimeGranularity g) => g switch
    {
        TimeGranularity.Day => start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeGranularity.Week => "Wk " + start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeGranularity.Month => start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        TimeGranularity.Quarter => $"{start.Year} Q{(start.Month - 1) / 3 + 1}",
        _ => start.Year.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A timeline bucket as a chart bar: its key is its start date, the same text the URL uses.</summary>
    public static ChartBar Bar(TimelineBucket b, TimeGranularity g, IReadOnlyList<double> values, string? note = null) =>
        new(Date(b.Start), Period(b.Start, g), values, note);

    public static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Which rule chose a top story, as its label says it.</summary>
    public static string Rule(TopStoryRule rule) => rule switch
    {
        TopStoryRule.Heat => "top by heat",
        TopStoryRule.MostLinked => "most linked",
        TopStoryRule.WidestCoverage => "widest coverage",
        _ => "newest",
    };

    /// <summary>The rule with the figure it ranked by: "most linked: 12 links", "widest coverage: 4 providers".</summary>
    public static string RuleWithFigure(TopStory story) => story.Rule switch
    {
        TopStoryRule.Heat when story.Heat is { } heat => $"top by heat: {Count(heat)}",
        TopStoryRule.MostLinked when story.Links is { } links => $"most linked: {Count(links, "link")}",
        TopStoryRule.WidestCoverage when story.Providers is { } providers => $"widest coverage: {Count(providers, "provider")}",
        TopStoryRule.Newest => "newest (no heat, links or wider coverage)",
        var rule => Rule(rule),
    };

    /// <summary>A count with its noun, singular for exactly one: "1 reference", "2 references", "0 references".</summary>
    public static string Count(int n, string noun) => $"{Count(n)} {noun}{(n == 1 ? "" : "s")}";
    public static string Number(double? v, string format = "0.0") => v is { } d ? d.ToString(format, CultureInfo.InvariantCulture) : "–";
    public static string Percent(double? v) => v is { } d ? d.ToString("0.0%", CultureInfo.InvariantCulture) : "–";
    public static string Date(DateOnly? d) => d is { } v ? v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "–";
    public static string Date(DateTime? d) => d is { } v ? v.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "–";

    /// <summary>
    /// <see cref="Date(DateTime?)"/> for a narrow table cell: day and time may take two lines, each kept whole, so the
    /// cell gives its width to the columns beside it; a table with room keeps it on one line above the phone
    /// breakpoint (<c>.story-articles .date-in-cell</c>). Digits and letters only: safe as markup.
    /// </summary>
    public static Microsoft.AspNetCore.Components.MarkupString DateInCell(DateTime? d)
    {
        var text = Date(d);
        var cut = text.IndexOf(' ', StringComparison.Ordinal);
        return new(cut < 0 ? text
            : $"<span class=\"date-in-cell\"><span class=\"nowrap\">{text[..cut]}</span> <span class=\"nowrap\">{text[(cut + 1)..]}</span></span>");
    }

    /// <summary>A span of hours as people say it: "25 min", "3.5 h", "2.1 days".</summary>
    public static string Duration(double? hours) => hours switch
    {
        null => "–",
        < 1 => (hours.Value * 60).ToString("0", CultureInfo.InvariantCulture) + " min",
        < 48 => hours.Value.ToString("0.#", CultureInfo.InvariantCulture) + " h",
        _ => (hours.Value / 24).ToString("0.#", CultureInfo.InvariantCulture) + " days",
    };

    /// <summary>"+12%" / "−3%" against a previous value; null when there is nothing to compare with.</summary>
    public static string? Change(double? now, double? before)
    {
        if (now is not { } n || before is not { } b)
            return null;
        if (b == 0)
            return n == 0 ? "±0%" : "new";
        var change = (n - b) / b;
        return (change >= 0 ? "+" : "−") + Math.Abs(change).ToString("0%", CultureInfo.InvariantCulture);
    }
}
