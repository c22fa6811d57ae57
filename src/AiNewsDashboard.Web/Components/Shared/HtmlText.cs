using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace AiNewsDashboard.Web.Components.Shared;

/// <summary>
/// Text encoded for markup the app builds as one string (a table row's cells, a sparkline) rather than as render-tree
/// frames: every character that could open a tag, an entity or end an attribute is escaped, letters of any script stay
/// as they are.
/// </summary>
public static class HtmlText
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Encode(string text) => Encoder.Encode(text);
}
