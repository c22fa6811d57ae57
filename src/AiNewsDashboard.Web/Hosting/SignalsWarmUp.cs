using AiNewsDashboard.Core.Diagnostics;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Signals;
using AiNewsDashboard.Core.Syndication;

namespace AiNewsDashboard.Web.Hosting;

/// <summary>
/// Computes the unfiltered signals (drift, breaking stories with their story graph, and copies) in the background as soon as a
/// query snapshot is published or copy detection recorded new groups (a new <see cref="DataState"/>), the first one after a start included (once a page or an import has asked for it), so
/// the signals page opened after a start or an import answers from the cache instead of paying for the graph and the drift search (most of a second at a
/// million articles); a page opened while the warm-up runs waits for its computation rather than starting another
/// (<see cref="SignalQueries"/>). Asking for the snapshot also starts its reload after a commit, as an open page would.
/// While this instance imports, the warm-up waits (<see cref="Import.FollowUpWait"/>): each batch's commit
/// would make its work stale within seconds, and a page asking meanwhile computes what it shows.
/// </summary>
public sealed class SignalsWarmUp(ArticleMatcher data, SignalQueries signals, SyndicationQueries copies, UserActivity users, Import.ImportJobs imports,
    ILogger<SignalsWarmUp> log) : BackgroundService
{
    /// <summary>How often it looks for a new snapshot.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DataState? warmed = null;
        var wait = imports.FollowUp();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    // Never the first load: whoever asks first (a page, an import) decides when the store is read.
                    if (data.Facts.Current is not null && !wait.Waits() && await data.GetStateAsync(stoppingToken) != warmed)
                    {
                        await users.YieldAsync(stoppingToken); // a page opened meanwhile is answered first
                        var snapshot = await signals.WarmAsync(stoppingToken);
                        await copies.GetReportAsync(DashboardFilter.All, stoppingToken);
                        warmed = snapshot;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogWarning(e, "Signals: warming the unfiltered signals failed; the page computes them when asked");
                }
                await Task.Delay(Poll, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
