using System.Diagnostics;
using AiNewsDashboard.Core.Data;

namespace AiNewsDashboard.Core.Queries;

/// <summary>
/// Holds the current <see cref="ArticleFacts"/> snapshot for every query (a singleton). The first call loads it;
/// after that, readers always get the snapshot at hand at once and a stale one is replaced in the background
/// (stale-while-revalidate): a reader never waits for a reload, and at most one reload runs at a time.
/// </summary>
/// <remarks>
/// <para>A snapshot goes stale when <see cref="Invalidate"/> is called (after each commit this process makes: the
/// importer, the undo and the merge rules publish them through <see cref="StoreCommits"/>) or when
/// the store changed underneath, e.g. another process imported into it. The store's <see cref="IChangeFeed"/> tells
/// (SQLite: a counter that triggers move, read when <c>PRAGMA data_version</c> says someone committed; PostgreSQL:
/// LISTEN/NOTIFY), in microseconds. Commits to tables the snapshot doesn't read cost no reload.</para>
/// <para>While data keeps changing (a long import), a reload starts no sooner than one load time after the previous one
/// ended, so reloads take at most about half of one core; a change that arrives in that pause is picked up when it
/// ends, even if no reader asks again.</para>
/// </remarks>
public sealed class ArticleFactsCache : IAsyncDisposable, IDisposable
{
    private readonly Func<CancellationToken, Task>? _beforeLoad;
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _gate = new();
    private readonly IArticleFactsSource _source;
    private readonly IChangeFeed _changes;
    private readonly StoreCommits? _commits;

    private volatile ArticleFacts? _current;
    private Task? _loading;                              // a load in flight
    private TaskCompletionSource<ArticleFacts>? _published; // completes as soon as that load's snapshot is published
    private bool _delayedReloadScheduled;
    private long _generation;
    private long _lastLoadStarted;
    private TimeSpan _lastLoadDuration;
    private int _loads;

    /// <summary>
    /// Over any store: reads through its facts source, learns of other processes' commits from its change feed and of
    /// this process's own at once from <paramref name="commits"/>.
    /// </summary>
    public ArticleFactsCache(IArticleFactsSource source, IChangeFeed changes, StoreCommits commits) : this(source, changes, commits, null)
    {
    }

    /// <param name="beforeLoad">Test hook: awaited at the start of every load.</param>
    internal ArticleFactsCache(IArticleFactsSource source, IChangeFeed changes, StoreCommits? commits, Func<CancellationToken, Task>? beforeLoad)
    {
        _beforeLoad = beforeLoad;
        _source = source;
        _changes = changes;
        _commits = commits;
        if (commits is not null)
            commits.Committed += Invalidate;
    }

    /// <summary>Where the snapshot is read from; the graph reads its links and titles there too.</summary>
    internal IArticleFactsSource Source => _source;

    /// <summary>The snapshot at hand, without loading or refreshing one: null before the first load (metrics).</summary>
    public ArticleFacts? Current => _current;

    /// <summary>How many loads have started (tests, diagnostics).</summary>
    internal int LoadCount => Volatile.Read(ref _loads);

    /// <summary>How many times <see cref="Invalidate"/> was called; a snapshot records the count it was loaded at.</summary>
    internal long Generation => Volatile.Read(ref _generation);

    /// <summary>
    /// The current snapshot. Waits only for the very first load; after that it returns at once, and starts a
    /// background reload when the snapshot is stale.
    /// </summary>
    public async Task<ArticleFacts> GetAsync(CancellationToken ct = default)
    {
        if (_current is not { } current)
            return await StartOrJoinLoad(throttle: false)!.WaitAsync(ct);
        if (IsStale(current))
            _ = StartOrJoinLoad(throttle: true); // in the background: this reader answers from the current snapshot
        return current;
    }

    /// <summary>
    /// A snapshot that holds every change committed before this call: waits for reloads until one is up to date.
    /// For callers that just changed the data and must show it (tests, the end of an import in the UI).
    /// </summary>
    public async Task<ArticleFacts> GetFreshAsync(CancellationToken ct = default)
    {
        while (true)
        {
            if (_current is { } current && !IsStale(current))
                return current;
            var published = StartOrJoinLoad(throttle: false)!;
            if (published.IsCompleted)
            {
                // The load in flight already published a snapshot that is stale again: wait for it to finish, then start another.
                Task? loading;
                lock (_gate)
                    loading = _loading;
                if (loading is not null)
                    await loading.WaitAsync(ct);
            }
            await published.WaitAsync(ct);
        }
    }

