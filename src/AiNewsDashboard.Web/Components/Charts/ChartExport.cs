using System.Globalization;
using System.Text;
using AiNewsDashboard.Core.Queries;

namespace AiNewsDashboard.Web.Components.Charts;

/// <summary>What an exported chart image says about itself: its title, the filter in words, the date range, the page it
/// came from, and the file's name without extension (<c>&lt;page&gt;-&lt;chart&gt;-&lt;from&gt;_&lt;to&gt;</c>).</summary>
public sealed record ChartExportLabel(string Title, string Filter, string DateRange, string Source, string FileStem);

/// <summary>
/// The words and file names of chart exports (<see cref="ChartCard"/>'s PNG and SVG): the image must say what it shows
/// once it has left the page, so the filter is spelled out and an open date range is closed with the data's own span.
/// </summary>
public static class ChartExport
{
    /// <summary>The label of a chart titled <paramref name="title"/> on the page at <paramref name="pageUri"/> (absolute).</summary>
    /// <param name="chart">The chart's short name in the file name; null: from the title.</param>
    /// <param name="extent">Where the data lies, to close an open date range; null when no article has a date.</param>
    public static ChartExportLabel For(string title, string? chart, string pageUri, DataExtent? extent)
    {
        var uri = new Uri(pageUri);
        var filter = DashboardFilter.FromQueryString(uri.Query);
        var (from, to) = Range(filter, extent);
        var stem = $"{Slug(PageName(uri.AbsolutePath))}-{Slug(chart ?? title)}-{DateText(from) ?? "start"}_{DateText(to) ?? "end"}";
        return new ChartExportLabel(title, FilterInWords(filter), DateRangeInWords(filter, extent), pageUri, stem);
    }

    /// <summary>The filter as a sentence: "Providers: a.example, b.example · Search: "chip" · Quality 50–100"; "All articles" when nothing narrows it.</summary>
    public static string FilterInWords(DashboardFilter f)
    {
        var parts = new List<string>();
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
        var words = string.Join(" \u00B7 ", parts.Where(p => p.Length > 0));
        return words.Length == 0 ? "All articles" : words;
    }

    /// <summary>"2025-01-01 – 2025-06-30"; an open end is the data's first or last day, said so: "All dates (2024-01-10 – 2024-02-20)".</summary>
    public static string DateRangeInWords(DashboardFilter f, DataExtent? extent)
    {
        var (from, to) = Range(f, extent);
        var span = $"{DateText(from) ?? "the first article"} \u2013 {DateText(to) ?? "the last article"}";
        return (f.From, f.To) switch
        {
            (not null, not null) => span,
            (null, null) => $"All dates ({span})",
            (null, _) => $"Up to {DateText(f.To)} ({span})",
            _ => $"From {DateText(f.From)} ({span})",
        };
    }

    /// <summary>Lower-case letters and digits, words joined by '-': safe in any file system and URL.</summary>
    public static string Slug(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
                sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-')
                sb.Append('-');
        }
        var slug = sb.ToString().Trim('-');
        return slug.Length == 0 ? "chart" : slug.Length > 60 ? slug[..60].TrimEnd('-') : slug;
    }

    private static string PageName(string path) => path.Trim('/') is { Length: > 0 } p ? p : "overview";

    private static (DateOnly? From, DateOnly? To) Range(DashboardFilter f, DataExtent? extent) => (f.From ?? extent?.First, f.To ?? extent?.Last);

    private static string? DateText(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
