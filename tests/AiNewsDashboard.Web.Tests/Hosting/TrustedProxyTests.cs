using System.Net;
using AiNewsDashboard.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Hosting;

/// <summary>
/// Behind a reverse proxy every connection comes from the proxy: the sign-in limit counts each client by the proxy's
/// <c>X-Forwarded-For</c>, but only when <c>Security:TrustedProxies</c> names the proxy; otherwise the header is ignored.
/// </summary>
public sealed class TrustedProxyTests : IAsyncDisposable
{
    private static async Task<HttpStatusCode> AttemptAsync(string url, string forwardedFor)
    {
        var client = RealServer.Client(url);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return (await SignIn.PostLoginAsync(client, "carol", "wrong password")).StatusCode;
    }

    /// <summary>
    /// The limit counts per minute of the clock: a real clock could cross a minute between two attempts and start the
    /// count afresh (seen under load), so every instance of a test reads one clock, at the fifth second of a minute.
    /// </summary>
    private readonly SettableClock _clock = new(FifthSecondOfThisMinute());

    private static DateTimeOffset FifthSecondOfThisMinute()
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 5, TimeSpan.Zero);
    }

    private readonly List<IAsyncDisposable> _hosts = [];

    private WebApplicationFactory<Program> Factory(string? trusted, string? connectionString = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Auth:Mode"] = "Accounts",
            ["Security:LoginAttemptsPerMinute"] = "2",
            ["Security:TrustedProxies"] = trusted ?? "",
        };
        if (connectionString is not null)
            settings["ConnectionStrings:News"] = connectionString;
        var host = new DashboardFactory(settings: settings);
        _hosts.Add(host);
        return host.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
            await host.DisposeAsync();
    }

    [Fact]
    public async Task SignInLimit_BehindATrustedProxy_CountsEachForwardedClient()
    {
        await using var factory = Factory("127.0.0.1");
        var url = RealServer.Start(factory);
        await SignIn.WithinOneLimitWindowAsync();

        Assert.Equal(HttpStatusCode.Redirect, await AttemptAsync(url, "203.0.113.7"));
        Assert.Equal(HttpStatusCode.Redirect, await AttemptAsync(url, "203.0.113.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await AttemptAsync(url, "203.0.113.7"));

        // Another client through the same proxy has its own limit.
        Assert.Equal(HttpStatusCode.Redirect, await AttemptAsync(url, "198.51.100.20"));
    }

    [Fact]
    public async Task SignInLimit_ProxyNotTrusted_IgnoresTheHeaderSoItCantBeUsedToDodgeTheLimit()
    {
        await using var factory = Factory(trusted: null);
        var url = RealServer.Start(factory);
        await SignIn.WithinOneLimitWindowAsync();

        Assert.Equal(HttpStatusCode.Redirect, await AttemptAsync(url, "203.0.113.7"));
        Assert.Equal(HttpStatusCode.Redirect, await AttemptAsync(url, "203.0.113.8"));

        Assert.Equal(HttpStatusCode.TooManyRequests, await AttemptAsync(url, "203.0.113.9"));
    }

    [PostgresFact]
    public async Task SignInLimit_TwoInstancesOnPostgresBehindATrustedProxy_CountEachForwardedClientTogether()
    {
        // The counts live in PostgreSQL (table RateCounts) keyed by the forwarded address, not by the proxy's.
        var cs = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        await using var first = Factory("127.0.0.1", cs);
        var a = RealServer.Start(first);
        await using var second = Factory("127.0.0.1", cs);
        var b = RealServer.Start(second);
        await SignIn.WithinOneLimitWindowAsync();

        Assert.Equal(HttpStatusCode.Redirect, await AttemptAsync(a, "203.0.113.7"));
        Assert.Equal(HttpStatusCode.Redirect, await AttemptAsync(b, "203.0.113.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await AttemptAsync(a, "203.0.113.7")); // the third in the minute, over both

        // Another client through the same proxy has its own limit, on either instance.
        Assert.Equal(HttpStatusCode.Redirect, await AttemptAsync(b, "198.51.100.20"));
    }
}
