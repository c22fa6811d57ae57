using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using AiNewsDashboard.Core.Diagnostics;
using AiNewsDashboard.Core.Queries;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace AiNewsDashboard.Web.Hosting;

/// <summary>
/// <c>GET /metrics</c> in Prometheus's text format, through OpenTelemetry's exporter: request latency
/// (<c>http_server_request_duration_seconds</c>), the import rate (<c>ainews_import_articles_total</c>), the facts
/// snapshot's age, the open circuits (<c>aspnetcore_components_circuit_*</c>) and the runtime (memory, GC, threads).
/// </summary>
public static class Metrics
{
    public const string Path = "/metrics";

    public static IServiceCollection AddDashboardMetrics(this IServiceCollection services)
    {
        services.AddSingleton<SnapshotGauges>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(DashboardMeter.Name)
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Components.Server.Circuits")
            .AddMeter("System.Runtime")
            .AddPrometheusExporter());
        return services;
    }

    public static WebApplication MapDashboardMetrics(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (!options.Enabled)
            return app;
        app.Services.GetRequiredService<SnapshotGauges>();
        var token = options.BearerToken;
        app.MapPrometheusScrapingEndpoint(Path).AllowAnonymous().AddEndpointFilter(async (context, next) =>
            token.Length == 0 || HasBearer(context.HttpContext.Request, token)
                ? await next(context)
                : Results.Problem("This endpoint needs 'Authorization: Bearer <token>', the token set in Metrics:BearerToken.",
                    statusCode: StatusCodes.Status401Unauthorized));
        return app;
    }

    private static bool HasBearer(HttpRequest request, string token)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()), Encoding.UTF8.GetBytes(token));
    }

    /// <summary>The facts snapshot's age, size, memory and load time, read from the cache without loading anything.</summary>
    private sealed class SnapshotGauges
    {
        public SnapshotGauges(IMeterFactory meters, ArticleFactsCache facts, TimeProvider clock)
        {
            var meter = meters.Create(DashboardMeter.Name);
            meter.CreateObservableGauge("ainews.snapshot.age", () => Of(facts.Current, f => (clock.GetUtcNow().UtcDateTime - f.LoadedAtUtc).TotalSeconds),
                "s", "Seconds since the facts snapshot that pages and the API answer from was loaded");
            meter.CreateObservableGauge("ainews.snapshot.articles", () => Of(facts.Current, f => (double)f.Count),
                "{article}", "Articles in the facts snapshot, with the references their related lists name");
            meter.CreateObservableGauge("ainews.snapshot.bytes", () => Of(facts.Current, f => (double)f.EstimatedBytes),
                "By", "Bytes the facts snapshot's arrays hold (the story graph's are apart)");
            meter.CreateObservableGauge("ainews.snapshot.load.duration", () => Of(facts.Current, f => f.LoadDuration.TotalSeconds),
                "s", "How long the current facts snapshot took to load");
        }

        private static IEnumerable<Measurement<double>> Of(ArticleFacts? facts, Func<ArticleFacts, double> value) =>
            facts is null ? [] : [new Measurement<double>(value(facts))];
    }
}
