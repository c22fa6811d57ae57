using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using AiNewsDashboard.Core.Alerts;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Core.Views;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Alerts;
using AiNewsDashboard.Web.Mail;
using AiNewsDashboard.Web.Tests.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Alerts;

/// <summary>Mail as the alerts send it, kept instead of sent.</summary>
public sealed class KeptMail : IMailSender
{
    public List<OutgoingMail> Sent { get; } = [];
    public bool IsConfigured => true;

    public Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        lock (Sent)
            Sent.Add(mail);
        return Task.CompletedTask;
    }
}

/// <summary>Alerts in the running app: an import fires a rule (inbox, feed, mail), the API names bad fields, the feed needs its token.</summary>
public sealed class AlertsApiTests : IAsyncLifetime
{
    private readonly SettableClock _clock = new(new DateTimeOffset(2026, 3, 10, 15, 0, 0, TimeSpan.Zero));
    private readonly KeptMail _mail = new();
    private WebApplicationFactory<Program> _host = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _host = new DashboardFactory(settings: new Dictionary<string, string> { ["Alerts:CheckInterval"] = "01:00:00" })
            .WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            {
                s.AddSingleton<TimeProvider>(_clock);
                s.AddSingleton<IMailSender>(_mail);
            }));
        _client = _host.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AnImportThatCrossesARule_LandsInTheInboxTheFeedAndTheMail_Once()
    {
        var view = await _host.Services.GetRequiredService<SavedViewService>().CreateAsync(SavedViewService.LocalOwner, "Alpha desk", "/timeline", "provider=alpha.example");
        var created = await _client.PostAsJsonAsync("/api/alerts/rules", new { name = "Alpha busy", savedViewId = view.Id, condition = "above", threshold = 1 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var files = Enumerable.Range(0, 3).Select(i => ($"a{i}.md",
            new ArticleBuilder().From("alpha.example", "Alpha").PublishedOn(2026, 3, 10).Titled($"Story {i}").Build())).ToList();
        await _host.Services.GetRequiredService<ArticleImporter>().ImportAsync(ImportSource.FromTexts(files), files.Count);

        // The worker checks after the import's commit (the snapshot's change), not only on its hourly timer.
        await Wait.UntilAsync(() => _client.GetFromJsonAsync<JsonElement>("/api/alerts").Result.GetArrayLength() == 1, "the import fires the rule");
        var alert = (await _client.GetFromJsonAsync<JsonElement>("/api/alerts"))[0];
        Assert.Equal("Alpha busy · Alpha desk: 3 articles today", alert.GetProperty("title").GetString());
        await _host.Services.GetRequiredService<AlertWorker>().CheckAsync(default);
        Assert.Single(_mail.Sent);
        Assert.Contains("3 matching articles today", _mail.Sent[0].Body);

        var token = await _host.Services.GetRequiredService<AlertService>().FeedTokenAsync(SavedViewService.LocalOwner);
        var feed = XDocument.Parse(await _client.GetStringAsync($"/alerts/feed/{token}.atom"));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Equal("Alpha busy · Alpha desk: 3 articles today", Assert.Single(feed.Root!.Elements(atom + "entry")).Element(atom + "title")!.Value);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/alerts/feed/not-a-token.atom")).StatusCode);
    }

    [Fact]
    public async Task Rules_BadFieldsAreNamed_AndADeletedRuleIsGone()
    {
        var bad = await _client.PostAsJsonAsync("/api/alerts/rules", new { name = "x", savedViewId = 999, condition = "sideways", threshold = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("condition: required, one of above, below, change, drift, breaking or gap", await bad.Content.ReadAsStringAsync());

        var view = await _host.Services.GetRequiredService<SavedViewService>().CreateAsync(SavedViewService.LocalOwner, "All", "/timeline", "");
        var created = await _client.PostAsJsonAsync("/api/alerts/rules", new { name = "Quiet", savedViewId = view.Id, condition = "below", threshold = 5, windowDays = 7 });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal("below", (await _client.GetFromJsonAsync<JsonElement>("/api/alerts/rules"))[0].GetProperty("condition").GetString());

        var gap = await _client.PostAsJsonAsync("/api/alerts/rules", new { name = "Gaps", savedViewId = view.Id, condition = "gap", threshold = 4 });
        Assert.Equal(HttpStatusCode.Created, gap.StatusCode);
        Assert.Equal("gap", (await gap.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("condition").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/alerts/rules/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.DeleteAsync($"/api/alerts/rules/{id}")).StatusCode);
    }
}
