using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AiNewsDashboard.Core.Data.Sqlite;

/// <summary>
/// Everything that is specific to SQLite as a store, in one place: connection strings, PRAGMAs and start-up.
/// <see cref="SqliteNewsStore"/> presents it to the app; PostgreSQL has its counterpart in Store.Postgres.
/// </summary>
public static class SqliteStore
{
    public static string ConnectionStringForFile(string path)
    {
        var full = Path.GetFullPath(path);
        return new SqliteConnectionStringBuilder { DataSource = full, Pooling = true }.ToString();
    }

    /// <summary>The database file a connection string points at, for messages and for creating its folder.</summary>
    public static string? DataSourceOf(string connectionString) =>
        new SqliteConnectionStringBuilder(connectionString).DataSource is { Length: > 0 } ds && ds != ":memory:" ? ds : null;

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString).AddInterceptors(ConnectionPragmas.Instance);

    /// <summary>
    /// Page size of a new database file. An article row is ~1.2 KB and a related link ~0.6 KB, so 4 KiB pages (SQLite's
    /// default) held three articles each; with 8 KiB pages a 100,000-article import spent 25% less time committing and
    /// its writer 10-20% less in all (five interleaved pairs). An existing file keeps its size: changing it means
    /// rewriting the whole file (VACUUM), which start-up should never do by surprise.
    /// </summary>
    public const int NewDatabasePageSize = 8192;

    /// <summary>Creates the folder, switches the file to WAL (so readers never block the writer) and applies migrations.</summary>
    public static async Task InitializeAsync(IDbContextFactory<NewsDbContext> factory, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (DataSourceOf(db.Database.GetConnectionString()!) is { } file && Path.GetDirectoryName(Path.GetFullPath(file)) is { } dir)
            Directory.CreateDirectory(dir);
        // Takes effect only on a file that has no pages yet, when this connection writes its first page (the switch to
        // WAL below does): so one connection, held open, for both.
        await db.Database.OpenConnectionAsync(ct);
        await db.Database.ExecuteSqlRawAsync($"PRAGMA page_size={NewDatabasePageSize}", ct);
        await EnableWalAsync(db, ct);
        db.Database.SetCommandTimeout(NewsDbContext.MigrationTimeout);
        await db.Database.MigrateAsync(ct);
        await TitleKeyBackfill.RunAsync(db, ct);
    }

    /// <summary>
    /// journal_mode is persistent in the file. Switching needs a moment with no other connection reading it, and
    /// SQLite does not fail when it can't switch: it answers with the mode it stayed in. So check the answer and
    /// retry briefly; running on in rollback-journal mode would let one import block every reader.
    /// </summary>
    private static async Task EnableWalAsync(NewsDbContext db, CancellationToken ct)
    {
        string? mode = null;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            mode = (await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode=WAL").ToListAsync(ct)).FirstOrDefault();
            if (string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                return;
            await Task.Delay(100, ct);
        }
        throw new InvalidOperationException(
            $"could not switch the database to WAL mode (it stayed in '{mode}'); close other programs that have it open and try again.");
    }

    /// <summary>
    /// Per-connection settings. NORMAL is safe in WAL mode: a killed process never corrupts the file. busy_timeout:
    /// a second writer (a CLI import while the app imports) waits for the other's batch to commit instead of failing.
    /// cache_size: each pooled connection keeps a page cache of its own, outside the managed heap, and the file's pages
    /// are in the system's cache anyway. At 64 MiB the app on a million articles held 200 MiB more for five connections,
    /// and its searches and title sorts were no faster.
    /// </summary>
    private sealed class ConnectionPragmas : DbConnectionInterceptor
    {
        public static readonly ConnectionPragmas Instance = new();
        private const string Sql = "PRAGMA synchronous=NORMAL; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16384; PRAGMA busy_timeout=60000;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = Sql;
            cmd.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = Sql;
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
