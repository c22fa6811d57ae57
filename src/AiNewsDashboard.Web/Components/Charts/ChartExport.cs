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
        return new ChartExportLabel(title, Filters.FilterWords.Of(filter), Filters.FilterWords.Dates(filter, extent), pageUri, stem);
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
