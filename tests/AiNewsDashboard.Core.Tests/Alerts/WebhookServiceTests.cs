using System.Net;
using AiNewsDashboard.Core.Alerts;
using AiNewsDashboard.Core.Views;
using AiNewsDashboard.TestSupport;

namespace AiNewsDashboard.Core.Tests.Alerts;

/// <summary>Webhooks' deliveries: queued with their alert and once, only for the rules a webhook covers, claimed by one
/// sender at a time; and the addresses a webhook may point at.</summary>
public sealed class WebhookServiceTests : IAsyncLifetime
{
    private readonly SettableClock _clock = new(new DateTimeOffset(2026, 3, 10, 15, 0, 0, TimeSpan.Zero));
    private TestDatabase _db = null!;
    private AlertService _alerts = null!;
    private WebhookService _webhooks = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _alerts = TestAlertService.Create(_db, _clock);
        _webhooks = new WebhookService(_db.Factory, WebhookTargets.None, _clock);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task AnAlert_IsQueuedOnceForEachWebhookThatCoversItsRule()
    {
        var view = await _db.Get<SavedViewService>().CreateAsync(SavedViewService.LocalOwner, "All", "/timeline", "");
        var busy = await _alerts.AddRuleAsync(SavedViewService.LocalOwner, "Busy", view.Id, AlertCondition.Above, 0, 1);
        var quiet = await _alerts.AddRuleAsync(SavedViewService.LocalOwner, "Quiet", view.Id, AlertCondition.Below, 0, 1);
        await _webhooks.CreateAsync("Every alert", "https://hooks.example.org/all", null, null, "admin");
        await _webhooks.CreateAsync("Quiet only", "https://hooks.example.org/quiet", [quiet.Id], null, "admin");
        await _webhooks.CreateAsync("Bob's only", "https://hooks.example.org/bob", null, ["bob"], "admin");
        await _db.ImportArticlesAsync(new ArticleBuilder().From("alpha.example", "Alpha").PublishedOn(2026, 3, 10));

        var fired = Assert.Single(await _alerts.CheckAsync());
        Assert.Empty(await _alerts.CheckAsync());

        Assert.Equal(busy.Id, fired.RuleId);
        var due = Assert.Single(await _webhooks.DueAsync());
        Assert.Equal("Every alert", due.Hook.Name);
        Assert.Equal(fired.Id, due.Alert!.Id);
        Assert.Equal("Busy", due.Rule!.Name);
        Assert.Equal("All", due.View!.Name);
    }

    [Fact]
    public async Task ADueDelivery_IsClaimedByOneSender_AndComesBackAfterTheLeaseIfNothingIsRecorded()
    {
        var hook = await _webhooks.CreateAsync("Ops", "https://hooks.example.org/x", null, null, "admin");
        await _webhooks.QueueTestAsync(hook.Id);
        var seenByOne = Assert.Single(await _webhooks.DueAsync());
        var seenByTwo = Assert.Single(await _webhooks.DueAsync());

        Assert.True(await _webhooks.ClaimAsync(seenByOne.Delivery, TimeSpan.FromMinutes(2)));
        Assert.False(await _webhooks.ClaimAsync(seenByTwo.Delivery, TimeSpan.FromMinutes(2)));
        Assert.Empty(await _webhooks.DueAsync());

        _clock.Now = _clock.Now.AddMinutes(2); // the sender stopped mid-attempt: the delivery is not lost
        Assert.Single(await _webhooks.DueAsync());
    }

    [Fact]
    public async Task Create_NamesTheBadField()
    {
        Assert.Equal("url", (await Assert.ThrowsAsync<EditRejectedException>(() => _webhooks.CreateAsync("x", "ftp://hooks.example.org", null, null, null))).Field);
        Assert.Equal("name", (await Assert.ThrowsAsync<EditRejectedException>(() => _webhooks.CreateAsync(" ", "https://hooks.example.org", null, null, null))).Field);
        Assert.Equal("ruleIds: there is no alert rule 99", (await Assert.ThrowsAsync<EditRejectedException>(() =>
            _webhooks.CreateAsync("x", "https://hooks.example.org", [99], null, null))).Message);
        Assert.Equal("url: must not hold a user name or password; the signature authenticates the sender",
            (await Assert.ThrowsAsync<EditRejectedException>(() => _webhooks.CreateAsync("x", "https://u:p@hooks.example.org", null, null, null))).Message);
    }

    [Theory]
    [InlineData("10.0.0.1", "a private address (RFC 1918)")]
    [InlineData("172.31.255.255", "a private address (RFC 1918)")]
    [InlineData("192.168.1.1", "a private address (RFC 1918)")]
    [InlineData("127.0.0.53", "a loopback address")]
    [InlineData("169.254.169.254", "a link-local address")]
    [InlineData("::1", "a loopback address")]
    [InlineData("fe80::1", "a link-local address")]
    [InlineData("fd12:3456::1", "a unique local address (ULA)")]
    [InlineData("::ffff:10.0.0.1", "a private address (RFC 1918)")]
    [InlineData("0.0.0.0", "the unspecified address")]
    [InlineData("8.8.8.8", null)]
    [InlineData("172.32.0.1", null)]
    [InlineData("2001:4860:4860::8888", null)]
    public void InternalKind_NamesEachInternalRange(string address, string? kind) =>
        Assert.Equal(kind, WebhookTargets.InternalKind(IPAddress.Parse(address)));

    [Fact]
    public void AllowedNetworks_LetTheirAddressesThrough_AndPlainHttpOnlyThere()
    {
        var targets = new WebhookTargets([IPNetwork.Parse("10.0.0.0/8")]);

        Assert.True(targets.TryCheckUrl("http://10.1.2.3:8080/hook", out var uri, out _));
        Assert.Equal("http://10.1.2.3:8080/hook", uri.AbsoluteUri);
        Assert.Null(targets.Refusal("hooks.internal", IPAddress.Parse("10.9.9.9")));
        Assert.Equal("hooks.internal resolves to 192.168.0.2, which is a private address (RFC 1918); webhooks go there only when Webhooks:AllowedNetworks holds its network.",
            targets.Refusal("hooks.internal", IPAddress.Parse("192.168.0.2")));
        Assert.False(targets.TryCheckUrl("http://[::1]/hook", out _, out var problem));
        Assert.Equal("url: ::1 is a loopback address; webhooks go there only when Webhooks:AllowedNetworks holds its network.", problem);
    }
}
