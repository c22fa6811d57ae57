using System.Net;

namespace AiNewsDashboard.Web.Tests.Hosting;

/// <summary>
/// Behind a reverse proxy every connection comes from the proxy: the sign-in limit counts each client by the proxy's
/// <c>X-Forwarded-For</c>, but only when <c>Security:TrustedProxies</c> names the proxy; otherwise the header is ignored.
/// </summary>
public sealed class TrustedProxyTests
{
    private static async Task<HttpStatusCode> AttemptAsync(string url, string forwardedFor)
    {
        var client = RealServer.Client(url);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return (await SignIn.PostLoginAsync(client, "carol", "wrong password")).StatusCode;
    }

    private static DashboardFactory Factory(string? trusted) => new(settings: new Dictionary<string, string>
    {
        ["Auth:Mode"] = "Accounts",
        ["Security:LoginAttemptsPerMinute"] = "2",
        ["Security:TrustedProxies"] = trusted ?? "",
    });

    [Fact]
    public async Task SignInLimit_BehindATrustedProxy_CountsEachForwardedClient()
    {
        await using var factory = Factory("127.0.0.1");
        var url = RealServer.Start(factory);

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

        Assert.Equal(HttpStatusCode.Redirect, await AttemptAsync(url, "203.0.113.7"));
        Assert.Equal(HttpStatusCode.Redirect, await AttemptAsync(url, "203.0.113.8"));

        Assert.Equal(HttpStatusCode.TooManyRequests, await AttemptAsync(url, "203.0.113.9"));
    }
}