    /// <summary>
    /// Changes whenever what the snapshot reads may have changed (any connection's commit to it, or
    /// <see cref="Invalidate"/>); microseconds to ask. For background work that follows the store itself rather than
    /// the snapshot (copy detection starts while the new snapshot is still loading).
    /// </summary>
    public (long Generation, long? DataVersion) ChangeMarker => (Volatile.Read(ref _generation), ReadDataVersion());

    /// <summary>Marks the snapshot stale: the next <see cref="GetAsync"/> starts a reload and meanwhile answers from this one.</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    private bool IsStale(ArticleFacts facts) =>
        facts.Generation != Volatile.Read(ref _generation) || (ReadDataVersion() is { } v && v != facts.DataVersion);

    /// <summary>The load in flight, a new one, or null when throttled (a delayed reload is then scheduled).</summary>
    private Task<ArticleFacts>? StartOrJoinLoad(bool throttle)
    {
        lock (_gate)
        {
            if (_loading is not null)
                return _published!.Task;
            if (throttle && _current is not null)
            {
                // A reload starts no sooner than one load time after the previous one ended.
                var wait = _lastLoadDuration * 2 - Stopwatch.GetElapsedTime(_lastLoadStarted);
                if (wait > TimeSpan.Zero)
                {
                    ScheduleDelayedReload(wait);
                    return null;
                }
            }
            var generation = Volatile.Read(ref _generation);
            _lastLoadStarted = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref _loads);
            var published = new TaskCompletionSource<ArticleFacts>(TaskCreationOptions.RunContinuationsAsynchronously);
            _published = published;
            _loading = Task.Run(() => LoadAsync(generation, published, _disposed.Token));
            return published.Task;
        }
    }

    private void ScheduleDelayedReload(TimeSpan wait)
    {
        if (_delayedReloadScheduled)
            return;
        _delayedReloadScheduled = true;
        _ = Task.Delay(wait, _disposed.Token).ContinueWith(t =>
        {
            lock (_gate)
                _delayedReloadScheduled = false;
            if (!t.IsCanceled && _current is { } current && IsStale(current))
                _ = StartOrJoinLoad(throttle: false);
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    /// <summary>
    /// One load: reads the snapshot and publishes it (completing <paramref name="published"/>, so waiting readers move
    /// on). Never throws: a failure goes to whoever waits for the snapshot, and if nobody does, the old snapshot simply stays until the next reader finds it stale.
    /// </summary>
    private async Task LoadAsync(long generation, TaskCompletionSource<ArticleFacts> published, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (_beforeLoad is not null)
                await _beforeLoad(ct);
            // Read the version first: a commit that lands while we read makes the snapshot stale, never wrongly fresh.
            var version = ReadDataVersion() ?? 0;
            var facts = await _source.ReadAsync(version, ct);
            facts.Generation = generation;
            facts.LoadedAtUtc = DateTime.UtcNow;
            facts.LoadDuration = Stopwatch.GetElapsedTime(started);
            _current = facts;
            published.SetResult(facts);
        }
        catch (Exception e)
        {
            if (published.TrySetException(e))
                _ = published.Task.Exception; // observed: a background reload may have no reader waiting
        }
        finally
        {
            lock (_gate)
            {
                _loading = null;
                _published = null;
                _lastLoadDuration = Stopwatch.GetElapsedTime(started);
            }
        }
    }

    /// <summary>The store's change number (SQLite's counter, a NOTIFY count); null when the store can't be read.</summary>
    private long? ReadDataVersion() => _disposed.IsCancellationRequested ? null : _changes.CurrentVersion();

    /// <summary>Cancels a load in flight (without waiting for it) and closes the watch connection.</summary>
    public void Dispose()
    {
        _disposed.Cancel();
        CloseWatch();
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        Task? loading;
        lock (_gate)
            loading = _loading;
        if (loading is not null)
        {
            try { await loading; }
            catch (Exception) { /* cancelled or failed: either way there is nobody left to tell */ }
        }
        CloseWatch();
        // _disposed itself is not disposed: a late reader may still ask for its (cancelled) token.
    }

    private void CloseWatch()
    {
        if (_commits is not null)
            _commits.Committed -= Invalidate;
        _changes.Dispose();
    }
}
