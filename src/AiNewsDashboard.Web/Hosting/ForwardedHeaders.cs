using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace AiNewsDashboard.Web.Hosting;

/// <summary>
/// Behind a reverse proxy (several instances, sticky sessions: docs/teams.md), the client's address and scheme arrive
/// in <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>. The framework's middleware puts them on the connection, so
/// sign-in throttling, lockout and the export limits count each client, not the proxy; only for the proxies named in
/// <c>Security:TrustedProxies</c>, since anyone else could write those headers.
/// </summary>
public static class ForwardedHeaders
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<SecurityOptions>>((o, security) =>
        {
            o.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; here only what the setting names.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var entry in Entries(security.Value.TrustedProxies))
            {
                if (TryParse(entry, out var address, out var network))
                {
                    if (address is not null)
                        o.KnownProxies.Add(address);
                    else
                        o.KnownIPNetworks.Add(network);
                }
            }
        });
        return services;
    }

    /// <summary>First in the pipeline when a proxy is trusted, so everything after it sees the client.</summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        if (Entries(app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.TrustedProxies).Any())
            app.UseForwardedHeaders();
        return app;
    }

    internal static IEnumerable<string> Entries(string setting) =>
        setting.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>An address (<c>127.0.0.1</c>, <c>::1</c>) or a network (<c>10.0.0.0/8</c>).</summary>
    internal static bool TryParse(string entry, out IPAddress? address, out System.Net.IPNetwork network)
    {
        network = default;
        if (IPAddress.TryParse(entry, out address))
            return true;
        address = null;
        return entry.Contains('/') && System.Net.IPNetwork.TryParse(entry, out network);
    }
}
