using System.Diagnostics;
using AiNewsDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Queries.Graph;

/// <summary>
/// Holds the <see cref="ArticleGraph"/> for the current facts snapshot (a singleton). Built on first use, not with
/// every snapshot: only the graph page and API need it. When the snapshot moves on, readers keep getting the previous
/// graph (consistent with its own snapshot) while the new one is built in the background, as the facts cache does.
/// </summary>
public sealed class ArticleGraphCache(ArticleFactsCache factsCache, Syndication.SyndicationService syndication)
{
    private readonly Lock _gate = new();
    private volatile ArticleGraph? _current;
    private (ArticleFacts Facts, Task<ArticleGraph> Task)? _building;

    /// <summary>The graph of the current snapshot, or of the previous one while the current one is being built.</summary>
    public async Task<ArticleGraph> GetAsync(CancellationToken ct = default)
    {
        var facts = await factsCache.GetAsync(ct);
        var current = _current;
        if (current is not null && ReferenceEquals(current.Facts, facts))
            return current;
        var build = StartOrJoin(facts);
        return current is not null && !build.IsCompleted ? current : await build.WaitAsync(ct);
    }

    /// <summary>
    /// The graph of the current snapshot, waiting while it is built: for a page that was told the data changed and
    /// must not draw the old graph again (it keeps the old drawing on screen meanwhile).
    /// </summary>
    public async Task<ArticleGraph> GetCurrentAsync(CancellationToken ct = default) => await GetAsync(await factsCache.GetAsync(ct), ct);

    /// <summary>The graph of exactly this snapshot (waits for it to be built).</summary>
    public Task<ArticleGraph> GetAsync(ArticleFacts facts, CancellationToken ct = default) =>
        _current is { } current && ReferenceEquals(current.Facts, facts) ? Task.FromResult(current) : StartOrJoin(facts).WaitAsync(ct);

    /// <summary>How long the last build took (diagnostics, benchmarks).</summary>
    public TimeSpan LastBuildDuration { get; private set; }

    private async Task<ArticleGraph> BuildAsync(ArticleFacts facts)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            // Not cancellable by one reader: others may be waiting for the same graph.
            var links = await factsCache.Source.ReadLinksAsync(CancellationToken.None);
            // Copies of an earlier article don't count as another provider reporting (lead times).
            var copies = Syndication.CopyRows.Of(facts, await syndication.GetAsync(CancellationToken.None)).Copies;
            var graph = ArticleGraph.Build(facts, links, copies);
            LastBuildDuration = Stopwatch.GetElapsedTime(started);
            lock (_gate)
            {
                // A newer snapshot's graph may have landed first; never go back to an older one.
                if (_current is null || _current.Facts.LoadedAtUtc <= facts.LoadedAtUtc)
                    _current = graph;
            }
            return graph;
        }
        finally
        {
            // Done or failed: the next reader that needs this snapshot's graph starts afresh rather than inheriting a failure.
            lock (_gate)
            {
                if (_building is { } mine && ReferenceEquals(mine.Facts, facts))
                    _building = null;
            }
        }
    }

    private Task<ArticleGraph> StartOrJoin(ArticleFacts facts)
    {
        lock (_gate)
        {
            if (_building is { } b && ReferenceEquals(b.Facts, facts))
                return b.Task;
            var task = Task.Run(() => BuildAsync(facts));
            _building = (facts, task);
            return task;
        }
    }
}
