using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AiNewsDashboard.Web.Components.Shared;

/// <summary>
/// A field in MudBlazor's outlined, dense look around a native input or select: the same border, floating label, error
/// colour and message, without a component (each one an open page holds costs about 5 KB of the server's memory). The
/// filter bar's fields and the Articles page's phone sort select use it.
/// </summary>
public static class PlainField
{
    /// <summary>The classes of the native input or select inside (a select adds <see cref="SelectClass"/>'s adornment).</summary>
    public const string InputClass = "mud-input-slot mud-input-root mud-input-root-outlined mud-input-root-margin-dense";

    public const string SelectClass = InputClass + " mud-input-root-adorned-end";

    /// <summary>
    /// The field around <paramref name="input"/> (whose id is <paramref name="id"/>); <paramref name="css"/> containing
    /// <c>filter-select</c> draws a select's drop-down arrow; <paramref name="error"/>, when set, colours it and shows below.
    /// </summary>
    public static RenderFragment Outlined(string id, string label, string css, string? error, RenderFragment input, bool adornedStart = false) => b =>
    {
        var errorClass = error is null ? "" : " mud-input-error";
        b.OpenElement(0, "div");
        b.AddAttribute(1, "class", $"mud-input-control mud-input-control-margin-dense mud-input-outlined-with-label mud-input-input-control {(error is null ? "" : "mud-input-error ")}{css}");
        b.OpenElement(2, "div");
        b.AddAttribute(3, "class", "mud-input-control-input-container");
        b.OpenElement(4, "div");
        b.AddAttribute(5, "class", $"mud-input mud-input-outlined mud-input-outlined-with-label mud-input-margin-dense mud-shrink mud-typography-subtitle1{(adornedStart ? " mud-input-adorned-start" : "")}{errorClass}");
        b.AddContent(6, input);
        if (css.Contains("filter-select", StringComparison.Ordinal))
        {
            b.OpenElement(7, "div");
            b.AddAttribute(8, "class", "mud-input-adornment mud-input-adornment-end");
            b.AddContent(9, PlainIcon.Svg(Icons.Material.Filled.ArrowDropDown));
            b.CloseElement();
        }
        b.OpenElement(10, "fieldset");
        b.AddAttribute(11, "class", "mud-input-outlined-border");
        b.OpenElement(12, "legend");
        b.AddContent(13, label);
        b.CloseElement();
        b.CloseElement();
        b.CloseElement();
        b.OpenElement(14, "label");
        b.AddAttribute(15, "class", $"mud-input-label mud-input-label-animated mud-input-label-outlined mud-input-label-margin-dense mud-input-label-inputcontrol{errorClass}");
        b.AddAttribute(16, "for", id);
        b.AddContent(17, label);
        b.CloseElement();
        b.CloseElement();
        if (error is not null)
        {
            b.OpenElement(18, "div");
            b.AddAttribute(19, "class", "mud-input-control-helper-container px-2");
            b.OpenElement(20, "div");
            b.AddAttribute(21, "class", "d-flex mud-input-helper-text mud-input-error");
            b.OpenElement(22, "div");
            b.AddAttribute(23, "class", "me-auto");
            b.AddContent(24, error);
            b.CloseElement();
            b.CloseElement();
            b.CloseElement();
        }
        b.CloseElement();
    };
}
