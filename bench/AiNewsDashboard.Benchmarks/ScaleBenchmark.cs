using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Demo;
using AiNewsDashboard.Store.Postgres;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Npgsql;

namespace AiNewsDashboard.Benchmarks;

/// <summary>
/// The app at scale, on either store, measured from outside as its users meet it: a cached real-shaped corpus of N
/// articles from 2,000 providers (prepared once, resumable, its disk use reported), then the real executable started
/// cold on it. Prints the time to the first answer, the resident memory, p50/p95 of every stats endpoint and the first
/// article page under random filter combinations (HTTP, seeded), <c>/api/graph</c> at 10,000 nodes, memory per open
/// dashboard session (real Chromium sessions), and the same aggregates as plain SQL GROUP BY on the same database: the
/// baseline a generic SQL dashboard would give.
/// </summary>
internal static class ScaleBenchmark
{
    private const int Providers = 2000;
    private const double GoalMs = 100;

    public static async Task RunAsync(int count, string? server, int samples, int sessions, bool prepareOnly)
    {
        Console.WriteLine($"cores: {Environment.ProcessorCount}, memory: {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, " +
                          $"articles: {count:N0}, store: {(server is null ? "SQLite" : "PostgreSQL")}");
        var store = server is null ? await PrepareSqliteAsync(count) : await PreparePostgresAsync(server, count);
        foreach (var line in QueryBenchmark.RecordedImports(store.Key))
            Console.WriteLine($"  recorded {line}");
        Console.WriteLine($"disk: {store.DiskBytes() / (double)(1L << 30):0.00} GiB ({store.Describe})");
        if (prepareOnly)
            return;

        var plan = await PlanAsync(store, samples);

        // Twice: the first start reads the whole store (no snapshot file yet; an upgrade may also migrate), then stops as
        // a service manager stops it, which writes the snapshot file; the second is the plain cold start, from that file.
        // Where the app keeps it: beside a SQLite file; for a server, in data/snapshots under the working directory the
        // app inherits from this process, named after the database.
        var snapshotFiles = store.IsPostgres
            ? Path.GetFullPath(Path.Combine("data", "snapshots"))
            : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(store.DbArgument))!, "snapshots");
        var snapshotPattern = store.IsPostgres ? $"ainews_scale_{count}-*.facts" : "*.facts";
        if (Directory.Exists(snapshotFiles))
            foreach (var old in Directory.GetFiles(snapshotFiles, snapshotPattern))
                File.Delete(old);
        for (var start = 1; start <= 2; start++)
        {
            var sw = Stopwatch.StartNew();
            using var app = AppProcess.Start("--db", store.DbArgument, "--no-demo", "--environment", "Production", "--Logging:LogLevel:Default=Warning");
            using var http = new HttpClient { BaseAddress = new Uri(app.Url), Timeout = TimeSpan.FromMinutes(5) };
            await app.WaitHealthyAsync(http);
            var healthy = sw.Elapsed;
            var first = await FirstAnswerAsync(http, "/api/stats/timeline");
            Console.WriteLine($"start {start}: healthy after {healthy.TotalSeconds:0.0} s, first answer (/api/stats/timeline) after {sw.Elapsed.TotalSeconds:0.0} s " +
                              $"({first}); goal 10 s; resident {AppProcess.Rss(app.Process.Id) / 1048576.0:N0} MiB");
            if (start == 1)
            {
                var stopped = await app.StopAsync(TimeSpan.FromMinutes(1));
                var written = Directory.Exists(snapshotFiles) ? Directory.GetFiles(snapshotFiles, snapshotPattern) : [];
                Console.WriteLine($"start 1: stopped (SIGTERM) in {stopped.TotalSeconds:0.0} s; snapshot file: " +
                                  (written.Length == 1 ? $"{new FileInfo(written[0]).Length / 1048576.0:N0} MiB" : "none"));
                continue;
            }

            // What a start sets off in the background (the story graph, copy detection's first pass, the signals'
            // warm-up) shares the two cores with the requests: the figures below are the settled app's.
            var settled = await WaitQuietAsync(app.Process, TimeSpan.FromMinutes(5));
            Console.WriteLine(settled is { } after
                ? $"background work settled {after.TotalSeconds:0} s after the first answer (the app used under 10% of a core for 5 s); resident {AppProcess.Rss(app.Process.Id) / 1048576.0:N0} MiB"
                : $"background work still running 5 min after the first answer; measuring anyway; resident {AppProcess.Rss(app.Process.Id) / 1048576.0:N0} MiB");

            await MeasureEndpointsAsync(http, plan);
            await MeasureGraphAsync(http);
            var metrics = await http.GetStringAsync("/metrics");
            if (Gauge(metrics, "ainews_snapshot_bytes") is { } bytes && Gauge(metrics, "ainews_snapshot_articles") is { } rows)
                Console.WriteLine($"snapshot: {rows:N0} rows (references included), {bytes / 1048576:N0} MiB of arrays = {bytes / rows:0.0} bytes an article; goal 40");
            Console.WriteLine($"app memory after the runs: resident {AppProcess.Rss(app.Process.Id) / 1048576.0:N0} MiB, peak {AppProcess.Rss(app.Process.Id, "VmHWM") / 1048576.0:N0} MiB; goal 2,048 MiB");
            if (sessions > 0)
                await MeasureSessionsAsync(app, sessions);
        }

        await MeasurePlainSqlAsync(store, plan);
    }

    /// <summary>A prepared store: how the app is pointed at it, where its import figures are kept, and how much disk it takes.</summary>
    private sealed record Store(string DbArgument, string Key, string Describe, Func<long> DiskBytes, Func<DbConnection> Open, bool IsPostgres);

    private static async Task<Store> PrepareSqliteAsync(int count)
    {
        await (await QueryBenchmark.PrepareAsync(count, DemoShape.RealWorld, Providers)).DisposeAsync();
        SqliteConnection.ClearAllPools();
        var path = QueryBenchmark.DatabasePathFor(count, DemoShape.RealWorld, Providers);
        return new Store(path, path, $"{path} and its -wal", () => Size(path) + Size(path + "-wal"),
            () => new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()),
            IsPostgres: false);

        static long Size(string file) => File.Exists(file) ? new FileInfo(file).Length : 0;
    }

    /// <summary>
    /// The corpus in database <c>ainews_scale_N</c> on the server, created when missing; a finished import leaves a
    /// marker file beside the SQLite caches. Interrupted, the next run imports again and skips what is stored.
    /// </summary>
    private static async Task<Store> PreparePostgresAsync(string server, int count)
    {
        var admin = new NpgsqlConnectionStringBuilder(PostgresStore.ToConnectionString(server)) { Database = "postgres", Pooling = false };
        var name = $"ainews_scale_{count}";
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var exists = new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{name}'", connection);
            if (await exists.ExecuteScalarAsync() is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync();
            }
        }
        var database = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = name, Pooling = true }.ConnectionString;
        var key = Path.Combine(Path.GetTempPath(), $"ainews-scale-postgres-{admin.Host}-{admin.Port}-{name}");
        if (!File.Exists(key + ".complete"))
        {
            var store = new PostgresStore(database);
            var options = new DbContextOptionsBuilder<NewsDbContext>();
            store.Configure(options);
            var factory = new Microsoft.EntityFrameworkCore.Infrastructure.PooledDbContextFactory<NewsDbContext>(options.Options);
            await store.InitializeAsync(factory);
            Console.WriteLine($"database: {name} on {admin.Host}:{admin.Port}; importing (resumes where it stopped)...");
            var report = await QueryBenchmark.ImportCorpusAsync(new ArticleImporter(factory, store: new PostgresArticleStore()), count, DemoShape.RealWorld, Providers);
            if (report.Files == count && report.Rejected == 0)
                await File.WriteAllTextAsync(key + ".complete", $"{count}\n");
            await QueryBenchmark.RecordImportAsync(key, report);
            NpgsqlConnection.ClearAllPools();
        }
        else
        {
            Console.WriteLine($"database: {name} on {admin.Host}:{admin.Port} (cached, {count:N0} articles)");
        }
        return new Store(database, key, $"database {name}, indexes and TOAST included", () =>
        {
            using var c = new NpgsqlConnection(database);
            c.Open();
            using var size = new NpgsqlCommand("SELECT pg_database_size(current_database())", c);
            return (long)size.ExecuteScalar()!;
        }, () => new NpgsqlConnection(database), IsPostgres: true);
    }

    /// <summary>What the random filters draw from, read once from the store: its newest day, biggest providers, topics.</summary>
    private sealed record Plan(DateOnly Newest, string[] Domains, string[] Topics, List<(string Label, string Query)> Filters);

    private static async Task<Plan> PlanAsync(Store store, int samples)
    {
        await using var c = store.Open();
        await c.OpenAsync();
        var newest = DateOnly.FromDateTime(Convert.ToDateTime(await ScalarAsync(c, $"SELECT MAX({Q(store, "PublishedAt")}) FROM {Q(store, "Articles")}"), CultureInfo.InvariantCulture));
        var domains = await ColumnAsync(c, $"""
            SELECT p.{Q(store, "Domain")} FROM {Q(store, "Articles")} a JOIN {Q(store, "Providers")} p ON p.{Q(store, "Id")} = a.{Q(store, "ProviderId")}
            GROUP BY p.{Q(store, "Domain")} ORDER BY COUNT(*) DESC
            """);
        var topics = await ColumnAsync(c, $"""
            SELECT t.{Q(store, "Name")} FROM {Q(store, "ArticleTopics")} x JOIN {Q(store, "Topics")} t ON t.{Q(store, "Id")} = x.{Q(store, "TopicId")}
            GROUP BY t.{Q(store, "Name")} ORDER BY COUNT(*) DESC LIMIT 40
            """);
        var rng = new Random(17);
        var texts = new[] { "AI", "quantum", "models", "chip OR wafer", "\"series b\" funding", "regulation -europe" };
        var filters = new List<(string, string)> { ("none", "") };
        while (filters.Count < samples)
        {
            var parts = new List<string>();
            var label = new List<string>();
            switch (rng.Next(6))
            {
                case 0: parts.Add($"from={newest.AddDays(-29):yyyy-MM-dd}&to={newest:yyyy-MM-dd}"); label.Add("30 days"); break;
                case 1: parts.Add($"from={newest.AddDays(-89):yyyy-MM-dd}&to={newest:yyyy-MM-dd}"); label.Add("90 days"); break;
                case 2:
                    var year = newest.Year - rng.Next(1, 8);
                    parts.Add($"from={year}-01-01&to={year}-12-31"); label.Add($"year {year}"); break;
            }
            switch (rng.Next(5))
            {
                case 0: parts.Add($"provider={Uri.EscapeDataString(domains[rng.Next(Math.Min(20, domains.Length))])}"); label.Add("head provider"); break;
                case 1: parts.Add($"provider={Uri.EscapeDataString(domains[domains.Length - 1 - rng.Next(Math.Min(500, domains.Length))])}"); label.Add("tail provider"); break;
                case 2:
                    parts.Add(string.Join('&', Enumerable.Range(0, 5).Select(_ => $"provider={Uri.EscapeDataString(domains[rng.Next(domains.Length)])}"))); label.Add("5 providers"); break;
            }
            if (rng.Next(3) == 0)
            {
                parts.Add($"topic={Uri.EscapeDataString(topics[rng.Next(topics.Length)])}");
                label.Add("topic");
            }
            if (rng.Next(4) == 0)
            {
                parts.Add(rng.Next(2) == 0 ? "category=news" : "category=analysis&category=opinion");
                label.Add("category");
            }
            if (rng.Next(4) == 0)
            {
                parts.Add(rng.Next(2) == 0 ? "minQuality=60" : "maxQuality=40");
                label.Add("quality");
            }
            if (rng.Next(5) == 0)
            {
                parts.Add(rng.Next(2) == 0 ? "published=true" : "published=false");
                label.Add("published");
            }
            if (rng.Next(6) == 0)
            {
                parts.Add($"q={Uri.EscapeDataString(texts[rng.Next(texts.Length)])}");
                label.Add("text");
            }
            if (rng.Next(8) == 0)
            {
                parts.Add("references=include");
                label.Add("references");
            }
            filters.Add((label.Count == 0 ? "none" : string.Join(" + ", label), string.Join('&', parts)));
        }
        Console.WriteLine($"{filters.Count} filters (seeded; the first is none), {domains.Length:N0} providers, newest day {newest:yyyy-MM-dd}");
        return new Plan(newest, domains, topics, filters);
    }

    private static readonly (string Name, string Path)[] Endpoints =
    [
        ("stats/timeline", "/api/stats/timeline"),
        ("stats/timeline by day", "/api/stats/timeline?granularity=day"),
        ("stats/timeline by topic", "/api/stats/timeline?stack=topic"),
        ("stats/topics", "/api/stats/topics"),
        ("stats/topics/heatmap", "/api/stats/topics/heatmap"),
        ("stats/topics/pairs", "/api/stats/topics/pairs"),
        ("stats/topics/emerging", "/api/stats/topics/emerging"),
        ("stats/providers", "/api/stats/providers"),
        ("stats/providers by name", "/api/stats/providers?sort=name"),
        ("stats/providers/{biggest}", "/api/stats/providers/{domain}"),
        ("articles (first page)", "/api/articles"),
        ("articles by quality", "/api/articles?sort=quality"),
        ("articles by title", "/api/articles?sort=title&dir=asc"),
        ("signals/drift", "/api/signals/drift"),
        ("signals/breaking", "/api/signals/breaking"),
        ("signals/blindspots", "/api/signals/blindspots"),
    ];

    private static async Task MeasureEndpointsAsync(HttpClient http, Plan plan)
    {
        var samples = Endpoints.ToDictionary(e => e.Name, _ => new List<(double Ms, string Filter)>());
        var failures = new List<string>();
        // Warm-up: each endpoint once, unfiltered (JIT, first use), not counted.
        foreach (var (_, path) in Endpoints)
            await GetAsync(http, Url(path, "", plan), failures);
        foreach (var (label, query) in plan.Filters)
        {
            foreach (var (name, path) in Endpoints)
            {
                var ms = await GetAsync(http, Url(path, query, plan), failures);
                if (ms is { } t)
                    samples[name].Add((t, label));
            }
        }
        Console.WriteLine();
        Console.WriteLine($"{"endpoint (HTTP, random filters)",-32} {"p50 ms",8} {"p95 ms",8} {"max ms",8}  slowest filter");
        foreach (var (name, list) in samples)
        {
            if (list.Count == 0)
            {
                Console.WriteLine($"{name,-32} no answers");
                continue;
            }
            var sorted = list.Select(s => s.Ms).Order().ToArray();
            var p95 = QueryBenchmark.Percentile(sorted, 0.95);
            Console.WriteLine($"{name,-32} {QueryBenchmark.Percentile(sorted, 0.5),8:0.0} {p95,8:0.0} {sorted[^1],8:0.0}  {list.MaxBy(s => s.Ms).Filter}" +
                              $"{(p95 > GoalMs && !name.StartsWith("signals", StringComparison.Ordinal) ? "   <-- over the goal" : "")}");
        }
        Console.WriteLine($"goal: p95 <= {GoalMs} ms for the stats endpoints and the first article page (signals shown for reference)");
        if (failures.Count > 0)
            Console.WriteLine($"failed requests: {failures.Count} (first: {failures[0]})");
    }

    private static string Url(string path, string query, Plan plan)
    {
        path = path.Replace("{domain}", Uri.EscapeDataString(plan.Domains[0]), StringComparison.Ordinal);
        return query.Length == 0 ? path : path + (path.Contains('?') ? "&" : "?") + query;
    }

    private static async Task<double?> GetAsync(HttpClient http, string url, List<string> failures)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            using var response = await http.GetAsync(url);
            await response.Content.ReadAsByteArrayAsync();
            if (response.IsSuccessStatusCode)
                return sw.Elapsed.TotalMilliseconds;
            failures.Add($"{url}: {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            failures.Add($"{url}: {e.Message}");
        }
        return null;
    }

    /// <summary>Waits until the process uses under a tenth of a core for 5 s; how long that took, or null after <paramref name="max"/>.</summary>
    private static async Task<TimeSpan?> WaitQuietAsync(Process process, TimeSpan max)
    {
        var sw = Stopwatch.StartNew();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        while (sw.Elapsed < max)
        {
            await Task.Delay(5000);
            process.Refresh();
            var now = process.TotalProcessorTime;
            if ((now - cpu).TotalSeconds < 0.5)
                return sw.Elapsed;
            cpu = now;
        }
        return null;
    }

    internal static async Task<string> FirstAnswerAsync(HttpClient http, string url)
    {
        while (true)
        {
            using var response = await http.GetAsync(url);
            if (response.IsSuccessStatusCode)
                return $"{(await response.Content.ReadAsByteArrayAsync()).Length:N0} bytes";
            await Task.Delay(100);
        }
    }

    private static async Task MeasureGraphAsync(HttpClient http)
    {
        var times = new List<double>();
        var failures = new List<string>();
        for (var i = 0; i < 6; i++)
            if (await GetAsync(http, "/api/graph?limit=10000", failures) is { } ms)
                times.Add(ms);
        var later = times.Skip(1).Order().ToArray();
        Console.WriteLine($"/api/graph?limit=10000: first {times.FirstOrDefault():N0} ms (builds the graph), then p50 {QueryBenchmark.Percentile(later, 0.5):N0} / " +
                          $"max {later.LastOrDefault():N0} ms; goal 300 ms{(failures.Count > 0 ? $"; failed: {failures[0]}" : "")}");
    }

    /// <summary>Opens N dashboard sessions (a browser context each, so a circuit each) and reads the server's resident memory before and after.</summary>
    private static async Task MeasureSessionsAsync(AppProcess app, int sessions)
    {
        string[] paths = ["/", "/timeline", "/topics", "/providers", "/articles"];
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await AppProcess.LaunchChromiumAsync(playwright);
        // Each page once first, closed again: the server's first render of a page (code, caches) is not a session's cost.
        foreach (var path in paths)
        {
            var context = await browser.NewContextAsync();
            var warm = await context.NewPageAsync();
            await warm.GotoAsync(app.Url + path);
            await warm.WaitForSelectorAsync("#circuit-state[data-interactive=true]", new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
            await context.CloseAsync();
        }
        await Task.Delay(3000);
        var before = AppProcess.Rss(app.Process.Id);
        for (var i = 0; i < sessions; i++)
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(app.Url + paths[i % paths.Length]);
            await page.WaitForSelectorAsync("#circuit-state[data-interactive=true]", new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
        }
        await Task.Delay(3000);
        var after = AppProcess.Rss(app.Process.Id);
        Console.WriteLine($"{sessions} sessions open: resident {before / 1048576.0:N0} → {after / 1048576.0:N0} MiB = {(after - before) / 1024.0 / sessions:N0} KiB per session; goal 1,024 KiB");
    }

    /// <summary>The same aggregates as plain SQL on the same database: what a generic SQL dashboard would wait for.</summary>
    private static async Task MeasurePlainSqlAsync(Store s, Plan plan)
    {
        var a = Q(s, "Articles");
        var day = s.IsPostgres ? "date_trunc('day', a.\"PublishedAt\")" : "substr(a.PublishedAt, 1, 10)";
        var notRef = $"a.{Q(s, "IsReference")} = {(s.IsPostgres ? "false" : "0")}";
        var recent = $"a.{Q(s, "PublishedAt")} >= {(s.IsPostgres ? $"'{plan.Newest.AddDays(-89):yyyy-MM-dd}'::timestamp" : $"'{plan.Newest.AddDays(-89):yyyy-MM-dd}'")}";
        var provider = $"a.{Q(s, "ProviderId")} = (SELECT {Q(s, "Id")} FROM {Q(s, "Providers")} WHERE {Q(s, "Domain")} = '{plan.Domains[0]}')";
        (string Name, string Sql)[] queries =
        [
            ("articles per day", $"SELECT {day}, COUNT(*) FROM {a} a WHERE {notRef} GROUP BY 1"),
            ("per day, 90 days + 1 provider", $"SELECT {day}, COUNT(*) FROM {a} a WHERE {notRef} AND {recent} AND {provider} GROUP BY 1"),
            ("per provider: count, mean quality", $"SELECT a.{Q(s, "ProviderId")}, COUNT(*), AVG(a.{Q(s, "Quality")}) FROM {a} a WHERE {notRef} GROUP BY 1"),
            ("per topic", $"SELECT x.{Q(s, "TopicId")}, COUNT(*) FROM {Q(s, "ArticleTopics")} x JOIN {a} a ON a.{Q(s, "Id")} = x.{Q(s, "ArticleId")} WHERE {notRef} GROUP BY 1"),
            ("per topic, 90 days", $"SELECT x.{Q(s, "TopicId")}, COUNT(*) FROM {Q(s, "ArticleTopics")} x JOIN {a} a ON a.{Q(s, "Id")} = x.{Q(s, "ArticleId")} WHERE {notRef} AND {recent} GROUP BY 1"),
            ("first page, newest first", $"SELECT a.{Q(s, "Id")}, a.{Q(s, "Title")} FROM {a} a WHERE {notRef} ORDER BY a.{Q(s, "PublishedAt")} DESC, a.{Q(s, "Id")} DESC LIMIT 50"),
            ("first page, quality >= 60", $"SELECT a.{Q(s, "Id")}, a.{Q(s, "Title")} FROM {a} a WHERE {notRef} AND a.{Q(s, "Quality")} >= 60 ORDER BY a.{Q(s, "PublishedAt")} DESC LIMIT 50"),
        ];
        await using var c = s.Open();
        await c.OpenAsync();
        Console.WriteLine();
        Console.WriteLine($"{"plain SQL on the same database",-36} {"run 1 ms",10} {"run 2 ms",10} {"run 3 ms",10}");
        foreach (var (name, sql) in queries)
        {
            var runs = new List<double>();
            for (var i = 0; i < 3; i++)
            {
                var sw = Stopwatch.StartNew();
                await using var cmd = c.CreateCommand();
                cmd.CommandText = sql;
                cmd.CommandTimeout = 600;
                await using var r = await cmd.ExecuteReaderAsync();
                while (await r.ReadAsync())
                {
                }
                runs.Add(sw.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine($"{name,-36} {runs[0],10:N0} {runs[1],10:N0} {runs[2],10:N0}");
        }
    }

    /// <summary>A metric's value in a Prometheus scrape, summed over its labelled series (a heap's generations); null when absent.</summary>
    internal static double? Gauge(string scrape, string name)
    {
        var values = scrape.Split('\n').Where(l => l.StartsWith(name + " ", StringComparison.Ordinal) || l.StartsWith(name + "{", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture)).ToArray();
        return values.Length == 0 ? null : values.Sum();
    }

    /// <summary>A column or table name as the store spells it (PostgreSQL's EF names are quoted, mixed case).</summary>
    private static string Q(Store s, string name) => s.IsPostgres ? $"\"{name}\"" : name;

    private static async Task<object?> ScalarAsync(DbConnection c, string sql)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 600;
        return await cmd.ExecuteScalarAsync();
    }

    private static async Task<string[]> ColumnAsync(DbConnection c, string sql)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.CommandTimeout = 600;
        var values = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
            values.Add(r.GetString(0));
        return [.. values];
    }
}
