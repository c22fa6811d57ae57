namespace AiNewsDashboard.Core.Data;

/// <summary>
/// This process's own commits to what the query snapshot reads, told the moment they return: the importer, the undo
/// and the merge rules publish here, and the snapshot's cache (Queries/ArticleFactsCache) listens, so writers need not
/// know it. Commits by other processes and instances reach the cache through the store's change feed; publishing here
/// spares the wait for it (on PostgreSQL a notification arrives a moment after the commit has returned).
/// </summary>
public sealed class StoreCommits
{
    /// <summary>Raised on the committing thread, after the commit.</summary>
    public event Action? Committed;

    public void Publish() => Committed?.Invoke();
}
