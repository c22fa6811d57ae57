using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace AiNewsDashboard.Web.Components.Pages;

/// <summary>
/// A tiny trend line (no axes), for tables. A render fragment, not a component: the leaderboard draws one per row, and each
/// component an open page holds costs the server some kilobytes for as long as the page is open.
/// </summary>
public static class Sparkline
{
    public static RenderFragment Of(IReadOnlyList<int> values, string label) => b =>
    {
        b.OpenElement(0, "svg");
        b.AddAttribute(1, "class", "sparkline");
        b.AddAttribute(2, "viewBox", "0 0 120 28");
        b.AddAttribute(3, "role", "img");
        b.AddAttribute(4, "aria-label", label);
        b.AddAttribute(5, "preserveAspectRatio", "none");
        b.OpenElement(6, "title");
        b.AddContent(7, $"{label}: {string.Join(", ", values)}");
        b.CloseElement();
        if (values.Count > 1)
        {
            b.OpenElement(8, "path");
            b.AddAttribute(9, "d", PathData(values));
            b.CloseElement();
        }
        b.CloseElement();
    };

    private static string PathData(IReadOnlyList<int> values)
    {
        var max = Math.Max(1, values.Max());
        var step = 120.0 / (values.Count - 1);
        return string.Concat(values.Select((v, i) => string.Create(CultureInfo.InvariantCulture, $"{(i == 0 ? "M" : "L")}{i * step:0.#},{26 - 24.0 * v / max:0.#} ")));
    }
}
