using AiNewsDashboard.Core.Queries;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace AiNewsDashboard.Web.Components.Shared;

/// <summary>
/// Text from an article file (a title, a provider's name, a topic) as markup: isolated from the text around it, so a
/// right-to-left override (U+202E) in a provider's name cannot reverse the domain beside it; wrapped anywhere, so one
/// long word cannot widen the page; and never invisible or endless (see <see cref="VisibleText"/>). With marks, the
/// stretches a search matched are <c>&lt;mark&gt;</c>ed: the text itself is still only ever text.
/// </summary>
/// <remarks>
/// A render fragment, not a component: pages show such text hundreds of times, and each component instance costs an
/// open session about 5 KB of server memory (its render trees), while a fragment is only frames in its parent's tree.
/// </remarks>
public static class UserText
{
    /// <param name="fallback">Shown when <paramref name="value"/> is null (another field of the same article, say).</param>
    /// <param name="marks">Stretches of <paramref name="value"/> a search matched (never of <paramref name="fallback"/>).</param>
    public static RenderFragment Of(string? value, string? fallback = null, int maxLength = VisibleText.DefaultMaxLength,
        IReadOnlyList<TextMark>? marks = null) => builder => Render(builder, value, fallback, maxLength, marks);

    private static void Render(RenderTreeBuilder builder, string? value, string? fallback, int maxLength, IReadOnlyList<TextMark>? marks)
    {
        builder.OpenElement(0, "bdi");
        builder.AddAttribute(1, "class", "user-text");
        if (value is not null && marks is { Count: > 0 })
        {
            foreach (var (text, marked) in VisibleText.Segments(value, marks, maxLength))
            {
                if (marked)
                {
                    builder.OpenElement(2, "mark");
                    builder.AddAttribute(3, "class", "search-hit");
                    builder.AddContent(4, text);
                    builder.CloseElement();
                }
                else
                {
                    builder.AddContent(5, text);
                }
            }
        }
        else
        {
            builder.AddContent(6, VisibleText.Show(value ?? fallback, maxLength));
        }
        builder.CloseElement();
    }
}
