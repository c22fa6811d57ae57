namespace AiNewsDashboard.Core.Data;

/// <summary>
/// This process's own commits to what the query snapshot reads, told the moment they return: the importer, the undo
/// and the merge rules publish here, and the snapshot's cache (Queries/ArticleFactsCache) listens, so writers need not
/// know it. Commits by other processes and instances reach the cache through the store's change feed; publishing here
/// spares the wait for it (on PostgreSQL a notification arrives a moment after the commit has returned), and says
/// which articles changed, so the cache re-reads only those.
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
/// The store's change-feed version inside the commit's transaction before it wrote and just before it committed
/// (<see cref="VersionAfter"/>), when the store can tell (SQLite's counter); null otherwise. They let the snapshot's
/// cache tell that nobody else committed in between.
/// </param>
public sealed record StoreCommit(IReadOnlyCollection<int>? Articles, long? VersionBefore = null, long? VersionAfter = null)
{
    public static readonly StoreCommit Everything = new(Articles: null);
}
