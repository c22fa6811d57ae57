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
        if (!UrlRules.TryParseHttpUrl(trimmed, out var uri))
            return null;

        var sb = new StringBuilder(trimmed.Length);
        sb.Append(uri.Scheme).Append("://").Append(uri.Host.ToLowerInvariant());
        if (!uri.IsDefaultPort)
            sb.Append(':').Append(uri.Port);

        sb.Append(uri.AbsolutePath.TrimEnd('/'));

        var query = uri.Query;
        if (query.Length > 1)
        {
            var kept = 0;
            foreach (var part in query[1..].Split('&'))
            {
                if (part.Length == 0 || part.StartsWith("utm_", StringComparison.OrdinalIgnoreCase))
                    continue;
                sb.Append(kept++ == 0 ? '?' : '&').Append(part);
            }
        }
        return sb.ToString();
    }
}
