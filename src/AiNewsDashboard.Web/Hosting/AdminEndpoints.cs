namespace AiNewsDashboard.Web.Hosting;

/// <summary>
/// What only administrators may do: one group behind the Admin policy (anyone in Local mode); the import page's backup
/// button posts here.
/// </summary>
public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").RequireAuthorization(DashboardPolicies.Admin);

        // A consistent online copy while the app keeps serving and importing: kept in Backup:Folder and downloaded.
        // A POST with the page's antiforgery token: a link or an image elsewhere cannot start one.
        admin.MapPost("/backup", (DatabaseBackups backups, HttpContext context, CancellationToken ct) => backups.BackUpAsync(context, ct))
            .RequireValidAntiforgeryToken();
        return app;
    }
}
