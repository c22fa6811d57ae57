using System.Globalization;
using AiNewsDashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace AiNewsDashboard.Web.Components.Pages;

/// <summary>
/// One row of a ranked list: label, count and a bar for its share; the label narrows the dashboard to it. A render
/// fragment, not a component: the overview and the topics page show a dozen or more, and each component an open page holds
/// costs the server some kilobytes for as long as it is open.
/// </summary>
public static class ShareRow
{
    /// <param name="shareText">What the last column says; null: the share as a percentage.</param>
    public static RenderFragment Of(string label, int value, double share, string href, string? shareText = null) => b =>
    {
        b.OpenElement(0, "div");
        b.AddAttribute(1, "class", "share-row");
        b.OpenElement(2, "a");
        b.AddAttribute(3, "href", href);
        b.AddAttribute(4, "class", "share-label");
        b.AddAttribute(5, "title", $"{VisibleText.Show(label, 200)}: {value:N0}");
        b.AddContent(6, UserText.Of(label, maxLength: 200));
        b.CloseElement();
        b.OpenElement(7, "span");
        b.AddAttribute(8, "class", "share-value");
        b.AddContent(9, value.ToString("N0", CultureInfo.InvariantCulture));
        b.CloseElement();
        b.OpenElement(10, "span");
        b.AddAttribute(11, "class", "share-bar");
        b.AddAttribute(12, "aria-hidden", "true");
        b.OpenElement(13, "span");
        b.AddAttribute(14, "style", $"width:{(Math.Clamp(share, 0, 1) * 100).ToString("0.#", CultureInfo.InvariantCulture)}%");
        b.CloseElement();
        b.CloseElement();
        b.OpenElement(15, "span");
        b.AddAttribute(16, "class", "share-pct");
        b.AddContent(17, shareText ?? share.ToString("0%", CultureInfo.InvariantCulture));
        b.CloseElement();
        b.CloseElement();
    };
}
