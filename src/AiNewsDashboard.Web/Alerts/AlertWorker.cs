using System.ComponentModel.DataAnnotations;
using AiNewsDashboard.Core.Alerts;
using AiNewsDashboard.Web.Hosting;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Web.Mail;
using Microsoft.Extensions.Options;

namespace AiNewsDashboard.Web.Alerts;

/// <summary>The <c>Alerts</c> section: how often rules are checked when no import arrives (so "fewer than N" can fire).</summary>
public sealed class AlertOptions : ISettingsSection
{
    public static string Section => "Alerts";

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "must be a time span from {1} to {2} (hh:mm:ss)")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Checks the alert rules when the data changes (an import's commit, a merge: a new query snapshot; a pass of copy
/// detection: new copy groups) and every
/// <see cref="AlertOptions.CheckInterval"/>; mails each new alert when Smtp is set. An alert is in the inbox and the
/// feed whether or not its mail went out. While nobody has a rule, it leaves the snapshot alone.
/// </summary>
public sealed class AlertWorker(AlertService alerts, ArticleMatcher data, IMailSender mail, IOptions<AlertOptions> options, TimeProvider clock,
    ILogger<AlertWorker> log) : BackgroundService
{
    /// <summary>How often the worker looks for a new snapshot.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DataState? checkedState = null;
        var nextTimed = DateTimeOffset.MinValue;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(Poll, stoppingToken);
                try
                {
                    if (!await alerts.HasRulesAsync(stoppingToken))
                        continue;
                    var current = await data.GetStateAsync(stoppingToken);
                    var now = clock.GetUtcNow();
                    if (current == checkedState && now < nextTimed)
                        continue;
                    await CheckAsync(stoppingToken);
                    checkedState = current;
                    nextTimed = now + options.Value.CheckInterval;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "Alerts: the check failed; trying again");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
    /// <summary>One check of every rule, and the mail of what it delivered.</summary>
    public async Task<IReadOnlyList<Alert>> CheckAsync(CancellationToken ct)
    {
        IReadOnlyList<Alert> fired;
        try
        {
            fired = await alerts.CheckAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Alerts: the check failed; trying again in {Interval}", options.Value.CheckInterval);
            return [];
        }
        if (fired.Count > 0 && mail.IsConfigured)
        {
            try
            {
                await mail.SendAsync(new OutgoingMail(fired.Count == 1 ? fired[0].Title : $"{fired.Count} alerts",
                    string.Join("\n\n", fired.Select(a => $"{a.Title}\n{a.Detail}\nArticles: {a.Url}")), []), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Alerts: mailing {Count} alert(s) failed; they are in the inbox", fired.Count);
            }
        }
        return fired;
    }
}
