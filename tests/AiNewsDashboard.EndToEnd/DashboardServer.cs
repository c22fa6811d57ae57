using System.Net;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AiNewsDashboard.EndToEnd;

/// <summary>The real app on a real loopback port with the demo corpus, and one Chromium for the test class.</summary>
public class DashboardServer : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";
    public string DatabasePath => _dir.PathOf("news.db");
    /// <summary>The running app's services (to queue an import directly, as the watch folder does).</summary>
    public IServiceProvider Services => _factory!.Services;
    /// <summary>A scratch folder for files the test makes (uploads, corpora).</summary>
    public TempDirectory Files => _dir;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        StartApp();

        _playwright = await Playwright.CreateAsync();
        Browser = await EndToEnd.Browser.LaunchAsync(_playwright);
    }

    private void StartApp()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:News", SqliteStore.ConnectionStringForFile(_dir.PathOf("news.db")));
            b.UseSetting("Demo:Enabled", "true");
            Configure(b);
        });
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        BaseUrl = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    /// <summary>Stops the app and starts it again on the same database file (a new port: pages must be opened again).</summary>
    public async Task RestartAsync()
    {
        await _factory!.DisposeAsync();
        SqliteConnection.ClearAllPools();
        StartApp();
    }

    /// <summary>Settings on top of the defaults, for a fixture that needs another mode.</summary>
    protected virtual void Configure(IWebHostBuilder builder) { }

    /// <summary>A fresh page that records console errors, opened at <paramref name="path"/> once the circuit is interactive.</summary>
    public async Task<(IPage Page, List<string> Errors)> OpenAsync(string path)
    {
        var (page, errors) = await NewPageAsync();
        await page.GotoAsync(BaseUrl + path);
        // A click before the circuit is up does nothing: wait for the layout's marker.
        await page.WaitForSelectorAsync("#circuit-state[data-interactive=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        return (page, errors);
    }

    /// <summary>A fresh page that records console errors, CSP violations, dialogs and failed requests; not opened anywhere yet.</summary>
    public async Task<(IPage Page, List<string> Errors)> NewPageAsync()
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        var errors = new List<string>();
        // Article images live on other sites; tests never leave this machine, so a stand-in answers for them.
        await page.RouteAsync(url => !url.StartsWith(BaseUrl, StringComparison.Ordinal),
            route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "image/gif", BodyBytes = TransparentGif }));
        // A refused script, style, image or worker must fail the test, not just leave a blank chart: report each
        // Content-Security-Policy violation as a console error (Chromium also logs most as "Refused to ...").
        await page.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`));");
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        // Hostile article text must never open a dialog (alert, confirm, prompt): record it and dismiss it.
        page.Dialog += async (_, d) => { errors.Add($"dialog: {d.Message}"); await d.DismissAsync(); };
        page.PageError += (_, e) => errors.Add(e);
        page.Response += (_, r) => { if (r.Status >= 400) errors.Add($"{r.Status} {r.Url}"); };
        return (page, errors);
    }

    /// <summary>One number straight from the test database (see <see cref="DatabaseOracle"/>).</summary>
    public Task<long> ScalarAsync(string sql) => DatabaseOracle.ScalarAsync(DatabasePath, sql);

    public async Task<string> StringAsync(string sql) =>
        Convert.ToString(await DatabaseOracle.ValueAsync(DatabasePath, sql), System.Globalization.CultureInfo.InvariantCulture) ?? "";

    private static readonly byte[] TransparentGif = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_factory is not null)
            await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
