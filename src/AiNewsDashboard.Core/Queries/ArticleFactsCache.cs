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
/// the store changed underneath, e.g. another process imported into it. The store's <see cref="IChangeFeed"/> tells,
/// in microseconds: a store-global counter that writers and triggers move (SQLite reads it when <c>PRAGMA
/// data_version</c> says someone committed; PostgreSQL when LISTEN/NOTIFY says so). Commits to tables the snapshot
/// doesn't read cost no reload.</para>
/// <para>While data keeps changing (a long import), a reload starts no sooner than one load time after the previous one
/// ended, so reloads take at most about half of one core; a change that arrives in that pause is picked up when it
/// ends, even if no reader asks again.</para>
/// <para>A reload re-reads only the articles the commits since the snapshot touched and updates the snapshot
/// (<see cref="ArticleFactsDelta"/>), when it can name every one of those commits: each writer commit carries the
/// store's version (a store-global counter, on both stores) before and after it, and the commits must chain from the
/// snapshot's version to the current one with no gap. This process's own commits are told at once
/// (<see cref="StoreCommits"/>); when they don't explain the change (another process's or instance's import), the
/// store's commit log, which every writer appends to in its batch's transaction, is read for the range
/// (<see cref="IArticleFactsSource.ReadCommitsAsync"/>). Otherwise (a change no writer logged: an undo, merge rules, a
/// trigger's move of the counter; a pruned log; too many articles; the first load) the whole snapshot is read.</para>
/// </remarks>
public sealed class ArticleFactsCache : IAsyncDisposable, IDisposable
{
    private readonly Func<CancellationToken, Task>? _beforeLoad;
    private readonly CancellationTokenSource _disposed = new();
    private readonly Lock _gate = new();
    private readonly IArticleFactsSource _source;
    private readonly IChangeFeed _changes;
    private readonly StoreCommits? _commits;
    private readonly ArticleFactsFileStore? _file;

    private volatile ArticleFacts? _current;
    private Task? _loading;                              // a load in flight
    private TaskCompletionSource<ArticleFacts>? _published; // completes as soon as that load's snapshot is published
    private bool _delayedReloadScheduled;
    private long _generation;
    private long _lastLoadStarted;
    private TimeSpan _lastLoadDuration;
    private int _loads;
    private int _deltaLoads;
    // This process's commits not yet in the current snapshot, in the order they were told, and how many articles they
    // name (under _gate). Too many, or one that can't say, and they fold into one "everything": a full load is due anyway.
    private readonly List<StoreCommit> _pendingCommits = [];
    private long _pendingArticles;
    private long _commitsTold;

    /// <summary>
    /// Over any store: reads through its facts source, learns of other processes' commits from its change feed and of
    /// this process's own at once from <paramref name="commits"/>.
    /// </summary>
    public ArticleFactsCache(IArticleFactsSource source, IChangeFeed changes, StoreCommits commits) : this(source, changes, commits, beforeLoad: null)
    {
    }

    /// <summary>The same, and the first load starts from the snapshot file when it holds the store as it is.</summary>
    public ArticleFactsCache(IArticleFactsSource source, IChangeFeed changes, StoreCommits commits, ArticleFactsFileStore file)
        : this(source, changes, commits, null, file)
    {
    }

    /// <param name="beforeLoad">Test hook: awaited at the start of every load.</param>
    internal ArticleFactsCache(IArticleFactsSource source, IChangeFeed changes, StoreCommits? commits, Func<CancellationToken, Task>? beforeLoad,
        ArticleFactsFileStore? file = null)
    {
        _beforeLoad = beforeLoad;
        _file = file;
        _source = source;
        _changes = changes;
        _commits = commits;
        if (commits is not null)
            commits.Committed += OnCommitted;
    }

    /// <summary>Where the snapshot is read from; the graph reads its links and titles there too.</summary>
    internal IArticleFactsSource Source => _source;

    /// <summary>The snapshot at hand, without loading or refreshing one: null before the first load (metrics).</summary>
    public ArticleFacts? Current => _current;

    /// <summary>How many loads have started (tests, diagnostics).</summary>
    internal int LoadCount => Volatile.Read(ref _loads);

