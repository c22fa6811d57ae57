using System.Text.RegularExpressions;
using System.Threading.RateLimiting;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Import;
using Microsoft.Extensions.Options;

namespace AiNewsDashboard.Web.Hosting;

/// <summary>Free space where a file is about to be written (a class so a test can stand in for a full disk).</summary>
public class DiskSpace
{
    public virtual long FreeBytes(string folder) => new DriveInfo(Path.GetFullPath(folder)).AvailableFreeSpace;
}

/// <summary>
/// The backup button's copies (<c>POST /admin/backup</c>): one at a time, only when the disk has room for it twice over,
/// and never more than <see cref="BackupOptions.Keep"/> of them. Each was a GET once, so an image on any page
/// could make an administrator's browser fill the disk.
/// </summary>
public sealed partial class DatabaseBackups(IOptions<DatabaseOptions> databaseOptions, IOptions<BackupOptions> options, DiskSpace disk, TimeProvider clock,
    ILogger<DatabaseBackups> log)
{
    private readonly SemaphoreSlim _one = new(1, 1);

    // Here rather than a rate-limiting policy, which would run before the antiforgery check and let a cross-site form use
    // up the hour's backups.
    private readonly FixedWindowRateLimiter _perHour = new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = options.Value.PerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0,
    });

    public async Task<IResult> BackUpAsync(HttpContext context, CancellationToken ct)
    {
        using var permit = _perHour.AttemptAcquire();
        if (!permit.IsAcquired)
        {
            if (permit.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many backups",
                detail: $"This server makes at most {options.Value.PerHour} backups an hour (Backup:PerHour); the backup folder " +
                        "already holds the latest ones. Try again later.");
        }
        if (!await _one.WaitAsync(0, ct))
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "A backup is already running",
                detail: "Another backup is being written: wait for it to finish (it downloads when done), then try again if you need another.");
        try
        {
            var connectionString = databaseOptions.Value.ResolvedConnectionString;
            if (StoreSelection.Open(connectionString) is AiNewsDashboard.Store.Postgres.PostgresStore)
                return Results.Problem(statusCode: StatusCodes.Status501NotImplemented, title: "Back up PostgreSQL with pg_dump",
                    detail: "This server keeps its data in PostgreSQL: back it up with the backup command on the server " +
                            "(backup --db \"Host=…\" --out news.dump), which runs pg_dump, or with your database's own backups.");
            var folder = options.Value.FolderFor(databaseOptions.Value);
            Directory.CreateDirectory(folder);
            var database = SqliteStore.DataSourceOf(connectionString) is { } file ? SizeOnDisk(file) : 0;
            var free = disk.FreeBytes(folder);
            // The copy is written under a temporary name first; twice the database leaves room for it and for the
            // database to keep growing while it is written.
            if (free < 2 * database)
                return Results.Problem(statusCode: StatusCodes.Status507InsufficientStorage, title: "Not enough free disk space for a backup",
                    detail: $"A backup needs {Bytes(2 * database)} free (twice the database's {Bytes(database)}), but {folder} has " +
                            $"{Bytes(free)} free. Free some space, or set Backup:Folder to a folder on another disk.");

            var name = $"news-{clock.GetUtcNow().UtcDateTime:yyyyMMdd-HHmmss}.db";
            var result = await SqliteBackup.CopyAsync(connectionString, Path.Combine(folder, name), overwrite: true, ct);
            log.LogInformation("Backup written to {Path} ({Bytes:N0} bytes, {Elapsed:0.0} s)", result.Path, result.Bytes, result.Elapsed.TotalSeconds);
            foreach (var old in Rotate(folder, options.Value.Keep))
                log.LogInformation("Deleted the old backup {Path} (Backup:Keep is {Keep})", old, options.Value.Keep);
            return Results.File(result.Path, "application/vnd.sqlite3", name);
        }
        finally
        {
            _one.Release();
        }
    }

    /// <summary>
    /// Deletes the oldest backups beyond <paramref name="keep"/>, and returns their paths. Only files named as this class
    /// names them (<c>news-yyyyMMdd-HHmmss.db</c>) count: anything else in the folder is the user's.
    /// </summary>
    public static IReadOnlyList<string> Rotate(string folder, int keep)
    {
        var old = Directory.EnumerateFiles(folder, "news-*.db")
            .Where(f => BackupName().IsMatch(Path.GetFileName(f)))
            .OrderByDescending(f => Path.GetFileName(f), StringComparer.Ordinal)
            .Skip(keep)
            .ToList();
        foreach (var f in old)
            File.Delete(f);
        return old;
    }

    private static long SizeOnDisk(string database) =>
        new[] { database, database + "-wal" }.Select(f => new FileInfo(f)).Where(f => f.Exists).Sum(f => f.Length);

    private static string Bytes(long bytes) => ArticleImporter.FormatBytes(bytes);

    [GeneratedRegex(@"^news-\d{8}-\d{6}\.db$")]
    private static partial Regex BackupName();
}

public static class DatabaseBackupServices
{
    public static IServiceCollection AddDatabaseBackups(this IServiceCollection services)
    {
        services.AddSingleton<DiskSpace>();
        services.AddSingleton<DatabaseBackups>();
        return services;
    }
}
