using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace AiNewsDashboard.Web.Components.Shared;

/// <summary>
/// A row of choices of which one is on (MudToggleGroup with outlined, delimited, small MudToggleItems), drawn as plain
/// markup in its look: a group of six held eight components, and every component an open page holds stays in the server's
/// memory while it is open (see <see cref="PlainIcon"/>).
/// </summary>
public static class PlainToggle
{
    /// <param name="receiver">The component that re-renders after a choice (the one drawing the group).</param>
    /// <param name="onChange">Called with the choice clicked, unless it is the one already on.</param>
    /// <param name="css">More classes on the group, such as <c>no-print</c>.</param>
    public static RenderFragment Group<T>(object receiver, string ariaLabel, string testId, IReadOnlyList<(T Value, string Text)> choices, T selected,
        Func<T, Task> onChange, bool disabled = false, string? css = null) => b =>
    {
        b.OpenElement(0, "div");
        b.AddAttribute(1, "role", "group");
        b.AddAttribute(2, "class", "mud-toggle-group mud-toggle-group-horizontal mud-toggle-group-size-small mud-toggle-group-primary mud-toggle-group-outlined" +
                                   (disabled ? " mud-disabled" : "") + (css is null ? "" : " " + css));
        b.AddAttribute(3, "style", $"grid-template-columns:repeat({choices.Count}, minmax(0, 1fr));");
        b.AddAttribute(4, "aria-label", ariaLabel);
        b.AddAttribute(5, "data-testid", testId);
        foreach (var (value, text) in choices)
        {
            var on = EqualityComparer<T>.Default.Equals(value, selected);
            b.OpenElement(6, "button");
            b.SetKey(value);
            b.AddAttribute(7, "type", "button");
            b.AddAttribute(8, "class", on
                ? "mud-button-root mud-button mud-button-filled mud-button-filled-primary mud-button-filled-size-small mud-ripple mud-toggle-item mud-toggle-item-selected mud-toggle-item-delimiter mud-toggle-item-size-small"
                : "mud-button-root mud-button mud-button-outlined mud-button-outlined-primary mud-button-outlined-size-small mud-ripple mud-toggle-item mud-toggle-item-delimiter mud-toggle-item-size-small");
            b.AddAttribute(9, "role", "checkbox");
            b.AddAttribute(10, "aria-checked", on ? "true" : "false");
            b.AddAttribute(11, "disabled", disabled);
            if (!on)
                b.AddAttribute(12, "onclick", EventCallback.Factory.Create<MouseEventArgs>(receiver, () => onChange(value)));
            b.OpenElement(13, "span");
            b.AddAttribute(14, "class", "mud-button-label");
            b.AddContent(15, text);
            b.CloseElement();
            b.CloseElement();
        }
        b.CloseElement();
    };
}
