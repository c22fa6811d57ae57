using System.Text;

namespace AiNewsDashboard.Core.Import;

/// <summary>
/// The key an article is stored under: lower-case scheme and host, no default port, no fragment,
/// no trailing slash, no <c>utm_*</c> tracking parameters. Path and other parameters are kept as given.
/// </summary>
public static class UrlNormalizer
{
    /// <returns>
    /// The normalised URL, or null when <paramref name="url"/> is not a URL the importer accepts
    /// (<see cref="UrlRules.IsHttpUrl"/>: one definition for the parser and the store, so a URL the parser let
    /// through always has a key).
    /// </returns>
    public static string? Normalize(string? url)
    {
        var trimmed = url?.Trim();
        return trimmed is not null && PlainUrl.TryScan(trimmed, out var schemeLength, out var hostEnd, out var queryStart)
            ? PlainUrl.Normalize(trimmed, schemeLength, hostEnd, queryStart)
            : NormalizeWithUri(trimmed);
    }

    /// <summary><see cref="Normalize"/> for a trimmed URL, by way of <see cref="Uri"/>: the general path.</summary>
    internal static string? NormalizeWithUri(string? trimmed)
    {
        if (!UrlRules.TryParseHttpUrl(trimmed, out var uri))
            return null;

        var sb = new StringBuilder(trimmed.Length);
        sb.Append(uri.Scheme).Append("://").Append(uri.Host.ToLowerInvariant());
        if (!uri.IsDefaultPort)
            sb.Append(':').Append(uri.Port);

        sb.Append(uri.AbsolutePath.TrimEnd('/'));

        var query = uri.Query;
        if (query.Length > 1)
            AppendQuery(sb, query.AsSpan(1));
        return sb.ToString();
    }

    /// <summary>Appends a query (without its '?') minus its empty and <c>utm_*</c> parameters.</summary>
    internal static void AppendQuery(StringBuilder sb, ReadOnlySpan<char> query)
    {
        var kept = 0;
        foreach (var range in query.Split('&'))
        {
            var part = query[range];
            if (part.Length == 0 || part.StartsWith("utm_", StringComparison.OrdinalIgnoreCase))
                continue;
            sb.Append(kept++ == 0 ? '?' : '&').Append(part);
        }
    }
}
