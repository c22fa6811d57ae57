using System.Diagnostics;
using AiNewsDashboard.Core;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Queries.Graph;
using AiNewsDashboard.Core.Signals;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Benchmarks;

/// <summary>
/// The signals page's queries (quality drift and breaking stories) on an existing database (copy one, e.g. a
/// <c>queries</c> or <c>providers</c> benchmark database: the app may write to it). For each filter: the computation
/// itself (every call afresh, as after an import or for a filter nobody asked yet) and the page's call (answered per
/// snapshot and filter, as the page, its API and the Providers page share it). Goal: the page within 300 ms at p95.
/// </summary>
internal static class SignalsBenchmark
{
    private const int Repetitions = 20;
    private const double GoalMs = 300;

    public static async Task RunAsync(string database)
    {
        Console.WriteLine($"cores: {Environment.ProcessorCount}, database: {database} ({new FileInfo(database).Length / (1024 * 1024):N0} MiB)");
        await using var services = new ServiceCollection().AddNewsData(SqliteStore.ConnectionStringForFile(database)).BuildServiceProvider();
        var matcher = services.GetRequiredService<ArticleMatcher>();
        var signals = services.GetRequiredService<SignalQueries>();
        var settings = services.GetRequiredService<SignalSettings>();
        var sw = Stopwatch.StartNew();
        var facts = await matcher.Facts.GetAsync();
        Console.WriteLine($"snapshot: {facts.Count:N0} rows in {sw.Elapsed.TotalMilliseconds:N0} ms");
        sw.Restart();
        var graph = await services.GetRequiredService<ArticleGraphCache>().GetAsync();
        Console.WriteLine($"story graph: {graph.Clusters.Count:N0} stories in {sw.Elapsed.TotalMilliseconds:N0} ms");

        var extent = await services.GetRequiredService<DataExtentQueries>().GetAsync();
        var last = extent?.Last ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var filters = new (string Label, DashboardFilter Filter)[]
        {
            ("none", DashboardFilter.All),
            ("last year of data", new DashboardFilter { From = last.AddYears(-1), To = last }),
            ("last 30 days of data", new DashboardFilter { From = last.AddDays(-30), To = last }),
        };
        foreach (var (label, filter) in filters)
        {
            var drift = await signals.GetDriftAsync(filter);
            var breaking = await signals.GetBreakingAsync(filter);
            Console.WriteLine($"  {label}: {drift.Drifts.Count} drifts ({drift.Gap}, {drift.ProvidersChecked:N0} providers tested, coverage {drift.Coverage:P1}); " +
                              $"{breaking.Stories.Count} breaking ({breaking.Gap}, {breaking.StoriesChecked:N0} stories in the window)");
            foreach (var d in drift.Drifts)
                Console.WriteLine($"    drift: {d.Domain} from {d.Date}: {d.Quality.Before.Mean:0.0} (n={d.Quality.Before.Count}) -> {d.Quality.After.Mean:0.0} (n={d.Quality.After.Count}), z {d.Quality.Z:0.0}");
            var driftOnly = await TimeAsync(async () =>
            {
                using var selection = await matcher.SelectAsync(facts, filter, default);
                SignalQueries.Drift(selection, settings);
            });
            Console.WriteLine($"    drift computed afresh: {Stats(driftOnly)}");
            var breakingOnly = await TimeAsync(async () => SignalQueries.Breaking(graph, await matcher.SelectAsync(graph.Facts, filter, default), settings));
            Console.WriteLine($"    breaking computed afresh: {Stats(breakingOnly)}");
            var fresh = await TimeAsync(async () =>
            {
                using (var selection = await matcher.SelectAsync(facts, filter, default))
                    SignalQueries.Drift(selection, settings);
                SignalQueries.Breaking(graph, await matcher.SelectAsync(graph.Facts, filter, default), settings);
            });
            Console.WriteLine($"    computed afresh (drift + breaking): {Stats(fresh)}");
            var page = await TimeAsync(async () =>
            {
                await signals.GetDriftAsync(filter);
                await signals.GetBreakingAsync(filter);
            });
            Console.WriteLine($"    the page's queries (per snapshot and filter): {Stats(page)}");
        }
    }

    /// <summary>
    /// The signals page's first open after each new snapshot, unfiltered, cold (the page computes drift and breaking
    /// stories, the story graph of the new snapshot being built meanwhile) and warm (the app's warm-up,
    /// <see cref="SignalQueries.WarmAsync"/>, ran when the snapshot was published, as it does in the background).
    /// </summary>
    public static async Task WarmUpAsync(int count)
    {
        Console.WriteLine($"cores: {Environment.ProcessorCount}, articles: {count:N0}");
        await using var services = await QueryBenchmark.PrepareAsync(count);
        var cache = services.GetRequiredService<ArticleFactsCache>();
        var graphs = services.GetRequiredService<ArticleGraphCache>();
        var signals = services.GetRequiredService<SignalQueries>();
        await signals.WarmAsync();

        async Task<List<double>> FirstOpensAsync(bool warm)
        {
            var ms = new List<double>();
            for (var i = 0; i < Repetitions; i++)
            {
                // A new snapshot, as after an import's commit.
                cache.Invalidate();
                await cache.GetFreshAsync();
                if (warm)
                    await signals.WarmAsync();
                var sw = Stopwatch.StartNew();
                await signals.GetDriftAsync(DashboardFilter.All);
                await signals.GetBreakingAsync(DashboardFilter.All);
                ms.Add(sw.Elapsed.TotalMilliseconds);
                await graphs.GetCurrentAsync(); // let a graph build the cold page started finish before the next round
            }
            return ms;
        }

        Console.WriteLine($"  first open after a new snapshot, cold: {Stats(await FirstOpensAsync(warm: false))}");
        Console.WriteLine($"  first open after a new snapshot, warm: {Stats(await FirstOpensAsync(warm: true))}");
        var sw = Stopwatch.StartNew();
        cache.Invalidate();
        await cache.GetFreshAsync();
        await signals.WarmAsync();
        Console.WriteLine($"  the warm-up's own work (graph and unfiltered signals): {sw.Elapsed.TotalMilliseconds:0} ms, snapshot reload included");
    }

