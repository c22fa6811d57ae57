using System.Diagnostics;
using AiNewsDashboard.Core;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Queries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Benchmarks;

/// <summary>
/// The article list sorted by title on an existing database: the first page and page 50 (50 rows a page), both
/// directions, for no filter, one provider (biggest and small) and a text filter. The first request on a fresh
/// snapshot is printed apart from the median of the later ones.
/// </summary>
internal static class TitleSortBenchmark
{
    private const int Repetitions = 5;
    private const int PageSize = 50;

    public static async Task RunAsync(string path)
    {
        Console.WriteLine($"cores: {Environment.ProcessorCount}, database: {path} ({new FileInfo(path).Length / (1024 * 1024):N0} MiB)");
        await using var services = new ServiceCollection().AddNewsData(SqliteStore.ConnectionStringForFile(path)).BuildServiceProvider();
        var factory = services.GetRequiredService<IDbContextFactory<NewsDbContext>>();
        var sw = Stopwatch.StartNew();
        await SqliteStore.InitializeAsync(factory);
        Console.WriteLine($"start-up (migrations, backfills): {sw.Elapsed.TotalMilliseconds:N0} ms");
        sw.Restart();
        _ = await services.GetRequiredService<ArticleFactsCache>().GetAsync();
        Console.WriteLine($"snapshot load: {sw.Elapsed.TotalMilliseconds:N0} ms");

        var board = await services.GetRequiredService<ProviderQualityQueries>().GetLeaderboardAsync(DashboardFilter.All);
        var domains = board.Providers.OrderByDescending(p => p.Articles).Select(p => p.Domain).ToArray();
        (string, DashboardFilter)[] filters =
        [
            ("none", DashboardFilter.All),
            ("1 provider (biggest)", new DashboardFilter { Providers = [domains[0]] }),
            ("1 provider (small)", new DashboardFilter { Providers = [domains[^1]] }),
            ("text: common word", new DashboardFilter { Text = "models" }),
            ("text: rare word", new DashboardFilter { Text = "quantum" }),
        ];
        var articles = services.GetRequiredService<ArticleQueries>();
        Console.WriteLine($"{"filter",-22} {"rows",9} {"direction",-10} {"first call",11} {"page 1 ms",10} {"page 50 ms",11}");
        foreach (var (label, filter) in filters)
        {
            foreach (var ascending in new[] { true, false })
            {
                var sort = new ArticleSort(ArticleSortKey.Title, ascending);
                sw.Restart();
                var first = await articles.GetPageAsync(filter, sort, 0, PageSize);
                var firstCall = sw.Elapsed.TotalMilliseconds;
                var page1 = Median(await TimesAsync(() => articles.GetPageAsync(filter, sort, 0, PageSize)));
                var page50 = Median(await TimesAsync(() => articles.GetPageAsync(filter, sort, 49 * PageSize, PageSize)));
                Console.WriteLine($"{label,-22} {first.Total,9:N0} {(ascending ? "A to Z" : "Z to A"),-10} {firstCall,11:N1} {page1,10:N1} {page50,11:N1}");
            }
        }
    }

    private static async Task<double[]> TimesAsync(Func<Task> run)
    {
        var times = new double[Repetitions];
        for (var i = 0; i < Repetitions; i++)
        {
            var sw = Stopwatch.StartNew();
            await run();
            times[i] = sw.Elapsed.TotalMilliseconds;
        }
        return times;
    }

    private static double Median(double[] times) => QueryBenchmark.Percentile([.. times.Order()], 0.5);
}
