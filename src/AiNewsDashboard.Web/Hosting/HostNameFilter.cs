using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace AiNewsDashboard.Web.Hosting;

/// <summary>
/// DNS rebinding: a page on attacker.example whose name is made to resolve to 127.0.0.1 reaches a loopback server as
/// same-origin, and could read the API. Its requests still carry <c>Host: attacker.example</c>, so the framework's host
/// filtering answers them 400. Local mode accepts only loopback names (any port); Accounts mode the names it is given.
/// </summary>
public static class HostNameFilter
{
    public static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    public static IServiceCollection AddHostNameFilter(this IServiceCollection services)
    {
        // Configure runs before the framework's own PostConfigure, which then leaves a non-empty list alone: the top-level
        // AllowedHosts setting no longer applies.
        services.AddOptions<HostFilteringOptions>().Configure<IOptions<AuthOptions>, IOptions<SecurityOptions>>((o, auth, security) =>
            o.AllowedHosts = AllowedHosts(auth.Value.Mode, security.Value));
        return services;
    }

    public static string[] AllowedHosts(AuthMode mode, SecurityOptions options) =>
        mode == AuthMode.Local
            ? LoopbackHosts
            : options.AllowedHosts.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
