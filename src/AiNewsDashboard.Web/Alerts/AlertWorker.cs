using System.ComponentModel.DataAnnotations;
using AiNewsDashboard.Core.Alerts;
using AiNewsDashboard.Web.Hosting;
using AiNewsDashboard.Web.Import;
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
/// Checks the alert rules at start, after every change of the data (an import's commit, a merge) and every
/// <see cref="AlertOptions.CheckInterval"/>; mails each new alert when Smtp is set. An alert is in the inbox and the
/// feed whether or not its mail went out.
/// </summary>
public sealed class AlertWorker(AlertService alerts, LiveUpdates live, IMailSender mail, IOptions<AlertOptions> options, TimeProvider clock,
    ILogger<AlertWorker> log) : BackgroundService
{
    private readonly SemaphoreSlim _changed = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        void OnChanged()
        {
            if (_changed.CurrentCount == 0)
                _changed.Release();
        }
        live.DataChanged += OnChanged;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await CheckAsync(stoppingToken);
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var timer = Task.Delay(options.Value.CheckInterval, clock, wait.Token);
                await Task.WhenAny(timer, _changed.WaitAsync(wait.Token));
                await wait.CancelAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            live.DataChanged -= OnChanged;
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
