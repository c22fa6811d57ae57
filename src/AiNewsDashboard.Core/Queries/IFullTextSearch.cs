namespace AiNewsDashboard.Core.Queries;

/// <summary>
/// Full-text search over titles and excerpts, in the store's own index (SQLite FTS5, PostgreSQL tsvector), with the
/// one query syntax of <see cref="SearchQuery"/>: user text only ever reaches the store as the store's expression.
/// </summary>
public interface IFullTextSearch
{
    /// <summary>The store's expression for a query: equal expressions match the same articles (the matcher caches by it).</summary>
    string ExpressionFor(SearchQuery query);

    /// <summary>Streams the ids of the articles an expression matches (in any order), without collecting them.</summary>
    Task ForEachMatchAsync(string expression, Action<int> onMatch, CancellationToken ct = default);

    /// <summary>Where the query matched each of these articles; articles that don't match are left out.</summary>
    Task<IReadOnlyDictionary<int, SearchHighlight>> HighlightAsync(SearchQuery query, IReadOnlyCollection<int> ids, CancellationToken ct = default);
}
