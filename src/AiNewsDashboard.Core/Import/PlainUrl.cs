namespace AiNewsDashboard.Core.Import;

/// <summary>
/// The fast path of <see cref="UrlRules.IsHttpUrl"/> and <see cref="UrlNormalizer.Normalize"/> for the URLs nearly
/// every file is made of: http(s), a host name of letters, digits, hyphens and dots, and a path and query of
/// characters that <see cref="Uri"/> leaves exactly as written. For those the answer is read off the string, which
/// is several times cheaper than building a <see cref="Uri"/> (the parse threads built seven per file, a quarter of
/// their time). Anything else (a port, user info, a fragment, percent-escapes, dot segments, an IP address, a
/// character outside the set) is not plain, and the callers ask <see cref="Uri"/> as before. So being plain must
/// imply that <see cref="Uri"/> accepts the URL and normalises it the same way: tests check that difference by
/// difference (UrlNormalizerTests).
/// </summary>
internal static class PlainUrl
{
    private const int MaxHostLength = 253, MaxLabelLength = 63;

    /// <summary>Splits a plain URL: where its host ends, and where its query starts (-1 when it has none).</summary>
    public static bool TryScan(string s, out int schemeLength, out int hostEnd, out int queryStart)
    {
        hostEnd = queryStart = -1;
        if (s.Length < 8 || s.Length > UrlRules.MaxUrlLength)
        {
            schemeLength = 0;
            return false;
        }
        schemeLength = s.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? 5
            : s.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? 4 : 0;
        if (schemeLength == 0)
            return false;

        // The host: dot-separated labels of letters, digits and inner hyphens, the last one starting with a letter
        // (so it is a name, never an IP address, which Uri would rewrite).
        var hostStart = schemeLength + 3;
        var p = hostStart;
        var labelStart = p;
        for (; p < s.Length && s[p] is not ('/' or '?'); p++)
        {
            var c = s[p];
            if (c == '.')
            {
                if (!LabelOk(s, labelStart, p))
                    return false;
                labelStart = p + 1;
            }
            else if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                return false;
        }
        if (!LabelOk(s, labelStart, p) || !char.IsAsciiLetter(s[labelStart]) || p - hostStart > MaxHostLength)
            return false;
        hostEnd = p;

        // Path and query: only characters Uri keeps as they are, no dot segments, no empty segments.
        for (; p < s.Length; p++)
        {
            var c = s[p];
            if (c == '?' && queryStart < 0)
                queryStart = p;
            else if (!IsKeptAsIs(c) && !(c == '?' && queryStart >= 0))
                return false;
            else if (queryStart < 0 && (c is '.' or '/') && s[p - 1] == '/')
                return false;
        }
        return true;
    }

    /// <summary>The key <see cref="UrlNormalizer.Normalize"/> gives, built from a URL <see cref="TryScan"/> accepted.</summary>
    public static string Normalize(string s, int schemeLength, int hostEnd, int queryStart)
    {
        var pathEnd = queryStart < 0 ? s.Length : queryStart;
        var path = s.AsSpan(hostEnd, pathEnd - hostEnd).TrimEnd('/');
        var hostStart = schemeLength + 3;
        var sb = new System.Text.StringBuilder(s.Length);
        sb.Append(schemeLength == 5 ? "https://" : "http://");
        foreach (var c in s.AsSpan(hostStart, hostEnd - hostStart))
            sb.Append(char.ToLowerInvariant(c));
        sb.Append(path);
        if (queryStart >= 0)
            UrlNormalizer.AppendQuery(sb, s.AsSpan(queryStart + 1));
        return sb.ToString();
    }

    private static bool LabelOk(string s, int start, int end) =>
        end > start && end - start <= MaxLabelLength && s[start] != '-' && s[end - 1] != '-';

    /// <summary>Unreserved characters and the sub-delimiters, ':', '@' and '/' (RFC 3986): Uri escapes none of them.</summary>
    private static bool IsKeptAsIs(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '!' or '$' or '&' or '\'' or '(' or ')' or '*' or '+' or ','
            or ';' or '=' or ':' or '@' or '/';
}
