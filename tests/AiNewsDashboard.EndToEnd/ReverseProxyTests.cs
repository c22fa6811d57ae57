using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Proxy;
using AiNewsDashboard.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AiNewsDashboard.EndToEnd;

/// <summary>
/// Two dashboard instances on one database behind the sample proxy (src/AiNewsDashboard.Proxy, its proxy.json as
/// shipped, only the instances' addresses replaced): a browser's circuit lives on one instance, every request of it
/// goes there, and an import through the other instance still shows on its open page.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ReverseProxyTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    /// <summary>Blazor requests (negotiate, the circuit's WebSocket) each instance received.</summary>
    private readonly ConcurrentDictionary<string, int> _blazorRequests = new();
    private readonly Dictionary<string, WebApplicationFactory<Program>> _instances = [];
    private WebApplication _proxy = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private string _proxyUrl = "";

    public async Task InitializeAsync()
    {
        // The first instance seeds the demo corpus; the second opens the same file. Each counts the Blazor requests it serves.
        var urls = new List<string>();
        foreach (var name in new[] { "a", "b" })
        {
            var instance = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
            {
                b.UseSetting("ConnectionStrings:News", SqliteStore.ConnectionStringForFile(_dir.PathOf("news.db")));
                b.UseSetting("Demo:Enabled", name == "a" ? "true" : "false");
                b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new CountBlazorRequests(_blazorRequests, name)));
            });
            instance.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            instance.StartServer();
            _instances[name] = instance;
            urls.Add(instance.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/'));
        }

        _proxy = ProxyHost.Build([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["ReverseProxy:Clusters:dashboard:Destinations:a:Address"] = urls[0] + "/",
            ["ReverseProxy:Clusters:dashboard:Destinations:b:Address"] = urls[1] + "/",
        }));
        await _proxy.StartAsync();
        _proxyUrl = _proxy.Urls.First().TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        _browser = await Browser.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.CloseAsync();
        _playwright?.Dispose();
        if (_proxy is not null)
            await _proxy.DisposeAsync();
        foreach (var instance in _instances.Values)
            await instance.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private sealed class CountBlazorRequests(ConcurrentDictionary<string, int> counts, string instance) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, call) =>
            {
                if (context.Request.Path.StartsWithSegments("/_blazor"))
                    counts.AddOrUpdate(instance, 1, (_, n) => n + 1);
                await call(context);
            });
            next(app);
        };
    }

    [BrowserFact]
    public async Task ThroughTheProxy_ACircuitStaysOnOneInstance_AndAnImportOnTheOtherShowsOnItsPage()
    {
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.Response += (_, r) => { if (r.Status >= 400) errors.Add($"{r.Status} {r.Url}"); };
        await page.GotoAsync(_proxyUrl + "/");
        await page.WaitForSelectorAsync("#circuit-state[data-interactive=true]", new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        var total = page.Locator("[data-testid=total-articles] .total-value");
        var before = int.Parse((await total.InnerTextAsync()).Replace(",", ""), CultureInfo.InvariantCulture);

        // The proxy pinned the browser with its affinity cookie; clicks are answered by the circuit, through the proxy.
        var cookies = await page.Context.CookiesAsync([_proxyUrl]);
        Assert.Contains(cookies, c => c.Name == ".AiNews.Instance");
        await page.Locator("nav a[href^='/timeline']").First.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Timeline");
        await page.Locator("nav a[href='/'], nav a[href^='/?']").First.ClickAsync();
        await Assertions.Expect(total).ToBeVisibleAsync();

        // Every Blazor request of the session reached one instance: a circuit split across two would not start.
        var served = _blazorRequests.Where(kv => kv.Value > 0).Select(kv => kv.Key).ToArray();
        var holder = Assert.Single(served);

        // Import through the instance that does not hold the circuit; the open page shows the new articles without a reload.
        var other = _instances.Single(kv => kv.Key != holder).Value.Services;
        var files = Enumerable.Range(1, 3).Select(i => ($"proxy-{i}.md", new ArticleBuilder().From("proxy.example").Titled($"Through the other instance {i}").Build())).ToArray();
        var report = await other.GetRequiredService<ArticleImporter>().ImportAsync(ImportSource.FromTexts(files), files.Length);
        Assert.Equal(3, report.Imported);

        await Assertions.Expect(total).ToHaveTextAsync((before + 3).ToString("N0", CultureInfo.InvariantCulture), new() { Timeout = 20_000 });
        Assert.Empty(errors);
    }
}
