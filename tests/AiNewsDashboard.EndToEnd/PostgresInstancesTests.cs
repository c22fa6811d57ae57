using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Cli;
using Microsoft.Playwright;
using Npgsql;
using Xunit.Abstractions;

namespace AiNewsDashboard.EndToEnd;

/// <summary>A browser test on PostgreSQL: skipped with the reason printed when Chromium or PostgreSQL is missing, except in CI.</summary>
public sealed class PostgresBrowserFactAttribute : FactAttribute
{
    public PostgresBrowserFactAttribute()
    {
        if (Browser.ExecutablePath is null && !Browser.IsCi)
            Skip = $"Chromium not found at {Browser.DefaultPath} (install it with: apt-get install -y chromium). In CI (CI=true) this fails instead.";
        else if (PostgresServer.SkipReason is { } reason)
            Skip = reason;
    }
}

/// <summary>
/// Two instances of the app as real processes (the built executable, as a user starts it, Accounts mode) on one
/// PostgreSQL database and one shared upload folder (<c>Import:UploadFolder</c>), as on two machines: a sign-in on one
/// holds on the other (the Data Protection keys are in the database), an upload on one shows on a page open on the
/// other (LISTEN/NOTIFY), and an upload whose instance is killed mid-import is taken over by the other once its lease
/// lapses, every article imported once.
/// </summary>
[Trait("Category", "Slow")]
public sealed class PostgresInstancesTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string User = "ada", Password = "correct horse battery";
    private readonly TempDirectory _dir = new();
    private readonly List<AppProcess> _apps = [];
    private string _db = "";
    private AppProcess _a = null!, _b = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    private static ILocatorAssertions Expect(ILocator l) => Assertions.Expect(l);
    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
    private string UploadFolder => _dir.PathOf("shared-uploads");

    public async Task InitializeAsync()
    {
        _db = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        // The first administrator, made by the app's own command, as the docs tell an operator to.
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await CommandLine.RunAsync(["users", "add", User, "--role", "Admin", "--db", _db], stdout, stderr, stdin: new StringReader(Password + "\n"));
        Assert.True(code == 0, $"users add failed ({code}): {stderr}{stdout}");

        _a = await StartAsync("a");
        _b = await StartAsync("b");

        _playwright = await Playwright.CreateAsync();
        _browser = await Browser.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.CloseAsync();
        _playwright?.Dispose();
        foreach (var app in _apps)
            await app.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        _dir.Dispose();
    }

    [PostgresBrowserFact]
    public async Task SignIn_OnOneInstance_TheCookieIsAcceptedByTheOther()
    {
        var page = await SignInAsync(_a);
        var cookie = Assert.Single(await page.Context.CookiesAsync([_a.Url]), c => c.Name == "AiNewsDashboard.Auth");

        using var withCookie = Client(_b.Url);
        withCookie.DefaultRequestHeaders.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        using var without = Client(_b.Url);

        // B never saw this sign-in: it reads the cookie with the key ring A stored in the database.
        var answer = await withCookie.GetAsync("/api/stats/topics/pairs");
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"B answered {(int)answer.StatusCode} to A's cookie");
        Assert.Equal(HttpStatusCode.Unauthorized, (await without.GetAsync("/api/stats/topics/pairs")).StatusCode);
        // The pages too: signed in on B, not sent to its login page.
        var home = await withCookie.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains(User, await home.Content.ReadAsStringAsync());
    }

    [PostgresBrowserFact]
    public async Task Upload_OnOneInstance_ShowsOnAnOverviewOpenOnTheOther_WithinTwoSeconds()
    {
        var import = await SignInAsync(_a, "/import");
        // Cookies go by host, not port: the same browser is signed in on B with A's cookie.
        var (overview, errors) = await OpenAsync(import.Context, _b, "/");
        var total = overview.Locator("[data-testid=total-articles] .total-value");
        await Expect(total).Not.ToHaveTextAsync("…");
        var before = int.Parse((await total.InnerTextAsync()).Replace(",", ""), CultureInfo.InvariantCulture);

        string[] files = [.. Enumerable.Range(1, 3).Select(i => _dir.Write($"live/{i}.md",
            new ArticleBuilder().From("live.example").Titled($"Uploaded on A {i}").PublishedOn(2026, 1, i).Build()))];
        await Browser.UploadAsync(import, files);

        // B's open page must follow through PostgreSQL's NOTIFY, without a reload: looked at every 50 ms, timed from
        // the import's commit as A recorded it in the history.
        var expected = N(before + 3);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await total.InnerTextAsync() != expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"B's page still shows {await total.InnerTextAsync()} articles 30 s after the upload, not {expected}. B's log:\n{_b.Log}");
            await Task.Delay(50);
        }
        var seenAt = DateTime.UtcNow;
        var job = import.Locator("[data-testid=import-job][data-state=finished]");
        await Expect(job.Locator("[data-testid=count-imported]")).ToHaveTextAsync("3 imported", new() { Timeout = 30_000 });
        var committedAt = await ValueAsync<DateTime>("""SELECT "FinishedAt" FROM "ImportRuns" WHERE "Source" LIKE '%1.md%'""");
        var refresh = seenAt - committedAt;
        output.WriteLine($"live refresh on B: {refresh.TotalMilliseconds:0} ms after A's import committed");
        Assert.True(refresh <= TimeSpan.FromSeconds(2), $"B's page refreshed {refresh.TotalSeconds:0.00} s after the commit, more than 2 s");
        Assert.Empty(errors);
    }

    [PostgresBrowserFact]
    public async Task Kill_AnInstanceImportingAnUpload_TheOtherTakesItOverOnceTheLeaseLapses_AndImportsEveryArticleOnce()
    {
        const int articles = 30_000;
        var zip = _dir.PathOf("takeover.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
            for (var i = 0; i < articles; i++)
            {
                using var w = new StreamWriter(archive.CreateEntry($"takeover/{i:00000}.md", CompressionLevel.Fastest).Open());
                w.Write(new ArticleBuilder().From("takeover.example").PublishedAt(new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i)).Build());
            }
        var import = await SignInAsync(_a, "/import");
        await Browser.UploadAsync(import, zip);
        await Expect(import.Locator("[data-testid=import-job][data-state=running]")).ToBeVisibleAsync(new() { Timeout = 120_000 });
        // Killed between batches: the first is committed (10,000 articles), the next is in flight.
        await WaitForAsync(async () => await TakeoverArticlesAsync() > 0, "A's first batch", TimeSpan.FromSeconds(120));

        // B runs on this machine and would see A's process is gone and take over at once; A's leases are made to name
        // another machine first, so B must wait for them to lapse, as it would for an instance on another server.
        var expires = await RenameHolderAsync(_a.Process.Id);
        // SIGKILL: no graceful stop, no lease given up; as a machine that dies.
        _a.Process.Kill(entireProcessTree: true);
        await _a.Process.WaitForExitAsync();
        var killedAt = DateTime.UtcNow;
        var committedAtKill = await TakeoverArticlesAsync();
        output.WriteLine($"killed A with {committedAtKill:N0} of {articles:N0} articles committed");
        Assert.True(committedAtKill < articles, "the import had finished before the kill: make the upload larger");

        var run = await WaitForResumedRunAsync(TimeSpan.FromSeconds(180));
        output.WriteLine($"takeover: A's lease lapsed {(expires - killedAt).TotalSeconds:0.0} s after the kill; B started the upload's import " +
                         $"{(run.StartedAt - killedAt).TotalSeconds:0.0} s after the kill ({(run.StartedAt - expires).TotalSeconds:0.0} s after the lapse) " +
                         $"and had all {articles:N0} articles in {(DateTime.UtcNow - killedAt).TotalSeconds:0.0} s after the kill");
        Assert.True(run.StartedAt >= expires, $"B took the upload at {run.StartedAt:O}, before A's lease lapsed at {expires:O}");
        Assert.Null(run.Error);
        Assert.Equal((articles - committedAtKill, committedAtKill), ((long)run.Imported, (long)run.Unchanged)); // what A committed is found unchanged

        Assert.Equal(articles, await TakeoverArticlesAsync());
        Assert.Equal(articles, await ScalarAsync("""SELECT COUNT(DISTINCT "Url") FROM "Articles" WHERE "Url" LIKE 'https://takeover.example/%'"""));
        await Wait.UntilAsync(() => !Directory.EnumerateFileSystemEntries(UploadFolder).Any(), "the imported upload's folder to be deleted");
    }

    private async Task WaitForAsync(Func<Task<bool>> condition, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.False(_a.Process.HasExited, $"A exited: {_a.Log}");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds:0} s");
            await Task.Delay(50);
        }
    }

    private Task<long> TakeoverArticlesAsync() =>
        ScalarAsync("""SELECT COUNT(*) FROM "Articles" WHERE "Url" LIKE 'https://takeover.example/%' AND NOT "IsReference" """);

    /// <summary>
    /// Makes the leases of <paramref name="pid"/> name another machine (it can't renew them any more); returns when the
    /// upload's lapses.
    /// </summary>
    private async Task<DateTime> RenameHolderAsync(int pid)
    {
        var prefix = $"{Environment.MachineName}:{pid}:";
        await using var c = new NpgsqlConnection(_db);
        await c.OpenAsync();
        await using (var rename = new NpgsqlCommand("""UPDATE "Leases" SET "Holder" = 'another-machine:' || substr("Holder", length(@p) + 1) WHERE starts_with("Holder", @p)""", c))
        {
            rename.Parameters.AddWithValue("p", prefix);
            Assert.True(await rename.ExecuteNonQueryAsync() >= 1, "A held no lease: its upload was not waiting under one");
        }
        await using var expires = new NpgsqlCommand("""SELECT "ExpiresUtc" FROM "Leases" WHERE "Name" LIKE 'upload:%' AND starts_with("Holder", 'another-machine:')""", c);
        return (DateTime)(await expires.ExecuteScalarAsync())!;
    }

    private sealed record ResumedRun(DateTime StartedAt, int Imported, int Unchanged, string? Error);

    private async Task<ResumedRun> WaitForResumedRunAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_b.Process.HasExited, $"B exited: {_b.Log}");
            await using (var c = new NpgsqlConnection(_db))
            {
                await c.OpenAsync();
                await using var cmd = new NpgsqlCommand("""
                    SELECT "StartedAt", "Imported", "Unchanged", "Error" FROM "ImportRuns"
                    WHERE "Source" LIKE '%(resumed after a restart)' AND "FinishedAt" IS NOT NULL
                    """, c);
                await using var r = await cmd.ExecuteReaderAsync();
                if (await r.ReadAsync())
                    return new ResumedRun(r.GetDateTime(0), r.GetInt32(1), r.GetInt32(2), r.IsDBNull(3) ? null : r.GetString(3));
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"B did not import the killed instance's upload within {timeout.TotalSeconds:0} s. B's log:\n{_b.Log}");
    }

    private async Task<long> ScalarAsync(string sql) => Convert.ToInt64(await ValueAsync<object>(sql), CultureInfo.InvariantCulture);

    private async Task<T> ValueAsync<T>(string sql)
    {
        await using var c = new NpgsqlConnection(_db);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Signs in on <paramref name="app"/>'s login page and lands on <paramref name="path"/>, interactive.</summary>
    private async Task<IPage> SignInAsync(AppProcess app, string path = "/")
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{app.Url}/login?ReturnUrl={Uri.EscapeDataString(path)}");
        await page.Locator("[data-testid=login-user]").FillAsync(User);
        await page.Locator("[data-testid=login-password]").FillAsync(Password);
        await page.Locator("[data-testid=login-submit]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(app.Url + path) + "$"));
        await page.WaitForSelectorAsync("#circuit-state[data-interactive=true]", new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        return page;
    }

    private static async Task<(IPage Page, List<string> Errors)> OpenAsync(IBrowserContext context, AppProcess app, string path)
    {
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.Response += (_, r) => { if (r.Status >= 400) errors.Add($"{r.Status} {r.Url}"); };
        await page.GotoAsync(app.Url + path);
        await page.WaitForSelectorAsync("#circuit-state[data-interactive=true]", new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        return (page, errors);
    }

    private static HttpClient Client(string url) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(url) };

    /// <summary>Starts the built app on a free port, on the test's database and upload folder, and waits for /healthz.</summary>
    private async Task<AppProcess> StartAsync(string name)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        listener.Stop();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     typeof(CommandLine).Assembly.Location, "--urls", url, "--db", _db, "--no-demo", "--environment", "Production",
                     "--Auth:Mode=Accounts", $"--Import:UploadFolder={UploadFolder}",
                 })
            psi.ArgumentList.Add(arg);
        var app = new AppProcess(name, url, Process.Start(psi)!);
        _apps.Add(app);
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(app.Process.HasExited, $"instance {name} exited: {app.Log}");
            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                    return app;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"instance {name} did not become healthy within 60 s: {app.Log}");
    }

    /// <summary>One running instance; its output is read as it comes (a full pipe would block it) and kept for failures.</summary>
    private sealed class AppProcess : IAsyncDisposable
    {
        private readonly StringBuilder _log = new();

        public AppProcess(string name, string url, Process process)
        {
            (Name, Url, Process) = (name, url, process);
            process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public string Name { get; }
        public string Url { get; }
        public Process Process { get; }

        public string Log
        {
            get { lock (_log) return _log.ToString(); }
        }

        public async ValueTask DisposeAsync()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                await Process.WaitForExitAsync();
            }
            Process.Dispose();
        }
    }
}
