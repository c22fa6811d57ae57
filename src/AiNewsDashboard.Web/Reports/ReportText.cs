using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Web.Components.Pages;

namespace AiNewsDashboard.Web.Reports;

/// <summary>A filter and its date range in words, as printed on every page of a report.</summary>
public static class ReportText
{
    /// <summary>"All articles" or the filter's parts: "providers: a.example, b.example · search: "chip" · quality 40–100".</summary>
    public static string Filter(DashboardFilter f)
    {
        var parts = new List<string>();
        if (f.Providers.Count > 0) parts.Add($"{(f.Providers.Count == 1 ? "provider" : "providers")}: {string.Join(", ", f.Providers)}");
        if (f.Topics.Count > 0) parts.Add($"{(f.Topics.Count == 1 ? "topic" : "topics")}: {string.Join(", ", f.Topics)}");
        if (f.Categories.Count > 0) parts.Add($"{(f.Categories.Count == 1 ? "category" : "categories")}: {string.Join(", ", f.Categories)}");
        if (f.Text is { } q) parts.Add($"search: \"{q}\"");
        if (f.MinQuality is not null || f.MaxQuality is not null) parts.Add($"quality {f.MinQuality ?? 0}–{f.MaxQuality ?? 100}");
        if (f.Published is { } p) parts.Add(p ? "published only" : "unpublished only");
        if (f.IncludeReferences) parts.Add("references included");
        return parts.Count == 0 ? "All articles" : string.Join(" · ", parts);
    }

    /// <summary>"2024-01-01 – 2024-03-31"; an open end says so.</summary>
    public static string DateRange(DashboardFilter f) => (f.From, f.To) switch
    {
        (null, null) => "All dates",
        ({ } from, null) => $"From {Labels.Date(from)}",
        (null, { } to) => $"Up to {Labels.Date(to)}",
        ({ } from, { } to) => $"{Labels.Date(from)} – {Labels.Date(to)}",
    };
}
