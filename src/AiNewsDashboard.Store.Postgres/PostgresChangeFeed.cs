using AiNewsDashboard.Core.Queries;
using Npgsql;

namespace AiNewsDashboard.Store.Postgres;

/// <summary>
/// The snapshot's version on PostgreSQL: a store-global counter in <c>Meta</c> (<see cref="CounterV1.VersionKey"/>),
/// with the meaning SQLite's has (Core's SqliteChangeFeed), so the version a writer's commit carries means the same in
/// every instance. The article writer moves it once per batch, statement triggers once per transaction that makes any
/// other change to a table the snapshot reads (migration AddSnapshotCommitLog), both as the last step before the
/// commit (<see cref="CounterV2"/>). Those triggers also NOTIFY <see cref="Channel"/> (migration
/// AddSearchAndChangeFeed): one dedicated connection LISTENs, and when notifications arrive it reads the counter, so
/// <see cref="CurrentVersion"/> answers from memory in microseconds. PostgreSQL delivers notifications only at commit,
/// and never those of a rolled-back transaction.
/// </summary>
/// <remarks>
/// A reconnect may have missed notifications: the counter is read again before the feed reports a version. Until the
/// first LISTEN is in place, and while reconnecting, the version is unknown (null).
/// </remarks>
public sealed class PostgresChangeFeed : IChangeFeed
{
    public const string Channel = "news_changed";

    /// <summary>
    /// The counter and its triggers, as migration <c>AddSnapshotCommitLog</c> made them. Migrations replay history, so
    /// never edit these: a change is a new migration with its own statements.
    /// </summary>
    internal static class CounterV1
    {
        public const string VersionKey = "Snapshot.Version";

        /// <summary>Set for its transaction by the article writer (<see cref="MarkWriterBatch"/>): the triggers then only note that it changed something.</summary>
        public const string WriterBatch = "news.writer_batch";

        public const string WriterChanged = "news.writer_changed";

        public const string Read = $"""SELECT "Value"::bigint FROM "Meta" WHERE "Key" = '{VersionKey}'""";

        /// <summary>Run by the writer under its advisory lock: marks the transaction as a writer batch.</summary>
        public const string MarkWriterBatch = $"SELECT set_config('{WriterBatch}', 'on', true), set_config('{WriterChanged}', 'off', true)";

        /// <summary>Whether a statement of the writer's batch changed a table the snapshot reads (the triggers fired).</summary>
        public const string WriterChangedSomething = $"SELECT current_setting('{WriterChanged}', true) = 'on'";

        public const string Bump = $"""UPDATE "Meta" SET "Value" = ("Value"::bigint + 1)::text WHERE "Key" = '{VersionKey}' RETURNING "Value"::bigint""";

        public static readonly string[] Up =
        [
            $"""INSERT INTO "Meta" ("Key", "Value") VALUES ('{VersionKey}', '0') ON CONFLICT DO NOTHING""",
            // The change feed's statement triggers (AddSearchAndChangeFeed) call this function: it now moves the
            // counter too, once per statement, unless the writer's batch counts itself once at its end.
            $"""
            CREATE OR REPLACE FUNCTION news_notify_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF current_setting('{WriterBatch}', true) = 'on' THEN
                PERFORM set_config('{WriterChanged}', 'on', true);
              ELSE
                UPDATE "Meta" SET "Value" = ("Value"::bigint + 1)::text WHERE "Key" = '{VersionKey}';
              END IF;
              PERFORM pg_notify('{Channel}', TG_TABLE_NAME);
              RETURN NULL;
            END $$
            """,
        ];

        public static readonly string[] Down =
        [
            $"""
            CREATE OR REPLACE FUNCTION news_notify_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN PERFORM pg_notify('{Channel}', TG_TABLE_NAME); RETURN NULL; END $$
            """,
            $"""DELETE FROM "Meta" WHERE "Key" = '{VersionKey}'""",
        ];
    }

    /// <summary>
    /// The counter moved at commit (migration <c>CountSnapshotChangesAtCommit</c>): every transaction that changes a
    /// table the snapshot reads locks the counter's row as the last thing before it commits, never earlier, so no
    /// transaction holding the row ever waits for a row lock of another, and none waits for the counter longer than
    /// another's commit takes (see docs/architecture.md, "Several instances on one PostgreSQL"). The writer's batch
    /// bumps it at its end (<see cref="CounterV1.Bump"/>, after its last row write). Any other transaction's statement
    /// triggers queue one row in <see cref="Queue"/>, once per transaction, whose deferred constraint trigger moves the
    /// counter at commit. As before, the migrations' history: never edit these.
    /// </summary>
    internal static class CounterV2
    {
        /// <summary>Transaction-local: this transaction already queued its move of the counter.</summary>
        private const string Queued = "news.counter_queued";

