using System.Globalization;
using System.Security.Cryptography;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Signals;
using AiNewsDashboard.Core.Views;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Alerts;

/// <summary>
/// Alert rules on saved views, their checks and the inbox. A check counts each rule's saved view (its filter, collections
/// resolved) over the last days up to today (UTC) on the query snapshot: one count per rule, never a recomputation of
/// the data. A rule fires when its condition starts to hold; the alert row's unique (rule, key) makes the delivery
/// happen once, whichever server or restart gets there; its webhook deliveries are queued in the same transaction.
/// </summary>
public sealed class AlertService(IDbContextFactory<NewsDbContext> dbFactory, ArticleMatcher matcher, FilterReader reader, SignalQueries signals,
    BlindspotQueries blindspots, AttentionSettings attention, TimeProvider clock)
{
    public const int InboxSize = 200;

    public async Task<bool> HasRulesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AlertRules.AnyAsync(ct);
    }

    public async Task<IReadOnlyList<AlertRule>> RulesAsync(string owner, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AlertRules.AsNoTracking().Where(r => r.OwnerId == owner).OrderBy(r => r.Name).ThenBy(r => r.Id).ToListAsync(ct);
    }

    /// <summary>Adds a rule on a saved view its owner can see.</summary>
    /// <exception cref="EditRejectedException">A field that can't be used, named.</exception>
    public async Task<AlertRule> AddRuleAsync(string owner, string? name, int? savedViewId, AlertCondition? condition, double? threshold, int? windowDays,
        CancellationToken ct = default)
    {
        var checkedName = EditRules.Name(name, "name", AlertRule.MaxNameLength);
        if (condition is not { } c || !Enum.IsDefined(c))
            throw new EditRejectedException("condition", "condition: required, one of above, below, change, drift, breaking or gap");
        if (threshold is not { } t || !double.IsFinite(t) || t < 0)
            throw new EditRejectedException("threshold",
                "threshold: required, 0 or more: articles (above, below), a percentage (change), standard errors (drift), new providers (breaking) or robust standard deviations of surge (gap)");
        var days = windowDays ?? 1;
        if (days is < 1 or > AlertRule.MaxWindowDays)
            throw new EditRejectedException("windowDays", $"windowDays: {days} is not a number of days from 1 to {AlertRule.MaxWindowDays}");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var view = savedViewId is { } id ? await db.SavedViews.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct) : null;
        if (view is null || !(view.IsShared || view.OwnerId == owner))
            throw new EditRejectedException("savedViewId", savedViewId is null ? "savedViewId: required, the id of a saved view" : $"savedViewId: there is no saved view {savedViewId}");
        if (view.IsComparison)
            throw new EditRejectedException("savedViewId", $"savedViewId: '{view.Name}' is a comparison of several queries; an alert needs a view with one filter");
        var rule = new AlertRule
        {
            OwnerId = owner, Name = checkedName, SavedViewId = view.Id, Condition = c, Threshold = t, WindowDays = days, CreatedUtc = clock.GetUtcNow(),
        };
        db.AlertRules.Add(rule);
        await db.SaveChangesAsync(ct);
        return rule;
    }

    /// <summary>Deletes one of the owner's rules with its alerts; false when they have no such rule.</summary>
    public async Task<bool> DeleteRuleAsync(int id, string owner, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AlertRules.Where(r => r.Id == id && r.OwnerId == owner).ExecuteDeleteAsync(ct) > 0;
    }

    /// <summary>The owner's latest alerts, newest first.</summary>
    public async Task<IReadOnlyList<Alert>> InboxAsync(string owner, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Alerts.AsNoTracking().Where(a => a.OwnerId == owner).OrderByDescending(a => a.Id).Take(InboxSize).ToListAsync(ct);
    }

    public async Task MarkReadAsync(string owner, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Alerts.Where(a => a.OwnerId == owner && !a.IsRead).ExecuteUpdateAsync(s => s.SetProperty(a => a.IsRead, true), ct);
    }

    /// <summary>The owner's feed token, made on first use; <paramref name="renew"/> replaces it (the old address stops working).</summary>
    public async Task<string> FeedTokenAsync(string owner, bool renew = false, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var feed = await db.AlertFeeds.FirstOrDefaultAsync(f => f.OwnerId == owner, ct);
        if (feed is not null && !renew)
            return feed.Token;
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        if (feed is null)
            db.AlertFeeds.Add(new AlertFeed { OwnerId = owner, Token = token });
        else
            feed.Token = token;
        await db.SaveChangesAsync(ct);
        return token;
    }

    /// <summary>Whose feed <paramref name="token"/> opens; null for an unknown one.</summary>
    public async Task<string?> FeedOwnerAsync(string token, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.AlertFeeds.AsNoTracking().FirstOrDefaultAsync(f => f.Token == token, ct))?.OwnerId;
    }

    /// <summary>Checks every rule now; answers the alerts this check delivered (none twice).</summary>
    public async Task<IReadOnlyList<Alert>> CheckAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rules = await db.AlertRules.ToListAsync(ct);
        var views = await db.SavedViews.AsNoTracking().Where(v => rules.Select(r => r.SavedViewId).Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
        var fired = new List<Alert>();
        foreach (var rule in rules)
        {
            if (!views.TryGetValue(rule.SavedViewId, out var view))
                continue;
            if (rule.Condition is AlertCondition.Drift or AlertCondition.Breaking or AlertCondition.Gap)
            {
                // Each signal is its own alert, once.
                foreach (var signal in await SignalsAsync(rule, view, now, ct))
                    if (!await db.Alerts.AnyAsync(a => a.RuleId == rule.Id && a.Key == signal.Key, ct) && fired.All(f => f.RuleId != rule.Id || f.Key != signal.Key))
                    {
                        db.Alerts.Add(signal);
                        fired.Add(signal);
                    }
                rule.LastCheckedUtc = now;
                continue;
            }
            var (holds, alert) = await EvaluateAsync(rule, view, today, now, ct);
            if (holds && !rule.IsFiring && alert is not null)
            {
                // Claimed by its unique key: a second server checking at the same moment adds nothing.
                var known = await db.Alerts.AnyAsync(a => a.RuleId == rule.Id && a.Key == alert.Key, ct);
                if (!known)
                {
                    db.Alerts.Add(alert);
                    fired.Add(alert);
                }
            }
            rule.IsFiring = holds;
            rule.LastCheckedUtc = now;
        }
        await WebhookService.QueueAsync(db, fired, now, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return []; // another server delivered them first (webhooks included); the next check sees its rows and its rule states
        }
        return fired;
    }

    private async Task<(bool Holds, Alert? Alert)> EvaluateAsync(AlertRule rule, SavedView view, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var problems = new QueryProblems();
        var from = today.AddDays(-(rule.WindowDays - 1));
        var filter = await reader.ResolveAsync(DashboardFilter.FromQueryString(view.Query, problems) with { From = from, To = today }, problems, ct);
        var count = await CountAsync(filter, ct);
        var days = rule.WindowDays == 1 ? "today" : $"in the last {rule.WindowDays} days";
        var url = "/articles?" + filter.ToQueryString();
        string key = $"{rule.Condition.ToString().ToLowerInvariant()}:{today:yyyy-MM-dd}";
        switch (rule.Condition)
        {
            case AlertCondition.Above:
                return (count > rule.Threshold, Make(count, $"{view.Name}: {count:N0} articles {days}",
                    $"'{view.Name}' has {count:N0} matching articles {days} ({from:yyyy-MM-dd} – {today:yyyy-MM-dd}, UTC), more than the rule's {rule.Threshold:N0}."));
            case AlertCondition.Below:
                return (count < rule.Threshold, Make(count, $"{view.Name}: only {count:N0} articles {days}",
                    $"'{view.Name}' has {count:N0} matching articles {days} ({from:yyyy-MM-dd} – {today:yyyy-MM-dd}, UTC), fewer than the rule's {rule.Threshold:N0}."));
            default:
                var before = filter with { From = from.AddDays(-rule.WindowDays), To = from.AddDays(-1) };
                var previous = await CountAsync(before, ct);
                var change = previous == 0 ? (count == 0 ? 0 : double.PositiveInfinity) : (count - previous) * 100.0 / previous;
                var said = double.IsInfinity(change) ? "from none" : change.ToString("+0;-0", CultureInfo.InvariantCulture) + "%";
                return (Math.Abs(change) >= rule.Threshold && count != previous, Make(change, $"{view.Name}: {said} ({previous:N0} → {count:N0})",
                    $"'{view.Name}' has {count:N0} matching articles {days} against {previous:N0} in the {rule.WindowDays} days before: {said}, " +
                    $"beyond the rule's ±{rule.Threshold:0.#}%."));
        }

        Alert Make(double value, string title, string detail) => new()
        {
            RuleId = rule.Id, OwnerId = rule.OwnerId, Key = key, FiredUtc = now, Title = $"{rule.Name} · {title}", Detail = detail, Url = url,
            Value = double.IsFinite(value) ? value : null,
        };
    }

    /// <summary>The view's signals at the rule's strength, over the view's own filter and dates.</summary>
    private async Task<IReadOnlyList<Alert>> SignalsAsync(AlertRule rule, SavedView view, DateTimeOffset now, CancellationToken ct)
    {
        var problems = new QueryProblems();
        var filter = await reader.ResolveAsync(DashboardFilter.FromQueryString(view.Query, problems), problems, ct);
        Alert Make(double value, string key, string title, string detail, string url) => new()
        {
            RuleId = rule.Id, OwnerId = rule.OwnerId, Key = key, FiredUtc = now, Title = $"{rule.Name} · {title}", Detail = detail, Url = url,
            Value = double.IsFinite(value) ? value : null,
        };
        if (rule.Condition == AlertCondition.Drift)
        {
            var drift = await signals.GetDriftAsync(filter, ct);
            return drift.Current.Where(d => Math.Abs(d.Quality.Z) >= rule.Threshold)
                .Select(d => Make(d.Quality.Z, $"drift:{d.Domain}:{d.Date:yyyy-MM-dd}",
                    $"{d.Name}: quality {(d.IsDecline ? "fell" : "rose")} from {d.Date:yyyy-MM-dd}",
                    string.Create(CultureInfo.InvariantCulture,
                        $"In '{view.Name}', {d.Name}'s mean quality went from {d.Quality.Before.Mean:0.0} to {d.Quality.After.Mean:0.0} " +
                        $"({d.Quality.Change:+0.0;-0.0}) from {d.Date:yyyy-MM-dd}, {(double.IsFinite(d.Quality.Z) ? $"z = {d.Quality.Z:0.0}" : "beyond doubt")}, " +
                        $"against the rule's {rule.Threshold:0.#} standard errors."),
                    $"/providers/{Uri.EscapeDataString(d.Domain)}?{filter.ToQueryString()}"))
                .ToArray();
        }
        if (rule.Condition == AlertCondition.Gap)
        {
            var gaps = await blindspots.GetAsync(filter, attention, ct);
            if (gaps.To is not { } to)
                return [];
            // One period per window length, counted from 0001-01-01: the window slides daily, the alert doesn't repeat.
            var window = Math.Max(1, attention.WindowDays);
            var period = DateOnly.FromDayNumber(to.DayNumber - to.DayNumber % window);
            return gaps.Blindspots.Where(g => g.Surge >= rule.Threshold)
                .Select(g => Make(g.Surge, $"gap:{g.Topic}:{period:yyyy-MM-dd}", $"coverage gap: {g.Topic}",
                    $"In '{view.Name}', {g.Topic} is a coverage gap in {gaps.From:yyyy-MM-dd} – {to:yyyy-MM-dd}: {g.Reason} " +
                    string.Create(CultureInfo.InvariantCulture, $"The rule asks for a surge of {rule.Threshold:0.#} or more."),
                    $"/articles?{(filter with { From = gaps.From, To = to, Topics = [g.Topic] }).ToQueryString()}"))
                .ToArray();
        }
        var breaking = await signals.GetBreakingAsync(filter, ct);
        return breaking.Stories.Where(b => b.NewProviders >= rule.Threshold)
            .Select(b => Make(b.NewProviders, $"breaking:{b.Id}", $"breaking: {b.Headline ?? $"story {b.Id}"}",
                $"In '{view.Name}', the story first reported by {b.FirstProvider ?? "an unknown provider"} gained {b.NewArticles} articles from " +
                $"{b.NewProviders} new providers in the last {breaking.WindowHours} hours ({b.Providers} providers in all), against the rule's {rule.Threshold:0}.",
                $"/stories/{b.Id}"))
            .ToArray();
    }

    private async Task<int> CountAsync(DashboardFilter filter, CancellationToken ct)
    {
        using var selection = await matcher.SelectAsync(filter, ct);
        return selection.Count;
    }
}
