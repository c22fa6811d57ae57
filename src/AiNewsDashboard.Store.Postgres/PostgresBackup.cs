using System.Diagnostics;
using Npgsql;

namespace AiNewsDashboard.Store.Postgres;

/// <summary>
/// A backup of a PostgreSQL store is <c>pg_dump</c>'s custom format (restore with <c>pg_restore</c>): consistent while
/// instances serve and write, since pg_dump reads one snapshot. The password goes to pg_dump through its environment,
/// never its arguments (which other users of the machine can list).
/// </summary>
public static class PostgresBackup
{
    public sealed record Result(string Path, long Bytes, TimeSpan Elapsed);

    private static readonly string[] Candidates = ["/usr/lib/postgresql/15/bin/pg_dump", "/usr/bin/pg_dump"];

    /// <exception cref="InvalidOperationException">pg_dump is not installed (the message says how to get it), or it failed.</exception>
    /// <exception cref="IOException">The destination exists and <paramref name="overwrite"/> is false.</exception>
    public static async Task<Result> DumpAsync(PostgresStore store, string destination, bool overwrite, CancellationToken ct = default,
        string? pgDump = null /* tests: where pg_dump is */)
    {
        var started = Stopwatch.GetTimestamp();
        var target = Path.GetFullPath(destination);
        if (File.Exists(target) && !overwrite)
            throw new IOException($"{target} already exists; choose another file or pass --force to overwrite it.");
        var builder = new NpgsqlConnectionStringBuilder(store.ConnectionString);
        var tool = (pgDump is null ? Candidates.FirstOrDefault(File.Exists) : File.Exists(pgDump) ? pgDump : null)
            ?? throw new InvalidOperationException(
                "pg_dump is not installed, so the PostgreSQL store can't be backed up from here: install it (apt-get install -y postgresql-client), " +
                $"or run on a machine that has it: pg_dump -Fc -h {builder.Host} -p {builder.Port} -U {builder.Username} -d {builder.Database} -f news.dump");
        if (Path.GetDirectoryName(target) is { Length: > 0 } dir)
            Directory.CreateDirectory(dir);

        var temp = $"{target}.{Guid.NewGuid():N}.partial";
        var psi = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "--format=custom", "--no-password", "--host", builder.Host!, "--port", builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--username", builder.Username ?? "postgres", "--dbname", builder.Database ?? builder.Username ?? "postgres", "--file", temp })
            psi.ArgumentList.Add(arg);
        if (builder.Password is { Length: > 0 } password)
            psi.Environment["PGPASSWORD"] = password;
        try
        {
            using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {tool}");
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"pg_dump failed ({process.ExitCode}): {(await stderr).Trim()}");
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
                File.Delete(temp);
        }
        return new Result(target, new FileInfo(target).Length, Stopwatch.GetElapsedTime(started));
    }
}
