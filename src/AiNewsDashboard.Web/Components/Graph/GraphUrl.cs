using System.Globalization;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Queries.Graph;

namespace AiNewsDashboard.Web.Components.Graph;

public enum GraphColor { Cluster, Provider, Topic, Category }

public enum GraphSize { Degree, Heat }

public enum GraphLayout { Force, Time }

/// <summary>The graph page's own state in the URL, beside the shared filter: what to focus and how to draw it.</summary>
public sealed record GraphState(GraphRequest Request, GraphColor Color, GraphSize Size, GraphLayout Layout);

/// <summary>
/// Writes the graph's URL parameters: focus, hops, expand, cluster, limit, stories (shared with /api/graph, read by
/// <see cref="DashboardQuery.ReadGraph"/>) and color, size, layout (the page's drawing).
/// </summary>
public static class GraphUrl
{
    /// <summary>The view parameters of a state, defaults left out, for <c>FilterUrl.For</c>.</summary>
    public static (string Name, string? Value)[] ToView(GraphState state, int defaultLimit)
    {
        var r = state.Request;
        return
        [
            ("focus", r.Focus?.ToString(CultureInfo.InvariantCulture)),
            ("hops", r.Focus is not null && r.Hops != 1 ? r.Hops.ToString(CultureInfo.InvariantCulture) : null),
            ("expand", r.Expand.Count > 0 ? string.Join(',', r.Expand.Select(i => i.ToString(CultureInfo.InvariantCulture))) : null),
            ("cluster", r.Cluster?.ToString(CultureInfo.InvariantCulture)),
            ("limit", r.Limit != defaultLimit ? r.Limit.ToString(CultureInfo.InvariantCulture) : null),
            // The page shows the top stories unless told otherwise; "all" is every filtered article.
            ("stories", r.Stories == GraphRequest.DefaultStories ? null : r.Stories?.ToString(CultureInfo.InvariantCulture) ?? "all"),
            ("color", state.Color != GraphColor.Cluster ? state.Color.ToString().ToLowerInvariant() : null),
            ("size", state.Size != GraphSize.Degree ? state.Size.ToString().ToLowerInvariant() : null),
            ("layout", state.Layout != GraphLayout.Force ? state.Layout.ToString().ToLowerInvariant() : null),
        ];
    }

    /// <summary>
    /// The graph focused on one article: its story and neighbours, marked, whatever the date filter. References are
    /// included, so an article known only from related lists is in the graph too.
    /// </summary>
    public static string FocusOn(int articleId) =>
        Filters.FilterUrl.For("/graph", DashboardFilter.All with { IncludeReferences = true }, ("focus", articleId.ToString(CultureInfo.InvariantCulture)));
}
