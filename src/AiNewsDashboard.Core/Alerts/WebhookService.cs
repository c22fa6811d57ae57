using System.Security.Cryptography;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Views;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Alerts;

/// <summary>How often and how patiently a delivery is tried: attempt n+1 waits First·2ⁿ⁻¹, at most Max.</summary>
public sealed record WebhookRetry(int MaxAttempts, TimeSpan First, TimeSpan Max)
{
    public TimeSpan DelayAfter(int attempts)
    {
        var factor = Math.Pow(2, Math.Min(Math.Max(0, attempts - 1), 40));
        return TimeSpan.FromTicks((long)Math.Min(First.Ticks * factor, Max.Ticks));
    }
}

/// <summary>A delivery due now with everything its body says: the webhook, and for an alert its rule and saved view.</summary>
public sealed record DueWebhookDelivery(WebhookDelivery Delivery, Webhook Hook, Alert? Alert, AlertRule? Rule, SavedView? View);

/// <summary>A delivery as the Admin panel lists it.</summary>
public sealed record WebhookDeliveryRow(WebhookDelivery Delivery, string WebhookName, string? AlertTitle);

/// <summary>
/// Webhooks (Admins set them up) and their deliveries. Alerts are queued by <see cref="AlertService.CheckAsync"/> in the
/// transaction that stores them (<see cref="Queue"/>); the sender takes what is due (<see cref="DueAsync"/>) and records each
/// attempt (<see cref="RecordAsync"/>): delivered, retried later, or given up, which tells the rule's owner in their inbox.
/// </summary>
public sealed class WebhookService(IDbContextFactory<NewsDbContext> dbFactory, WebhookTargets targets, TimeProvider clock)
{
    public const int RecentDeliveries = 100;

