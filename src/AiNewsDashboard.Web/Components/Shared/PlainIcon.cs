using Microsoft.AspNetCore.Components;

namespace AiNewsDashboard.Web.Components.Shared;

/// <summary>
/// A MudBlazor icon (one of <c>Icons.Material</c>'s SVG bodies) drawn as plain markup, as <c>MudIcon</c> draws it. Every
/// open page keeps its components in the server's memory, about 5 KB each; a button in a control that sits on every page
/// (the filter bar) draws its icon with this rather than holding a component for it.
/// </summary>
public static class PlainIcon
{
    /// <param name="css">More classes: a colour (<c>mud-primary-text</c>, as MudIcon's Color), a margin.</param>
    public static RenderFragment Svg(string icon, string size = "medium", string? css = null) => builder =>
    {
        builder.OpenElement(0, "svg");
        builder.AddAttribute(1, "class", css is null ? $"mud-icon-root mud-svg-icon mud-icon-size-{size}" : $"mud-icon-root mud-svg-icon mud-icon-size-{size} {css}");
        builder.AddAttribute(2, "focusable", "false");
        builder.AddAttribute(3, "viewBox", "0 0 24 24");
        builder.AddAttribute(4, "aria-hidden", "true");
        builder.AddMarkupContent(5, icon);
        builder.CloseElement();
    };
}
