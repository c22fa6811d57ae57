using AiNewsDashboard.Core.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace AiNewsDashboard.Web.Hosting;

/// <summary>
/// What only administrators may do: one group behind the Admin policy (anyone in Local mode); the import page's backup
/// button only links here.
/// </summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").RequireAuthorization(DashboardPolicies.Admin);

        // A consistent online copy while the app keeps serving and importing: kept in Backup:Folder and downloaded.
        admin.MapGet("/backup", async (IOptions<DatabaseOptions> database, IOptions<BackupOptions> backup, TimeProvider clock, ILogger<DatabaseBackupLog> log, CancellationToken ct) =>
        {
            var name = $"news-{clock.GetUtcNow().UtcDateTime:yyyyMMdd-HHmmss}.db";
            var result = await SqliteBackup.CopyAsync(database.Value.ResolvedConnectionString,
                Path.Combine(backup.Value.FolderFor(database.Value), name), overwrite: true, ct);
            log.LogInformation("Backup written to {Path} ({Bytes:N0} bytes, {Elapsed:0.0} s)", result.Path, result.Bytes, result.Elapsed.TotalSeconds);
            return Results.File(result.Path, "application/vnd.sqlite3", name);
        });
        return app;
    }

    /// <summary>Log category for backups.</summary>
    public sealed class DatabaseBackupLog;
}
