using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace AiNewsDashboard.Web.Hosting;

/// <summary>The <c>Security</c> settings that decide which <c>Host</c> headers the dashboard answers.</summary>
public sealed class HostNameOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Accounts mode: the host names users reach the dashboard by, separated by <c>;</c> (<c>dash.example.org;10.0.0.5</c>,
    /// <c>*.example.org</c>, or <c>*</c> for any). Ports are not part of a name. Local mode ignores it: loopback names only.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Security:AllowedHosts must name at least one host, or be * for any.")]
    public string AllowedHosts { get; set; } = "*";
}

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
        services.AddOptions<HostNameOptions>().BindConfiguration(HostNameOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Configure runs before the framework's own PostConfigure, which then leaves a non-empty list alone: the top-level
        // AllowedHosts setting no longer applies.
        services.AddOptions<HostFilteringOptions>().Configure<IConfiguration, IOptions<HostNameOptions>>((o, config, names) =>
            o.AllowedHosts = AllowedHosts(Accounts.Mode(config), names.Value));
        return services;
    }

    public static string[] AllowedHosts(AuthMode mode, HostNameOptions options) =>
        mode == AuthMode.Local
            ? LoopbackHosts
            : options.AllowedHosts.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
