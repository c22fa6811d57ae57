using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace AiNewsDashboard.Web.Hosting;

/// <summary>
/// Limits that keep one client from taking the server down: request and SignalR message sizes, and rate limits on
/// the login and on the expensive APIs (CSV exports stream every row; the graph builds and lays out a subgraph).
/// Each limit is a setting (<see cref="SecurityOptions"/>) so an operator can tune it without a rebuild.
/// </summary>
public static class Hardening
{
    public const string LoginPolicy = "login", ExportPolicy = "export", GraphPolicy = "graph";

    public static IServiceCollection AddHardening(this IServiceCollection services)
    {
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<SecurityOptions>>((o, security) =>
            o.Limits.MaxRequestBodySize = security.Value.MaxRequestBodyBytes);
        services.AddOptions<FormOptions>().Configure<IOptions<SecurityOptions>>((o, security) =>
        {
            o.MultipartBodyLengthLimit = security.Value.MaxRequestBodyBytes;
            o.ValueCountLimit = 100; // the login form has three fields; nothing else posts forms
        });

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                const string tooMany = "Too many requests: wait a minute and try again.";
                if (ApiProblems.IsApi(context.HttpContext.Request))
                    await Results.Problem(title: tooMany, statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext);
                else
                    await context.HttpContext.Response.WriteAsync(tooMany, ct);
            };
            o.AddPolicy(LoginPolicy, SharedPerAddress);
            o.AddPolicy(ExportPolicy, context => PerClient(context, s => s.ExportRequestsPerMinute));
            o.AddPolicy(GraphPolicy, context => PerClient(context, s => s.GraphRequestsPerMinute));
        });
        return services;
    }

    /// <summary>
    /// Sign-in attempts: a fixed one-minute window per remote address (it throttles an address before any account's
    /// lockout counts its attempts), counted in the database by every instance
    /// together, so a proxy spreading one client over several instances doesn't multiply the attempts it gets. The
    /// export and graph limits stay per instance: they spare each instance's own processor.
    /// </summary>
    private static RateLimitPartition<string> SharedPerAddress(HttpContext context)
    {
        var permits = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.LoginAttemptsPerMinute;
        var counts = context.RequestServices.GetRequiredService<AiNewsDashboard.Core.Data.SharedRateCounts>();
        var log = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SharedWindowLimiter));
        return RateLimitPartition.Get("login:ip:" + context.Connection.RemoteIpAddress,
            key => new SharedWindowLimiter(counts, key, permits, TimeSpan.FromMinutes(1), log));
    }

    /// <summary>
    /// A fixed one-minute window per signed-in user, else per remote address, counted by this instance in its memory.
    /// </summary>
    private static RateLimitPartition<string> PerClient(HttpContext context, Func<SecurityOptions, int> setting)
    {
        var permits = setting(context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value);
        var client = context.User.Identity?.IsAuthenticated == true
            ? "user:" + context.User.Identity.Name
            : "ip:" + context.Connection.RemoteIpAddress;
        return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    /// <summary>
    /// The Blazor hub's limits: a client message is at most 32 KB (the framework default, stated so nobody raises it by
    /// accident: no dashboard interaction sends more), and detailed errors never reach the browser outside Development.
    /// </summary>
    public static IServerSideBlazorBuilder WithHardenedHub(this IServerSideBlazorBuilder builder)
    {
        builder.AddHubOptions(o => o.MaximumReceiveMessageSize = 32 * 1024);
        return builder;
    }
}
