using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiNewsDashboard.Core.Alerts;
using AiNewsDashboard.Web.Hosting;
using Microsoft.Extensions.Options;

namespace AiNewsDashboard.Web.Alerts;

/// <summary>
/// The <c>Webhooks</c> section: how alerts are posted to webhooks: the app's address for links, the retries, the time an
/// answer may take, and the internal networks webhooks may reach.
/// </summary>
public sealed class WebhookOptions : ISettingsSection, IValidatableObject
{
    public static string Section => "Webhooks";

    /// <summary>The address users open the app at; a payload's links start with it.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>Attempts before a delivery is given up (the first included).</summary>
    [Range(1, 100, ErrorMessage = "must be a number of attempts from {1} to {2}")]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failure; each further failure doubles it, up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "must be a time span from {1} to {2} (hh:mm:ss)")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "must be a time span from {1} to {2} (hh:mm:ss)")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long one attempt may take, connection and answer together.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = "must be a time span from {1} to {2} (hh:mm:ss)")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Internal networks webhooks may reach, separated by <c>;</c>: addresses (<c>10.0.0.7</c>) or networks
    /// (<c>10.0.0.0/8</c>, <c>fd00::/8</c>). Empty (the default): private, loopback, link-local and unique-local
    /// addresses are refused, and so is plain http.
    /// </summary>
    public string AllowedNetworks { get; set; } = "";

    public WebhookRetry Retry => new(MaxAttempts, FirstRetryDelay, MaxRetryDelay);

    public WebhookTargets Targets() => new(ForwardedHeaders.Entries(AllowedNetworks).Select(entry =>
        ForwardedHeaders.TryParse(entry, out var address, out var network) && address is not null
            ? new System.Net.IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128)
            : network).ToArray());

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var entry in ForwardedHeaders.Entries(AllowedNetworks))
            if (!ForwardedHeaders.TryParse(entry, out _, out _))
                yield return new ValidationResult($"'{entry}' is neither an IP address nor a network such as 10.0.0.0/8", [nameof(AllowedNetworks)]);
        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            yield return new ValidationResult("must be the app's absolute http(s) address, such as https://news.example.org", [nameof(PublicBaseUrl)]);
        if (MaxRetryDelay < FirstRetryDelay)
            yield return new ValidationResult($"must be at least FirstRetryDelay ({FirstRetryDelay})", [nameof(MaxRetryDelay)]);
    }
}

/// <summary>What one attempt gave: delivered (a 2xx), or the status and why not.</summary>
public sealed record WebhookAttempt(bool Ok, int? Status, string? Error);

/// <summary>
/// Posts one delivery: the JSON body (<see cref="WebhookPayload"/>), signed with the webhook's secret over
/// <c>timestamp.body</c> (HMAC-SHA256, hex), with the delivery's id, which stays the same on every retry. The connection
/// goes only to addresses <see cref="WebhookTargets"/> allows, checked on the resolved address as it connects, so a name
/// that resolves to an internal address is refused too. Redirects are not followed.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    public const string SignatureHeader = "X-AiNews-Signature", TimestampHeader = "X-AiNews-Timestamp", DeliveryHeader = "X-AiNews-Delivery",
        EventHeader = "X-AiNews-Event";

    private readonly HttpClient _http;
    private readonly WebhookTargets _targets;
    private readonly IOptions<WebhookOptions> _options;
    private readonly TimeProvider _clock;

    public WebhookSender(WebhookTargets targets, IOptions<WebhookOptions> options, TimeProvider clock)
    {
        _targets = targets;
        _options = options;
        _clock = clock;
        _http = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = ConnectAsync, AllowAutoRedirect = false, UseProxy = false, UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        }) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("AiNewsDashboard-Webhooks/1.0");
    }

    /// <summary>The signature of a body sent at <paramref name="timestamp"/> (Unix seconds): <c>sha256=</c> and the hex HMAC of <c>timestamp.body</c>.</summary>
    public static string Sign(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    public async Task<WebhookAttempt> SendAsync(DueWebhookDelivery due, CancellationToken ct)
    {
        var body = WebhookPayload.Json(due, _options.Value.PublicBaseUrl);
        var timestamp = _clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, due.Hook.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(SignatureHeader, Sign(due.Hook.Secret, timestamp, body));
        request.Headers.Add(TimestampHeader, timestamp);
        request.Headers.Add(DeliveryHeader, due.Delivery.DeliveryId);
        request.Headers.Add(EventHeader, due.Delivery.Event);
        var timeout = _options.Value.Timeout;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new WebhookAttempt(true, status, null)
                : new WebhookAttempt(false, status, $"the receiver answered {status} {response.ReasonPhrase}".TrimEnd());
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new WebhookAttempt(false, null, $"no answer within {timeout.TotalSeconds:0.#} s (Webhooks:Timeout)");
        }
        catch (HttpRequestException e)
        {
            return new WebhookAttempt(false, null, Innermost(e));
        }
    }

    private static string Innermost(Exception e) => e switch
    {
        { InnerException: WebhookRefusedException refused } => refused.Message,
        { InnerException: { } inner } => $"{e.Message} ({inner.Message})",
        _ => e.Message,
    };

    /// <summary>Connects only to addresses the targets allow; every address the name resolves to is checked, so a name can't
    /// slip an internal address in beside a public one.</summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        foreach (var address in addresses)
            if (_targets.Refusal(host, address) is { } refusal)
                throw new WebhookRefusedException(refusal);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>A webhook's connection refused by <see cref="WebhookTargets"/>; its message says why and what to set.</summary>
public sealed class WebhookRefusedException(string message) : IOException(message);

/// <summary>The JSON a webhook receives. Built from stored rows only, so every attempt of a delivery sends the same body.</summary>
public static class WebhookPayload
{
    public sealed record Body(string Event, string DeliveryId, DateTimeOffset Created, AlertPart? Alert, RulePart? Rule, ViewPart? View, HookPart? Webhook,
        string? Message);

    /// <param name="Value">The figure held against the threshold: articles, percent, z, new providers or surge.</param>
    public sealed record AlertPart(int Id, string Key, DateTimeOffset Fired, string Title, string Detail, double? Value, string Url);

    public sealed record RulePart(int Id, string Name, string Owner, string Condition, double Threshold, int WindowDays);

    public sealed record ViewPart(int Id, string Name, string Url);

    public sealed record HookPart(int Id, string Name);

    public static string Json(DueWebhookDelivery due, string publicBaseUrl)
    {
        var origin = publicBaseUrl.TrimEnd('/');
        var d = due.Delivery;
        var body = due.Alert is { } a
            ? new Body(d.Event, d.DeliveryId, d.CreatedUtc,
                new AlertPart(a.Id, a.Key, a.FiredUtc, a.Title, a.Detail, a.Value, origin + a.Url),
                due.Rule is { } r ? new RulePart(r.Id, r.Name, r.OwnerId, r.Condition.ToString().ToLowerInvariant(), r.Threshold, r.WindowDays) : null,
                due.View is { } v ? new ViewPart(v.Id, v.Name, origin + v.Url) : null, null, null)
            : new Body(d.Event, d.DeliveryId, d.CreatedUtc, null, null, null, new HookPart(due.Hook.Id, due.Hook.Name),
                "A test event from AiNewsDashboard: this webhook is reachable and its signature can be checked.");
        return JsonSerializer.Serialize(body, Options);
    }

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
