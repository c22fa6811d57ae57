using System.ComponentModel;
using System.Security.Claims;
using AiNewsDashboard.Core.Alerts;
using AiNewsDashboard.Core.Views;
using AiNewsDashboard.Web.Hosting;
using AiNewsDashboard.Web.Views;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AiNewsDashboard.Web.Alerts;

/// <param name="Url">https, or http to a network in Webhooks:AllowedNetworks.</param>
/// <param name="RuleIds">Only these rules' alerts; empty or absent: every rule's.</param>
/// <param name="Owners">Only the alerts of these users' rules; empty or absent: everyone's.</param>
public sealed record WebhookRequest(string? Name, string? Url, IReadOnlyList<int>? RuleIds, IReadOnlyList<string>? Owners);

/// <param name="LastState">The latest delivery's state (pending, delivered, failed); null before the first.</param>
public sealed record WebhookResult(int Id, string Name, string Url, IReadOnlyList<int> RuleIds, IReadOnlyList<string> Owners, DateTimeOffset Created,
    string? CreatedBy)
{
    public static WebhookResult From(Webhook w) => new(w.Id, w.Name, w.Url, w.RuleIds, w.Owners, w.CreatedUtc, w.CreatedBy);
}

/// <param name="Secret">Signs every body; shown this once. Keep it with the receiver.</param>
public sealed record WebhookCreatedResult(WebhookResult Webhook, string Secret);

/// <param name="DeliveryId">The X-AiNews-Delivery header: the same on every attempt.</param>
/// <param name="State">pending, delivered or failed (given up).</param>
/// <param name="LastStatus">The receiver's HTTP status at the last attempt; null without an answer.</param>
public sealed record WebhookDeliveryResult(int Id, string DeliveryId, int WebhookId, string Webhook, string Event, int? AlertId, string? Alert, string State,
    int Attempts, DateTimeOffset Created, DateTimeOffset? LastAttempt, DateTimeOffset? NextAttempt, int? LastStatus, string? LastError)
{
    public static WebhookDeliveryResult From(WebhookDeliveryRow row)
    {
        var d = row.Delivery;
        return new(d.Id, d.DeliveryId, d.WebhookId, row.WebhookName, d.Event, d.AlertId, row.AlertTitle, d.State.ToString().ToLowerInvariant(), d.Attempts,
            d.CreatedUtc, d.LastAttemptUtc, d.State == WebhookDeliveryState.Pending ? d.NextAttemptUtc : null, d.LastStatus, d.LastError);
    }
}

/// <summary>Webhooks over HTTP, for Admins only: add one (its secret is answered once), list, delete, send a test event,
/// and the latest deliveries with their last status or error.</summary>
public static class WebhooksApi
{
    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/webhooks").RequireAuthorization(DashboardPolicies.Admin).WithTags("Webhooks");
        api.MapGet("", async (WebhookService webhooks, CancellationToken ct) =>
            TypedResults.Ok((await webhooks.ListAsync(ct)).Select(WebhookResult.From).ToArray()))
            .WithSummary("The webhooks (Admin)");
        api.MapPost("", async Task<Results<Created<WebhookCreatedResult>, ValidationProblem>> (WebhookRequest body, ClaimsPrincipal user, ViewOwner owner,
            WebhookService webhooks, CancellationToken ct) =>
        {
            try
            {
                var hook = await webhooks.CreateAsync(body.Name, body.Url, body.RuleIds, body.Owners, owner.Of(user), ct);
                return TypedResults.Created($"/api/webhooks/{hook.Id}", new WebhookCreatedResult(WebhookResult.From(hook), hook.Secret));
            }
            catch (EditRejectedException e) { return ViewsApi.Invalid(e); }
        }).WithSummary("Add a webhook: alerts are posted to it as signed JSON; the answer holds its secret, shown this once (Admin)");
        api.MapDelete("/{id:int}", async Task<Results<NoContent, NotFound<ProblemDetails>>> (int id, WebhookService webhooks, CancellationToken ct) =>
            await webhooks.DeleteAsync(id, ct) ? TypedResults.NoContent() : ViewsApi.Missing("webhook", id))
            .WithSummary("Delete a webhook and its deliveries (Admin)");
        api.MapPost("/{id:int}/test", async Task<Results<Accepted<WebhookDeliveryResult>, NotFound<ProblemDetails>>> (int id, WebhookService webhooks,
            CancellationToken ct) =>
        {
            if (await webhooks.QueueTestAsync(id, ct) is not { } delivery)
                return ViewsApi.Missing("webhook", id);
            var hook = (await webhooks.ListAsync(ct)).First(w => w.Id == id);
            return TypedResults.Accepted($"/api/webhooks/deliveries?webhook={id}", WebhookDeliveryResult.From(new WebhookDeliveryRow(delivery, hook.Name, null)));
        }).WithSummary("Queue a test event for a webhook; its delivery shows in the deliveries within seconds (Admin)");
        api.MapGet("/deliveries", async ([FromQuery(Name = "webhook"), Description("Only this webhook's; absent: all.")] int? webhook, WebhookService webhooks,
            CancellationToken ct) =>
            TypedResults.Ok((await webhooks.RecentAsync(webhook, ct)).Select(WebhookDeliveryResult.From).ToArray()))
            .WithSummary($"The latest deliveries, newest first, with their state and the last status or error (Admin)");
        return app;
    }
}
