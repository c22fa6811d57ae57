using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Web.Components.Pages;

namespace AiNewsDashboard.Web.Components.Filters;

/// <summary>
/// A filter in words, for whatever leaves the page: an exported chart image, the printed Providers page, the PDF report
/// and its mail. One wording everywhere, so a manager reads the same sentence on paper as on screen.
/// </summary>
public static class FilterWords
{
    /// <summary>"Collection: wire services · Provider: a.example · Search: “chip” · Quality 50–100"; "All articles" when nothing narrows it.</summary>
    public static string Of(DashboardFilter f)
    {
        var parts = new List<string>();
        if (f.Collections.Count > 0)
            parts.Add((f.Collections.Count == 1 ? "Collection: " : "Collections: ") + string.Join(", ", f.Collections));
        if (f.Providers.Count > 0)
            parts.Add((f.Providers.Count == 1 ? "Provider: " : "Providers: ") + string.Join(", ", f.Providers));
        if (f.Topics.Count > 0)
            parts.Add((f.Topics.Count == 1 ? "Topic: " : "Topics: ") + string.Join(", ", f.Topics));
        if (f.Categories.Count > 0)
            parts.Add((f.Categories.Count == 1 ? "Category: " : "Categories: ") + string.Join(", ", f.Categories));
        if (f.Text is { } text)
            parts.Add($"Search: \u201C{text}\u201D");
        parts.Add((f.MinQuality, f.MaxQuality) switch
        {
            ({ } min, { } max) => $"Quality {min}\u2013{max}",
            ({ } min, null) => $"Quality at least {min}",
            (null, { } max) => $"Quality at most {max}",
            _ => "",
        });
        if (f.Published is { } published)
            parts.Add(published ? "Published only" : "Unpublished only");
        if (f.IncludeReferences)
            parts.Add("References included");
        if (f.CopiesOnce)
            parts.Add("Copies counted once");
        var words = string.Join(" \u00B7 ", parts.Where(p => p.Length > 0));
        return words.Length == 0 ? "All articles" : words;
    }

    /// <summary>
    /// "2025-01-01 – 2025-06-30"; a relative range names itself ("Last 30 days (…)"); an open end is closed with the
    /// data's first or last day when <paramref name="extent"/> is known: "All dates (2024-01-10 – 2024-02-20)".
    /// </summary>
    public static string Dates(DashboardFilter f, DataExtent? extent = null)
    {
        var from = f.From ?? extent?.First;
        var to = f.To ?? extent?.Last;
        var span = $"{Day(from) ?? "the first article"} \u2013 {Day(to) ?? "the last article"}";
        if (f.Range is { } range)
            return $"{RangeName(range)} ({span})";
        return (f.From, f.To) switch
        {
            (not null, not null) => span,
            (null, null) => extent is null ? "All dates" : $"All dates ({span})",
            (null, _) => extent is null ? $"Up to {Day(f.To)}" : $"Up to {Day(f.To)} ({span})",
            _ => extent is null ? $"From {Day(f.From)}" : $"From {Day(f.From)} ({span})",
        };
    }

    private static string RangeName(RelativeRange range) => range switch
    {
        RelativeRange.Last7d => "Last 7 days",
        RelativeRange.Last30d => "Last 30 days",
        RelativeRange.Last90d => "Last 90 days",
        RelativeRange.ThisYear => "This year",
        RelativeRange.ThisQuarter => "This quarter",
        _ => "Last quarter",
    };

    private static string? Day(DateOnly? day) => day is { } d ? Labels.Date(d) : null;
}
