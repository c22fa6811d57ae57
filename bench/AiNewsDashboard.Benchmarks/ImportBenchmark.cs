using System.Diagnostics;
using AiNewsDashboard.Core;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Demo;
using AiNewsDashboard.Store.Postgres;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AiNewsDashboard.Benchmarks;

/// <summary>
/// Generates N articles, imports them end to end (read, parse on every core, write), then inserts exactly the rows
/// that import produced into a fresh database with a plain prepared-statement loop (no parsing): the floor.
/// </summary>
internal static class ImportBenchmark
{
    private static readonly string[] Tables = ["Providers", "Topics", "Articles", "ArticleUrls", "ArticleTopics", "ArticleImages", "RelatedLinks"];

    public static async Task RunAsync(int count, int batchSize, int runs)
    {
        var work = Path.Combine(Path.GetTempPath(), "ainews-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        try
        {
            Console.WriteLine($"cores: {Environment.ProcessorCount}, articles: {count:N0}, batch: {batchSize:N0} files, runs: {runs}");
            Console.WriteLine($"machine: two busy threads get {ParallelCapacity():0.00} cores' worth of work done (2.00 on two idle cores; " +
                              "a shared virtual machine gives less, and varies)");
            var sw = Stopwatch.StartNew();
            var corpus = Path.Combine(work, "corpus");
            new DemoCorpusGenerator().WriteTo(corpus, count);
            Console.WriteLine($"generate: {count:N0} files in {sw.Elapsed.TotalSeconds:0.00} s ({count / sw.Elapsed.TotalSeconds:N0} files/s)");

            // Each run imports the whole corpus into a fresh database, as `import` on an empty store does.
            var seconds = new List<double>();
            string importDb = "";
            for (var run = 1; run <= runs; run++)
            {
                importDb = Path.Combine(work, $"import-{run}.db");
                var (report, cpu, gcPause, allocated) = await ImportOnceAsync(corpus, importDb, batchSize);
                seconds.Add(report.Elapsed.TotalSeconds);
                Console.WriteLine($"import end to end, run {run}: {report.Files:N0} files in {report.Elapsed.TotalSeconds:0.00} s = " +
                                  $"{report.Files / report.Elapsed.TotalSeconds:N0} articles/s ({report.Imported:N0} imported, {report.Rejected:N0} rejected, " +
                                  $"{report.Articles:N0} articles, {report.References:N0} references); CPU {cpu.TotalSeconds:0.00} s on all threads, " +
                                  $"GC pauses {gcPause.TotalSeconds:0.00} s, {allocated / (1024 * 1024):N0} MiB allocated");
                if (run < runs)
                    DeleteDatabase(importDb);
            }
            seconds.Sort();
            var median = seconds[seconds.Count / 2];
            var importRate = count / median;
            Console.WriteLine($"import end to end, median of {runs}: {median:0.00} s = {importRate:N0} articles/s " +
                              $"(fastest {seconds[0]:0.00} s, slowest {seconds[^1]:0.00} s)");

            await using (var services = Services(importDb))
            {
                var again = await services.GetRequiredService<ArticleImporter>().ImportPathsAsync([corpus], new ImportOptions { BatchSize = batchSize });
                Console.WriteLine($"re-import (all unchanged): {again.Elapsed.TotalSeconds:0.00} s = {again.Files / again.Elapsed.TotalSeconds:N0} files/s");
            }

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

    /// <summary>
    /// The same end-to-end import into PostgreSQL (<paramref name="server"/>, a connection string or URL whose user may
    /// create databases): each run into a fresh database of its own on that server, dropped afterwards.
    /// </summary>
    public static async Task RunPostgresAsync(string server, int count, int batchSize, int runs)
    {
        var work = Path.Combine(Path.GetTempPath(), "ainews-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        var admin = new NpgsqlConnectionStringBuilder(PostgresStore.ToConnectionString(server)) { Database = "postgres", Pooling = false };
        var databases = new List<string>();
        try
        {
            Console.WriteLine($"PostgreSQL at {admin.Host}:{admin.Port}; cores: {Environment.ProcessorCount}, articles: {count:N0}, batch: {batchSize:N0} files, runs: {runs}");
            var sw = Stopwatch.StartNew();
            var corpus = Path.Combine(work, "corpus");
            new DemoCorpusGenerator().WriteTo(corpus, count);
            Console.WriteLine($"generate: {count:N0} files in {sw.Elapsed.TotalSeconds:0.00} s");
            var seconds = new List<double>();
            for (var run = 1; run <= runs; run++)
            {
                var name = "ainews_bench_" + Guid.NewGuid().ToString("N")[..8];
                await using (var connection = new NpgsqlConnection(admin.ConnectionString))
                {
                    await connection.OpenAsync();
                    await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                    await create.ExecuteNonQueryAsync();
                }
                databases.Add(name);
                var store = new PostgresStore(new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = name, Pooling = true }.ConnectionString);
                var options = new DbContextOptionsBuilder<NewsDbContext>();
                store.Configure(options);
                var factory = new Microsoft.EntityFrameworkCore.Infrastructure.PooledDbContextFactory<NewsDbContext>(options.Options);
                await store.InitializeAsync(factory);
                var importer = new ArticleImporter(factory, store: new PostgresArticleStore());
                GC.Collect();
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var report = await importer.ImportPathsAsync([corpus], new ImportOptions { BatchSize = batchSize });
                var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                seconds.Add(report.Elapsed.TotalSeconds);
                Console.WriteLine($"import end to end into PostgreSQL, run {run}: {report.Files:N0} files in {report.Elapsed.TotalSeconds:0.00} s = " +
                                  $"{report.Files / report.Elapsed.TotalSeconds:N0} articles/s ({report.Imported:N0} imported, {report.Rejected:N0} rejected, " +
                                  $"{report.Articles:N0} articles, {report.References:N0} references); this process's CPU {cpu.TotalSeconds:0.00} s");
                if (run == runs)
                {
                    var again = await importer.ImportPathsAsync([corpus], new ImportOptions { BatchSize = batchSize });
                    Console.WriteLine($"re-import (all unchanged): {again.Elapsed.TotalSeconds:0.00} s = {again.Files / again.Elapsed.TotalSeconds:N0} files/s");
                }
                NpgsqlConnection.ClearAllPools();
            }
            seconds.Sort();
            var median = seconds[seconds.Count / 2];
            Console.WriteLine($"import end to end into PostgreSQL, median of {runs}: {median:0.00} s = {count / median:N0} articles/s   goal: >= 20,000 articles/s");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using (var connection = new NpgsqlConnection(admin.ConnectionString))
            {
                await connection.OpenAsync();
                foreach (var name in databases)
                {
                    await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
                    await drop.ExecuteNonQueryAsync();
                }
            }
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<(ImportReport Report, TimeSpan Cpu, TimeSpan GcPause, long Allocated)> ImportOnceAsync(string corpus, string db, int batchSize)
    {
        await using var services = Services(db);
        await SqliteStore.InitializeAsync(services.GetRequiredService<IDbContextFactory<NewsDbContext>>());
        // Start each run on a clean heap, as an import in a process of its own does: what generating the corpus or the
        // run before left behind would otherwise be collected inside this run's time.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var gcBefore = GC.GetTotalPauseDuration();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var report = await services.GetRequiredService<ArticleImporter>().ImportPathsAsync([corpus], new ImportOptions { BatchSize = batchSize });
        return (report, Process.GetCurrentProcess().TotalProcessorTime - cpuBefore, GC.GetTotalPauseDuration() - gcBefore,
            GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore);
    }

    private static void DeleteDatabase(string db)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(db + suffix);
    }

    /// <summary>
    /// How much two threads spinning at once get done, in units of what one thread alone gets done in the same time:
    /// 2.0 on two free cores. The import needs both (one writes, one parses and checkpoints), so its figures scale with this.
    /// </summary>
    private static double ParallelCapacity()
    {
        static long Spin(TimeSpan duration)
        {
            var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            long n = 0;
            while (Stopwatch.GetTimestamp() < until)
                for (var i = 0; i < 1000; i++)
                    n++;
            return n;
        }
        var window = TimeSpan.FromSeconds(1);
        Spin(TimeSpan.FromMilliseconds(200)); // JIT and clock up
        var alone = Spin(window);
        var both = new long[2];
        Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => both[i] = Spin(window));
        return (both[0] + both[1]) / (double)alone;
    }

    /// <summary>The importer's writer alone, on articles parsed and prepared beforehand: how the end-to-end time splits.</summary>
    public static async Task WriteOnlyAsync(int count, int batchSize, string db)
    {
        var parser = new ArticleFileParser();
        var parsed = new DemoCorpusGenerator().Generate(count).AsParallel().AsOrdered()
            .Select(a => (a.RelativePath, Bytes: System.Text.Encoding.UTF8.GetBytes(a.Text)))
            .Select(a => (PreparedArticle.Of(parser.Parse(a.Bytes).Article!),
                new SourceFile(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(a.Bytes)), a.RelativePath, a.RelativePath, a.Bytes.Length)))
            .ToList();
        await using var services = Services(db);
        var factory = services.GetRequiredService<IDbContextFactory<NewsDbContext>>();
        await SqliteStore.InitializeAsync(factory);
        await using var ctx = await factory.CreateDbContextAsync();
        await ctx.Database.OpenConnectionAsync();
        var sw = Stopwatch.StartNew();
        var writer = new SqliteArticleWriter((SqliteConnection)ctx.Database.GetDbConnection());
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        writer.BeginBatch();
        var writtenBefore = BytesWritten();
        var i = 0;
        long commitTicks = 0;
        foreach (var (article, source) in parsed)
        {
            writer.Write(article, source, demo: false, DateTime.UtcNow, out _);
            if (++i % batchSize == 0)
            {
                var tc = Stopwatch.GetTimestamp();
                writer.CommitBatch();
                commitTicks += Stopwatch.GetTimestamp() - tc;
                writer.BeginBatch();
            }
        }
        writer.CommitBatch();
        writer.Dispose(); // waits for the last checkpoint, as the importer does
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
