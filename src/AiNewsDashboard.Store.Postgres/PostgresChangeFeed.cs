using AiNewsDashboard.Core.Queries;
using Npgsql;

namespace AiNewsDashboard.Store.Postgres;

/// <summary>
/// LISTEN on one dedicated connection for <see cref="Channel"/>, which statement triggers on every table the snapshot
/// reads NOTIFY after each committed change (migration AddSearchAndChangeFeed): so an import by any process or app
/// instance on the same database moves <see cref="CurrentVersion"/>. PostgreSQL delivers notifications only at commit,
/// and never those of a rolled-back transaction.
/// </summary>
/// <remarks>
/// The version counts committed transactions, not notifications: a transaction sends one per table it changed (the
/// payload is the table's name, and PostgreSQL folds repeats within a transaction), all at once and in a row. A new
/// transaction starts where the sending backend changes or a table repeats. Two transactions of one backend in a row
/// that changed different tables count once: fewer, never more, so the snapshot's cache, which counts its own
/// commits against this number (ArticleFactsCache), reads the whole snapshot then rather than miss a change.
/// </remarks>
public sealed class PostgresChangeFeed : IChangeFeed
{
    public const string Channel = "news_changed";

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
        // Until the first LISTEN is in place a change could be missed: report "unknown" so the cache doesn't trust it.
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
                var pid = 0;
                var tables = new HashSet<string>(StringComparer.Ordinal);
                connection.Notification += (_, e) =>
                {
                    if (e.PID == pid && tables.Add(e.Payload))
                        return; // the same transaction's next table
                    pid = e.PID;
                    tables.Clear();
                    tables.Add(e.Payload);
                    Interlocked.Increment(ref _version);
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    await listen.ExecuteNonQueryAsync(_stop.Token);
                // A reconnect may have missed notifications: count one, so every snapshot taken before is stale.
                Interlocked.Increment(ref _version);
                _connected = true;
                while (!_stop.IsCancellationRequested)
                    await connection.WaitAsync(_stop.Token);
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

    public void Dispose()
    {
        if (_stop.IsCancellationRequested)
            return;
        _stop.Cancel();
    }
}
