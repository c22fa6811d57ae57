using System.Diagnostics;

namespace AiNewsDashboard.Core.Queries.Graph;

/// <summary>
/// Holds the <see cref="ArticleGraph"/> for the current <see cref="DataState"/> (a singleton): the snapshot's links,
/// and story clusters whose first reporters leave out the copies recorded then. Built on first use, not with every
/// snapshot: only the graph page, its API and the signals need it. When the snapshot moves on, readers keep getting the
/// previous graph (consistent with its own snapshot) while the new one is built in the background, as the facts cache
/// does. When only the copy groups move on (a pass of copy detection), the new graph shares the old one's links.
/// </summary>
public sealed class ArticleGraphCache(ArticleMatcher matcher)
{
    private readonly Lock _gate = new();
    private volatile ArticleGraph? _current;
    private (DataState State, Task<ArticleGraph> Task)? _building;

    private static DataState StateOf(ArticleGraph graph) => new(graph.Facts, graph.Copies!);

    /// <summary>The graph of the current state, or of the previous one while the current one is being built.</summary>
    public async Task<ArticleGraph> GetAsync(CancellationToken ct = default)
    {
        var state = await matcher.GetStateAsync(ct);
        var current = _current;
        if (current is not null && StateOf(current) == state)
            return current;
        var build = StartOrJoin(state);
        return current is not null && !build.IsCompleted ? current : await build.WaitAsync(ct);
    }

    /// <summary>
    /// The graph of the current state, waiting while it is built: for a page that was told the data changed and
    /// must not draw the old graph again (it keeps the old drawing on screen meanwhile).
    /// </summary>
    public async Task<ArticleGraph> GetCurrentAsync(CancellationToken ct = default) => await GetAsync(await matcher.GetStateAsync(ct), ct);

    /// <summary>The graph of exactly this snapshot, with the copy groups at hand (waits for it to be built).</summary>
    public async Task<ArticleGraph> GetAsync(ArticleFacts facts, CancellationToken ct = default) =>
        await GetAsync(new DataState(facts, await matcher.Copies.GetAsync(ct)), ct);

    private Task<ArticleGraph> GetAsync(DataState state, CancellationToken ct) =>
        _current is { } current && StateOf(current) == state ? Task.FromResult(current) : StartOrJoin(state).WaitAsync(ct);

    /// <summary>How long the last build took (diagnostics, benchmarks).</summary>
    public TimeSpan LastBuildDuration { get; private set; }

    private async Task<ArticleGraph> BuildAsync(DataState state)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            // Copies of an earlier article don't count as another provider reporting (lead times).
            var copies = Syndication.CopyRows.Of(state.Facts, state.Copies).Copies;
            // Not cancellable by one reader: others may be waiting for the same graph.
            var graph = _current is { } sameLinks && ReferenceEquals(sameLinks.Facts, state.Facts)
                ? sameLinks.WithCopies(copies, state.Copies)
                : ArticleGraph.Build(state.Facts, await matcher.Facts.Source.ReadLinksAsync(CancellationToken.None), copies, state.Copies);
            LastBuildDuration = Stopwatch.GetElapsedTime(started);
            lock (_gate)
            {
                // A newer snapshot's (or newer groups') graph may have landed first; never go back to an older one.
                if (_current is null || (ReferenceEquals(_current.Facts, state.Facts)
                        ? ReferenceEquals(state.Copies, matcher.Copies.Current)
                        : _current.Facts.LoadedAtUtc <= state.Facts.LoadedAtUtc))
                    _current = graph;
            }
            return graph;
        }
        finally
        {
            // Done or failed: the next reader that needs this state's graph starts afresh rather than inheriting a failure.
            lock (_gate)
            {
                if (_building is { } mine && mine.State == state)
                    _building = null;
            }
        }
    }

    private Task<ArticleGraph> StartOrJoin(DataState state)
    {
        lock (_gate)
        {
            if (_building is { } b && b.State == state)
                return b.Task;
            var task = Task.Run(() => BuildAsync(state));
            _building = (state, task);
            return task;
        }
    }
}
