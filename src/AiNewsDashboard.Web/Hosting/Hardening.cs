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
                await context.HttpContext.Response.WriteAsync("Too many requests: wait a minute and try again.", ct);
            };
            o.AddPolicy(LoginPolicy, context => PerClient(context, s => s.LoginAttemptsPerMinute, byAddress: true));
            o.AddPolicy(ExportPolicy, context => PerClient(context, s => s.ExportRequestsPerMinute));
            o.AddPolicy(GraphPolicy, context => PerClient(context, s => s.GraphRequestsPerMinute));
        });
        return services;
    }

    /// <summary>
    /// A fixed one-minute window per signed-in user, else (and always for sign-in attempts, which throttle an address
    /// before any account's lockout counts them) per remote address.
    /// </summary>
    private static RateLimitPartition<string> PerClient(HttpContext context, Func<SecurityOptions, int> setting, bool byAddress = false)
    {
        var permits = setting(context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value);
        var client = context.User.Identity?.IsAuthenticated == true && !byAddress
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
