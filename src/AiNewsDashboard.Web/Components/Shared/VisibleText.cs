using System.Globalization;
using System.Text;
using AiNewsDashboard.Core.Queries;

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
        var cut = Cut(text, maxLength);
        return cut == text.Length ? text : text[..cut] + More(text, cut);
    }

    /// <summary>
    /// <see cref="Show"/> in pieces, the stretches a search matched marked: the same text, cut in the same place, with
    /// the marks that fall in what is shown. Text shown as its escapes has no marks.
    /// </summary>
    public static IReadOnlyList<(string Text, bool Marked)> Segments(string? text, IReadOnlyList<TextMark> marks, int maxLength = DefaultMaxLength)
    {
        if (text is null || marks.Count == 0 || IsInvisible(text))
            return [(Show(text, maxLength), false)];
        var cut = Cut(text, maxLength);
        var segments = new List<(string, bool)>();
        var at = 0;
        foreach (var mark in marks.OrderBy(m => m.Start))
        {
            var start = Math.Clamp(mark.Start, at, cut);
            var end = Math.Clamp(mark.Start + mark.Length, start, cut);
            if (start == end)
                continue;
            if (start > at)
                segments.Add((text[at..start], false));
            segments.Add((text[start..end], true));
            at = end;
        }
        if (at < cut)
            segments.Add((text[at..cut], false));
        if (cut < text.Length)
            segments.Add((More(text, cut), false));
        return segments;
    }

    /// <summary>How much of <paramref name="text"/> is shown: all of it, or <paramref name="maxLength"/> units without splitting a character.</summary>
    private static int Cut(string text, int maxLength) =>
        text.Length <= maxLength ? text.Length : char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength;

    private static string More(string text, int cut) => $"… ({text.Length - cut:N0} more characters)";

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
