using AiNewsDashboard.Core.Queries.Graph;

namespace AiNewsDashboard.Web.Components.Graph;

public sealed record GraphLegendEntry(string Label, string Color, int Count, int? Cluster = null);

/// <summary>A graph view with each node's colour and size worked out, and the legend that explains the colours.</summary>
public sealed record StyledGraph(GraphView View, string[] Colors, double[] Sizes, IReadOnlyList<GraphLegendEntry> Legend, int OtherGroups);

/// <summary>
/// Colours and sizes for the graph, on the server so the legend and the drawing always agree. The largest groups get
/// a colour each and the rest share grey; stories are too many for that, so each gets a palette colour by its id
/// (neighbouring stories rarely match) and the legend names the largest.
/// </summary>
public static class GraphStyle
{
    /// <summary>Tableau 10 plus two: distinguishable, and readable on light and dark backgrounds.</summary>
    public static readonly string[] Palette =
        ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#2f9dd0", "#8cd17d", "#d37295"];

    public const string OtherColor = "#9e9e9e";
    public const int LegendGroups = 10;

    public static StyledGraph Apply(GraphView view, GraphColor color, GraphSize size, IReadOnlyDictionary<int, string>? storyNames = null)
    {
        var nodes = view.Nodes;
        var colors = new string[nodes.Count];
        var sizes = new double[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
            sizes[i] = Size(nodes[i], size);

        var groups = nodes.Select(n => Group(n, color)).ToArray();
        var counts = groups.GroupBy(g => g).Select(g => (Key: g.Key, Count: g.Count()))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Key, StringComparer.OrdinalIgnoreCase).ToList();
        var legend = new List<GraphLegendEntry>();
        if (color == GraphColor.Cluster)
        {
            for (var i = 0; i < nodes.Count; i++)
                colors[i] = Palette[(int)((uint)nodes[i].Cluster % (uint)Palette.Length)];
            foreach (var (key, count) in counts.Take(LegendGroups))
            {
                var id = int.Parse(key, System.Globalization.CultureInfo.InvariantCulture);
                legend.Add(new GraphLegendEntry(storyNames?.GetValueOrDefault(id) ?? $"Story {id}", Palette[(int)((uint)id % (uint)Palette.Length)], count, id));
            }
            return new StyledGraph(view, colors, sizes, legend, Math.Max(0, counts.Count - LegendGroups));
        }

        var colorOf = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < counts.Count && i < LegendGroups; i++)
        {
            colorOf[counts[i].Key] = Palette[i];
            legend.Add(new GraphLegendEntry(counts[i].Key, Palette[i], counts[i].Count));
        }
        var others = counts.Skip(LegendGroups).ToList();
        if (others.Count > 0)
            legend.Add(new GraphLegendEntry($"Other ({others.Count:N0})", OtherColor, others.Sum(o => o.Count)));
        for (var i = 0; i < nodes.Count; i++)
            colors[i] = colorOf.GetValueOrDefault(groups[i], OtherColor);
        return new StyledGraph(view, colors, sizes, legend, others.Count);
    }

    private static string Group(GraphNode node, GraphColor color) => color switch
    {
        GraphColor.Provider => node.Provider ?? node.ProviderDomain ?? "Unknown provider",
        GraphColor.Topic => node.Topic ?? "No topic",
        GraphColor.Category => node.Category ?? "No category",
        _ => node.Cluster.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Node radius in pixels at zoom 1: grows with the square root of links, or the log of heat; references are smaller.</summary>
    internal static double Size(GraphNode node, GraphSize size)
    {
        var r = size switch
        {
            GraphSize.Heat => node.Heat is { } h ? 3 + 2.2 * Math.Log10(1 + h) : 2.5,
            _ => 3 + 1.6 * Math.Sqrt(node.Degree),
        };
        return Math.Round(Math.Min(r, 18) * (node.IsReference ? 0.7 : 1), 2);
    }
}
