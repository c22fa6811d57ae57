using System.Net;
using AiNewsDashboard.Core.Import;

namespace AiNewsDashboard.Web.Components.Pages;

/// <summary>What an article's URL may become on a page.</summary>
public enum LinkTarget
{
    /// <summary>No URL at all.</summary>
    None,
    /// <summary>An http/https URL on another site: a live link or image.</summary>
    Live,
    /// <summary>Not http/https (javascript:, data:, relative, ...): inert text.</summary>
    NotHttp,
    /// <summary>This dashboard, this machine or a private network: inert text with a note.</summary>
    Internal,
}

/// <summary>
/// Article files come from the web, so their URLs are the attacker's: an image whose src is this dashboard
/// (<c>/admin/...</c>) or a service on the reader's machine or network (a router, 169.254.169.254) would be requested by
/// the reader's browser with the reader's rights. Such URLs are shown, never requested. Host names are not resolved:
/// a public name that resolves to a private address is the network's to refuse.
/// </summary>
public static class LinkTargets
{
    private static readonly IPNetwork[] Internal =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"),
    ];

    public const string InternalNote = "not linked: it points at this dashboard or at a private network address";

    /// <param name="url">The article's URL.</param>
    /// <param name="ownBaseUri">The dashboard's own address as the reader reached it (NavigationManager.BaseUri).</param>
    public static LinkTarget Classify(string? url, string? ownBaseUri)
    {
        if (url is null)
            return LinkTarget.None;
        if (!UrlRules.TryParseHttpUrl(url, out var uri))
            return LinkTarget.NotHttp;
        return IsInternal(uri, ownBaseUri) ? LinkTarget.Internal : LinkTarget.Live;
    }

    public static bool IsInternal(Uri uri, string? ownBaseUri)
    {
        var host = uri.IdnHost.TrimEnd('.');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            return true;
        if (ownBaseUri is not null && Uri.TryCreate(ownBaseUri, UriKind.Absolute, out var own)
            && string.Equals(own.IdnHost.TrimEnd('.'), host, StringComparison.OrdinalIgnoreCase))
            return true;
        if (uri.HostNameType is not (UriHostNameType.IPv4 or UriHostNameType.IPv6) || !IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var ip))
            return false;
        if (ip.IsIPv4MappedToIPv6)
            ip = ip.MapToIPv4();
        return Internal.Any(n => n.Contains(ip));
    }
}
