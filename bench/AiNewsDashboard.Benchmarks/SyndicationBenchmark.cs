using System.Diagnostics;
using AiNewsDashboard.Core;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Core.Syndication;
using AiNewsDashboard.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Benchmarks;

/// <summary>
/// Copy detection at N articles: the first pass over N − 10,000 generated articles, a restart (groups read back from the
/// store; the index rebuilt from the articles already checked), and the incremental pass after one more import of
/// 10,000 articles, the figure the issue sets a target for (5 s at a million on two cores). A fresh database each run.
/// </summary>
internal static class SyndicationBenchmark
{
    private const int Batch = 10_000;

    public static async Task RunAsync(int count)
    {
        Console.WriteLine($"cores: {Environment.ProcessorCount}, articles: {count:N0} ({count - Batch:N0} first, then a batch of {Batch:N0})");
        var path = Path.Combine(Path.GetTempPath(), $"ainews-syndication-{Guid.NewGuid():N}.db");
        try
        {
            var texts = new DemoCorpusGenerator().Generate(count).Select(a => (a.RelativePath, a.Text)).ToList();
            await using (var services = Services(path))
            {
                await SqliteStore.InitializeAsync(services.GetRequiredService<IDbContextFactory<NewsDbContext>>());
                var report = await services.GetRequiredService<ArticleImporter>().ImportAsync(ImportSource.FromTexts(texts.Take(count - Batch)), count - Batch);
                Console.WriteLine($"import of the first {report.Files:N0} files: {report.Elapsed.TotalSeconds:0.0} s");
                var first = await services.GetRequiredService<SyndicationService>().UpdateAsync();
                Print("first pass (every article)", first, services);
            }

            await using (var services = Services(path))
            {
                var syndication = services.GetRequiredService<SyndicationService>();
                var sw = Stopwatch.StartNew();
                var groups = await syndication.GetAsync();
                Console.WriteLine($"restart: {groups.Groups.Count:N0} groups read from the store in {sw.Elapsed.TotalMilliseconds:N0} ms");
                var rebuild = await syndication.UpdateAsync();
                Print("restart: index rebuilt from the store", rebuild, services);

                var report = await services.GetRequiredService<ArticleImporter>().ImportAsync(ImportSource.FromTexts(texts.Skip(count - Batch)), Batch);
                Console.WriteLine($"import of the batch: {report.Files:N0} files in {report.Elapsed.TotalSeconds:0.0} s");
                var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var incremental = await syndication.UpdateAsync();
                cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                Print($"incremental pass after the {Batch:N0}-article batch", incremental, services);
                Console.WriteLine($"  CPU {cpu.TotalMilliseconds:N0} ms ({cpu / incremental.Duration:0.00} cores); machine load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
                Console.WriteLine($"managed heap after the pass: {GC.GetTotalMemory(forceFullCollection: true) / (1024.0 * 1024):0.0} MiB (was {heapBefore / (1024.0 * 1024):0.0})");
            }
        }
        finally
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                File.Delete(file);
        }
    }

    private static ServiceProvider Services(string path) =>
        new ServiceCollection().AddNewsData(SqliteStore.ConnectionStringForFile(path)).AddArticleImport().BuildServiceProvider();

    private static void Print(string label, SyndicationPass pass, IServiceProvider services)
    {
        var (entries, bytes) = services.GetRequiredService<SyndicationService>().IndexSize;
        Console.WriteLine($"{label}: {pass.Duration.TotalMilliseconds:N0} ms, {pass.Checked:N0} articles checked, {pass.Matches:N0} matches; " +
                          $"{pass.Groups:N0} groups, {pass.Copies:N0} copies; index {entries:N0} entries, {bytes / (1024.0 * 1024):0.0} MiB\n" +
                          $"  read {pass.Read.TotalMilliseconds:N0} ms, detect {pass.Detect.TotalMilliseconds:N0} ms (of which asking the store whether matched articles are still there {pass.Load.TotalMilliseconds:N0} ms), " +
                          $"record {pass.Record.TotalMilliseconds:N0} ms");
    }
}
