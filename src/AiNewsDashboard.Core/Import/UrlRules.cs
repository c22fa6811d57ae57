using System.Diagnostics.CodeAnalysis;

namespace AiNewsDashboard.Core.Import;

/// <summary>Which strings the importer accepts as links.</summary>
public static class UrlRules
{
    /// <summary>Longest URL accepted, in characters.</summary>
    internal const int MaxUrlLength = 8192;

    /// <summary>
    /// True for an absolute http or https URL with a host, written out in full ("http://" or "https://", any case),
    /// with no whitespace or control characters anywhere (callers trim first). Everything else is false:
    /// relative URLs, javascript:, data:, file:, "http:/x", "http:\\x", null.
    /// </summary>
    public static bool IsHttpUrl(string? s) => (s is not null && PlainUrl.TryScan(s, out _, out _, out _)) || TryParseHttpUrl(s, out _);

    /// <summary><see cref="IsHttpUrl"/>, handing over the parsed URL so callers need not parse it again.</summary>
    public static bool TryParseHttpUrl([NotNullWhen(true)] string? s, [NotNullWhen(true)] out Uri? uri)
    {
        uri = null;
        if (s is null || s.Length < 8 || s.Length > MaxUrlLength)
        {
            return false;
        }

        if (!s.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            && !s.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (char c in s)
        {
            if (c <= ' ' || c == '\u007F' || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }

        if (!Uri.TryCreate(s, UriKind.Absolute, out uri))
        {
            return false;
        }

        if ((uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0)
        {
            return true;
        }

        uri = null;
        return false;
    }
}
