using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Hosting;

/// <summary>An attack is a real request to a real server: the app of a <see cref="DashboardFactory"/> on Kestrel, on a loopback port.</summary>
public static class RealServer
{
    /// <summary>Starts <paramref name="factory"/> on Kestrel (127.0.0.1, a free port) and returns its base URL.</summary>
    public static string Start(WebApplicationFactory<Program> factory)
    {
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        return factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    /// <summary>A browser-like client of <paramref name="baseUrl"/>: keeps cookies, follows no redirects.</summary>
    public static HttpClient Client(string baseUrl, CookieContainer? cookies = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies ?? new CookieContainer() })
        {
            BaseAddress = new Uri(baseUrl),
        };

    /// <summary>The antiforgery token of the forms on <paramref name="path"/>, as the page gives it to this client.</summary>
    public static async Task<string> TokenAsync(HttpClient client, string path)
    {
        var page = await client.GetStringAsync(path);
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), $"no antiforgery token on {path}");
        return token;
    }

    public static FormUrlEncodedContent Form(string? token, params (string Name, string Value)[] fields) =>
        new([.. fields.Select(f => KeyValuePair.Create(f.Name, f.Value)),
             .. token is null ? [] : new[] { KeyValuePair.Create("__RequestVerificationToken", token) }]);
}

/// <summary>
/// One app in local mode with the demo corpus, on Kestrel, for a test class whose tests only read: started once
/// instead of once per test.
/// </summary>
public sealed class LocalDemoServer : IAsyncLifetime
{
    public DashboardFactory Factory { get; } = new(demo: true);
    public string Url { get; private set; } = "";

    public Task InitializeAsync()
    {
        Url = RealServer.Start(Factory);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