        /// <summary>One row per open transaction that will move the counter at its commit; empty between commits.</summary>
        public const string Queue = "SnapshotVersionQueue";

        public static readonly string[] Up =
        [
            $"""CREATE TABLE "{Queue}" ("Transaction" xid8 NOT NULL DEFAULT pg_current_xact_id())""",
            $"""
            CREATE FUNCTION news_count_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              UPDATE "Meta" SET "Value" = ("Value"::bigint + 1)::text WHERE "Key" = '{CounterV1.VersionKey}';
              DELETE FROM "{Queue}" WHERE "Transaction" = NEW."Transaction";
              RETURN NULL;
            END $$
            """,
            $"""
            CREATE CONSTRAINT TRIGGER "{Queue}_AtCommit" AFTER INSERT ON "{Queue}" DEFERRABLE INITIALLY DEFERRED
            FOR EACH ROW EXECUTE FUNCTION news_count_at_commit()
            """,
            $"""
            CREATE OR REPLACE FUNCTION news_notify_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF current_setting('{CounterV1.WriterBatch}', true) = 'on' THEN
                PERFORM set_config('{CounterV1.WriterChanged}', 'on', true);
              ELSIF current_setting('{Queued}', true) IS DISTINCT FROM 'on' THEN
                PERFORM set_config('{Queued}', 'on', true);
                INSERT INTO "{Queue}" DEFAULT VALUES;
              END IF;
              PERFORM pg_notify('{Channel}', TG_TABLE_NAME);
              RETURN NULL;
            END $$
            """,
        ];

        public static readonly string[] Down =
        [
            CounterV1.Up[1],
            $"""DROP TABLE "{Queue}" """,
            "DROP FUNCTION news_count_at_commit()",
        ];
    }

    /// <summary>
    /// The change feed's triggers fire under every <c>session_replication_role</c> (migration
    /// <c>FireChangeFeedTriggersAlways</c>): the article writer copies rows as a replica would, without the row triggers of
    /// the foreign keys (PostgresArticleWriter.CheckParents), and the snapshot must still learn of them. As before, the
    /// migrations' history: never edit these.
    /// </summary>
    internal static class TriggersV3
    {
        private static readonly string[] Triggers =
        [
            .. new[] { "Articles", "ArticleTopics", "Providers", "Topics", "MergeRules", "RelatedLinks" }
                .Select(t => $"\"{t}\" ENABLE ALWAYS TRIGGER \"{t}_NotifyChanged\""),
            $"\"{CounterV2.Queue}\" ENABLE ALWAYS TRIGGER \"{CounterV2.Queue}_AtCommit\"",
        ];

        public static readonly string[] Up = [.. Triggers.Select(t => $"ALTER TABLE {t}")];

        public static readonly string[] Down = [.. Triggers.Select(t => $"ALTER TABLE {t.Replace(" ENABLE ALWAYS ", " ENABLE ", StringComparison.Ordinal)}")];
    }

    private readonly string _connectionString;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private Task? _listening;
    private long _version;
    private volatile bool _connected;

    public PostgresChangeFeed(PostgresStore store) : this(store.ConnectionString)
    {
    }

    internal PostgresChangeFeed(string connectionString) => _connectionString = connectionString;

    public long? CurrentVersion()
    {
        lock (_gate)
            _listening ??= Task.Run(ListenAsync);
        // Until LISTEN is in place and the counter read, a change could be missed: "unknown", so the cache doesn't trust it.
        return _connected ? Interlocked.Read(ref _version) : null;
    }

    private async Task ListenAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_connectionString)
                    { Pooling = false, KeepAlive = 30 }.ConnectionString);
                await connection.OpenAsync(_stop.Token);
                // Set by notifications, also those that arrive while the counter is read (whose commit that read may
                // not see): read it again until none came in meanwhile. The first read follows LISTEN, so a commit from
                // here on is either in it or notified later.
                var notified = true;
                connection.Notification += (_, _) => notified = true;
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    await listen.ExecuteNonQueryAsync(_stop.Token);
                await using var read = new NpgsqlCommand(CounterV1.Read, connection);
                while (!_stop.IsCancellationRequested)
                {
                    while (notified)
                    {
                        notified = false;
                        Interlocked.Exchange(ref _version, await ReadCounterAsync(read));
                    }
                    _connected = true;
                    await connection.WaitAsync(_stop.Token);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
            {
                _connected = false;
                try { await Task.Delay(TimeSpan.FromSeconds(1), _stop.Token); } catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>The counter (0 before its migration made it).</summary>
    private async Task<long> ReadCounterAsync(NpgsqlCommand read) => await read.ExecuteScalarAsync(_stop.Token) is long v ? v : 0;

    public void Dispose()
    {
        if (_stop.IsCancellationRequested)
            return;
        _stop.Cancel();
    }
}
