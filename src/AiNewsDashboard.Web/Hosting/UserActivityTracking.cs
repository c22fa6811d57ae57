using AiNewsDashboard.Core.Diagnostics;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiNewsDashboard.Web.Hosting;

/// <summary>
/// Tells <see cref="UserActivity"/> what users wait for: every HTTP request but the circuits' own connection, and every
/// event a page handles on its circuit (a click, a filter, a navigation, with the queries it runs).
/// </summary>
public static class UserActivityTracking
{
    public static IServiceCollection AddUserActivityTracking(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitActivity>());
        return services;
    }

    public static IApplicationBuilder UseUserActivityTracking(this IApplicationBuilder app)
    {
        var users = app.ApplicationServices.GetRequiredService<UserActivity>();
        return app.Use((context, next) => TrackAsync(context, next, users));
    }

    /// <summary>
    /// Counts the request while it runs. Not the circuits' connection (<c>/_blazor</c>): it lasts as long as the page is
    /// open, and its events are counted one by one (<see cref="CircuitActivity"/>).
    /// </summary>
    internal static async Task TrackAsync(HttpContext context, RequestDelegate next, UserActivity users)
    {
        if (context.Request.Path.StartsWithSegments("/_blazor") || context.WebSockets.IsWebSocketRequest)
        {
            await next(context);
            return;
        }
        using (users.Begin())
            await next(context);
    }

    /// <summary>Counts each inbound event of a circuit while it is handled.</summary>
    internal sealed class CircuitActivity(UserActivity users) : CircuitHandler
    {
        public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
            async context =>
            {
                using (users.Begin())
                    await next(context);
            };
    }
}