    public async Task<IReadOnlyList<Webhook>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Webhooks.AsNoTracking().OrderBy(w => w.Name).ThenBy(w => w.Id).ToListAsync(ct);
    }

    /// <summary>Every user's rules, for choosing which a webhook covers.</summary>
    public async Task<IReadOnlyList<AlertRule>> RulesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AlertRules.AsNoTracking().OrderBy(r => r.OwnerId).ThenBy(r => r.Name).ThenBy(r => r.Id).ToListAsync(ct);
    }

    /// <summary>Adds a webhook with a new secret (the answer holds it: show it once).</summary>
    /// <exception cref="EditRejectedException">A field that can't be used, named.</exception>
    public async Task<Webhook> CreateAsync(string? name, string? url, IReadOnlyList<int>? ruleIds, IReadOnlyList<string>? owners, string? createdBy,
        CancellationToken ct = default)
    {
        var checkedName = EditRules.Name(name, "name", Webhook.MaxNameLength);
        if (!targets.TryCheckUrl(url, out var uri, out var problem))
            throw new EditRejectedException("url", problem);
        var rules = (ruleIds ?? []).Distinct().ToList();
        var who = (owners ?? []).Select(o => o?.Trim() ?? "").Distinct().ToList();
        if (who.Any(string.IsNullOrEmpty))
            throw new EditRejectedException("owners", "owners: a user name is blank");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (rules.Count > 0)
        {
            var known = await db.AlertRules.Where(r => rules.Contains(r.Id)).Select(r => r.Id).ToListAsync(ct);
            if (rules.Except(known).ToList() is { Count: > 0 } unknown)
                throw new EditRejectedException("ruleIds", $"ruleIds: there is no alert rule {string.Join(", ", unknown)}");
        }
        var hook = new Webhook
        {
            Name = checkedName, Url = uri.AbsoluteUri, Secret = NewSecret(), RuleIds = rules, Owners = who, CreatedUtc = clock.GetUtcNow(), CreatedBy = createdBy,
        };
        db.Webhooks.Add(hook);
        await db.SaveChangesAsync(ct);
        return hook;
    }

    /// <summary>Deletes a webhook and its deliveries, sent or not; false when there is none.</summary>
    public async Task<bool> DeleteAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Webhooks.Where(w => w.Id == id).ExecuteDeleteAsync(ct) > 0;
    }

    /// <summary>Queues a test event for the webhook; null when there is none.</summary>
    public async Task<WebhookDelivery?> QueueTestAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Webhooks.AnyAsync(w => w.Id == id, ct))
            return null;
        var delivery = NewDelivery(id, WebhookDelivery.TestEvent, clock.GetUtcNow());
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(ct);
        return delivery;
    }

    /// <summary>Queues each fired alert for every webhook that covers its rule, in <paramref name="db"/>'s pending changes, so the
    /// deliveries are stored with the alerts or not at all.</summary>
    internal static async Task QueueAsync(NewsDbContext db, IReadOnlyList<Alert> fired, DateTimeOffset now, CancellationToken ct)
    {
        if (fired.Count == 0)
            return;
        var hooks = await db.Webhooks.AsNoTracking().ToListAsync(ct);
        foreach (var alert in fired)
            foreach (var hook in hooks.Where(h => h.Covers(alert.RuleId, alert.OwnerId)))
            {
                var delivery = NewDelivery(hook.Id, WebhookDelivery.AlertEvent, now);
                delivery.Alert = alert;
                db.WebhookDeliveries.Add(delivery);
            }
    }

    /// <summary>The latest deliveries, newest first, of one webhook or all.</summary>
    public async Task<IReadOnlyList<WebhookDeliveryRow>> RecentAsync(int? webhookId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.WebhookDeliveries.AsNoTracking()
            .Where(d => webhookId == null || d.WebhookId == webhookId)
            .OrderByDescending(d => d.Id).Take(RecentDeliveries)
            .Select(d => new WebhookDeliveryRow(d, db.Webhooks.Where(w => w.Id == d.WebhookId).Select(w => w.Name).First(), d.Alert == null ? null : d.Alert.Title))
            .ToListAsync(ct);
    }

    /// <summary>The pending deliveries whose time has come, oldest first.</summary>
    public async Task<IReadOnlyList<DueWebhookDelivery>> DueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Few are pending at a time; SQLite can't compare DateTimeOffset, so the time is checked here.
        var pending = (await db.WebhookDeliveries.AsNoTracking().Include(d => d.Alert).Where(d => d.State == WebhookDeliveryState.Pending)
            .OrderBy(d => d.Id).ToListAsync(ct)).Where(d => d.NextAttemptUtc <= now).ToList();
        if (pending.Count == 0)
            return [];
        var hookIds = pending.Select(d => d.WebhookId).Distinct().ToList();
        var hooks = await db.Webhooks.AsNoTracking().Where(w => hookIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
        var ruleIds = pending.Where(d => d.Alert is not null).Select(d => d.Alert!.RuleId).Distinct().ToList();
        var rules = await db.AlertRules.AsNoTracking().Where(r => ruleIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var viewIds = rules.Values.Select(r => r.SavedViewId).Distinct().ToList();
        var views = await db.SavedViews.AsNoTracking().Where(v => viewIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
        return pending.Where(d => hooks.ContainsKey(d.WebhookId)).Select(d =>
        {
            var rule = d.Alert is { } a ? rules.GetValueOrDefault(a.RuleId) : null;
            return new DueWebhookDelivery(d, hooks[d.WebhookId], d.Alert, rule, rule is null ? null : views.GetValueOrDefault(rule.SavedViewId));
        }).ToList();
    }

    /// <summary>
    /// Claims a due delivery for one attempt: true for the one sender (of several servers on one database) whose claim
    /// lands first. Until <paramref name="lease"/> has passed nobody else takes it, so a sender that stops mid-attempt
    /// leaves it to be tried again then, not lost.
    /// </summary>
    public async Task<bool> ClaimAsync(WebhookDelivery delivery, TimeSpan lease, CancellationToken ct = default)
    {
        var until = clock.GetUtcNow() + lease;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.WebhookDeliveries.Where(d => d.Id == delivery.Id && d.Claims == delivery.Claims && d.State == WebhookDeliveryState.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Claims, delivery.Claims + 1).SetProperty(d => d.NextAttemptUtc, until), ct) == 1;
    }

    /// <summary>
    /// Records one attempt. A success delivers it; a failure retries it after <see cref="WebhookRetry.DelayAfter"/>, or after
    /// the last attempt gives it up and puts a note in the inbox of the alert's owner.
    /// </summary>
    public async Task<WebhookDeliveryState> RecordAsync(int deliveryId, bool ok, int? status, string? error, WebhookRetry retry, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var d = await db.WebhookDeliveries.Include(x => x.Alert).FirstOrDefaultAsync(x => x.Id == deliveryId, ct);
        if (d is null)
            return WebhookDeliveryState.Failed; // its webhook or rule was deleted meanwhile
        d.Attempts++;
        d.LastAttemptUtc = now;
        d.LastStatus = status;
        d.LastError = ok ? null : error;
        if (ok)
            d.State = WebhookDeliveryState.Delivered;
        else if (d.Attempts >= retry.MaxAttempts)
        {
            d.State = WebhookDeliveryState.Failed;
            if (d.Alert is { } alert && await db.Webhooks.AsNoTracking().FirstOrDefaultAsync(w => w.Id == d.WebhookId, ct) is { } hook)
                db.Alerts.Add(new Alert
                {
                    RuleId = alert.RuleId, OwnerId = alert.OwnerId, Key = $"webhook-failed:{d.DeliveryId}", FiredUtc = now,
                    Title = $"Webhook '{hook.Name}' did not receive: {alert.Title}",
                    Detail = $"Delivery {d.DeliveryId} to {hook.Url} was given up after {d.Attempts} attempts; the last: {error}",
                    Url = "/alerts",
                });
        }
        else
            d.NextAttemptUtc = now + retry.DelayAfter(d.Attempts);
        await db.SaveChangesAsync(ct);
        return d.State;
    }

    private static WebhookDelivery NewDelivery(int webhookId, string kind, DateTimeOffset now) => new()
    {
        DeliveryId = Guid.NewGuid().ToString("N"), WebhookId = webhookId, Event = kind, State = WebhookDeliveryState.Pending, CreatedUtc = now, NextAttemptUtc = now,
    };

    private static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
