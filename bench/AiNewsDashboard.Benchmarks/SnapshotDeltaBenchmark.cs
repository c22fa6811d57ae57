using System.Diagnostics;
using AiNewsDashboard.Core;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Benchmarks;

/// <summary>
/// The facts snapshot after a commit: read whole (what every commit cost before) against updated from the articles
/// the commit touched (ArticleFactsDelta: re-read those, merge them in). On a copy of the providers benchmark's
/// real-world database, which is never written.
/// </summary>
internal static class SnapshotDeltaBenchmark
{
    public static async Task RunAsync(int count, int touched, int runs)
    {
        var original = QueryBenchmark.DatabasePathFor(count, DemoShape.RealWorld, 2000);
        if (!File.Exists(original))
        {
            Console.Error.WriteLine($"{original} is missing: make it with `providers --articles {count} --prepare-only`.");
            return;
        }
        var copy = Path.Combine(Path.GetTempPath(), $"ainews-snapshot-delta-{Guid.NewGuid():N}.db");
        File.Copy(original, copy);
        if (File.Exists(original + "-wal"))
            File.Copy(original + "-wal", copy + "-wal");
        try
        {
            await using var services = new ServiceCollection().AddNewsData(SqliteStore.ConnectionStringForFile(copy)).BuildServiceProvider();
            var source = new SqliteArticleFactsSource(services.GetRequiredService<IDbContextFactory<NewsDbContext>>());
            var current = await source.ReadAsync(0, CancellationToken.None); // warm-up: the file's pages in the cache
            Console.WriteLine($"snapshot: {current.Count:N0} articles, {current.EstimatedBytes / 1e6:N0} MB ({(double)current.EstimatedBytes / current.Count:N1} bytes an article)");

            // Articles spread over the whole snapshot, as an import's updates and new articles land anywhere in time.
            var step = Math.Max(1, current.Count / touched);
            var ids = Enumerable.Range(0, Math.Min(touched, current.Count)).Select(i => current.Ids[i * step % current.Count]).ToHashSet();

            for (var run = 1; run <= runs; run++)
            {
                var full = Stopwatch.StartNew();
                var whole = await source.ReadAsync(0, CancellationToken.None);
                full.Stop();

                var read = Stopwatch.StartNew();
                var changed = await source.ReadArticlesAsync(ids, 0, CancellationToken.None);
                read.Stop();
                var merge = Stopwatch.StartNew();
                var updated = ArticleFactsDelta.Apply(current, changed, ids) ?? throw new InvalidOperationException("the snapshot could not be updated");
                merge.Stop();

                Console.WriteLine($"run {run}: full load {full.Elapsed.TotalMilliseconds:N0} ms; update from {ids.Count:N0} touched articles " +
                    $"{(read.Elapsed + merge.Elapsed).TotalMilliseconds:N0} ms (read {read.Elapsed.TotalMilliseconds:N0} ms, merge {merge.Elapsed.TotalMilliseconds:N0} ms); " +
                    $"rows {whole.Count:N0} / {updated.Count:N0}");
                current = updated;
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { copy, copy + "-wal", copy + "-shm" })
                File.Delete(file);
        }
    }
}
