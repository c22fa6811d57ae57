using AiNewsDashboard.Core.Queries;
using Microsoft.AspNetCore.Components;

namespace AiNewsDashboard.Web.Components.Filters;

/// <summary>
/// The dashboard's state lives in the URL: the filter's query string plus a page's own view parameters
/// (e.g. granularity). Changing the filter navigates, so refresh keeps it and the back button undoes it.
/// </summary>
public static class FilterUrl
{
    /// <summary>
    /// The filter of the current URL, for components that are not pages (the filter bar, the layout); pages bind theirs.
    /// Read by <see cref="DashboardQuery.ReadFilter"/> like every other.
    /// </summary>
    public static DashboardFilter Read(NavigationManager nav, QueryProblems? problems = null) =>
        DashboardFilter.FromQueryString(new Uri(nav.Uri).Query, problems);

    /// <summary>A page's own query parameter (not part of the shared filter) as the URL carries it, or null.</summary>
    private static string? View(NavigationManager nav, string name) =>
        System.Web.HttpUtility.ParseQueryString(new Uri(nav.Uri).Query).GetValues(name) is [var first, ..] ? first : null;

    /// <summary>The URL of <paramref name="path"/> with this filter and the given view parameters (null values left out).</summary>
    public static string For(string path, DashboardFilter filter, params (string Name, string? Value)[] view)
    {
        var query = filter.ToQueryString();
        foreach (var (name, value) in view)
            if (value is not null)
                query += (query.Length > 0 ? "&" : "") + $"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}";
        return query.Length > 0 ? $"{path}?{query}" : path;
    }

    /// <summary>Navigates to the current page with a new filter, keeping the page's view parameters.</summary>
    public static void Navigate(NavigationManager nav, DashboardFilter filter, params string[] viewParameters) =>
        nav.NavigateTo(Here(nav, filter, viewParameters));

    /// <summary>The URL of the current page with a new filter, keeping the page's view parameters.</summary>
    public static string Here(NavigationManager nav, DashboardFilter filter, params string[] viewParameters)
    {
        var path = "/" + nav.ToBaseRelativePath(nav.Uri).Split('?', '#')[0];
        return For(path, filter, viewParameters.Select(n => (n, View(nav, n))).ToArray());
    }
}
