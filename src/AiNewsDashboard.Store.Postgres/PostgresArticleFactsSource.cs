using System.Data;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Queries.Graph;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AiNewsDashboard.Store.Postgres;

/// <summary>
/// The snapshot's columns, read with plain data readers in one read-only REPEATABLE READ transaction, so it is
/// consistent while another instance imports. Npgsql's binary protocol hands over typed columns cheaply, so nothing is
/// packed into integers as on SQLite.
/// </summary>
public sealed class PostgresArticleFactsSource(IDbContextFactory<NewsDbContext> dbFactory) : IArticleFactsSource
{
    private static readonly DateTime Epoch = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    public Task<ArticleFacts> ReadAsync(long dataVersion, CancellationToken ct) => ReadAsync(null, dataVersion, ct);

    public Task<ArticleFacts> ReadArticlesAsync(IReadOnlyCollection<int> ids, long dataVersion, CancellationToken ct) => ReadAsync(ids, dataVersion, ct);

    /// <param name="ids">Only these articles (with the whole small tables); null for every article.</param>
    private async Task<ArticleFacts> ReadAsync(IReadOnlyCollection<int>? ids, long dataVersion, CancellationToken ct)
    {
        await using var read = await ReadTransaction.BeginAsync(dbFactory, ct);
        var idArray = ids?.ToArray();
        var count = idArray?.Length ?? Convert.ToInt32(await read.ScalarAsync("""SELECT COUNT(*) FROM "Articles" """, ct));
        var builder = new ArticleFactsBuilder(Math.Max(count, 16));
        await read.ForEachRowAsync("""SELECT "Id", "Domain", "Name" FROM "Providers" """, r => builder.AddProvider(r.GetInt32(0), r.GetString(1), r.GetString(2)), ct);
        await read.ForEachRowAsync("""SELECT "Id", "Name", "Key" FROM "Topics" """, r => builder.AddTopic(r.GetInt32(0), r.GetString(1), r.GetString(2)), ct);
        await read.ForEachRowAsync("""SELECT "Kind", "Alias", "Canonical" FROM "MergeRules" """, r =>
        {
            if (Enum.TryParse<MergeKind>(r.GetString(0), out var kind))
                builder.AddMergeRule(kind, r.GetString(1), r.GetString(2));
        }, ct);
        // Out-of-range values the importer never writes read as unknown, as on SQLite (ArticleCodes).
        await read.ForEachRowAsync($"""
            SELECT "Id", "PublishedAt", "ProviderId", "Category",
                   CASE WHEN "Quality" BETWEEN 0 AND 100 THEN "Quality" END, CASE WHEN "Heat" >= 0 THEN "Heat" END, "Published", "IsReference"
            FROM "Articles" {(idArray is null ? "" : "WHERE \"Id\" = ANY($1)")}
            """, r =>
            {
                long? seconds = r.IsDBNull(1) ? null : (long)Math.Floor((r.GetDateTime(1) - Epoch).TotalSeconds);
                builder.AddArticle(r.GetInt32(0), seconds, r.IsDBNull(2) ? null : r.GetInt32(2), r.IsDBNull(3) || r.GetString(3).Length == 0 ? null : r.GetString(3),
                    r.IsDBNull(4) ? null : r.GetInt32(4), r.IsDBNull(5) ? null : r.GetInt32(5), r.IsDBNull(6) ? null : r.GetBoolean(6), r.GetBoolean(7));
            }, ct, idArray);
        // The title order (Core's TitleBuckets): a whole read takes the ranks from the (TitleKey, Id) index; then the keys
        // of the buckets' first articles, or of the articles read.
        if (idArray is null)
        {
            // The index in order, not a sort of every key: the planner would sort (10 million keys: 24 s and 0.9 GB of
            // temporary files, where the index-only scan took 6 s).
            await read.ScalarAsync("SET LOCAL enable_sort = off", ct);
            await read.ForEachRowAsync("""SELECT "Id" FROM "Articles" WHERE "TitleKey" IS NOT NULL ORDER BY "TitleKey", "Id" """,
                r => builder.AddTitled(r.GetInt32(0)), ct);
            await read.ScalarAsync("SET LOCAL enable_sort = on", ct);
        }
        await read.ForEachRowAsync("""SELECT "Id", "TitleKey" FROM "Articles" WHERE "Id" = ANY($1)""",
            r => builder.AddTitleKey(r.GetInt32(0), r.IsDBNull(1) ? null : r.GetString(1)), ct, idArray ?? builder.TitleBoundIds());
        await read.ForEachRowAsync(idArray is null
            ? """SELECT "ArticleId", "TopicId" FROM "ArticleTopics" """
            : """SELECT "ArticleId", "TopicId" FROM "ArticleTopics" WHERE "ArticleId" = ANY($1)""",
            r => builder.AddArticleTopic(r.GetInt32(0), r.GetInt32(1)), ct, idArray);
        return builder.Build(dataVersion);
    }

