namespace AiNewsDashboard.Core.Data;

/// <summary>
/// This process's own commits to what the query snapshot reads, told the moment they return: the importer, the undo
/// and the merge rules publish here, and the snapshot's cache (Queries/ArticleFactsCache) listens, so writers need not
/// know it. Commits by other processes and instances reach the cache through the store's change feed, and what they
/// touched through the store's commit log (<see cref="SnapshotCommitLog"/>); publishing here spares the read of the
/// log, and says which articles changed at once, so the cache re-reads only those.
/// </summary>
public sealed class StoreCommits
{
    /// <summary>Raised on the committing thread, after the commit.</summary>
    public event Action<StoreCommit>? Committed;

    /// <summary>A commit that can't say what it touched (undo, merge rules, demo removal): the snapshot is read whole.</summary>
    public void Publish() => Publish(StoreCommit.Everything);

    public void Publish(StoreCommit commit) => Committed?.Invoke(commit);
}

/// <summary>What one commit changed in the tables the snapshot reads.</summary>
/// <param name="Articles">
/// The ids of every article the commit inserted, updated or removed (references included); null when it can't say
/// (everything may have changed). Providers, topics and merge rules are small: they are always re-read whole.
/// </param>
/// <param name="VersionBefore">
/// The store's change-feed version the commit's transaction followed, and the one it committed
/// (<see cref="VersionAfter"/>): the store-global counter both stores keep, read under the write lock (SQLite's, held
/// for the whole batch; PostgreSQL's lock on the counter's row, taken when the batch moves it just before it commits);
/// null when the schema has none. They let the snapshot's cache tell that nobody else committed in between. Writers log the same
/// record for every other process to read (<see cref="SnapshotCommitLog"/>).
/// </param>
public sealed record StoreCommit(IReadOnlyCollection<int>? Articles, long? VersionBefore = null, long? VersionAfter = null)
{
    public static readonly StoreCommit Everything = new(Articles: null);
}
