using System.Net;
using AiNewsDashboard.Web.Hosting;
using Microsoft.Extensions.Configuration;

namespace AiNewsDashboard.Web.Tests.Hosting;

/// <summary>Lockout and rate limiting on the login, Local mode, and the guard that keeps Local mode on loopback.</summary>
public sealed class LoginTests
{
    [Fact]
    public async Task PostLogin_FiveWrongPasswords_LocksTheAccountEvenForTheRightOne()
    {
        await using var factory = SignIn.AccountsFactory();
        factory.CreateClient().Dispose();
        await SignIn.AddUserAsync(factory, "carol", DashboardRoles.Viewer);
        var client = SignIn.Client(factory);

        for (var i = 0; i < Accounts.MaxFailedAttempts - 1; i++)
            Assert.StartsWith("/login?error=invalid", (await SignIn.PostLoginAsync(client, "carol", "wrong password")).Headers.Location!.OriginalString);
        Assert.StartsWith("/login?error=locked", (await SignIn.PostLoginAsync(client, "carol", "wrong password")).Headers.Location!.OriginalString);

        var right = await SignIn.PostLoginAsync(client, "carol", SignIn.Password);

        Assert.StartsWith("/login?error=locked", right.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/articles")).StatusCode);
        Assert.Contains("locked for 5 minutes", await client.GetStringAsync("/login?error=locked"));
    }

    [Fact]
    public async Task PostLogin_UnknownUser_SaysTheSameAsAWrongPassword()
    {
        await using var factory = SignIn.AccountsFactory();

        var response = await SignIn.PostLoginAsync(SignIn.Client(factory), "nobody", "whatever it is");

        Assert.StartsWith("/login?error=invalid", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task PostLogin_MoreAttemptsThanTheLimitPerMinute_AnswersTooManyRequests()
    {
        await using var factory = SignIn.AccountsFactory(loginAttemptsPerMinute: 3);
        var client = SignIn.Client(factory);
        await SignIn.WithinOneLimitWindowAsync();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostLoginAsync(client, "nobody", "wrong password")).StatusCode);

        var refused = await SignIn.PostLoginAsync(client, "nobody", "wrong password");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    [Fact]
    public async Task LocalMode_Anonymous_SeesEveryPageAndEndpointWithoutSigningIn()
    {
        await using var factory = new DashboardFactory();
        var client = SignIn.Client(factory);

        foreach (var path in new[] { "/", "/graph", "/api/articles", "/api/articles.csv" })
            Assert.True((await client.GetAsync(path)).StatusCode == HttpStatusCode.OK, path);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null)).StatusCode);
        Assert.Contains("Local mode", await client.GetStringAsync("/login"));
    }

    [Theory]
    [InlineData(null, null)]                                          // the default, http://localhost:5000
    [InlineData("http://localhost:5000", null)]
    [InlineData("http://127.0.0.1:5000;http://[::1]:5000", null)]
    [InlineData("http://0.0.0.0:5000", "http://0.0.0.0:5000")]
    [InlineData("http://*:5000", "http://*:5000")]
    [InlineData("http://+:80", "http://+:80")]
    [InlineData("http://192.168.1.20:5000", "http://192.168.1.20:5000")]
    [InlineData("http://[::]:5000", "http://[::]:5000")]
    [InlineData("http://localhost.evil.example:5000", "http://localhost.evil.example:5000")]
    public void NonLoopbackAddresses_Urls_ListsEveryAddressOtherMachinesReach(string? urls, string? exposed)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = urls }).Build();

        var result = Accounts.NonLoopbackAddresses(config);

        Assert.Equal(exposed is null ? [] : new[] { exposed }, result);
    }

    [Fact]
    public void NonLoopbackAddresses_HttpPortsOnly_CountsAsEveryInterface()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["http_ports"] = "8080" }).Build();

        Assert.Single(Accounts.NonLoopbackAddresses(config));
    }

    [Fact]
    public async Task Start_LocalModeOnAllInterfaces_RefusesWithAClearMessageAndExitCode2()
    {
        using var dir = new TestSupport.TempDirectory();
        using var app = Cli.CliRunner.StartProcess("--urls", "http://0.0.0.0:0", "--db", dir.PathOf("guard.db"), "--no-demo");
        var stderr = app.StandardError.ReadToEndAsync();

        await app.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, app.ExitCode);
        Assert.Contains("refusing to listen on http://0.0.0.0:0", await stderr);
        Assert.Contains("--Auth:Mode=Accounts", await stderr);
        Assert.False(File.Exists(dir.PathOf("guard.db"))); // refused before touching anything
    }
}