    public Task<IReadOnlyList<StoreCommit>> ReadCommitsAsync(long afterVersion, long upToVersion, CancellationToken ct) =>
        SnapshotCommitLog.ReadAsync(dbFactory, afterVersion, upToVersion, ct);

    public async Task<long[]> ReadLinksAsync(CancellationToken ct)
    {
        await using var read = await ReadTransaction.BeginAsync(dbFactory, ct);
        var links = new LinkPairBuffer();
        await read.ForEachRowAsync("""SELECT "ArticleId", "TargetArticleId" FROM "RelatedLinks" WHERE "TargetArticleId" IS NOT NULL""",
            r => links.Add(((long)r.GetInt32(0) << 32) | (uint)r.GetInt32(1)), ct);
        return links.ToArray();
    }

    public async Task<Dictionary<int, (string? Title, string? Url)>> ReadTitlesAndUrlsAsync(int[] ids, CancellationToken ct)
    {
        var result = new Dictionary<int, (string?, string?)>(ids.Length);
        if (ids.Length == 0)
            return result;
        await using var read = await ReadTransaction.BeginAsync(dbFactory, ct);
        await using var cmd = read.Command("""SELECT "Id", "Title", COALESCE("WebUrl", "OriginalUrl", "Url") FROM "Articles" WHERE "Id" = ANY($1)""");
        cmd.Parameters.Add(new NpgsqlParameter { Value = ids });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            result[reader.GetInt32(0)] = (reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        return result;
    }

    /// <summary>One read-only snapshot of the database on the context's connection.</summary>
    private sealed class ReadTransaction : IAsyncDisposable
    {
        private readonly NewsDbContext _db;
        private readonly NpgsqlConnection _connection;
        private readonly NpgsqlTransaction _tx;

        private ReadTransaction(NewsDbContext db, NpgsqlConnection connection, NpgsqlTransaction tx) => (_db, _connection, _tx) = (db, connection, tx);

        public static async Task<ReadTransaction> BeginAsync(IDbContextFactory<NewsDbContext> factory, CancellationToken ct)
        {
            var db = await factory.CreateDbContextAsync(ct);
            await db.Database.OpenConnectionAsync(ct);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, tx))
                await readOnly.ExecuteNonQueryAsync(ct);
            return new ReadTransaction(db, connection, tx);
        }

        public NpgsqlCommand Command(string sql) => new(sql, _connection, _tx);

        public async Task<object?> ScalarAsync(string sql, CancellationToken ct)
        {
            await using var cmd = Command(sql);
            return await cmd.ExecuteScalarAsync(ct);
        }

        /// <param name="ids">The statement's $1, when it has one.</param>
        public async Task ForEachRowAsync(string sql, Action<NpgsqlDataReader> row, CancellationToken ct, int[]? ids = null)
        {
            await using var cmd = Command(sql);
            if (ids is not null)
                cmd.Parameters.Add(new NpgsqlParameter { Value = ids });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                row(reader);
        }

        public async ValueTask DisposeAsync()
        {
            await _tx.DisposeAsync();
            await _db.DisposeAsync();
        }
    }
}
