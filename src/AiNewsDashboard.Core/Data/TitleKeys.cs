namespace AiNewsDashboard.Core.Data;

/// <summary>
/// The title order of the article list, as both stores keep it: each article stores its title upper-cased
/// (<see cref="Article.TitleKey"/>, indexed with the id), and keys compare by Unicode code point, which is how SQLite
/// compares text (BINARY, byte by byte in UTF-8) and PostgreSQL compares the column (COLLATE "C"). So the stores'
/// indexes and the in-memory sort of a small selection (<see cref="Compare"/>) agree on every title.
/// </summary>
public static class TitleKeys
{
    /// <summary>
    /// The key of a title: upper-cased with the invariant culture, so case does not matter and non-ASCII letters fold
    /// too (SQLite's upper() only folds ASCII, which is why the writers compute it, not the store).
    /// </summary>
    public static string? Of(string? title) => title?.ToUpperInvariant();

    /// <summary>
    /// Code point order. Ordinal UTF-16 order differs from it only where a surrogate (a character above U+FFFF) meets
    /// a character from U+E000 to U+FFFF: surrogates are moved above those, as in ICU's code point comparison.
    /// </summary>
    public static int Compare(string a, string b)
    {
        var n = Math.Min(a.Length, b.Length);
        var i = a.AsSpan(0, n).CommonPrefixLength(b.AsSpan(0, n));
        if (i == n)
            return a.Length.CompareTo(b.Length);
        return Fix(a[i]).CompareTo(Fix(b[i]));
    }

    private static int Fix(char c) => c switch
    {
        >= '\uE000' => c - 0x800,
        >= '\uD800' => c + 0x2000,
        _ => c,
    };
}
