using System.Diagnostics;
using AiNewsDashboard.Core;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Signals;
using AiNewsDashboard.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Benchmarks;

/// <summary>
/// Quality-weighted attention and coverage gaps at N articles: on a copy of the queries benchmark's cached database
/// (made by <c>queries --prepare-only</c>, or <c>providers --prepare-only</c> with <c>--shape real</c>), which is never
/// written to, runs the weighted timeline, the topics' attention and the coverage gaps over the representative filters
/// and prints p50/p95/max per kind. Goal: every signal answers within 300 ms at p95.
/// </summary>
internal static class AttentionBenchmark
{
    private const double GoalMs = 300;
    private const int Runs = 5;

    public static async Task RunAsync(int count, DemoShape shape)
    {
        var source = QueryBenchmark.DatabasePathFor(count, shape, shape == DemoShape.RealWorld ? 2000 : null);
        if (!File.Exists(source))
        {
            Console.Error.WriteLine($"{source} does not exist: prepare it first with `queries --articles {count} --prepare-only`" +
                                    (shape == DemoShape.RealWorld ? $" (here: `providers --articles {count} --prepare-only`)." : "."));
            return;
        }
        var copy = Path.Combine(Path.GetTempPath(), $"ainews-attention-{(shape == DemoShape.Demo ? "" : "realworld-")}{count}.db");
        if (!File.Exists(copy))
        {
            Console.WriteLine($"copying {source} to {copy} (the source is left as it is)...");
            File.Copy(source, copy);
            if (File.Exists(source + "-wal"))
                File.Copy(source + "-wal", copy + "-wal");
        }
        await using var services = new ServiceCollection().AddNewsData(SqliteStore.ConnectionStringForFile(copy)).BuildServiceProvider();
        await SqliteStore.InitializeAsync(services.GetRequiredService<IDbContextFactory<NewsDbContext>>());
        var load = Stopwatch.StartNew();
        var facts = await services.GetRequiredService<ArticleFactsCache>().GetAsync();
        Console.WriteLine($"database: {copy}, {facts.Count:N0} articles; snapshot loaded in {load.Elapsed.TotalSeconds:0.0} s");

        var attention = services.GetRequiredService<AttentionQueries>();
        var blindspots = services.GetRequiredService<BlindspotQueries>();
        var cold = Stopwatch.StartNew();
        var first = await blindspots.GetAsync(DashboardFilter.All);
        Console.WriteLine($"first call (provider weights computed once per snapshot): {cold.Elapsed.TotalMilliseconds:0} ms; " +
                          $"gaps over the whole corpus: {(first.Silence ?? string.Join(", ", first.Blindspots.Select(b => $"{b.Topic} ({b.Articles} vs {b.Baseline:0.#})")))}");

        var filters = await QueryBenchmark.RepresentativeFiltersAsync(services);
        (string Name, Func<DashboardFilter, Task> Run)[] kinds =
        [
            ("weighted timeline", f => attention.GetTimelineAsync(f)),
            ("topics' attention", f => attention.GetTopicsAsync(f, 15)),
            ("coverage gaps", f => blindspots.GetAsync(f)),
        ];
        Console.WriteLine($"{"signal",-20} {"p50 ms",8} {"p95 ms",8} {"max ms",8}  slowest filter ({filters.Count} filters x {Runs} runs)");
        foreach (var (name, run) in kinds)
        {
            var times = new List<(double Ms, string Filter)>();
            foreach (var (label, filter) in filters)
            {
                await run(filter); // the text search's FTS5 lookup is cached per snapshot, as in the app
                for (var i = 0; i < Runs; i++)
                {
                    var watch = Stopwatch.StartNew();
                    await run(filter);
                    times.Add((watch.Elapsed.TotalMilliseconds, label));
                }
            }
            var sorted = times.Select(t => t.Ms).Order().ToArray();
            var p95 = QueryBenchmark.Percentile(sorted, 0.95);
            Console.WriteLine($"{name,-20} {QueryBenchmark.Percentile(sorted, 0.5),8:0.0} {p95,8:0.0} {sorted[^1],8:0.0}  " +
                              $"{times.MaxBy(t => t.Ms).Filter}{(p95 > GoalMs ? "   <-- over the goal" : "")}");
        }
        Console.WriteLine($"goal: p95 <= {GoalMs} ms for every signal.");
    }
}
