using System.ComponentModel;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Xml;
using AiNewsDashboard.Core.Alerts;
using AiNewsDashboard.Core.Views;
using AiNewsDashboard.Web.Hosting;
using AiNewsDashboard.Web.Views;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AiNewsDashboard.Web.Alerts;

public sealed record AlertRuleRequest(string? Name, int? SavedViewId,
    [property: Description("above, below, change, drift, breaking or gap")] string? Condition,
    [property: Description("Articles (above, below), percent (change), standard errors (drift), new providers (breaking) or robust standard deviations of surge (gap)")] double? Threshold,
    [property: Description("Days up to today (UTC) the count covers; default 1")] int? WindowDays);

public sealed record AlertRuleResult(int Id, string Name, int SavedViewId, string Condition, double Threshold, int WindowDays, bool Firing)
{
    public static AlertRuleResult From(AlertRule r) =>
        new(r.Id, r.Name, r.SavedViewId, r.Condition.ToString().ToLowerInvariant(), r.Threshold, r.WindowDays, r.IsFiring);
}

public sealed record AlertResult(int Id, int RuleId, DateTimeOffset Fired, string Title, string Detail, string Url, bool Read)
{
    public static AlertResult From(Alert a) => new(a.Id, a.RuleId, a.FiredUtc, a.Title, a.Detail, a.Url, a.IsRead);
}

/// <summary>
/// Alerts over HTTP: each user's rules and inbox (any signed-in user, their own), and the Atom feed of a user's alerts
/// at an address with a secret token, which feed readers open without signing in.
/// </summary>
public static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/alerts").RequireAuthorization(DashboardPolicies.Viewer).WithTags("Alerts");
        api.MapGet("", async (ClaimsPrincipal user, ViewOwner owner, AlertService alerts, CancellationToken ct) =>
            TypedResults.Ok((await alerts.InboxAsync(owner.Of(user), ct)).Select(AlertResult.From).ToArray()))
            .WithSummary("My latest alerts, newest first");
        api.MapGet("/rules", async (ClaimsPrincipal user, ViewOwner owner, AlertService alerts, CancellationToken ct) =>
            TypedResults.Ok((await alerts.RulesAsync(owner.Of(user), ct)).Select(AlertRuleResult.From).ToArray()))
            .WithSummary("My alert rules");
        api.MapPost("/rules", async Task<Results<Created<AlertRuleResult>, ValidationProblem>> (AlertRuleRequest body, ClaimsPrincipal user, ViewOwner owner,
            AlertService alerts, CancellationToken ct) =>
        {
            try
            {
                var rule = await alerts.AddRuleAsync(owner.Of(user), body.Name, body.SavedViewId, ParseCondition(body.Condition), body.Threshold, body.WindowDays, ct);
                return TypedResults.Created($"/api/alerts/rules/{rule.Id}", AlertRuleResult.From(rule));
            }
            catch (EditRejectedException e) { return ViewsApi.Invalid(e); }
        }).WithSummary("Add an alert rule on a saved view: more than, fewer than, or a change of N% in its articles over the last days, or a drift, breaking story or coverage gap in it");
        api.MapDelete("/rules/{id:int}", async Task<Results<NoContent, NotFound<ProblemDetails>>> (int id, ClaimsPrincipal user, ViewOwner owner,
            AlertService alerts, CancellationToken ct) =>
            await alerts.DeleteRuleAsync(id, owner.Of(user), ct) ? TypedResults.NoContent() : ViewsApi.Missing("alert rule", id))
            .WithSummary("Delete one of my alert rules and its alerts");

        // The feed: its token is the credential, so feed readers need no session.
        app.MapGet("/alerts/feed/{token}.atom", async Task<Results<ContentHttpResult, NotFound>> (string token, HttpRequest request, AlertService alerts,
            CancellationToken ct) =>
        {
            if (await alerts.FeedOwnerAsync(token, ct) is not { } owner)
                return TypedResults.NotFound();
            var items = await alerts.InboxAsync(owner, ct);
            return TypedResults.Text(Atom(items, $"{request.Scheme}://{request.Host}", token), "application/atom+xml", Encoding.UTF8);
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static AlertCondition? ParseCondition(string? text) =>
        Enum.TryParse<AlertCondition>(text?.Trim(), ignoreCase: true, out var c) && Enum.IsDefined(c) && !char.IsAsciiDigit(text!.Trim()[0]) ? c : null;

    /// <summary>An Atom 1.0 feed of the alerts, newest first; each entry links to its articles.</summary>
    internal static string Atom(IReadOnlyList<Alert> items, string origin, string token)
    {
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(sb, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false }))
        {
            const string ns = "http://www.w3.org/2005/Atom";
            w.WriteStartElement("feed", ns);
            w.WriteElementString("title", ns, "AiNewsDashboard alerts");
            w.WriteElementString("id", ns, $"{origin}/alerts/feed/{token}.atom");
            w.WriteElementString("updated", ns, Stamp(items.Count > 0 ? items[0].FiredUtc : DateTimeOffset.UnixEpoch));
            w.WriteStartElement("link", ns);
            w.WriteAttributeString("href", $"{origin}/alerts");
            w.WriteEndElement();
            foreach (var a in items)
            {
                w.WriteStartElement("entry", ns);
                w.WriteElementString("title", ns, a.Title);
                w.WriteElementString("id", ns, $"{origin}/alerts#{a.Id}");
                w.WriteElementString("updated", ns, Stamp(a.FiredUtc));
                w.WriteElementString("summary", ns, a.Detail);
                w.WriteStartElement("link", ns);
                w.WriteAttributeString("href", origin + a.Url);
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        return sb.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

    private static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
