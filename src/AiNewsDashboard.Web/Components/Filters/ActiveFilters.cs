using AiNewsDashboard.Core.Queries;

namespace AiNewsDashboard.Web.Components.Filters;

/// <summary>How many filters narrow the view, for the folded filter bar's "Filters (n)" on a phone.</summary>
public static class ActiveFilters
{
    /// <summary>One for the date range, the text, published, each quality bound, references and copies once; one per picked provider, topic and category.</summary>
    public static int Count(DashboardFilter f) =>
        (f.From is not null || f.To is not null || f.Range is not null ? 1 : 0) + (f.Text is not null ? 1 : 0) + (f.Published is not null ? 1 : 0) +
        (f.MinQuality is not null ? 1 : 0) + (f.MaxQuality is not null ? 1 : 0) + (f.IncludeReferences ? 1 : 0) + (f.CopiesOnce ? 1 : 0) +
        f.Providers.Count + f.Collections.Count + f.Topics.Count + f.Categories.Count;
}
