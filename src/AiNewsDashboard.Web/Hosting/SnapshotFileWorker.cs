using AiNewsDashboard.Core.Queries;
using Microsoft.Extensions.Options;

namespace AiNewsDashboard.Web.Hosting;

/// <summary>
/// Saves the query snapshot to its file (<see cref="ArticleFactsFileStore"/>), so the next start reads the file instead of
/// the whole store:
/// <list type="bullet">
/// <item>at once when there is no usable file (a first start, a file passed over), so a first start that read every
/// article never has to be repeated;</item>
/// <item>once the snapshot has stayed the same for <c>Snapshot:QuietFor</c>;</item>
/// <item>at least every <c>Snapshot:SaveAtLeastEvery</c> while it keeps changing (an import of hours, copy detection's
/// first pass over millions of articles): the next start brings an older file up to date from the commit log;</item>
/// <item>when the app begins to stop, before the other services stop, whatever the snapshot's age.</item>
/// </list>
/// At start it begins the first load at once when there is a file, so a restart has read it by the time it listens.
/// Any published snapshot can be saved: it holds at least the store as of its version, which the file's stamp records.
/// </summary>
public sealed class SnapshotFileWorker(ArticleFactsCache cache, ArticleFactsFileStore file, IOptions<SnapshotOptions> options, TimeProvider clock,
    ILogger<SnapshotFileWorker> log) : BackgroundService, IHostedLifecycleService
{
    /// <summary>How often it looks at the snapshot.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (file.Path is null)
            return;
        // A restart reads its file while the host is still starting, so the first page need not wait for it. Without a
        // file the first load waits for whoever asks first (a page, an import), as reading the whole store is costly.
        if (File.Exists(file.Path))
            _ = cache.GetAsync(stoppingToken).ContinueWith(t => _ = t.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        ArticleFacts? seen = null;
        var seenSince = clock.GetTimestamp();
        var triedAt = clock.GetTimestamp(); // the last save tried, or the start
        var tried = false;
        try
        {
            try
            {
                // Made while nothing else writes, so no save (least of all the one at stop) waits behind an import to make
                // it. A store not reachable yet: the first save makes it.
                await file.EnsureStoreIdAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Snapshot file: the store's id could not be read or made yet; the first save tries again");
            }
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (cache.Current is { } facts && !ReferenceEquals(facts, seen))
                        (seen, seenSince) = (facts, clock.GetTimestamp());
                    if (seen is not null && IsDue(seen, clock.GetElapsedTime(seenSince), tried, clock.GetElapsedTime(triedAt)))
                    {
                        (tried, triedAt) = (true, clock.GetTimestamp());
                        await file.SaveAsync(seen, stoppingToken);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The store could not be asked (busy, unreachable): a later look tries again; the app goes on.
                    log.LogWarning(e, "Snapshot file: saving failed; trying again later");
                }
                await Task.Delay(Poll, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Whether to save <paramref name="facts"/>, unchanged for <paramref name="unchangedFor"/>, a save having been tried
    /// (<paramref name="tried"/>) <paramref name="sinceTried"/> ago, or the worker having started that long ago.
    /// </summary>
    private bool IsDue(ArticleFacts facts, TimeSpan unchangedFor, bool tried, TimeSpan sinceTried)
    {
        var settings = options.Value;
        // A failed save is not tried again every second.
        if (file.Holds(facts) || (tried && sinceTried < TimeSpan.FromTicks(Math.Min(settings.QuietFor.Ticks, settings.SaveAtLeastEvery.Ticks))))
            return false;
        return file.FileVersion is null
               || (unchangedFor >= settings.QuietFor && cache.IsUpToDate(facts))
               || sinceTried >= settings.SaveAtLeastEvery;
    }

    /// <summary>
    /// The snapshot as it is when the app begins to stop, saved before any service stops: a running import is cancelled
    /// only afterwards, and a platform that kills the process soon after asking it to stop (a container's 10 s) still
    /// gets the file. Best effort: the previous file stays when this fails.
    /// </summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (file.Path is not null && cache.Current is { } facts)
                await file.SaveAsync(facts, cancellationToken);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogWarning("Snapshot file: not saved as the app stopped ({Error}); the previous file stays", e.Message);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
