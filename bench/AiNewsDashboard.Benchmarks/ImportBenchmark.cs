using System.Diagnostics;
using AiNewsDashboard.Core;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Demo;
using AiNewsDashboard.Core.Import;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Benchmarks;

/// <summary>
/// Generates N articles, imports them end to end (read, parse on every core, write), then inserts exactly the rows
/// that import produced into a fresh database with a plain prepared-statement loop (no parsing): the floor.
/// </summary>
internal static class ImportBenchmark
{
    private static readonly string[] Tables = ["Providers", "Topics", "Articles", "ArticleUrls", "ArticleTopics", "ArticleImages", "RelatedLinks"];

    public static async Task RunAsync(int count, int batchSize)
    {
        var work = Path.Combine(Path.GetTempPath(), "ainews-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        try
        {
            Console.WriteLine($"cores: {Environment.ProcessorCount}, articles: {count:N0}, batch: {batchSize:N0} files");
            var sw = Stopwatch.StartNew();
            var corpus = Path.Combine(work, "corpus");
            new DemoCorpusGenerator().WriteTo(corpus, count);
            Console.WriteLine($"generate: {count:N0} files in {sw.Elapsed.TotalSeconds:0.00} s ({count / sw.Elapsed.TotalSeconds:N0} files/s)");

            var importDb = Path.Combine(work, "import.db");
            await using var services = Services(importDb);
            await SqliteStore.InitializeAsync(services.GetRequiredService<IDbContextFactory<NewsDbContext>>());
            var gcBefore = GC.GetTotalPauseDuration();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var options = new ImportOptions { BatchSize = batchSize };
            var report = await services.GetRequiredService<ArticleImporter>().ImportPathsAsync([corpus], options);
            var importCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            Console.WriteLine($"  GC pauses during import: {(GC.GetTotalPauseDuration() - gcBefore).TotalSeconds:0.00} s, gen0/1/2 collections so far: " +
                              $"{GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
            var importRate = report.Files / report.Elapsed.TotalSeconds;
            Console.WriteLine($"import end to end: {report.Files:N0} files in {report.Elapsed.TotalSeconds:0.00} s = {importRate:N0} articles/s " +
                              $"({report.Imported:N0} imported, {report.Rejected:N0} rejected, {report.Articles:N0} articles, {report.References:N0} references); " +
                              $"CPU {importCpu.TotalSeconds:0.00} s (all threads: on a busy machine a steadier measure than the wall clock)");

            var again = await services.GetRequiredService<ArticleImporter>().ImportPathsAsync([corpus], options);
            Console.WriteLine($"re-import (all unchanged): {again.Elapsed.TotalSeconds:0.00} s = {again.Files / again.Elapsed.TotalSeconds:N0} files/s");

            await WriteOnlyAsync(count, batchSize, Path.Combine(work, "write-only.db"));

            var (rows, floorSeconds) = await FloorAsync(importDb, Path.Combine(work, "floor.db"));
            var floorRate = count / floorSeconds;
            Console.WriteLine($"floor (prepared INSERT loop, same {rows:N0} rows, {(double)rows / count:0.0} rows/article): {floorSeconds:0.00} s = " +
                              $"{rows / floorSeconds:N0} rows/s = {floorRate:N0} articles/s");
            Console.WriteLine($"import / floor: {importRate / floorRate:P0}   goal: >= 10,000 articles/s (100,000 in <= 10 s)");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The importer's writer alone, on articles parsed and prepared beforehand: how the end-to-end time splits.</summary>
    public static async Task WriteOnlyAsync(int count, int batchSize, string db)
    {
        var parser = new ArticleFileParser();
        var parsed = new DemoCorpusGenerator().Generate(count).AsParallel().AsOrdered()
            .Select(a => (a.RelativePath, Bytes: System.Text.Encoding.UTF8.GetBytes(a.Text)))
            .Select(a => (a.RelativePath, PreparedArticle.Of(parser.Parse(a.Bytes).Article!),
                Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(a.Bytes))))
            .ToList();
        await using var services = Services(db);
        var factory = services.GetRequiredService<IDbContextFactory<NewsDbContext>>();
        await SqliteStore.InitializeAsync(factory);
        await using var ctx = await factory.CreateDbContextAsync();
        await ctx.Database.OpenConnectionAsync();
        using var writer = new SqliteArticleWriter((SqliteConnection)ctx.Database.GetDbConnection());
        var sw = Stopwatch.StartNew();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        writer.BeginBatch();
        var writtenBefore = BytesWritten();
        var i = 0;
        long commitTicks = 0;
        foreach (var (path, article, hash) in parsed)
        {
            writer.Write(article, hash, path, demo: false, DateTime.UtcNow);
            if (++i % batchSize == 0)
            {
                var tc = Stopwatch.GetTimestamp();
                writer.CommitBatch();
                commitTicks += Stopwatch.GetTimestamp() - tc;
                writer.BeginBatch();
            }
        }
        writer.CommitBatch();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        Console.WriteLine($"writer alone (parsed beforehand): {sw.Elapsed.TotalSeconds:0.00} s = {count / sw.Elapsed.TotalSeconds:N0} articles/s; " +
                          $"CPU {cpu.TotalSeconds:0.00} s; commits {commitTicks / (double)Stopwatch.Frequency:0.00} s" +
                          (BytesWritten() - writtenBefore is var written and > 0 ? $"; {written / (1024 * 1024):N0} MiB written (WAL + checkpoints)" : ""));
    }

    /// <summary>
    /// Bytes this process has written so far (Linux; 0 elsewhere). Commits write every page they dirtied to the WAL
    /// and checkpoints write them again, so this shows what batching saves.
    /// </summary>
    private static long BytesWritten() =>
        File.Exists("/proc/self/io") && File.ReadLines("/proc/self/io").FirstOrDefault(l => l.StartsWith("wchar:", StringComparison.Ordinal)) is { } line
            ? long.Parse(line["wchar:".Length..], System.Globalization.CultureInfo.InvariantCulture)
            : 0;

    private static async Task<(long Rows, double Seconds)> FloorAsync(string sourceDb, string floorDb)
    {
        await using (var services = Services(floorDb))
            await SqliteStore.InitializeAsync(services.GetRequiredService<IDbContextFactory<NewsDbContext>>());

        // Load every row first (not timed): the floor measures writing only.
        var data = new List<(string Table, string[] Columns, List<object?[]> Rows)>();
        await using (var source = new SqliteConnection($"Data Source={sourceDb}"))
        {
            await source.OpenAsync();
            foreach (var table in Tables)
            {
                await using var cmd = source.CreateCommand();
                cmd.CommandText = $"SELECT * FROM {table}";
                await using var reader = await cmd.ExecuteReaderAsync();
                var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
                var rows = new List<object?[]>();
                while (await reader.ReadAsync())
                {
                    var values = new object?[reader.FieldCount];
                    reader.GetValues(values!);
                    rows.Add(values);
                }
                data.Add((table, columns, rows));
            }
        }

        await using var target = new SqliteConnection($"Data Source={floorDb}");
        await target.OpenAsync();
        await using (var pragma = target.CreateCommand())
        {
            // The same per-connection settings the importer's connection gets (SqliteStore).
            pragma.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;";
            await pragma.ExecuteNonQueryAsync();
        }
        var sw = Stopwatch.StartNew();
        long total = 0;
        using var tx = target.BeginTransaction();
        foreach (var (table, columns, rows) in data)
        {
            using var insert = target.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
            var parameters = columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter { ParameterName = "$p" + i })).ToArray();
            insert.Prepare();
            foreach (var row in rows)
            {
                for (var i = 0; i < row.Length; i++)
                    parameters[i].Value = row[i] ?? DBNull.Value;
                insert.ExecuteNonQuery();
            }
            total += rows.Count;
        }
        tx.Commit();
        return (total, sw.Elapsed.TotalSeconds);
    }

    private static ServiceProvider Services(string db) =>
        new ServiceCollection().AddNewsData(SqliteStore.ConnectionStringForFile(db)).AddArticleImport().BuildServiceProvider();
}
