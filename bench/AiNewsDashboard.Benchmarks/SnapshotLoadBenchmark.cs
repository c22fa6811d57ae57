using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using AiNewsDashboard.Core;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Store.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Benchmarks;

/// <summary>
/// What reading the whole snapshot from the store costs, as the app does on a start without its snapshot file: the
/// time, the process's peak resident memory (VmHWM), the largest managed heap seen (sampled every 20 ms) and the
/// snapshot's own size (the heap after a full collection, with only the snapshot held). Run it in a fresh process on an
/// existing store (<c>--db</c>: a SQLite file or a PostgreSQL server): the peak is the process's since it started.
/// </summary>
internal static class SnapshotLoadBenchmark
{
    public static async Task RunAsync(string db)
    {
        INewsStore store = PostgresStore.Recognizes(db)
            ? new PostgresStore(db)
            : new SqliteNewsStore(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = db, Mode = Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly }.ToString());
        await using var services = new ServiceCollection().AddSingleton(store).AddStoreImplementations().AddNewsData(store.ConnectionString)
            .BuildServiceProvider();
        var source = services.GetRequiredService<IArticleFactsSource>();
        Console.WriteLine($"snapshot load from {store.Kind} ({(store is PostgresStore ? "a server" : db)}); " +
                          $"GC: {(GCSettings.IsServerGC ? "server" : "workstation")}, {GCSettings.LatencyMode}; before: {Status()}");

        long largestHeap = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                largestHeap = Math.Max(largestHeap, GC.GetGCMemoryInfo().HeapSizeBytes);
                await Task.Delay(20);
            }
        });
        var sw = Stopwatch.StartNew();
        var facts = await source.ReadAsync(dataVersion: 0, CancellationToken.None);
        var seconds = sw.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await sampler;
        Console.WriteLine($"read {facts.Count:N0} articles in {seconds:0.0} s; {Status()}; largest managed heap seen {Mib(largestHeap)} MiB; " +
                          $"the snapshot alone after a full collection {Mib(GC.GetTotalMemory(forceFullCollection: true))} MiB");
        GC.KeepAlive(facts);
    }

    private static string Status() =>
        $"peak resident {Mib(AppProcess.Rss(Environment.ProcessId, "VmHWM"))} MiB, resident {Mib(AppProcess.Rss(Environment.ProcessId))} MiB";

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("N0", CultureInfo.InvariantCulture);
}