    /// <summary>
    /// The signals page's data (drift, breaking stories, copies; unfiltered) right after the app starts, each run a
    /// fresh set of services on <paramref name="database"/> (copy one: the app may write to it), as a restarted process:
    /// the first snapshot is loaded (as the first page to ask loads it), then the warm-up (<see cref="SignalQueries.WarmAsync"/>
    /// and the copies report, as SignalsWarmUp runs them) warms it; a page opened the moment that snapshot is published waits for the warm-up's computations, and one opened
    /// after it answers from them.
    /// </summary>
    public static async Task StartAsync(string database, int runs)
    {
        Console.WriteLine($"cores: {Environment.ProcessorCount}, database: {database} ({new FileInfo(database).Length / (1024 * 1024):N0} MiB), {runs} starts");
        await using (var migrate = new ServiceCollection().AddNewsData(SqliteStore.ConnectionStringForFile(database)).BuildServiceProvider())
            await SqliteStore.InitializeAsync(migrate.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Core.Data.NewsDbContext>>());
        List<double> atPublish = [], afterWarm = [], warmUps = [], reports = [];
        for (var run = 0; run < runs; run++)
        {
            await using var services = new ServiceCollection().AddNewsData(SqliteStore.ConnectionStringForFile(database)).BuildServiceProvider();
            var cache = services.GetRequiredService<ArticleFactsCache>();
            var signals = services.GetRequiredService<SignalQueries>();
            var copies = services.GetRequiredService<Core.Syndication.SyndicationQueries>();
            var sw = Stopwatch.StartNew();
            var warm = Task.Run(async () =>
            {
                await cache.GetAsync();
                await signals.WarmAsync();
                await copies.GetReportAsync(DashboardFilter.All);
                return sw.Elapsed;
            });
            while (cache.Current is null)
                await Task.Delay(5);
            var published = sw.Elapsed;
            var page = Stopwatch.StartNew();
            await signals.GetDriftAsync(DashboardFilter.All);
            await signals.GetBreakingAsync(DashboardFilter.All);
            await copies.GetReportAsync(DashboardFilter.All);
            atPublish.Add(page.Elapsed.TotalMilliseconds);
            var warmed = await warm;
            warmUps.Add((warmed - published).TotalMilliseconds);
            page.Restart();
            await signals.GetDriftAsync(DashboardFilter.All);
            await signals.GetBreakingAsync(DashboardFilter.All);
            var signalsDone = page.Elapsed.TotalMilliseconds;
            await copies.GetReportAsync(DashboardFilter.All);
            afterWarm.Add(page.Elapsed.TotalMilliseconds);
            reports.Add(page.Elapsed.TotalMilliseconds - signalsDone);
            Console.WriteLine($"  start {run + 1}: snapshot published {published.TotalMilliseconds:N0} ms after the start; page then {atPublish[^1]:N0} ms; " +
                              $"warm-up done {warmed.TotalMilliseconds:N0} ms; page after it {afterWarm[^1]:N0} ms (copies report {reports[^1]:N0})");
        }
        Console.WriteLine($"  page opened as the first snapshot is published (waits for the warm-up): {Stats(atPublish)}");
        Console.WriteLine($"  the warm-up after the snapshot is published (story graph, drift, breaking stories, copies): {Stats(warmUps)}");
        Console.WriteLine($"  page opened after the warm-up: {Stats(afterWarm)}, of which the copies report {Stats(reports)}");
        Console.WriteLine($"  machine load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    }

    private static async Task<List<double>> TimeAsync(Func<Task> run)
    {
        await run(); // warm-up
        var ms = new List<double>();
        for (var i = 0; i < Repetitions; i++)
        {
            var sw = Stopwatch.StartNew();
            await run();
            ms.Add(sw.Elapsed.TotalMilliseconds);
        }
        return ms;
    }

    private static string Stats(List<double> ms)
    {
        ms.Sort();
        double P(double p) => ms[Math.Clamp((int)Math.Ceiling(p * ms.Count) - 1, 0, ms.Count - 1)];
        var p95 = P(0.95);
        return $"p50 {P(0.5):0.0} / p95 {p95:0.0} / max {ms[^1]:0.0} ms (n={ms.Count}; goal p95 <= {GoalMs:0} ms{(p95 > GoalMs ? ", OVER" : "")})";
    }
}
