using System.Globalization;
using System.Text;

namespace AiNewsDashboard.Web.Components.Shared;

/// <summary>
/// Text from article files as a page shows it: a string that would draw nothing (only zero-width, format, control or
/// blank characters) is shown as its escapes (<c>\u200B</c>), so a chip or link is never empty; and text longer than a
/// page can use is cut, saying how much is left out (the stored text is untouched).
/// </summary>
public static class VisibleText
{
    /// <summary>Longest text shown in one place; the article page's title is the longest place.</summary>
    public const int DefaultMaxLength = 1000;

    public static string Show(string? text, int maxLength = DefaultMaxLength)
    {
        if (text is null)
            return "";
        if (IsInvisible(text))
            return Escape(text);
        if (text.Length <= maxLength)
            return text;
        var cut = char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;
        return $"{text[..cut]}… ({text.Length - cut:N0} more characters)";
    }

    /// <summary>True when no character of <paramref name="text"/> draws anything (an empty string included).</summary>
    public static bool IsInvisible(string text)
    {
        foreach (var rune in text.EnumerateRunes())
            if (!IsInvisible(rune))
                return false;
        return true;
    }

    private static bool IsInvisible(Rune r) =>
        Rune.IsWhiteSpace(r) || Rune.IsControl(r)
        || Rune.GetUnicodeCategory(r) is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned
        // Letters and symbols that draw as blanks: the Hangul fillers and the blank Braille pattern.
        || r.Value is 0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800;

    private static string Escape(string text)
    {
        if (text.Length == 0)
            return "(empty)";
        var sb = new StringBuilder(text.Length * 6 + 2).Append('"');
        foreach (var rune in text.EnumerateRunes())
            sb.Append(rune.Value <= 0xFFFF ? $"\\u{rune.Value:X4}" : $"\\U{rune.Value:X8}");
        return sb.Append('"').ToString();
    }
}