    /// <summary>How many loads updated the snapshot from the commits since it was read (own ones, or the store's log) instead of reading it whole (tests, diagnostics).</summary>
    internal int DeltaLoadCount => Volatile.Read(ref _deltaLoads);

    /// <summary>Whether nothing has changed since <paramref name="facts"/> was read (the snapshot file is saved only then).</summary>
    public bool IsUpToDate(ArticleFacts facts) => !IsStale(facts);

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
    public void Invalidate() => OnCommitted(StoreCommit.Everything);

    private void OnCommitted(StoreCommit commit)
    {
        lock (_gate)
        {
            _commitsTold++;
            _pendingArticles += commit.Articles?.Count ?? 0;
            if (commit.Articles is null || _pendingArticles > DeltaLimit(_current?.Count ?? 0))
            {
                _pendingCommits.Clear();
                _pendingArticles = 0;
                commit = StoreCommit.Everything;
            }
            _pendingCommits.Add(commit);
        }
        Interlocked.Increment(ref _generation);
    }

    /// <summary>Up to this many touched articles (or a quarter of the snapshot, if more) are re-read; beyond, the whole snapshot is.</summary>
    internal const int MinDeltaLimit = 50_000;

    private static long DeltaLimit(int snapshotCount) => Math.Max(MinDeltaLimit, snapshotCount / 4);

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
    /// on). Never throws: a failure goes to whoever waits for the snapshot, and if nobody does, the old snapshot simply
    /// stays until the next reader finds it stale.
    /// </summary>
    private async Task LoadAsync(long generation, TaskCompletionSource<ArticleFacts> published, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (_beforeLoad is not null)
                await _beforeLoad(ct);
            StoreCommit[] commits;
            ArticleFacts? current;
            long told;
            lock (_gate)
            {
                commits = [.. _pendingCommits];
                current = _current;
                told = _commitsTold;
            }
            // Read the version first: a commit that lands while we read makes the snapshot stale, never wrongly fresh.
            var dataVersion = await AwaitOwnNotificationsAsync(current, commits, ct);
            var version = dataVersion ?? 0;
            ArticleFacts? facts = null;
            // The first load starts from the snapshot file when it holds this store at this version or an earlier one
            // the commit log can bring up to date.
            if (current is null && _file is not null && dataVersion is { } atStart && await _file.TryReadAsync(atStart, ct) is { } saved)
            {
                if (saved.DataVersion == atStart)
                    facts = saved;
                else
                    current = saved;
            }
            // Own commits first (no read); else the store's log, unless an own commit can't say what it touched.
            if (current is not null
                && (TouchedSince(current, commits, dataVersion)
                    ?? (commits.Any(c => c.Articles is null) ? null : await TouchedFromStoreAsync(current, dataVersion, ct))) is { } touched)
            {
                facts = ArticleFactsDelta.Apply(current, await _source.ReadArticlesAsync(touched, version, ct), touched);
                if (facts is not null)
                    Interlocked.Increment(ref _deltaLoads);
            }
            facts ??= await _source.ReadAsync(version, ct);
            facts.Generation = generation;
            facts.LoadedAtUtc = DateTime.UtcNow;
            facts.LoadDuration = Stopwatch.GetElapsedTime(started);
            lock (_gate)
            {
                // The commits told before the version was read are in it; later ones stay for the next load.
                var later = (int)(_commitsTold - told);
                _pendingCommits.RemoveRange(0, Math.Max(0, _pendingCommits.Count - later));
                _pendingArticles = _pendingCommits.Sum(c => (long)(c.Articles?.Count ?? 0));
                _current = facts;
            }
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

    /// <summary>How long a load waits for the change feed to see this process's own commits (PostgreSQL: NOTIFY arrives after the commit returned).</summary>
    internal static readonly TimeSpan OwnNotificationsWait = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The change feed's version, once it has reached the version <paramref name="commits"/> committed (PostgreSQL's
    /// feed reads the counter when their notifications arrive, a moment after the commit returned; SQLite's at once): a
    /// load that started the moment they were told would otherwise find them unexplained and read the whole snapshot,
    /// then again when the feed catches up. Gives up after <see cref="OwnNotificationsWait"/>. The first load waits for
    /// the version to be known (<see cref="FirstVersionWait"/>).
    /// </summary>
    private async Task<long?> AwaitOwnNotificationsAsync(ArticleFacts? current, StoreCommit[] commits, CancellationToken ct)
    {
        if (current is null)
            return await PollVersionAsync(v => v is not null, FirstVersionWait, ct);
        if (commits.Length == 0 || commits.Any(c => c.Articles is null || c.VersionAfter is null))
            return ReadDataVersion();
        var expected = commits.Max(c => c.VersionAfter!.Value);
        return await PollVersionAsync(v => v is not { } known || known >= expected, OwnNotificationsWait, ct);
    }

    /// <summary>How long the first load waits for the change feed to know the store's version (PostgreSQL's listens first).</summary>
    internal static readonly TimeSpan FirstVersionWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The change feed's version once <paramref name="enough"/> says so, or as it is after <paramref name="wait"/>. The
    /// first load waits for the version to be known at all. Bug guarded: PostgreSQL's feed starts listening when first
    /// asked, so the first load found the version unknown, passed over the snapshot file and read all 10 million articles
    /// (72–93 s instead of 8), at version 0, which the next look found stale.
    /// </summary>
    private async Task<long?> PollVersionAsync(Func<long?, bool> enough, TimeSpan wait, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var version = ReadDataVersion();
        while (!enough(version) && Stopwatch.GetElapsedTime(started) < wait)
        {
            await Task.Delay(5, ct);
            version = ReadDataVersion();
        }
        return version;
    }

    /// <summary>
    /// The articles <paramref name="commits"/> (own ones, or the store's log) touched, when they explain every change
    /// between <paramref name="current"/>'s version and <paramref name="version"/>; null when a change none of them
    /// names may be among them (another process's commit, a trigger's move of the counter), one can't say what it
    /// touched, or the version is unknown: the snapshot is then read whole.
    /// </summary>
    internal static IReadOnlyCollection<int>? TouchedSince(ArticleFacts current, IReadOnlyList<StoreCommit> commits, long? version)
    {
        if (version is not { } now || commits.Count == 0 || commits.Any(c => c.Articles is null || c.VersionBefore is null || c.VersionAfter is null))
            return null;
        // The counter moves only inside a transaction that holds the store's write lock (SQLite's, PostgreSQL's row
        // lock on it): the commits must chain from the snapshot's version to the current one, with no gap another
        // writer's commit could fill.
        var at = current.DataVersion;
        foreach (var c in commits.OrderBy(c => c.VersionBefore))
        {
            if (c.VersionAfter <= at)
                continue; // committed before the snapshot's version was read: already in it
            if (c.VersionBefore != at)
                return null;
            at = c.VersionAfter!.Value;
        }
        if (at != now)
            return null;
        var touched = new HashSet<int>();
        foreach (var c in commits)
            touched.UnionWith(c.Articles!);
        return touched;
    }

    /// <summary>
    /// The articles every commit between <paramref name="current"/>'s version and <paramref name="version"/> touched,
    /// from the store's commit log, whoever committed them (another process, another instance); null when the log
    /// can't explain the range (a gap: a change no writer logged, a pruned entry; one that can't say) or names more
    /// articles than an update is worth: the snapshot is then read whole.
    /// </summary>
    private async Task<IReadOnlyCollection<int>?> TouchedFromStoreAsync(ArticleFacts current, long? version, CancellationToken ct)
    {
        if (version is not { } now || now <= current.DataVersion)
            return null;
        var commits = await _source.ReadCommitsAsync(current.DataVersion, now, ct);
        if (commits.Sum(c => (long)(c.Articles?.Count ?? 0)) > DeltaLimit(current.Count))
            return null;
        return TouchedSince(current, commits, now);
    }

    /// <summary>The store's snapshot version (a counter both stores keep); null when the store can't be read.</summary>
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
            _commits.Committed -= OnCommitted;
        _changes.Dispose();
    }
}
