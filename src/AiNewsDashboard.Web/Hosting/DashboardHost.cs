using AiNewsDashboard.Core;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Demo;
using AiNewsDashboard.Web.Alerts;
using AiNewsDashboard.Web.Api;
using AiNewsDashboard.Web.Components;
using AiNewsDashboard.Web.Import;
using AiNewsDashboard.Web.Reports;
using AiNewsDashboard.Web.Views;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace AiNewsDashboard.Web.Hosting;

public static class DashboardHost
{
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = DashboardSettings.NormalizeArgs(args),
            // appsettings.json lives next to the binary; the working directory is wherever the user ran `dotnet run`.
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = WebRoot.Resolve(),
        });
        // From source, MudBlazor's and the framework's assets live in the NuGet cache and obj/, mapped by the build's
        // static web assets manifest. ASP.NET wires that map only in Development; do it in every environment (it is a
        // no-op once published, where the assets are copied into wwwroot/).
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddDashboardServices();
        return builder;
    }

    public static IServiceCollection AddDashboardServices(this IServiceCollection services)
    {
        services.AddDashboardOptions().AddNewsStore();
        // The snapshot is kept in a file between runs (Snapshot:*): a restart reads it instead of every article.
        services.AddSingleton(sp => new SnapshotFileSettings
        {
            Path = sp.GetRequiredService<IOptions<SnapshotOptions>>().Value.FileFor(
                sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, sp.GetRequiredService<INewsStore>()),
        });
        services.AddHostedService<SnapshotFileWorker>();
        services.AddNewsData(sp => sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ResolvedConnectionString).AddArticleImport().AddDemoData();
        services.AddSingleton<FilterOptionsQueries>();
        services.AddSingleton<Components.Pages.RecentResults>();
        // One background writer for uploads and the watch folder; pages watch its jobs and refresh on new data.
        services.AddSingleton<ImportJobs>();
        // Copy detection after each commit, off the request path. Registered before the import worker, so that one is
        // told to stop first on shutdown (hosted services stop in reverse order): a pass never delays an import's stop.
        services.AddHostedService<SyndicationWorker>();
        // Users first: copy detection and the warm-ups wait between their steps while a user is being answered.
        services.AddUserActivityTracking();
        services.AddHostedService<ImportWorker>();
        // Uploads wait in Import:UploadFolder (beside the database unless set); each is held by its instance, and taken
        // over if that one stops. The folder must be writable at start.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DashboardImportOptions>, UploadFolderCheck>());
        services.AddSingleton<UploadFolders>();
        services.AddHostedService(sp => sp.GetRequiredService<UploadFolders>());
        services.AddSingleton<WatchFolder>();
        services.AddHostedService(sp => sp.GetRequiredService<WatchFolder>());
        services.AddSingleton<LiveUpdates>();
        // The signals page opens warm after an import: its unfiltered signals are computed once the snapshot is in.
        services.AddHostedService<SignalsWarmUp>();
        services.AddSingleton<Views.ViewOwner>();
        // SIGTERM cancels the running import, which then commits its last whole files; give it time to.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        services.TryAddSingleton(TimeProvider.System);
        services.AddMudServices();
        services.AddRazorComponents().AddInteractiveServerComponents().WithHardenedHub();
        // The document describes the HTTP API (/api/...), not the pages, sign-in or admin endpoints.
        services.AddOpenApi(o => o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true);
        services.AddHardening();
        services.AddHostNameFilter().AddDatabaseBackups();
        services.AddTrustedProxies();
        services.AddDashboardAccounts();
        services.AddInstanceState();
        services.AddProviderReports();
        services.AddSingleton<Alerts.AlertWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<Alerts.AlertWorker>());
        services.AddSingleton<Alerts.WebhookSender>();
        services.AddSingleton<Alerts.WebhookWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<Alerts.WebhookWorker>());
        services.AddDashboardMetrics();
        return services;
    }

    /// <summary>Creates and migrates the database, then seeds the bundled corpus into an empty one.</summary>
    public static async Task InitializeDataAsync(this WebApplication app)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<NewsDbContext>>();
        await app.Services.GetRequiredService<INewsStore>().InitializeAsync(factory);
        await Instances.InitializeInstanceStateAsync(app.Services);
        var report = await app.Services.GetRequiredService<DemoData>().SeedIfEmptyAsync(app.Services.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled);
        if (report is not null)
            app.Logger.LogInformation("Seeded the bundled corpus: {Imported} articles, {References} references in {Elapsed:0.0} s",
                report.Imported, report.References, report.Elapsed.TotalSeconds);
        var accounts = await Accounts.InitializeAccountsAsync(app.Services);
        if (app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.Mode == AuthMode.Accounts && accounts == 0)
            app.Logger.LogWarning("Auth:Mode is Accounts but there are no accounts yet: create one with 'users add <name> --role Admin'.");
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        // The client's address from a trusted proxy's headers, before anything counts clients.
        app.UseTrustedProxies();
        // First, so every answer carries the headers, errors and static files included.
        app.UseSecurityHeaders();
        app.UseUserActivityTracking();
        if (!app.Environment.IsDevelopment())
        {
            // Users see what happened and what to do, never a stack trace or SQL; HSTS only goes out over https.
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseApiProblems();
        // Files from the top-level wwwroot/ first; routing after, so the static-assets endpoints never see them.
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter(); // after authentication: limits are per user once signed in
        app.UseAntiforgery();
        app.UseStartPage();

        app.MapDashboardApi();
        app.MapViewsApi();
        // The API's description, for the same readers as the API itself.
        app.MapOpenApi().RequireAuthorization(DashboardPolicies.Viewer);
        app.MapImportApi();
        app.MapReportApi();
        app.MapAlertsApi();
        app.MapWebhooksApi();
        app.MapAdminEndpoints();
        app.MapAccountEndpoints();
        // Probes answer without an account; the answer says nothing but whether the database is up.
        app.MapGet("/healthz", async (OverviewQueries queries, CancellationToken ct) =>
            await queries.CanConnectAsync(ct) ? Results.Text("healthy") : Results.Text("database unavailable", statusCode: 503)).AllowAnonymous();
        app.MapDashboardMetrics();

        // Styles and scripts hold no data, and the login page needs them before anyone has signed in.
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
