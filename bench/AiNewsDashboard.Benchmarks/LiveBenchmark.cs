using System.Diagnostics;
using System.Globalization;
using AiNewsDashboard.Demo;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace AiNewsDashboard.Benchmarks;

/// <summary>
/// The app as a service under load: the real executable (Production), a watch folder, and N real Chromium sessions
/// (one browser context each, i.e. one Blazor circuit each) on the dashboard pages. The corpus is imported twice,
/// into fresh databases: alone, then with the sessions open. Prints the import rate of both (from the import
/// history's own start and finish), page response times during the import (a plain HTTP client fetching the full
/// server-rendered overview once a second), session errors, and the server's memory per open session (resident set
/// before and after opening them).
/// </summary>
internal static class LiveBenchmark
{
    private static readonly string[] Paths = ["/", "/timeline", "/topics", "/providers", "/articles"];

    public static async Task RunAsync(int articles, int sessions)
    {
        var work = Path.Combine(Path.GetTempPath(), "ainews-live-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        try
        {
            Console.WriteLine($"cores: {Environment.ProcessorCount}, articles: {articles:N0}, sessions: {sessions}");
            var corpus = Path.Combine(work, "corpus");
            var sw = Stopwatch.StartNew();
            new DemoCorpusGenerator().WriteTo(corpus, articles);
            Console.WriteLine($"generate: {sw.Elapsed.TotalSeconds:0.0} s");

            var cli = await CliOnceAsync(work, corpus, articles);
            var alone = await RunOnceAsync(work, "alone", corpus, articles, 0, niced: false);
            var loaded = await RunOnceAsync(work, "loaded", corpus, articles, sessions, niced: false);
            var nicedRun = await RunOnceAsync(work, "loaded, browsers niced", corpus, articles, sessions, niced: true);
            Console.WriteLine();
            Console.WriteLine($"import by the command line: {cli:0.0} s, {articles / cli:N0} articles/s");
            Console.WriteLine($"import in the app, alone:   {alone.Seconds:0.0} s, {articles / alone.Seconds:N0} articles/s ({cli / alone.Seconds:P0} of the command line's speed)");
            Console.WriteLine($"import, {sessions} sessions, their browsers on the same cores: {loaded.Seconds:0.0} s, {articles / loaded.Seconds:N0} articles/s " +
                              $"({cli / loaded.Seconds:P0} of the command line's speed; the server used {loaded.ServerCpu:0.0} s of CPU, the rest of the machine {loaded.OtherCpu:0.0} s)");
            Console.WriteLine($"import, {sessions} sessions, their browsers niced (as if on the users' machines): {nicedRun.Seconds:0.0} s, {articles / nicedRun.Seconds:N0} articles/s " +
                              $"({cli / nicedRun.Seconds:P0} of the command line's speed; the server used {nicedRun.ServerCpu:0.0} s of CPU, the rest of the machine {nicedRun.OtherCpu:0.0} s)");
            Console.WriteLine($"overview GET during the import, alone:  {Run.Latency(alone.Latencies)}");
            Console.WriteLine($"overview GET during the import, loaded: {Run.Latency(loaded.Latencies)}");
            Console.WriteLine($"overview GET during the import, niced:  {Run.Latency(nicedRun.Latencies)}");
            var sessionErrors = loaded.SessionErrors.Concat(nicedRun.SessionErrors).ToList();
            Console.WriteLine($"failed requests: {alone.FailedRequests + loaded.FailedRequests + nicedRun.FailedRequests}; session errors: {sessionErrors.Count}" +
                              (sessionErrors.Count > 0 ? $" (first: {sessionErrors[0]})" : ""));
            foreach (var run in new[] { loaded, nicedRun })
                Console.WriteLine($"{run.Name}: sessions still interactive at the end: {run.Interactive} of {sessions}; overviews on the final total: {run.OverviewsCurrent} of {run.Overviews}");
            Console.WriteLine($"server memory: {loaded.RssBefore / 1048576.0:N0} MiB before the sessions, {loaded.RssAfterOpen / 1048576.0:N0} MiB with them open " +
                              $"({(loaded.RssAfterOpen - loaded.RssBefore) / 1024.0 / Math.Max(1, sessions):N0} KiB per session), {loaded.RssPeak / 1048576.0:N0} MiB peak during the import");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    private sealed record Run(string Name, double Seconds, double ServerCpu, double OtherCpu, List<double> Latencies, int FailedRequests, List<string> SessionErrors, long RssBefore, long RssAfterOpen,
        long RssPeak, int Interactive, int Overviews, int OverviewsCurrent)
    {
        public static string Latency(List<double> ms)
        {
            if (ms.Count == 0)
                return "no samples";
            var sorted = ms.Order().ToArray();
            return $"p50 {sorted[sorted.Length / 2]:0} ms, p95 {sorted[(int)(sorted.Length * 0.95)]:0} ms, max {sorted[^1]:0} ms ({sorted.Length} requests)";
        }
    }

    /// <summary>The same corpus imported by the command line into a fresh database: the importer's time from its history row.</summary>
    private static async Task<double> CliOnceAsync(string work, string corpus, int articles)
    {
        var db = Path.Combine(work, "cli.db");
        await AppProcess.RunCliAsync("import", corpus, "--db", db);
        var seconds = FinishedRun(db, articles) ?? throw new InvalidOperationException("the command line's import left no finished history row");
        Console.WriteLine($"command line: imported {articles:N0} in {seconds:0.0} s");
        return seconds;
    }

    private static async Task<Run> RunOnceAsync(string work, string name, string corpus, int articles, int sessions, bool niced)
    {
        var slug = name.Replace(", ", "-", StringComparison.Ordinal).Replace(' ', '-');
        var db = Path.Combine(work, $"{slug}.db");
        var inbox = Path.Combine(work, $"inbox-{slug}");
        Directory.CreateDirectory(inbox);
        using var server = AppProcess.Start("--db", db, "--no-demo", "--environment", "Production", $"--Import:WatchFolder={inbox}",
            "--Import:WatchDebounceMs=500", "--Logging:LogLevel:Default=Warning");
        var app = server.Process;
        var url = server.Url;
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await AppProcess.LaunchChromiumAsync(playwright);
        await server.WaitHealthyAsync(http);
        await http.GetStringAsync("/"); // warm: first render, snapshot loaded
        var rssBefore = AppProcess.Rss(app.Id);

        var errors = new List<string>();
        var pages = new List<(IPage Page, string Path)>();
        for (var i = 0; i < sessions; i++)
        {
            var path = Paths[i % Paths.Length];
            var page = await browser.NewPageAsync(); // a context of its own: a session, a circuit
            page.PageError += (_, e) => { lock (errors) errors.Add($"{path}: {e}"); };
            page.Console += (_, m) => { if (m.Type == "error") lock (errors) errors.Add($"{path}: {m.Text}"); };
            await page.GotoAsync(url + path);
            await page.WaitForSelectorAsync("#circuit-state[data-interactive=true]", new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
            pages.Add((page, path));
        }
        if (sessions > 0)
            await Task.Delay(3000);
        if (niced)
            AppProcess.NiceChromiumProcesses(); // every renderer is running now
        var rssAfterOpen = AppProcess.Rss(app.Id);
        Console.WriteLine($"{name}: {sessions} sessions open, server RSS {rssBefore / 1048576.0:N0} → {rssAfterOpen / 1048576.0:N0} MiB");

        // Moved in as a whole, the way a real drop lands: the watch folder picks it up.
        var dropped = Path.Combine(inbox, "drop");
        var serverCpu = app.TotalProcessorTime.TotalSeconds;
        var machineCpu = AppProcess.MachineBusySeconds();
        Directory.Move(corpus, dropped);
        var latencies = new List<double>();
        var failed = 0;
        var peak = rssAfterOpen;
        double? seconds = null;
        var deadline = DateTime.UtcNow.AddMinutes(30);
        while (seconds is null && DateTime.UtcNow < deadline)
        {
            var t = Stopwatch.StartNew();
            try
            {
                var response = await http.GetAsync("/");
                await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode)
                    latencies.Add(t.Elapsed.TotalMilliseconds);
                else
                    failed++;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                failed++;
            }
            peak = Math.Max(peak, AppProcess.Rss(app.Id));
            seconds = FinishedRun(db, articles);
            await Task.Delay(1000);
        }
        serverCpu = app.TotalProcessorTime.TotalSeconds - serverCpu;
        machineCpu = AppProcess.MachineBusySeconds() - machineCpu;
        Directory.Move(dropped, corpus);
        if (seconds is null)
            throw new TimeoutException($"{name}: the import did not finish in 30 minutes");
        Console.WriteLine($"{name}: imported {articles:N0} in {seconds:0.0} s; CPU from the drop until the benchmark saw it finished: " +
                          $"the server {serverCpu:0.0} s, everything else on the machine (browsers, this benchmark, other work) {machineCpu - serverCpu:0.0} s");

        var expected = Count(db).ToString("N0", CultureInfo.InvariantCulture);
        var overviews = pages.Where(p => p.Path == "/").ToList();
        var current = 0;
        await Task.Delay(8000); // live refresh: a check every 2 s, plus the snapshot reload
        foreach (var (page, _) in overviews)
            if ((await page.Locator("[data-testid=total-articles] .total-value").InnerTextAsync()).Trim() == expected)
                current++;
        var interactive = 0;
        foreach (var (page, _) in pages)
            if (await page.Locator("#circuit-state").GetAttributeAsync("data-interactive") == "true")
                interactive++;
        List<string> sessionErrors;
        lock (errors)
            sessionErrors = [.. errors]; // what comes after is the app being stopped under them
        return new Run(name, seconds.Value, serverCpu, machineCpu - serverCpu, latencies, failed, sessionErrors, rssBefore, rssAfterOpen, peak, interactive, overviews.Count, current);
    }

    /// <summary>The watch-folder run over the whole corpus from the app's own history: its duration, or null while it runs.</summary>
    private static double? FinishedRun(string db, int articles)
    {
        using var c = Open(db);
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT StartedAt, FinishedAt FROM ImportRuns WHERE Files = {articles} AND Cancelled = 0 AND Error IS NULL";
        using var r = cmd.ExecuteReader();
        if (!r.Read())
            return null;
        return (DateTime.Parse(r.GetString(1), CultureInfo.InvariantCulture) - DateTime.Parse(r.GetString(0), CultureInfo.InvariantCulture)).TotalSeconds;
    }

    private static int Count(string db)
    {
        using var c = Open(db);
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM Articles WHERE IsReference = 0";
        return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>The app's database, read on a connection of the benchmark's own (never creating the file).</summary>
    private static SqliteConnection Open(string db)
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        c.Open();
        return c;
    }
}
