using System.Diagnostics;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Syndication;

namespace AiNewsDashboard.Web.Import;

/// <summary>
/// Runs copy detection (<see cref="SyndicationService.UpdateAsync"/>) off the request path: once at start (which catches
/// up with imports made while the app was down, by the command line or another instance, and once after an upgrade files
/// the articles checked before copy detection kept its index in the store) and
/// whenever the articles changed, that is after each import commit, at once rather than after the new query snapshot has
/// loaded: the two run side by side. The pass's own commit changes nothing the snapshot reads, so it costs no reload;
/// its new groups make a new <see cref="DataState"/>, which the signals' warm-up, the alerts and open pages follow.
/// Pages read the recorded groups meanwhile. While this instance imports, a pass waits (<see cref="FollowUpWait"/>)
/// and then checks the whole import's articles at once: the import keeps the store's writer and the cores to itself.
/// Meanwhile the articles waiting are counted (<see cref="SyndicationService.NoteWaitingAsync"/>) after each of the
/// import's commits, at most once per <see cref="CountWaitingEvery"/>, so the pages don't say detection has finished.
/// </summary>
public sealed class SyndicationWorker(SyndicationService syndication, ArticleFactsCache facts, ImportJobs imports, ILogger<SyndicationWorker> log)
    : BackgroundService
{
    /// <summary>How often the worker looks for a change.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    /// <summary>How long it waits after a failed pass (the store unreachable, a query cut off) before the next.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(10);

    /// <summary>The least time between two counts of the articles a held-back pass will check (a count reads an index range).</summary>
    public static readonly TimeSpan CountWaitingEvery = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        (long, long?)? checkedAt = null, countedAt = null;
        long? countedWhen = null;
        var wait = imports.FollowUp();
        try
        {
            // Let the host finish starting before the first pass.
            await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    // Taken before the pass: a commit that lands during it is looked at by the next one.
                    var marker = facts.ChangeMarker;
                    var waits = marker != checkedAt && wait.Waits();
                    if (waits && marker != countedAt && (countedWhen is not { } when || Stopwatch.GetElapsedTime(when) >= CountWaitingEvery))
                    {
                        await syndication.NoteWaitingAsync(stoppingToken);
                        (countedAt, countedWhen) = (marker, Stopwatch.GetTimestamp());
                    }
                    else if (marker != checkedAt && !waits)
                    {
                        var pass = await syndication.UpdateAsync(stoppingToken);
                        checkedAt = marker;
                        if (pass.Checked > 0 || pass.Backfilled > 0)
                            log.LogInformation("Syndication: checked {Checked} articles in {Elapsed:0.00} s ({Matches} matches; {Backfilled} earlier articles filed in the index); {Groups} copy groups, {Copies} copies",
                                pass.Checked, pass.Duration.TotalSeconds, pass.Matches, pass.Backfilled, pass.Groups, pass.Copies);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // What it recorded stays (each batch commits with its watermark): the next pass goes on from there.
                    log.LogError(e, "Syndication: the pass failed; trying again in {Seconds} s", RetryAfter.TotalSeconds);
                    checkedAt = null;
                    await Task.Delay(RetryAfter, stoppingToken);
                }
                await Task.Delay(Poll, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
