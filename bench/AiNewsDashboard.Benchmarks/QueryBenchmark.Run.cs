using System.Diagnostics;
using AiNewsDashboard.Core;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Store.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Benchmarks;

internal static partial class QueryBenchmark
{
    private const int Repetitions = 10;
    private const double GoalMs = 100;

    /// <param name="real">The real-world shape with 2,000 providers (the `scale` benchmark's corpus) instead of the demo shape.</param>
    /// <param name="server">A PostgreSQL connection string naming an existing database (such as `scale`'s): the queries run over it instead.</param>
    /// <param name="kinds">Only the query kinds whose names contain one of these (all when null).</param>
    /// <param name="reloads">How many times the snapshot is reloaded and timed after its first load.</param>
    public static async Task RunAsync(int count, bool real = false, string? server = null, string[]? kinds = null, int reloads = 3)
    {
        Console.WriteLine($"cores: {Environment.ProcessorCount}, " + (server is not null ? "an existing PostgreSQL database"
            : $"articles: {count:N0}{(real ? ", real-world shape, 2,000 providers" : "")}"));
        await using var services = server is not null ? OnPostgres(server)
            : real ? await PrepareAsync(count, AiNewsDashboard.Demo.DemoShape.RealWorld, 2000) : await PrepareAsync(count);
        var factory = services.GetRequiredService<IDbContextFactory<NewsDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
            _ = await db.Articles.AnyAsync(); // EF's model and the connection pool exist before the snapshot is measured

        var provider = services.GetRequiredService<ArticleFactsCache>();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var sw = Stopwatch.StartNew();
        var facts = await provider.GetAsync();
        var coldLoad = sw.Elapsed;
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        var reloadTimes = new List<string>();
        for (var i = 0; i < reloads; i++)
        {
            provider.Invalidate();
            sw.Restart();
            facts = await provider.GetFreshAsync();
            reloadTimes.Add($"{sw.Elapsed.TotalMilliseconds:N0}");
        }
        Console.WriteLine($"snapshot: {facts.Count:N0} rows (references included); first load {coldLoad.TotalMilliseconds:N0} ms, " +
                          $"reloads {string.Join(" / ", reloadTimes)} ms");
        Console.WriteLine($"snapshot memory: arrays {facts.EstimatedBytes / (1024.0 * 1024):0.0} MiB, managed heap +{(heapAfter - heapBefore) / (1024.0 * 1024):0.0} MiB");

        var filters = await RepresentativeFiltersAsync(services);
        var biggest = filters.Single(f => f.Label == "1 provider (biggest)").Filter.Providers[0];
        var chosen = QueryKinds(services, biggest).Where(k => kinds is null || kinds.Any(name => k.Name.Contains(name, StringComparison.OrdinalIgnoreCase))).ToList();
        Console.WriteLine($"{filters.Count} filters x {chosen.Count} query kinds x {Repetitions} runs");

        // Warm-up (JIT, first use of every code path), not counted; on a filter other than the first measured, so that no
        // answer kept for the last filter (the leaderboard's tally) is reused by a measured run.
        foreach (var (_, run) in chosen)
            await run(new DashboardFilter { IncludeReferences = true });

        var samples = chosen.ToDictionary(k => k.Name, _ => new List<(double Ms, string Filter)>());
        var allocated = chosen.ToDictionary(k => k.Name, _ => new List<double>());
        var gcBefore = GC.GetTotalPauseDuration();
        for (var rep = 0; rep < Repetitions; rep++)
        {
            foreach (var (label, filter) in filters)
            {
                foreach (var (name, run) in chosen)
                {
                    var bytes = GC.GetTotalAllocatedBytes();
                    sw.Restart();
                    await run(filter);
                    samples[name].Add((sw.Elapsed.TotalMilliseconds, label));
                    allocated[name].Add((GC.GetTotalAllocatedBytes() - bytes) / (1024.0 * 1024));
                }
            }
        }
        Console.WriteLine($"GC pauses during the runs: {(GC.GetTotalPauseDuration() - gcBefore).TotalMilliseconds:N0} ms");
        Console.WriteLine();
        Console.WriteLine($"{"query kind",-22} {"p50 ms",8} {"p95 ms",8} {"max ms",8} {"MiB p50",8} {"MiB max",8}  slowest filter");
        foreach (var (name, list) in samples)
        {
            var sorted = list.Select(s => s.Ms).Order().ToArray();
            var slowest = list.MaxBy(s => s.Ms);
            var p95 = Percentile(sorted, 0.95);
            var mebibytes = allocated[name].Order().ToArray();
            Console.WriteLine($"{name,-22} {Percentile(sorted, 0.50),8:0.0} {p95,8:0.0} {sorted[^1],8:0.0} {Percentile(mebibytes, 0.50),8:0.0} {mebibytes[^1],8:0.0}  {slowest.Filter}{(p95 > GoalMs ? "   <-- over the goal" : "")}");
            if (p95 > GoalMs || kinds is not null)
                Console.WriteLine($"{"",-22} its slowest filters, median (fastest) ms: " + string.Join(", ", list.GroupBy(s => s.Filter)
                    .Select(g => (Filter: g.Key, Median: Percentile([.. g.Select(s => s.Ms).Order()], 0.5), Min: g.Min(s => s.Ms)))
                    .OrderByDescending(f => f.Median).Take(4).Select(f => $"{f.Filter} {f.Median:0.0} ({f.Min:0.0})")));
        }
        Console.WriteLine($"goal: p95 <= {GoalMs} ms for every kind. Text filters' first run per snapshot includes the FTS5 lookup, later runs reuse it:");

        var search = services.GetRequiredService<IFullTextSearch>();
        foreach (var (label, filter) in filters.Where(f => f.Filter.Text is not null))
        {
            var times = new List<double>();
            var matches = 0;
            for (var i = 0; i < 5; i++)
            {
                matches = 0;
                sw.Restart();
                await search.ForEachMatchAsync(search.ExpressionFor(filter.Search!), _ => matches++);
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine($"  full-text lookup '{filter.Text}': {matches:N0} matches, median {Percentile([.. times.Order()], 0.5):0.0} ms ({label})");
        }
    }

    /// <summary>The queries over an existing PostgreSQL database, wired as the app wires that store (nothing is written).</summary>
    private static ServiceProvider OnPostgres(string server)
    {
        var store = new PostgresStore(PostgresStore.ToConnectionString(server));
        return new ServiceCollection()
            .AddSingleton<INewsStore>(store)
            .AddStoreImplementations()
            .AddNewsData(store.ConnectionString)
            .BuildServiceProvider();
    }

    internal static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <param name="biggest">The domain of the provider with the most articles, for the provider page's queries.</param>
    private static List<(string Name, Func<DashboardFilter, Task> Run)> QueryKinds(IServiceProvider services, string biggest)
    {
        var timeline = services.GetRequiredService<TimelineQueries>();
        var topics = services.GetRequiredService<TopicQueries>();
        var providers = services.GetRequiredService<ProviderQualityQueries>();
        var overview = services.GetRequiredService<OverviewQueries>();
        var articles = services.GetRequiredService<ArticleQueries>();
        return
        [
            ("timeline", f => timeline.GetTimelineAsync(f)),
            // Asked by day whatever the range: over the corpus's 11 years it is coarsened to at most 400 bars.
            ("timeline by day", f => timeline.GetTimelineAsync(f, TimeGranularity.Day)),
            ("timeline by topic", f => timeline.GetTimelineAsync(f, stack: TimelineStack.Topic, top: 5)),
            ("topics top", f => topics.GetTopTopicsAsync(f, 20)),
            ("topic heat map", f => topics.GetHeatMapAsync(f, 10)),
            ("co-occurrence", f => topics.GetCoOccurrenceAsync(f, 15)),
            ("emerging topics", f => topics.GetEmergingAsync(f)),
            // What /api/stats/providers runs: every provider tallied, the first page built (each run a new filter, so the
            // tally kept for the last filter is never reused here).
            ("provider leaderboard", f => providers.GetLeaderboardPageAsync(f, ProviderListRequest.Default)),
            // What the CSV export runs: the whole board, without trends.
            ("providers CSV", f => providers.GetLeaderboardAsync(f, trends: false)),
            // What a provider's own page and /api/stats/providers/{domain} run, for the biggest provider.
            ("one provider", f => providers.GetProviderDetailAsync(biggest, f)),
            ("quality distribution", f => providers.GetQualityDistributionAsync(f)),
            ("managers' summary", f => providers.GetSummaryAsync(f)),
            ("overview KPIs", f => overview.GetKpisAsync(f)),
            ("first page (date)", f => articles.GetPageAsync(f)),
            ("first page (quality)", f => articles.GetPageAsync(f, new ArticleSort(ArticleSortKey.Quality))),
            ("first page (title)", f => articles.GetPageAsync(f, new ArticleSort(ArticleSortKey.Title, Ascending: true))),
        ];
    }

    /// <summary>Filters a user would set, built from what the corpus holds (its newest date, biggest providers and topics).</summary>
    internal static async Task<List<(string Label, DashboardFilter Filter)>> RepresentativeFiltersAsync(IServiceProvider services)
    {
        var board = await services.GetRequiredService<ProviderQualityQueries>().GetLeaderboardAsync(DashboardFilter.All);
        var domains = board.Providers.OrderByDescending(p => p.Articles).Select(p => p.Domain).ToArray();
        var topics = (await services.GetRequiredService<TopicQueries>().GetTopTopicsAsync(DashboardFilter.All, 10)).Select(t => t.Topic).ToArray();
        var last = board.Providers.Max(p => p.LastArticle) ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var year = new DateOnly(last.Year - 1, 1, 1);
        var lastYear = new DashboardFilter { From = last.AddDays(-364), To = last };

        return
        [
            ("none", DashboardFilter.All),
            ("last 30 days", new DashboardFilter { From = last.AddDays(-29), To = last }),
            ("last 90 days", new DashboardFilter { From = last.AddDays(-89), To = last }),
            ("last year", lastYear),
            ($"calendar year {year.Year}", new DashboardFilter { From = year, To = year.AddYears(1).AddDays(-1) }),
            ("from a date on", new DashboardFilter { From = last.AddYears(-3) }),
            ("1 provider (biggest)", new DashboardFilter { Providers = [domains[0]] }),
            ("1 provider (small)", new DashboardFilter { Providers = [domains[^1]] }),
            ("5 providers", new DashboardFilter { Providers = domains.Take(5).ToArray() }),
            ("1 topic (biggest)", new DashboardFilter { Topics = [topics[0]] }),
            ("3 topics", new DashboardFilter { Topics = topics.Skip(2).Take(3).ToArray() }),
            ("1 category", new DashboardFilter { Categories = ["news"] }),
            ("2 categories", new DashboardFilter { Categories = ["analysis", "opinion"] }),
            ("quality 70-100", new DashboardFilter { MinQuality = 70 }),
            ("quality 0-30", new DashboardFilter { MaxQuality = 30 }),
            ("published", new DashboardFilter { Published = true }),
            ("not published, last year", lastYear with { Published = false }),
            ("references included", new DashboardFilter { IncludeReferences = true }),
            ("text: rare word", new DashboardFilter { Text = "quantum" }),
            ("text: common word", new DashboardFilter { Text = "models" }),
            ("text: phrase + word", new DashboardFilter { Text = "\"series b\" funding" }),
            ("provider, last 90 days", new DashboardFilter { Providers = [domains[1]], From = last.AddDays(-89), To = last }),
            ("topic + quality >= 60", new DashboardFilter { Topics = [topics[1]], MinQuality = 60 }),
            ("all combined", new DashboardFilter
            {
                From = last.AddYears(-2), To = last, Providers = domains.Take(10).ToArray(), Topics = topics.Take(4).ToArray(),
                Categories = ["news", "analysis"], MinQuality = 30, MaxQuality = 95, Published = false, IncludeReferences = true, Text = "AI",
            }),
        ];
    }
}
