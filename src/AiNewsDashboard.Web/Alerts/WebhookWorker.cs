using AiNewsDashboard.Core.Alerts;
using Microsoft.Extensions.Options;

namespace AiNewsDashboard.Web.Alerts;

/// <summary>
/// Sends the webhook deliveries that are due, one at a time, and records each attempt: delivered, retried with a doubling
/// wait, or given up (which tells the rule's owner in their inbox). Deliveries live in the database, so a restart carries
/// on with them; a delivery is sent again only if the app stops between a receiver's answer and its record. Each
/// attempt is claimed first, so of several servers on one database one makes it.
/// </summary>
public sealed class WebhookWorker(WebhookService webhooks, WebhookSender sender, IOptions<WebhookOptions> options, ILogger<WebhookWorker> log)
    : BackgroundService
{
    /// <summary>How often the worker looks for due deliveries.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await SendDueAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "Webhooks: sending failed; trying again");
                }
                await Task.Delay(Poll, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Sends every delivery due now once; answers how many it tried.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var tried = 0;
        foreach (var d in await webhooks.DueAsync(ct))
        {
            // Another server on this database may have taken it; an attempt stopped midway is tried again after the lease.
            if (!await webhooks.ClaimAsync(d.Delivery, options.Value.Timeout + TimeSpan.FromMinutes(1), ct))
                continue;
            tried++;
            var attempt = await sender.SendAsync(d, ct);
            var state = await webhooks.RecordAsync(d.Delivery.Id, attempt.Ok, attempt.Status, attempt.Error, options.Value.Retry, ct);
            if (state == WebhookDeliveryState.Failed)
                log.LogWarning("Webhooks: gave up delivery {Delivery} to '{Webhook}' after {Attempts} attempts: {Error}",
                    d.Delivery.DeliveryId, d.Hook.Name, d.Delivery.Attempts + 1, attempt.Error);
            else if (!attempt.Ok)
                log.LogInformation("Webhooks: delivery {Delivery} to '{Webhook}' failed ({Error}); retrying later", d.Delivery.DeliveryId, d.Hook.Name, attempt.Error);
        }
        return tried;
    }
}
