using AiNewsDashboard.Core.Data;

namespace AiNewsDashboard.Core.Queries;

/// <summary>Reads what the in-memory snapshot and the graph hold, straight from the store, one consistent read each.</summary>
public interface IArticleFactsSource
{
    /// <summary>The whole snapshot: providers, topics, merge rules, every article's facts and topics.</summary>
    Task<ArticleFacts> ReadAsync(long dataVersion, CancellationToken ct);

    /// <summary>
    /// The same read for only these articles (those still stored; the others were removed), with the whole providers,
    /// topics and merge rules tables, in one consistent read: what <see cref="ArticleFactsDelta"/> needs to update a
    /// snapshot after commits that changed them.
    /// </summary>
    Task<ArticleFacts> ReadArticlesAsync(IReadOnlyCollection<int> ids, long dataVersion, CancellationToken ct);

    /// <summary>
    /// What the writers' commits that moved the store's version past <paramref name="afterVersion"/>, up to
    /// <paramref name="upToVersion"/>, touched, in order, from the store's commit log (Data/SnapshotCommitLog), whoever
    /// committed them: so a snapshot can follow other processes' and instances' imports without being read whole. The
    /// caller checks that they chain: a change the log doesn't name, or a pruned entry, leaves a gap.
    /// </summary>
    Task<IReadOnlyList<StoreCommit>> ReadCommitsAsync(long afterVersion, long upToVersion, CancellationToken ct);

    /// <summary>Every related link that points at a stored article, as (source id &lt;&lt; 32 | target id).</summary>
    Task<long[]> ReadLinksAsync(CancellationToken ct);

    /// <summary>Title and link (web URL, else original, else the stored key) of each article, by id.</summary>
    Task<Dictionary<int, (string? Title, string? Url)>> ReadTitlesAndUrlsAsync(int[] ids, CancellationToken ct);
}

/// <summary>
/// Tells that the store changed, whoever changed it: another connection, another process, another app instance.
/// </summary>
public interface IChangeFeed : IDisposable
{
    /// <summary>
    /// A number that moves whenever anyone commits a change the snapshot reads; null when the store can't be read.
    /// Read it before loading: a commit during the load then makes the snapshot stale, never wrongly fresh.
    /// </summary>
    long? CurrentVersion();
}
