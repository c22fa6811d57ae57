using AiNewsDashboard.Core.Queries;
using Microsoft.Extensions.Options;

namespace AiNewsDashboard.Web.Hosting;

/// <summary>
/// Saves the query snapshot to its file (<see cref="ArticleFactsFileStore"/>) once it has stayed the same for
/// <c>Snapshot:QuietFor</c>, and when the app stops, so the next start reads the file instead of the whole store. During
/// a long import the snapshot changes every few seconds: it is then written once the import is over, not after each commit.
/// </summary>
public sealed class SnapshotFileWorker(ArticleFactsCache cache, ArticleFactsFileStore file, IOptions<SnapshotOptions> options, TimeProvider clock,
    ILogger<SnapshotFileWorker> log) : BackgroundService
{
    /// <summary>How often it looks at the snapshot.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (file.Path is null)
            return;
        ArticleFacts? seen = null;
        var seenSince = clock.GetTimestamp();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(Poll, clock, stoppingToken);
                if (cache.Current is not { } facts)
                    continue;
                if (!ReferenceEquals(facts, seen))
                    (seen, seenSince) = (facts, clock.GetTimestamp());
                else if (clock.GetElapsedTime(seenSince) >= options.Value.QuietFor && cache.IsUpToDate(facts))
                {
                    try
                    {
                        await file.SaveAsync(facts, stoppingToken);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // The store could not be asked (busy, unreachable): the next look tries again; the app goes on.
                        log.LogWarning(e, "Snapshot file: saving failed; trying again later");
                        seenSince = clock.GetTimestamp();
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // The snapshot as it is when the app stops, unless something changed that it doesn't hold yet. Best effort: a
        // host torn down around it (the store's services already gone, the shutdown's time up) leaves the old file.
        try
        {
            if (cache.Current is { } facts && cache.IsUpToDate(facts))
                await file.SaveAsync(facts, cancellationToken);
        }
        catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException)
        {
        }
    }
}
