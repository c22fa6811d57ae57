using AiNewsDashboard.Core.Alerts;
using AiNewsDashboard.Core.Views;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Components.Pages;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Components;

/// <summary>The alerts page: the inbox with what fired, the rules in words, the feed's address on demand.</summary>
public sealed class AlertsPageTests : MudTestContext
{
    protected override Task SetUpAsync()
    {
        Services.AddSingleton(Db.Get<AlertService>());
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Page_ShowsWhatFired_TheRulesInWords_AndTheFeedOnDemand()
    {
        await Db.ImportArticlesAsync(new ArticleBuilder().From("alpha.example", "Alpha").PublishedAt(DateTime.UtcNow).Titled("Today"),
            new ArticleBuilder().From("alpha.example", "Alpha").PublishedAt(DateTime.UtcNow).Titled("Today too"));
        var view = await Db.Get<SavedViewService>().CreateAsync(SavedViewService.LocalOwner, "Alpha desk", "/timeline", "provider=alpha.example");
        var alerts = Db.Get<AlertService>();
        await alerts.AddRuleAsync(SavedViewService.LocalOwner, "Busy", view.Id, AlertCondition.Above, 1, 1);
        await alerts.AddRuleAsync(SavedViewService.LocalOwner, "Wire", view.Id, AlertCondition.Breaking, 4, null);
        await alerts.CheckAsync();

        var page = Render<AlertsPage>();

        page.WaitForAssertion(() => Assert.Equal("Busy · Alpha desk: 2 articles today", page.Find("[data-testid=alert] a").TextContent));
        Assert.Equal(["Busy: 'Alpha desk' has more than 1 articles today", "Wire: a story in 'Alpha desk' breaks with 4 or more new providers"],
            page.FindAll("[data-testid=alert-rule-text]").Select(d => d.TextContent.Trim()));
        Assert.Contains("holds now", page.FindAll("[data-testid=alert-rule]")[0].TextContent);
        page.Find("[data-testid=alerts-feed-show]").Click();
        page.WaitForAssertion(() => Assert.Matches(@"^http://localhost/alerts/feed/[A-Za-z0-9_-]{32}\.atom$", page.Find("[data-testid=alerts-feed-url]").TextContent));
    }

    [Fact]
    public async Task Admin_SeesTheWebhooks_TheirLastDeliveryAndItsError_AndAGapRuleInWords()
    {
        Auth.SetAuthorized("admin").SetPolicies(AiNewsDashboard.Web.Hosting.DashboardPolicies.Viewer, AiNewsDashboard.Web.Hosting.DashboardPolicies.Editor,
            AiNewsDashboard.Web.Hosting.DashboardPolicies.Admin);
        var view = await Db.Get<SavedViewService>().CreateAsync(SavedViewService.LocalOwner, "Everything", "/topics", "");
        await Db.Get<AlertService>().AddRuleAsync(SavedViewService.LocalOwner, "Gaps", view.Id, AlertCondition.Gap, 5, null);
        var webhooks = Db.Get<WebhookService>();
        var hook = await webhooks.CreateAsync("Ops", "https://hooks.example.org/ainews", null, null, "admin");
        var test = await webhooks.QueueTestAsync(hook.Id);
        await webhooks.RecordAsync(test!.Id, false, 502, "the receiver answered 502 Bad Gateway", new WebhookRetry(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));

        var page = Render<AlertsPage>();

        page.WaitForAssertion(() => Assert.Contains("https://hooks.example.org/ainews", page.Find("[data-testid=webhook]").TextContent));
        Assert.Equal("Last delivery: given up after 1 attempts: the receiver answered 502 Bad Gateway", page.Find("[data-testid=webhook-last]").TextContent.Trim());
        Assert.Contains("failed", page.Find("[data-testid=webhook-delivery]").TextContent);
        Assert.Equal("Gaps: a topic in 'Everything' is a coverage gap surging 5 robust standard deviations or more",
            page.Find("[data-testid=alert-rule-text]").TextContent.Trim());
    }

    [Fact]
    public void Admin_AddsAWebhook_SeesWhyABadUrlIsRefused_ThenTheSecretOnce()
    {
        Auth.SetAuthorized("admin").SetPolicies(AiNewsDashboard.Web.Hosting.DashboardPolicies.Viewer, AiNewsDashboard.Web.Hosting.DashboardPolicies.Editor,
            AiNewsDashboard.Web.Hosting.DashboardPolicies.Admin);
        var page = Render<AlertsPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=webhooks]"));

        page.Find("[data-testid=webhook-add-name]").Change("Ops");
        page.Find("[data-testid=webhook-add-url]").Change("https://192.168.1.20/hook");
        page.Find("[data-testid=webhook-add-save]").Click();

        page.WaitForAssertion(() => Assert.Equal(
            "url: 192.168.1.20 is a private address (RFC 1918); webhooks go there only when Webhooks:AllowedNetworks holds its network.",
            page.Find("[data-testid=webhook-add-error]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=webhook]"));

        page.Find("[data-testid=webhook-add-url]").Change("https://hooks.example.org/ainews");
        page.Find("[data-testid=webhook-add-save]").Click();

        page.WaitForAssertion(() => Assert.Matches("The secret of 'Ops', shown this once: whsec_[0-9a-f]{64}", page.Find("[data-testid=webhook-secret]").TextContent.Trim()));
        Assert.Contains("every rule's alerts", page.Find("[data-testid=webhook]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=webhook-add-error]"));
    }

    [Fact]
    public void NonAdmin_DoesNotSeeTheWebhooks()
    {
        Auth.SetAuthorized("viewer").SetPolicies(AiNewsDashboard.Web.Hosting.DashboardPolicies.Viewer);

        var page = Render<AlertsPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=alerts-inbox]"));
        Assert.Empty(page.FindAll("[data-testid=webhooks]"));
    }
}
