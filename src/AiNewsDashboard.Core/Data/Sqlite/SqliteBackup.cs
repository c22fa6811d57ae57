using Microsoft.Data.Sqlite;

namespace AiNewsDashboard.Core.Data.Sqlite;

/// <summary>
/// A consistent online copy of the database while the app keeps reading and writing it: SQLite's backup API
/// copies one snapshot of the file, whatever commits meanwhile. The copy is written under a temporary name, checked
/// with <c>PRAGMA integrity_check</c> and only then renamed into place, so a backup file is never half-written.
/// </summary>
public static class SqliteBackup
{
    public sealed record Result(string Path, long Bytes, TimeSpan Elapsed);

    /// <exception cref="IOException">The destination exists (and <paramref name="overwrite"/> is false), or the copy failed its check.</exception>
    public static async Task<Result> CopyAsync(string connectionString, string destination, bool overwrite = false, CancellationToken ct = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var target = System.IO.Path.GetFullPath(destination);
        if (File.Exists(target) && !overwrite)
            throw new IOException($"{target} already exists; choose another file or pass --force to overwrite it.");
        if (SqliteStore.DataSourceOf(connectionString) is { } source && !File.Exists(source))
            throw new IOException($"there is no database at {source}.");
        if (System.IO.Path.GetDirectoryName(target) is { Length: > 0 } dir)
            Directory.CreateDirectory(dir);

        var temp = $"{target}.{Guid.NewGuid():N}.partial";
        try
        {
            await Task.Run(() =>
            {
                using var from = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
                using var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temp, Pooling = false }.ToString());
                from.Open();
                to.Open();
                from.BackupDatabase(to);
                using var journal = to.CreateCommand();
                // A single self-contained file: the copy needs no -wal beside it.
                journal.CommandText = "PRAGMA journal_mode=DELETE";
                journal.ExecuteNonQuery();
                using var check = to.CreateCommand();
                check.CommandText = "PRAGMA integrity_check";
                var answer = Convert.ToString(check.ExecuteScalar());
                if (answer != "ok")
                    throw new IOException($"the copy failed its integrity check: {answer}");
            }, ct);
            File.Move(temp, target, overwrite);
            return new Result(target, new FileInfo(target).Length, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
