using System.Globalization;
using System.Text;
using AiNewsDashboard.Web.Components.Shared;

namespace AiNewsDashboard.Web.Components.Pages;

/// <summary>
/// A tiny trend line (no axes), for tables, as markup: the leaderboard draws one per row, and as render-tree frames each
/// took a dozen in the tree the server keeps for every open page.
/// </summary>
public static class Sparkline
{
    /// <param name="label">What the line shows, for screen readers and as its tooltip (with the values); encoded here.</param>
    public static string Markup(IReadOnlyList<int> values, string label)
    {
        var text = HtmlText.Encode(label);
        var svg = new StringBuilder(64 + 2 * text.Length + 12 * values.Count)
            .Append("<svg class=\"sparkline\" viewBox=\"0 0 120 28\" role=\"img\" aria-label=\"").Append(text)
            .Append("\" preserveAspectRatio=\"none\"><title>").Append(text).Append(": ").AppendJoin(", ", values).Append("</title>");
        if (values.Count > 1)
            svg.Append("<path d=\"").Append(PathData(values)).Append("\"></path>");
        return svg.Append("</svg>").ToString();
    }

    private static string PathData(IReadOnlyList<int> values)
    {
        var max = Math.Max(1, values.Max());
        var step = 120.0 / (values.Count - 1);
        return string.Concat(values.Select((v, i) => string.Create(CultureInfo.InvariantCulture, $"{(i == 0 ? "M" : "L")}{i * step:0.#},{26 - 24.0 * v / max:0.#} ")));
    }
}
