using System.Diagnostics;
using System.Globalization;
using AiNewsDashboard.Store.Postgres;
using Microsoft.Playwright;

namespace AiNewsDashboard.Benchmarks;

/// <summary>
/// What one open dashboard session costs the server: the managed heap after a full collection (a heap snapshot by
/// <c>dotnet-gcdump</c>, from the repository's tool manifest) with none, then <c>--sessions</c> N, then 3N sessions of one
/// page open, for each main page. The cost per session is the growth from N to 3N: the growth from none to N also holds
/// what the first sessions fill once (shared array pools, JSON metadata, the JIT's work). Resident memory is no measure of
/// it: the garbage collector keeps and returns memory at its own pace (tens of MiB either way). <c>--pages</c> (comma
/// separated) measures only those pages; <c>--reports</c> DIR keeps each snapshot's report (bytes and objects by type),
/// so that what a session holds shows as the difference between the reports with N and with 3N sessions. A SQLite
/// <c>--db</c> is copied for each page; a PostgreSQL one (<c>Host=…</c>, <c>postgres://…</c>) is opened as it is, since the
/// app adds to it only what its background work files (copy detection's keys, title keys).
/// </summary>
internal static class SessionsBenchmark
{
    private static readonly string[] Pages = ["/", "/timeline", "/topics", "/providers", "/articles", "/signals"];

    public static async Task RunAsync(int sessions, string? db, IReadOnlyList<string>? pages = null, string? reports = null)
    {
        var dir = Directory.CreateTempSubdirectory("ainews-sessions-");
        try
        {
            using var playwright = await Playwright.CreateAsync();
            Console.WriteLine($"server heap per open session, {sessions} then {3 * sessions} sessions of each page " +
                              $"({(db is null ? "the demo corpus" : db)}); goal 1,024 KiB");
            if (reports is not null)
                Directory.CreateDirectory(reports);
            foreach (var path in pages ?? Pages)
            {
                // A fresh app for each page: closed sessions' circuits stay in memory for minutes (the reconnection window).
                var file = db is null ? Path.Combine(dir.FullName, "demo.db") : PostgresStore.Recognizes(db) ? db : CopyOf(db, dir.FullName);
                using var app = AppProcess.Start(db is null ? ["--db", file] : ["--db", file, "--no-demo"]);
                using var http = new HttpClient { BaseAddress = new Uri(app.Url) };
                await app.WaitHealthyAsync(http);
                await Task.Delay(5000); // the demo seeding and the first snapshot
                await using var browser = await AppProcess.LaunchChromiumAsync(playwright);
                // Twice opened and closed first: the server's first renders of the page (code, caches) are not a session's cost.
                for (var i = 0; i < 2; i++)
                {
                    var warm = await browser.NewContextAsync();
                    await OpenAsync(warm, app.Url + path);
                    await warm.CloseAsync();
                }
                var none = await HeapAsync(app.Process.Id, dir.FullName, ReportPath(reports, path, 0));
                var contexts = new List<IBrowserContext>();
                for (var i = 0; i < sessions; i++)
                    contexts.Add(await OpenNewAsync(browser, app.Url + path));
                var some = await HeapAsync(app.Process.Id, dir.FullName, ReportPath(reports, path, sessions));
                for (var i = 0; i < 2 * sessions; i++)
                    contexts.Add(await OpenNewAsync(browser, app.Url + path));
                var more = await HeapAsync(app.Process.Id, dir.FullName, ReportPath(reports, path, 3 * sessions));
                Console.WriteLine($"{path,-11} heap {Mib(none)} → {Mib(some)} → {Mib(more)} MiB; " +
                                  $"{(more - some) / 1024.0 / (2 * sessions):N0} KiB a session ({(some - none) / 1024.0 / sessions:N0} KiB over the first {sessions})");
                foreach (var context in contexts)
                    await context.CloseAsync();
                await app.StopAsync(TimeSpan.FromSeconds(30));
                foreach (var f in Directory.GetFiles(dir.FullName))
                    File.Delete(f);
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string? ReportPath(string? reports, string page, int sessions) => reports is null ? null
        : Path.Combine(reports, $"{(page == "/" ? "overview" : page.Trim('/').Replace('/', '-'))}-{sessions}.txt");

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("N1", CultureInfo.InvariantCulture);

    private static string CopyOf(string db, string dir)
    {
        var copy = Path.Combine(dir, Path.GetFileName(db));
        File.Copy(db, copy, overwrite: true);
        return copy;
    }

    private static async Task<IBrowserContext> OpenNewAsync(IBrowser browser, string url)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
        await OpenAsync(context, url);
        return context;
    }

    /// <summary>Opens the page and waits until its circuit is interactive and its data is drawn.</summary>
    private static async Task OpenAsync(IBrowserContext context, string url)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.NetworkIdle, Timeout = 120_000 });
        await page.WaitForSelectorAsync("#circuit-state[data-interactive=true]", new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
        await page.WaitForTimeoutAsync(1000);
    }

    /// <summary>The app's managed heap after a full collection, from a heap snapshot (<c>dotnet gcdump</c>).</summary>
    private static async Task<long> HeapAsync(int pid, string dir, string? reportPath)
    {
        await Task.Delay(2000);
        var file = Path.Combine(dir, "heap.gcdump");
        await RunToolAsync(["gcdump", "collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", file]);
        var report = await RunToolAsync(["gcdump", "report", file]);
        File.Delete(file);
        if (reportPath is not null)
            await File.WriteAllTextAsync(reportPath, report);
        // The report's first line: "     39,000,810  GC Heap bytes".
        var first = report.Split('\n').FirstOrDefault(l => l.Contains("GC Heap bytes", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"dotnet gcdump report printed no heap size: {report}");
        return long.Parse(first.Replace("GC Heap bytes", "").Trim(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }

    private static Task<string> RunToolAsync(string[] args) =>
        AppProcess.RunDotnetAsync(args, "is the tool installed? run `dotnet tool restore` in the repository");
}
