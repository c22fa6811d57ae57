using Microsoft.AspNetCore.Components;

namespace AiNewsDashboard.Web.Components.Shared;

/// <summary>
/// A small text button that is a link (MudButton with <c>Href</c>, <c>Size.Small</c>, <c>Variant.Text</c>), drawn as
/// plain markup in MudButton's look. Chart cards and the overview show several on every page, and each component an open
/// page holds costs the server some kilobytes for as long as the page is open (see <see cref="PlainIcon"/>).
/// </summary>
public static class PlainButton
{
    /// <param name="endIcon">An icon after the label (MudButton's EndIcon), one of <c>Icons.Material</c>'s SVG bodies.</param>
    /// <param name="css">More classes, such as <c>no-print</c>.</param>
    public static RenderFragment Link(string href, string label, string? endIcon = null, string? css = null) => builder =>
    {
        builder.OpenElement(0, "a");
        builder.AddAttribute(1, "class", css is null
            ? "mud-button-root mud-button mud-button-text mud-button-text-default mud-button-text-size-small mud-ripple"
            : $"mud-button-root mud-button mud-button-text mud-button-text-default mud-button-text-size-small mud-ripple {css}");
        builder.AddAttribute(2, "href", href);
        builder.OpenElement(3, "span");
        builder.AddAttribute(4, "class", "mud-button-label");
        builder.AddContent(5, label);
        if (endIcon is not null)
        {
            builder.OpenElement(6, "span");
            builder.AddAttribute(7, "class", "mud-button-icon-end mud-button-icon-size-small");
            builder.AddContent(8, PlainIcon.Svg(endIcon, "small"));
            builder.CloseElement();
        }
        builder.CloseElement();
        builder.CloseElement();
    };
}
