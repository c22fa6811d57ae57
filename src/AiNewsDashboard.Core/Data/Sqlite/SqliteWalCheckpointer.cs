using Microsoft.Data.Sqlite;

namespace AiNewsDashboard.Core.Data.Sqlite;

/// <summary>
/// Copies the write-ahead log back into the database file on a thread and connection of its own, while the importer
/// goes on with its next batch. SQLite's automatic checkpoint runs inside the commit that crosses its threshold, on
/// the writer's thread: it was two thirds of the commit time and a quarter of the whole import (a 100,000-article
/// import spent 3.2 s of 11.5 s in it). Here the writer's connection turns it off and this class runs PASSIVE
/// checkpoints after each commit instead, which never block the writer or readers.
/// <para>
/// SQLite can only start the log again from its beginning when a write transaction begins with every frame already
/// copied back. So once the log passes its limit (<see cref="DefaultMaxLogBytes"/>), <see cref="BeforeWrite"/> waits for the
/// checkpoint to catch up; otherwise the log would grow by a batch's pages with every commit. A reader that holds an
/// old snapshot can still keep it from restarting, exactly as with automatic checkpoints.
/// </para>
/// SQLite-specific; a PostgreSQL store has no counterpart.
/// </summary>
internal sealed class SqliteWalCheckpointer : IDisposable
{
    /// <summary>How far the log may grow, by default, before the writer waits for the checkpoint to catch up.</summary>
    public const long DefaultMaxLogBytes = 256L * 1024 * 1024;

    private readonly SqliteConnection _connection;
    private readonly long _pageSize;
    private readonly long _maxLogBytes;
    private readonly Thread _thread;
    private readonly object _gate = new();
    private long _requested, _done; // checkpoint passes asked for, and finished
    private long _logFrames;        // frames in the log when the last pass finished
    private bool _stopping;

    /// <summary>Null when <paramref name="writer"/>'s database is not in WAL mode (in memory, say): nothing to do.</summary>
    public static SqliteWalCheckpointer? For(SqliteConnection writer, long maxLogBytes = DefaultMaxLogBytes)
    {
        using var cmd = writer.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        if (!string.Equals(cmd.ExecuteScalar() as string, "wal", StringComparison.OrdinalIgnoreCase))
            return null;
        cmd.CommandText = "PRAGMA page_size";
        var pageSize = Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        var own = new SqliteConnectionStringBuilder(writer.ConnectionString) { Pooling = false }.ToString();
        return new SqliteWalCheckpointer(new SqliteConnection(own), pageSize, maxLogBytes);
    }

    private SqliteWalCheckpointer(SqliteConnection connection, long pageSize, long maxLogBytes)
    {
        _connection = connection;
        _connection.Open();
        _pageSize = pageSize;
        _maxLogBytes = maxLogBytes;
        _thread = new Thread(Run) { IsBackground = true, Name = "SQLite checkpoint" };
        _thread.Start();
    }

    /// <summary>After a commit: copy what it wrote back into the database file.</summary>
    public void AfterCommit()
    {
        lock (_gate)
        {
            _requested++;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Before a write transaction begins: waits for the checkpoint to catch up if the log has grown past its limit.</summary>
    public void BeforeWrite()
    {
        lock (_gate)
        {
            if (_logFrames * _pageSize < _maxLogBytes)
                return;
            WaitForPasses();
            _logFrames = 0; // every frame is copied back, so this transaction starts the log again (an old reader aside)
        }
    }

    /// <summary>Waits, holding the lock, until every commit so far has been checkpointed.</summary>
    private void WaitForPasses()
    {
        var target = _requested;
        while (_done < target && !_stopping)
            Monitor.Wait(_gate);
    }

    private void Run()
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        while (true)
        {
            long pass;
            lock (_gate)
            {
                while (_done == _requested && !_stopping)
                    Monitor.Wait(_gate);
                if (_stopping)
                    return;
                pass = _requested;
            }
            long frames = 0;
            try
            {
                using var reader = cmd.ExecuteReader();
                // (busy, frames in the log, frames copied back)
                if (reader.Read())
                    frames = reader.GetInt64(1);
            }
            catch (Exception)
            {
                // A pass that fails (a full disk, say) leaves the log as it was: nothing is lost, and the next pass,
                // or SQLite's own checkpoint when the last connection closes, copies it back. An exception must not
                // escape this thread, which would end the process.
            }
            lock (_gate)
            {
                _done = pass;
                _logFrames = frames;
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>Finishes the pass under way (so the log is copied back when the import ends) and stops.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            WaitForPasses();
            _stopping = true;
            Monitor.PulseAll(_gate);
        }
        _thread.Join();
        _connection.Dispose();
    }
}
