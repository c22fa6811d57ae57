using AiNewsDashboard.Core.Queries;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Data.Sqlite;

/// <summary>SQLite's facts: <see cref="SqliteArticleFactsReader"/> over the covering index.</summary>
public sealed class SqliteArticleFactsSource(IDbContextFactory<NewsDbContext> dbFactory) : IArticleFactsSource
{
    public Task<ArticleFacts> ReadAsync(long dataVersion, CancellationToken ct) => SqliteArticleFactsReader.ReadAsync(dbFactory, null, dataVersion, ct);

    public Task<ArticleFacts> ReadArticlesAsync(IReadOnlyCollection<int> ids, long dataVersion, CancellationToken ct) =>
        SqliteArticleFactsReader.ReadAsync(dbFactory, ids, dataVersion, ct);

    public Task<IReadOnlyList<StoreCommit>> ReadCommitsAsync(long afterVersion, long upToVersion, CancellationToken ct) =>
        SnapshotCommitLog.ReadAsync(dbFactory, afterVersion, upToVersion, ct);

    public Task<long[]> ReadLinksAsync(CancellationToken ct) => SqliteArticleFactsReader.ReadLinksAsync(dbFactory, ct);

    public Task<Dictionary<int, (string? Title, string? Url)>> ReadTitlesAndUrlsAsync(int[] ids, CancellationToken ct) =>
        SqliteArticleFactsReader.ReadTitlesAndUrlsAsync(dbFactory, ids, ct);
}

/// <summary>
/// The snapshot's version on SQLite: a counter in <c>Meta</c> (<see cref="SchemaV1.VersionKey"/>) that moves with
/// every change to a table the snapshot reads (articles, their topics and links, providers, topics, merge rules),
/// whoever commits it: this process, the command line, another instance. The writer moves it once per batch, triggers
/// on every other change (<c>SchemaV1.Counted</c>). Commits that touch nothing the snapshot
/// reads (copy detection's groups, leases, sign-ins, alerts, saved views) leave it alone, so they never cost a reload.
/// It is read only when <c>PRAGMA data_version</c> on one dedicated, otherwise idle connection says some other
/// connection committed: that number is per connection, which is why it needs its own connection (a pooled one would
/// compare numbers from different connections), and asking costs microseconds.
/// </summary>
public sealed class SqliteChangeFeed(IDbContextFactory<NewsDbContext> dbFactory) : IChangeFeed
{
    /// <summary>
    /// The counter and its triggers, as migration <c>AddSnapshotVersion</c> created them. Migrations replay history,
    /// so never edit these: a change is a new migration with its own statements.
    /// </summary>
    internal static class SchemaV1
    {
        public const string VersionKey = "Snapshot.Version";

        /// <summary>Moves the counter: the writer runs it once in each batch that changed a row (<see cref="SqliteArticleWriter"/>).</summary>
        public const string Bump = $"UPDATE Meta SET Value = CAST(Value AS INTEGER) + 1 WHERE Key = '{VersionKey}'";

        /// <summary>The counter's value (0 before the migration made it).</summary>
        public const string Read = $"SELECT COALESCE((SELECT CAST(Value AS INTEGER) FROM Meta WHERE Key = '{VersionKey}'), 0)";

        /// <summary>
        /// Which changes to the tables the snapshot reads (SqliteArticleFactsReader and the graph's links) triggers
        /// count. The article tables are written by the writer, which counts its batch once: a trigger per row (an
        /// article, its topics, its links) cost the import a third of its speed, as SQLite runs a trigger program per
        /// row. Updates and deletes of articles, providers and topics are counted from anywhere (an article's topics
        /// and links change only with it); merge rules are written by EF.
        /// </summary>
        private static readonly (string Table, string[] Events)[] Counted =
        [
            ("Articles", ["UPDATE", "DELETE"]),
            ("Providers", ["UPDATE", "DELETE"]),
            ("Topics", ["UPDATE", "DELETE"]),
            ("MergeRules", ["INSERT", "UPDATE", "DELETE"]),
        ];

        public static readonly string[] Up =
        [
            $"INSERT OR IGNORE INTO Meta (Key, Value) VALUES ('{VersionKey}', '0')",
            ..Counted.SelectMany(c => c.Events.Select(e => $"""
                CREATE TRIGGER SnapshotVersion_{c.Table}_{e} AFTER {e} ON {c.Table} BEGIN
                  {Bump};
                END
                """)),
        ];

        public static readonly string[] Down =
        [
            ..Counted.SelectMany(c => c.Events.Select(e => $"DROP TRIGGER IF EXISTS SnapshotVersion_{c.Table}_{e}")),
            $"DELETE FROM Meta WHERE Key = '{VersionKey}'",
        ];
    }

    private readonly Lock _gate = new();
    private SqliteConnection? _watch;
    private long? _seenDataVersion;
    private long _version;
    private bool _disposed;

    public long? CurrentVersion()
    {
        lock (_gate)
        {
            if (_disposed)
                return null;
            try
            {
                if (_watch is null)
                {
                    using var db = dbFactory.CreateDbContext();
                    var watch = new SqliteConnection(db.Database.GetConnectionString());
                    watch.Open();
                    _watch = watch;
                    _seenDataVersion = null;
                }
                var dataVersion = Scalar("PRAGMA data_version");
                if (dataVersion != _seenDataVersion)
                {
                    // Someone committed: read the counter (a commit landing in between is seen at the next call,
                    // since data_version was read first).
                    _version = Scalar(SchemaV1.Read);
                    _seenDataVersion = dataVersion;
                }
                return _version;
            }
            catch (SqliteException)
            {
                _watch?.Dispose();
                _watch = null;
                return null;
            }
        }
    }

    private long Scalar(string sql)
    {
        using var cmd = _watch!.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar());
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _watch?.Dispose();
            _watch = null;
        }
    }
}
