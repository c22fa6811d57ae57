using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiNewsDashboard.Core.Alerts;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Core.Views;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Alerts;
using AiNewsDashboard.Web.Tests.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiNewsDashboard.Web.Tests.Alerts;

/// <summary>
/// Webhooks in the running app against a receiver on loopback (allowed by Webhooks:AllowedNetworks): alerts arrive signed,
/// a failure is retried with a doubling wait, a give-up lands in the owner's inbox, a restart neither loses nor repeats a
/// delivery, internal targets are refused without the allow-list, and only Admins manage webhooks.
/// </summary>
public sealed class WebhooksTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 15, 0, 0, TimeSpan.Zero);
    private readonly SettableClock _clock = new(Start);
    private readonly TempDirectory _dataDir = new();
    private readonly List<WebApplicationFactory<Program>> _hosts = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
            await host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dataDir.Dispose();
    }

    /// <summary>The app on this test's database (so a second host is a restart), the clock the test moves, and loopback allowed.</summary>
    private WebApplicationFactory<Program> Host(int maxAttempts = 5, bool allowLoopback = true)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:News"] = SqliteStore.ConnectionStringForFile(_dataDir.PathOf("news.db")),
            ["Alerts:CheckInterval"] = "01:00:00",
            ["Webhooks:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Webhooks:FirstRetryDelay"] = "00:01:00",
            ["Webhooks:MaxRetryDelay"] = "00:10:00",
            ["Webhooks:PublicBaseUrl"] = "https://news.example.org",
        };
        if (allowLoopback)
            settings["Webhooks:AllowedNetworks"] = "127.0.0.0/8";
        var host = new DashboardFactory(settings: settings).WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));
        _hosts.Add(host);
        return host;
    }

    private static async Task<string> AddWebhookAsync(HttpClient client, string url, object? ruleIds = null)
    {
        var created = await client.PostAsJsonAsync("/api/webhooks", new { name = "Ops", url, ruleIds });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var secret = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret);
        return secret;
    }

    /// <summary>A rule "more than 1 article today" on Alpha's articles, and two of them imported: one alert.</summary>
    private static async Task FireAnAlertAsync(WebApplicationFactory<Program> host, HttpClient client)
    {
        var view = await host.Services.GetRequiredService<SavedViewService>().CreateAsync(SavedViewService.LocalOwner, "Alpha desk", "/timeline", "provider=alpha.example");
        var rule = await client.PostAsJsonAsync("/api/alerts/rules", new { name = "Alpha busy", savedViewId = view.Id, condition = "above", threshold = 1 });
        Assert.Equal(HttpStatusCode.Created, rule.StatusCode);
        var files = Enumerable.Range(0, 2).Select(i => ($"a{i}.md",
            new ArticleBuilder().From("alpha.example", "Alpha").PublishedOn(2026, 3, 10).Titled($"Story {i}").Build())).ToList();
        await host.Services.GetRequiredService<ArticleImporter>().ImportAsync(ImportSource.FromTexts(files), files.Count);
    }

    private static async Task<JsonElement> DeliveryAsync(HttpClient client) =>
        Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/webhooks/deliveries")).EnumerateArray());

    /// <summary>Whether the one delivery has <paramref name="property"/> at <paramref name="value"/> yet (false before it exists).</summary>
    private static bool DeliveryHas(HttpClient client, string property, object value) =>
        client.GetFromJsonAsync<JsonElement>("/api/webhooks/deliveries").Result.EnumerateArray().ToList() is [var d]
        && d.GetProperty(property).ToString() == value.ToString();

    [Fact]
    public async Task AnAlert_IsPostedOnce_WithASignatureTheReceiverCanVerify()
    {
        using var receiver = new WebhookReceiver();
        var host = Host();
        var client = host.CreateClient();
        var secret = await AddWebhookAsync(client, receiver.Url);

        await FireAnAlertAsync(host, client);

        await Wait.UntilAsync(() => receiver.Requests.Count == 1, "the alert reaches the receiver");
        var got = receiver.Requests[0];
        // What docs/signals.md tells receivers to do: HMAC-SHA256 of "timestamp.body" with the secret, in hex.
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes(got.Headers["X-AiNews-Timestamp"] + "." + got.Body)));
        Assert.Equal(expected, got.Headers["X-AiNews-Signature"]);
        Assert.Equal(Start.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), got.Headers["X-AiNews-Timestamp"]);
        Assert.Equal("alert", got.Headers["X-AiNews-Event"]);
        var body = JsonDocument.Parse(got.Body).RootElement;
        Assert.Equal("alert", body.GetProperty("event").GetString());
        Assert.Equal(got.Headers["X-AiNews-Delivery"], body.GetProperty("deliveryId").GetString());
        Assert.Equal("Alpha busy · Alpha desk: 2 articles today", body.GetProperty("alert").GetProperty("title").GetString());
        Assert.Equal(2, body.GetProperty("alert").GetProperty("value").GetDouble());
        Assert.StartsWith("https://news.example.org/articles?", body.GetProperty("alert").GetProperty("url").GetString());
        Assert.Equal("above", body.GetProperty("rule").GetProperty("condition").GetString());
        Assert.Equal("Alpha desk", body.GetProperty("view").GetProperty("name").GetString());
        await Wait.UntilAsync(() => DeliveryHas(client, "state", "delivered"), "the delivery is recorded");

        // Another check and another send find nothing new: the alert is delivered once.
        Assert.Empty(await host.Services.GetRequiredService<AlertWorker>().CheckAsync(default));
        Assert.Equal(0, await host.Services.GetRequiredService<WebhookWorker>().SendDueAsync(default));
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task A500_IsRetriedAfterTheBackoff_ThenDelivered_UnderTheSameDeliveryId()
    {
        using var receiver = new WebhookReceiver(500);
        var host = Host();
        var client = host.CreateClient();
        await AddWebhookAsync(client, receiver.Url);
        var hookId = (await client.GetFromJsonAsync<JsonElement>("/api/webhooks"))[0].GetProperty("id").GetInt32();

        var test = await client.PostAsync($"/api/webhooks/{hookId}/test", null);
        Assert.Equal(HttpStatusCode.Accepted, test.StatusCode);

        await Wait.UntilAsync(() => DeliveryHas(client, "attempts", 1), "the first attempt is recorded");
        var pending = await DeliveryAsync(client);
        Assert.Equal("pending", pending.GetProperty("state").GetString());
        Assert.Equal(500, pending.GetProperty("lastStatus").GetInt32());
        Assert.Equal("the receiver answered 500 Internal Server Error", pending.GetProperty("lastError").GetString());
        Assert.Equal(Start.AddMinutes(1), pending.GetProperty("nextAttempt").GetDateTimeOffset());
        _clock.Now = Start.AddSeconds(59);
        Assert.Equal(0, await host.Services.GetRequiredService<WebhookWorker>().SendDueAsync(default)); // not yet

        _clock.Now = Start.AddMinutes(1);
        await Wait.UntilAsync(() => DeliveryHas(client, "state", "delivered"), "the retry is delivered");

        Assert.Equal(2, receiver.Requests.Count);
        Assert.Equal(receiver.Requests[0].Headers["X-AiNews-Delivery"], receiver.Requests[1].Headers["X-AiNews-Delivery"]);
        Assert.Equal(receiver.Requests[0].Body, receiver.Requests[1].Body);
        Assert.Equal("test", receiver.Requests[1].Headers["X-AiNews-Event"]);
        Assert.Equal(2, (await DeliveryAsync(client)).GetProperty("attempts").GetInt32());
    }

    [Fact]
    public void Backoff_DoublesFromTheFirstDelay_UpToTheMaximum()
    {
        var retry = new WebhookOptions { MaxAttempts = 8, FirstRetryDelay = TimeSpan.FromMinutes(1), MaxRetryDelay = TimeSpan.FromMinutes(10) }.Retry;

        Assert.Equal([1, 2, 4, 8, 10, 10], Enumerable.Range(1, 6).Select(n => retry.DelayAfter(n).TotalMinutes));
    }

    [Fact]
    public async Task GivingUp_AfterMaxAttempts_IsNamedInTheRuleOwnersInbox_AndInTheDeliveries()
    {
        using var receiver = new WebhookReceiver { Always = 503 };
        var host = Host(maxAttempts: 2);
        var client = host.CreateClient();
        await AddWebhookAsync(client, receiver.Url);

        await FireAnAlertAsync(host, client);
        await Wait.UntilAsync(() => receiver.Requests.Count == 1, "the first attempt");
        await Wait.UntilAsync(() => DeliveryHas(client, "attempts", 1), "the first attempt is recorded");
        _clock.Now = Start.AddMinutes(1);
        await Wait.UntilAsync(() => DeliveryHas(client, "state", "failed"), "the delivery is given up");

        Assert.Equal(2, receiver.Requests.Count);
        var delivery = await DeliveryAsync(client);
        Assert.Equal(503, delivery.GetProperty("lastStatus").GetInt32());
        Assert.Equal("Alpha busy · Alpha desk: 2 articles today", delivery.GetProperty("alert").GetString());
        var inbox = (await client.GetFromJsonAsync<JsonElement>("/api/alerts")).EnumerateArray().ToList();
        Assert.Equal(2, inbox.Count);
        Assert.Equal("Webhook 'Ops' did not receive: Alpha busy · Alpha desk: 2 articles today", inbox[0].GetProperty("title").GetString());
        Assert.Contains("was given up after 2 attempts; the last: the receiver answered 503 Service Unavailable", inbox[0].GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Restart_CarriesOnWithAPendingDelivery_AndNeverSendsADeliveredOneAgain()
    {
        using var receiver = new WebhookReceiver(500);
        var first = Host();
        var client = first.CreateClient();
        await AddWebhookAsync(client, receiver.Url);
        await FireAnAlertAsync(first, client);
        await Wait.UntilAsync(() => DeliveryHas(client, "attempts", 1), "the first attempt is recorded");
        await first.DisposeAsync();
        _hosts.Remove(first);

        _clock.Now = Start.AddMinutes(1);
        var second = Host();
        var again = second.CreateClient();
        await Wait.UntilAsync(() => DeliveryHas(again, "state", "delivered"), "the restarted app delivers it");

        Assert.Empty(await second.Services.GetRequiredService<AlertWorker>().CheckAsync(default));
        Assert.Equal(0, await second.Services.GetRequiredService<WebhookWorker>().SendDueAsync(default));
        Assert.Equal(2, receiver.Requests.Count);
        Assert.Single(receiver.Requests.Select(r => r.Headers["X-AiNews-Delivery"]).Distinct());
    }

    [Fact]
    public void Payload_OfAGapAlert_CarriesTheConditionTheSurgeAndAbsoluteLinks()
    {
        var rule = new AlertRule { Id = 7, OwnerId = "alice", Name = "Gaps", SavedViewId = 3, Condition = AlertCondition.Gap, Threshold = 5 };
        var view = new SavedView { Id = 3, OwnerId = "alice", Name = "Everything", Page = "/topics", Query = "" };
        var alert = new Alert
        {
            Id = 42, RuleId = 7, OwnerId = "alice", Key = "gap:Quantum:2024-03-25", FiredUtc = Start, Title = "Gaps · coverage gap: Quantum",
            Detail = "In 'Everything', Quantum is a coverage gap", Url = "/articles?topic=Quantum", Value = 14,
        };
        var delivery = new WebhookDelivery { DeliveryId = "d42", Event = WebhookDelivery.AlertEvent, CreatedUtc = Start };
        var hook = new Webhook { Id = 1, Name = "Ops", Url = "https://hooks.example.org/x", Secret = "s" };

        var body = JsonDocument.Parse(WebhookPayload.Json(new DueWebhookDelivery(delivery, hook, alert, rule, view), "https://news.example.org/")).RootElement;

        Assert.Equal("gap", body.GetProperty("rule").GetProperty("condition").GetString());
        Assert.Equal(14, body.GetProperty("alert").GetProperty("value").GetDouble());
        Assert.Equal("https://news.example.org/articles?topic=Quantum", body.GetProperty("alert").GetProperty("url").GetString());
        Assert.Equal("https://news.example.org/topics", body.GetProperty("view").GetProperty("url").GetString());
        Assert.Equal("alice", body.GetProperty("rule").GetProperty("owner").GetString());
        Assert.False(body.TryGetProperty("webhook", out _));
    }

    [Fact]
    public async Task InternalTargets_AreRefusedWithoutTheAllowList_WithTheReason()
    {
        using var receiver = new WebhookReceiver();
        var client = Host(allowLoopback: false).CreateClient();

        var loopback = await client.PostAsJsonAsync("/api/webhooks", new { name = "Local", url = receiver.Url });
        var privateNet = await client.PostAsJsonAsync("/api/webhooks", new { name = "Office", url = "https://10.1.2.3/hook" });
        var plain = await client.PostAsJsonAsync("/api/webhooks", new { name = "Plain", url = "http://hooks.example.org/x" });

        Assert.Equal(HttpStatusCode.BadRequest, loopback.StatusCode);
        Assert.Contains("url: 127.0.0.1 is a loopback address; webhooks go there only when Webhooks:AllowedNetworks holds its network.",
            await loopback.Content.ReadAsStringAsync());
        Assert.Contains("url: 10.1.2.3 is a private address (RFC 1918)", await privateNet.Content.ReadAsStringAsync());
        Assert.Contains("url: plain http is only for addresses in Webhooks:AllowedNetworks; use https", await plain.Content.ReadAsStringAsync());
        Assert.Empty(await client.GetFromJsonAsync<JsonElement[]>("/api/webhooks") ?? []);
    }

    [Fact]
    public async Task ANameThatResolvesToLoopback_IsRefusedWhenConnecting()
    {
        using var receiver = new WebhookReceiver();
        using var sender = new WebhookSender(WebhookTargets.None, Options.Create(new WebhookOptions()), TimeProvider.System);
        var hook = new Webhook { Name = "Sneaky", Url = $"https://localhost:{receiver.Port}/hook", Secret = "s" };
        var delivery = new WebhookDelivery { DeliveryId = "d1", Event = WebhookDelivery.TestEvent };

        var attempt = await sender.SendAsync(new DueWebhookDelivery(delivery, hook, null, null, null), default);

        Assert.False(attempt.Ok);
        Assert.Null(attempt.Status);
        Assert.Matches(@"^localhost resolves to (127\.0\.0\.1|::1), which is a loopback address; webhooks go there only when Webhooks:AllowedNetworks holds its network\.$",
            attempt.Error);
        Assert.Empty(receiver.Requests);
    }
}

/// <summary>Only Admins manage webhooks (Accounts mode, real sign-ins).</summary>
public sealed class WebhooksAuthorizationTests : IAsyncLifetime
{
    private readonly DashboardFactory _factory = SignIn.AccountsFactory();

    public async Task InitializeAsync()
    {
        _factory.CreateClient().Dispose();
        foreach (var role in AiNewsDashboard.Web.Hosting.DashboardRoles.All)
            await SignIn.AddUserAsync(_factory, role.ToLowerInvariant(), role);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("viewer", HttpStatusCode.Forbidden)]
    [InlineData("editor", HttpStatusCode.Forbidden)]
    [InlineData("admin", HttpStatusCode.OK)]
    public async Task WebhooksApi_EachRole_OnlyForAdmins(string user, HttpStatusCode expected)
    {
        var client = await SignIn.SignedInClientAsync(_factory, user);

        Assert.Equal(expected, (await client.GetAsync("/api/webhooks")).StatusCode);
        Assert.Equal(expected, (await client.GetAsync("/api/webhooks/deliveries")).StatusCode);
        var add = await client.PostAsJsonAsync("/api/webhooks", new { name = "x", url = "https://hooks.example.org/x" });
        Assert.Equal(expected == HttpStatusCode.OK ? HttpStatusCode.Created : expected, add.StatusCode);
    }
}
