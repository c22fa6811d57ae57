using System.Data.Common;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Queries.Graph;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Data.Sqlite;

/// <summary>
/// Reads the raw columns of an <see cref="ArticleFacts"/> snapshot with plain data readers on the EF connection: no
/// entities, no change tracking, so a million articles load in about a second. All reads happen in one deferred
/// (read-only) transaction, so the snapshot is consistent even while an import commits, and never blocks the importer.
/// </summary>
internal static class SqliteArticleFactsReader
{
    /// <param name="ids">
    /// Only these articles (those still stored), with the whole providers, topics and merge rules tables: what the
    /// snapshot's cache needs to update a snapshot after commits that changed them (<see cref="ArticleFactsDelta"/>).
    /// Null for every article.
    /// </param>
    public static async Task<ArticleFacts> ReadAsync(IDbContextFactory<NewsDbContext> dbFactory, IReadOnlyCollection<int>? ids, long dataVersion,
        CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        // Deferred: BEGIN without IMMEDIATE takes no write lock; WAL gives this transaction a stable view of the file.
        using var tx = connection.BeginTransaction(deferred: true);

        // The ids travel as one JSON array (json_each), looked up by primary key, as in ReadTitlesAndUrlsAsync.
        var idsJson = ids is null ? null : "[" + string.Join(',', ids) + "]";
        var count = ids?.Count ?? Convert.ToInt32(await ScalarAsync(connection, tx, "SELECT COUNT(*) FROM Articles", ct));
        var builder = new ArticleFactsBuilder(Math.Max(count, 16));

        await ForEachRowAsync(connection, tx, "SELECT Id, Domain, Name FROM Providers", r =>
            builder.AddProvider(r.GetInt64(0), r.GetString(1), r.GetString(2)), ct);
        await ForEachRowAsync(connection, tx, "SELECT Id, Name, Key FROM Topics", r =>
            builder.AddTopic(r.GetInt64(0), r.GetString(1), r.GetString(2)), ct);
        // Merge rules apply here, to the snapshot every view reads, and nowhere in the stored rows.
        await ForEachRowAsync(connection, tx, "SELECT Kind, Alias, Canonical FROM MergeRules", r =>
        {
            if (Enum.TryParse<MergeKind>(r.GetString(0), out var kind))
                builder.AddMergeRule(kind, r.GetString(1), r.GetString(2));
        }, ct);

        // No ORDER BY: SQLite then scans IX_Articles_Facts, which covers these columns, instead of the wide table rows.
        // Each column a reader hands over costs ~80 ns in Microsoft.Data.Sqlite (a type check and a native call), as
        // much as SQLite's whole scan of a row, so the facts travel packed into two integers (see ArticleCodes); a null
        // costs nothing either, because COALESCE turns it into a code. unixepoch() parses the stored date text in C.
        await ForEachRowAsync(connection, tx, $"""
            SELECT {ArticleCodes.IdAndHeat}, {ArticleCodes.DateAndFlags}, COALESCE(ProviderId, 0), COALESCE(Category, '') FROM Articles
            {(idsJson is null ? "" : "WHERE Id IN (SELECT value FROM json_each($ids))")}
            """, r =>
            {
                var (id, heat) = ArticleCodes.DecodeIdAndHeat(r.GetInt64(0));
                var (seconds, quality, published, isReference) = ArticleCodes.DecodeDateAndFlags(r.GetInt64(1));
                var provider = r.GetInt64(2);
                var category = r.GetString(3);
                builder.AddArticle(id, seconds, provider == 0 ? null : provider, category.Length == 0 ? null : category, quality, heat, published, isReference);
            }, ct, idsJson);

        // The title order (TitleBuckets): a whole read walks the (TitleKey, Id) index for the ranks; then the keys of the
        // buckets' first articles, or of the articles read.
        if (idsJson is null)
            await ForEachRowAsync(connection, tx, "SELECT Id FROM Articles WHERE TitleKey IS NOT NULL ORDER BY TitleKey, Id",
                r => builder.AddTitled(r.GetInt32(0)), ct);
        await ForEachRowAsync(connection, tx, "SELECT Id, TitleKey FROM Articles WHERE Id IN (SELECT value FROM json_each($ids))",
            r => builder.AddTitleKey(r.GetInt32(0), r.IsDBNull(1) ? null : r.GetString(1)), ct,
            idsJson ?? "[" + string.Join(',', builder.TitleBoundIds()) + "]");

        await ForEachRowAsync(connection, tx, idsJson is null
            ? "SELECT (ArticleId << 32) | TopicId FROM ArticleTopics"
            : "SELECT (ArticleId << 32) | TopicId FROM ArticleTopics WHERE ArticleId IN (SELECT value FROM json_each($ids))", r =>
        {
            var pair = r.GetInt64(0);
            builder.AddArticleTopic((int)(pair >> 32), (int)pair);
        }, ct, idsJson);

        return builder.Build(dataVersion);
    }

