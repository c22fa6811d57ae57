using System.Text;

namespace AiNewsDashboard.Core.Import;

/// <summary>
/// The key an article is stored under: lower-case scheme and host, no default port, no fragment,
/// no trailing slash, no <c>utm_*</c> tracking parameters. Path and other parameters are kept as given.
/// </summary>
public static class UrlNormalizer
{
    /// <returns>The normalised URL, or null when <paramref name="url"/> is not an absolute http/https URL.</returns>
    public static string? Normalize(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) ||
            !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) ||
            uri.Host.Length == 0)
            return null;

        var sb = new StringBuilder(url.Length);
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
