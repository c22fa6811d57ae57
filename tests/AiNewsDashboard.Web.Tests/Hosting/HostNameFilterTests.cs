using System.Net;

namespace AiNewsDashboard.Web.Tests.Hosting;

/// <summary>
/// DNS rebinding: a page on attacker.example that rebinds its name to 127.0.0.1 sends <c>Host: attacker.example</c>.
/// Guards the probe's finding that such a request read the API and downloaded the database.
/// </summary>
public sealed class HostNameFilterTests(LocalDemoServer local) : IClassFixture<LocalDemoServer>
{
    private static async Task<HttpStatusCode> GetWithHostAsync(string baseUrl, string path, string host)
    {
        using var client = RealServer.Client(baseUrl);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        return (await client.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task LocalMode_RequestForAnotherHostName_Answers400WithoutData()
    {
        var url = local.Url;
        var port = new Uri(url).Port;

        foreach (var host in new[] { $"attacker.example:{port}", "attacker.example", $"localhost.attacker.example:{port}", $"10.0.0.5:{port}" })
            Assert.True(await GetWithHostAsync(url, "/api/articles", host) == HttpStatusCode.BadRequest, host);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("localhost:5501")]
    [InlineData("127.0.0.1:1")]
    [InlineData("[::1]:5000")]
    [InlineData("LOCALHOST")]
    public async Task LocalMode_LoopbackHostNameWithAnyPort_IsServed(string host)
    {
        Assert.Equal(HttpStatusCode.OK, await GetWithHostAsync(local.Url, "/api/articles", host));
    }

    [Fact]
    public async Task LocalMode_TopLevelAllowedHostsStar_StillOnlyServesLoopbackNames()
    {
        await using var factory = new DashboardFactory(settings: new Dictionary<string, string> { ["AllowedHosts"] = "*" });
        var url = RealServer.Start(factory);

        Assert.Equal(HttpStatusCode.BadRequest, await GetWithHostAsync(url, "/healthz", "attacker.example"));
    }

    [Fact]
    public async Task AccountsMode_SecurityAllowedHosts_ServesOnlyTheNamesItLists()
    {
        await using var factory = new DashboardFactory(settings: new Dictionary<string, string>
        {
            ["Auth:Mode"] = "Accounts", ["Security:AllowedHosts"] = "dash.example.org; *.intranet.example",
        });
        var url = RealServer.Start(factory);

        Assert.Equal(HttpStatusCode.OK, await GetWithHostAsync(url, "/healthz", "dash.example.org:8443"));
        Assert.Equal(HttpStatusCode.OK, await GetWithHostAsync(url, "/healthz", "news.intranet.example"));
        Assert.Equal(HttpStatusCode.BadRequest, await GetWithHostAsync(url, "/healthz", "attacker.example"));
        Assert.Equal(HttpStatusCode.BadRequest, await GetWithHostAsync(url, "/healthz", "localhost"));
    }
}
