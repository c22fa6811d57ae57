using System.Net;
using System.Net.Sockets;

namespace AiNewsDashboard.Core.Alerts;

/// <summary>
/// A URL that receives alerts as signed JSON POSTs, set up by an Admin. It covers every alert, or only those of the
/// chosen rules and owners. Its secret signs each body (HMAC-SHA256) and is shown once, when it is made.
/// </summary>
public sealed class Webhook
{
    public const int MaxNameLength = 100, MaxUrlLength = 2000;

    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Url { get; set; }
    public required string Secret { get; set; }

    /// <summary>Only the alerts of these rules; empty: any rule.</summary>
    public List<int> RuleIds { get; set; } = [];

    /// <summary>Only the alerts of these owners' rules; empty: anyone's.</summary>
    public List<string> Owners { get; set; } = [];

    public DateTimeOffset CreatedUtc { get; set; }
    public string? CreatedBy { get; set; }

    public bool Covers(int ruleId, string owner) => (RuleIds.Count == 0 || RuleIds.Contains(ruleId)) && (Owners.Count == 0 || Owners.Contains(owner));
}

public enum WebhookDeliveryState
{
    /// <summary>Waiting for its next attempt.</summary>
    Pending,

    Delivered,

    /// <summary>Given up after the last attempt.</summary>
    Failed,
}

/// <summary>
/// One event for one webhook, kept until it is delivered or given up: a restart picks it up where it was, and an alert's
/// delivery is added in the same transaction as the alert, so it is never added twice. <see cref="DeliveryId"/> is the same
/// on every attempt, for receivers to deduplicate.
/// </summary>
public sealed class WebhookDelivery
{
    public const string AlertEvent = "alert", TestEvent = "test";

    public int Id { get; set; }
    public required string DeliveryId { get; set; }
    public int WebhookId { get; set; }

    /// <summary>The alert it carries; null for a test event.</summary>
    public int? AlertId { get; set; }

    public Alert? Alert { get; set; }
    public required string Event { get; set; }
    public WebhookDeliveryState State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset NextAttemptUtc { get; set; }
    public DateTimeOffset? LastAttemptUtc { get; set; }

    /// <summary>The receiver's HTTP status at the last attempt; null when there was no answer.</summary>
    public int? LastStatus { get; set; }

    /// <summary>What went wrong at the last attempt; null after a success.</summary>
    public string? LastError { get; set; }

    /// <summary>How often a sender claimed it: a sender sends only what it claimed from the count it read, so of several
    /// servers on one database one sends each attempt.</summary>
    public int Claims { get; set; }
}

/// <summary>
/// Where webhooks may point. Private, loopback, link-local and unique-local addresses (and the unspecified and multicast
/// ones) are refused unless an allowed network holds them; plain http only to an allowed network. The URL is checked when
/// a webhook is added, and every address a name resolves to when the sender connects.
/// </summary>
public sealed class WebhookTargets(IReadOnlyList<IPNetwork> allowed)
{
    public const string AllowListSetting = "Webhooks:AllowedNetworks";

    public static WebhookTargets None { get; } = new([]);

    public IReadOnlyList<IPNetwork> Allowed => allowed;

    public bool IsAllowed(IPAddress address)
    {
        var a = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return allowed.Any(n => n.BaseAddress.AddressFamily == a.AddressFamily && n.Contains(a));
    }

    /// <summary>What kind of internal address it is (loopback, private...), or null for a public one.</summary>
    public static string? InternalKind(IPAddress address)
    {
        var a = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (IPAddress.IsLoopback(a))
            return "a loopback address";
        if (a.Equals(IPAddress.Any) || a.Equals(IPAddress.IPv6Any))
            return "the unspecified address";
        if (a.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = a.GetAddressBytes();
            return b[0] switch
            {
                10 => "a private address (RFC 1918)",
                172 when b[1] is >= 16 and <= 31 => "a private address (RFC 1918)",
                192 when b[1] == 168 => "a private address (RFC 1918)",
                169 when b[1] == 254 => "a link-local address",
                100 when b[1] is >= 64 and <= 127 => "a shared (carrier-grade NAT) address",
                0 => "a 'this network' address",
                >= 224 => "a multicast or reserved address",
                _ => null,
            };
        }
        if (a.IsIPv6LinkLocal || a.IsIPv6SiteLocal)
            return "a link-local address";
        if (a.IsIPv6UniqueLocal)
            return "a unique local address (ULA)";
        if (a.IsIPv6Multicast)
            return "a multicast address";
        return null;
    }

    /// <summary>Why a connection to <paramref name="address"/> (which <paramref name="host"/> named) is refused; null when it may go.</summary>
    public string? Refusal(string host, IPAddress address)
    {
        if (IsAllowed(address) || InternalKind(address) is not { } kind)
            return null;
        var named = IPAddress.TryParse(host.Trim('[', ']'), out _) ? $"{address}" : $"{host} resolves to {address}, which";
        return $"{named} is {kind}; webhooks go there only when {AllowListSetting} holds its network.";
    }

    /// <summary>Checks a webhook's URL as typed: absolute, https (http only to an allowed network), no credentials, and no
    /// internal address unless allowed. Answers the URL, or why not.</summary>
    public bool TryCheckUrl(string? text, out Uri uri, out string problem)
    {
        uri = null!;
        problem = "";
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var parsed) || parsed.Scheme is not ("https" or "http"))
        {
            problem = "url: required, an absolute https:// address";
            return false;
        }
        if (text.Length > Webhook.MaxUrlLength)
        {
            problem = $"url: longer than {Webhook.MaxUrlLength} characters";
            return false;
        }
        if (parsed.UserInfo.Length > 0)
        {
            problem = "url: must not hold a user name or password; the signature authenticates the sender";
            return false;
        }
        var host = parsed.IdnHost.Trim('[', ']');
        var literal = IPAddress.TryParse(host, out var address) ? address
            : host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) ? IPAddress.Loopback
            : null;
        if (literal is not null && Refusal(parsed.Host, literal) is { } refused)
        {
            problem = "url: " + refused;
            return false;
        }
        if (parsed.Scheme == "http" && (literal is null || !IsAllowed(literal)))
        {
            problem = $"url: plain http is only for addresses in {AllowListSetting}; use https";
            return false;
        }
        uri = parsed;
        return true;
    }
}
