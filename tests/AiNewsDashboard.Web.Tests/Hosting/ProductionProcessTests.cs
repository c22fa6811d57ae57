using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Tests.Cli;

namespace AiNewsDashboard.Web.Tests.Hosting;

/// <summary>
/// The real executable as a user starts it: Production environment, from the build output, on a real port.
/// WebApplicationFactory runs in Development, where ASP.NET maps package assets by itself; this guards the case it can't see.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ProductionProcessTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task Start_InProduction_ServesPageAssetsAndHealthWithRealBodies()
    {
        // Bug guarded: outside Development, MudBlazor's and the framework's assets answered 500 (not found in the web root).
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        using var app = CliRunner.StartProcess("--urls", url, "--db", _dir.PathOf("prod.db"), "--no-demo", "--environment", "Production");
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            await WaitForHealthyAsync(http, app);

            var page = await http.GetStringAsync("/");
            Assert.Contains("data-testid=\"total-articles\"", page);
            foreach (var (path, expected) in new[]
                     {
                         ("/_content/MudBlazor/MudBlazor.min.css", ".mud-"), ("/_content/MudBlazor/MudBlazor.min.js", "mudElementRef"),
                         ("/_framework/blazor.web.js", "Blazor"), ("/css/app.css", "total-card"), ("/favicon.svg", "<svg"),
                         ("/AiNewsDashboard.Web.styles.css", "components-reconnect"),
                     })
            {
                var response = await http.GetAsync(path);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
                Assert.Contains(expected, await response.Content.ReadAsStringAsync());
            }
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }
    }

    private static async Task WaitForHealthyAsync(HttpClient http, Process app)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (app.HasExited)
                Assert.Fail($"the app exited with {app.ExitCode}: {await app.StandardError.ReadToEndAsync()}");
            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        Assert.Fail("the app did not become healthy within 60 s");
    }

    internal static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
