using System.Globalization;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Queries.Graph;

namespace AiNewsDashboard.Web.Components.Graph;

public enum GraphColor { Cluster, Provider, Topic, Category }

public enum GraphSize { Degree, Heat }

public enum GraphLayout { Force, Time }

/// <summary>The graph page's own state in the URL, beside the shared filter: what to focus and how to draw it.</summary>
public sealed record GraphState(GraphRequest Request, GraphColor Color, GraphSize Size, GraphLayout Layout)
{
    public const int MaxExpand = 50;
}

/// <summary>
/// Reads and writes the graph's URL parameters: focus, hops, expand, cluster, limit (shared with /api/graph) and
/// color, size, layout (the page's drawing). A value it can't read is reported with its name and ignored.
/// </summary>
public static class GraphUrl
{
    public static readonly string[] Parameters = ["focus", "hops", "expand", "cluster", "limit", "color", "size", "layout"];

    public static GraphRequest ReadRequest(Func<string, IReadOnlyList<string>> values, int defaultLimit, List<string> errors)
    {
        string? One(string name) => values(name) is { Count: > 0 } v && !string.IsNullOrWhiteSpace(v[^1]) ? v[^1].Trim() : null;

        int? Int(string name, int min, int max)
        {
            if (One(name) is not { } s)
                return null;
            if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
                return n;
            errors.Add($"{name}: '{s}' is not a whole number from {min} to {max}");
            return null;
        }

        var expand = new List<int>();
        foreach (var part in values("expand").SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                if (!expand.Contains(id))
                    expand.Add(id);
            }
            else
                errors.Add($"expand: '{part}' is not an article id");
        }
        if (expand.Count > GraphState.MaxExpand)
        {
            errors.Add($"expand: {expand.Count} articles is more than the {GraphState.MaxExpand} that can be expanded at once");
            expand.RemoveRange(GraphState.MaxExpand, expand.Count - GraphState.MaxExpand);
        }
        return new GraphRequest
        {
            Focus = Int("focus", 1, int.MaxValue),
            Hops = Int("hops", 0, GraphRequest.MaxHops) ?? 1,
            Expand = expand,
            Cluster = Int("cluster", 1, int.MaxValue),
            Limit = Int("limit", 1, GraphQueries.MaxLimit) ?? defaultLimit,
        };
    }

    public static GraphState Read(Func<string, IReadOnlyList<string>> values, int defaultLimit, List<string> errors) =>
        new(ReadRequest(values, defaultLimit, errors),
            Enum<GraphColor>(values, "color", errors) ?? GraphColor.Cluster,
            Enum<GraphSize>(values, "size", errors) ?? GraphSize.Degree,
            Enum<GraphLayout>(values, "layout", errors) ?? GraphLayout.Force);

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
            ("color", state.Color != GraphColor.Cluster ? state.Color.ToString().ToLowerInvariant() : null),
            ("size", state.Size != GraphSize.Degree ? state.Size.ToString().ToLowerInvariant() : null),
            ("layout", state.Layout != GraphLayout.Force ? state.Layout.ToString().ToLowerInvariant() : null),
        ];
    }

    private static T? Enum<T>(Func<string, IReadOnlyList<string>> values, string name, List<string> errors) where T : struct, Enum
    {
        if (values(name) is not { Count: > 0 } v || string.IsNullOrWhiteSpace(v[^1]))
            return null;
        var s = v[^1].Trim();
        if (System.Enum.TryParse<T>(s, ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !char.IsDigit(s[0]))
            return value;
        errors.Add($"{name}: '{s}' is not one of {string.Join(", ", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}");
        return null;
    }

    /// <summary>Query values from a URL's query string, as <see cref="DashboardFilter.Parse"/> takes them.</summary>
    public static Func<string, IReadOnlyList<string>> Values(string query)
    {
        var values = DashboardFilter.QueryValues(query);
        return name => values.TryGetValue(name, out var v) ? v : [];
    }
}