    /// <summary>
    /// Every related link that points at a stored article, as (source id &lt;&lt; 32 | target id), for the graph. Read on
    /// its own (the links are wide rows: a full scan), and only when a graph is first asked for.
    /// </summary>
    public static async Task<long[]> ReadLinksAsync(IDbContextFactory<NewsDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        using var tx = connection.BeginTransaction(deferred: true);
        var links = new LinkPairBuffer();
        await ForEachRowAsync(connection, tx, "SELECT (ArticleId << 32) | TargetArticleId FROM RelatedLinks WHERE TargetArticleId IS NOT NULL",
            r => links.Add(r.GetInt64(0)), ct);
        return links.ToArray();
    }

    /// <summary>
    /// Title and link (web URL, else original, else the stored key) of each article, by id. The ids travel as one JSON
    /// array (json_each) rather than one parameter each: ten thousand ids bind and plan in microseconds, and SQLite
    /// looks each one up by primary key.
    /// </summary>
    public static async Task<Dictionary<int, (string? Title, string? Url)>> ReadTitlesAndUrlsAsync(IDbContextFactory<NewsDbContext> dbFactory,
        int[] ids, CancellationToken ct)
    {
        var result = new Dictionary<int, (string?, string?)>(ids.Length);
        if (ids.Length == 0)
            return result;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT Id, Title, COALESCE(WebUrl, OriginalUrl, Url) FROM Articles WHERE Id IN (SELECT value FROM json_each($ids))";
        cmd.Parameters.AddWithValue("$ids", "[" + string.Join(',', ids) + "]");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (reader.Read())
            result[reader.GetInt32(0)] = (reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        return result;
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync(ct);
    }

    private static async Task ForEachRowAsync(SqliteConnection connection, SqliteTransaction tx, string sql, Action<DbDataReader> row, CancellationToken ct,
        string? idsJson = null)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        if (idsJson is not null)
            cmd.Parameters.AddWithValue("$ids", idsJson);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var n = 0;
        // Read, not ReadAsync: SQLite answers synchronously, and this loop runs millions of times.
        while (reader.Read())
        {
            row(reader);
            if ((++n & 0xFFFF) == 0)
                ct.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// How the snapshot's columns are packed into 64-bit integers in SQL and unpacked here. Ids and topic ids are
    /// positive 31-bit integers (AUTOINCREMENT), heat a non-negative int, quality 0-100, Published/IsReference 0 or 1.
    /// </summary>
    internal static class ArticleCodes
    {
        /// <summary>Id in the high 32 bits; heat + 1 in the low 32 (0 = unknown; kept in an int's range).</summary>
        public const string IdAndHeat = "(Id << 32) | (min(max(COALESCE(Heat, -1), -1), 2147483647) + 1)";

        /// <summary>
        /// From the lowest bit: IsReference (1 bit); Published (2 bits: 0 false, 1 true, 2 unknown); quality + 1
        /// (7 bits, 0 = unknown); then, times 1024, 2·unixepoch + 1 for a known date or 0 for none.
        /// Values the importer never writes (quality 250, Published 7) are read as unknown instead of spilling into
        /// the neighbouring bits.
        /// </summary>
        public const string DateAndFlags =
            "COALESCE(unixepoch(PublishedAt) * 2 + 1, 0) * 1024 + (CASE WHEN Quality BETWEEN 0 AND 100 THEN Quality + 1 ELSE 0 END) * 8 " +
            "+ (CASE Published WHEN 0 THEN 0 WHEN 1 THEN 1 ELSE 2 END) * 2 + (IsReference <> 0)";

        public static (int Id, int? Heat) DecodeIdAndHeat(long code)
        {
            var heat = code & 0xFFFF_FFFFL;
            return ((int)(code >> 32), heat == 0 ? null : (int)(heat - 1));
        }

        public static (long? Seconds, int? Quality, bool? Published, bool IsReference) DecodeDateAndFlags(long code)
        {
            var flags = (int)(code & 1023);
            var date = code >> 10; // arithmetic: dates before 1970 stay negative
            var quality = ((flags >> 3) & 127) - 1;
            var published = (flags >> 1) & 3;
            return (date == 0 ? null : (date - 1) / 2, quality < 0 ? null : quality, published == 2 ? null : published == 1, (flags & 1) == 1);
        }
    }
}
