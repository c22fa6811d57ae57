using System.Diagnostics;
using AiNewsDashboard.Core;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Core.Alerts;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Signals;
using AiNewsDashboard.Core.Syndication;
using AiNewsDashboard.Core.Views;
using AiNewsDashboard.Demo;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Benchmarks;

/// <summary>
/// Copy detection at N articles: the first pass over N − 10,000 generated articles, a restart (groups read back from the
/// store; the index is there too, so the first pass finds nothing to do), and the incremental pass after one more import of
/// 10,000 articles, the figure the issue sets a target for (5 s at a million on two cores); then, end to end, a further
/// 10,000-article import and everything the app's workers do after a commit until every signal and alert is current
/// (<see cref="EndToEndAsync"/>). A fresh database each run.
/// </summary>
internal static class SyndicationBenchmark
{
    private const int Batch = 10_000;

    public static async Task RunAsync(int count)
    {
        Console.WriteLine($"cores: {Environment.ProcessorCount}, articles: {count:N0} ({count - Batch:N0} first, then a batch of {Batch:N0})");
        var path = Path.Combine(Path.GetTempPath(), $"ainews-syndication-{Guid.NewGuid():N}.db");
        // The database after the first pass is kept, so a further run starts at the restart (the import and the first
        // pass take most of an hour at a million articles on two cores under load).
        var cached = Path.Combine(Path.GetTempPath(), $"ainews-syndication-{count}.db");
        try
        {
            var texts = new DemoCorpusGenerator().Generate(count + Batch).Select(a => (a.RelativePath, a.Text)).ToList();
            if (File.Exists(cached + ".complete"))
            {
                CopyDatabase(cached, path);
                Console.WriteLine($"database after the first pass: {cached} (cached; delete it and its .complete to measure the import and the first pass)");
            }
            else
            {
                await using (var services = Services(path))
                {
                    await SqliteStore.InitializeAsync(services.GetRequiredService<IDbContextFactory<NewsDbContext>>());
                    var report = await services.GetRequiredService<ArticleImporter>().ImportAsync(ImportSource.FromTexts(texts.Take(count - Batch)), count - Batch);
                    Console.WriteLine($"import of the first {report.Files:N0} files: {report.Elapsed.TotalSeconds:0.0} s");
                    var first = await services.GetRequiredService<SyndicationService>().UpdateAsync();
                    await PrintAsync("first pass (every article)", first, services, path);
                }
                SqliteConnection.ClearAllPools();
                CopyDatabase(path, cached);
                await File.WriteAllTextAsync(cached + ".complete", $"{count}\n");
            }

            await using (var services = Services(path))
            {
                // A database cached by an earlier version is migrated (its copy detection's first pass then files the
                // articles checked before, once: the upgrade's backfill).
                await SqliteStore.InitializeAsync(services.GetRequiredService<IDbContextFactory<NewsDbContext>>());
                var syndication = services.GetRequiredService<SyndicationService>();
                var sw = Stopwatch.StartNew();
                var groups = await syndication.GetAsync();
                Console.WriteLine($"restart: {groups.Groups.Count:N0} groups read from the store in {sw.Elapsed.TotalMilliseconds:N0} ms");
                var restart = await syndication.UpdateAsync();
                await PrintAsync("restart: first pass (nothing new to check; the index is in the store, or filed now after an upgrade)", restart, services, path);
                var again = await syndication.UpdateAsync();
                await PrintAsync("a further pass with nothing new", again, services, path);

                var report = await services.GetRequiredService<ArticleImporter>().ImportAsync(ImportSource.FromTexts(texts.Skip(count - Batch).Take(Batch)), Batch);
                Console.WriteLine($"import of the batch: {report.Files:N0} files in {report.Elapsed.TotalSeconds:0.0} s");
                var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var incremental = await syndication.UpdateAsync();
                cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                await PrintAsync($"incremental pass after the {Batch:N0}-article batch", incremental, services, path, measureDisk: true);
                Console.WriteLine($"  CPU {cpu.TotalMilliseconds:N0} ms ({cpu / incremental.Duration:0.00} cores); machine load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
                Console.WriteLine($"managed heap after the pass: {GC.GetTotalMemory(forceFullCollection: true) / (1024.0 * 1024):0.0} MiB (was {heapBefore / (1024.0 * 1024):0.0})");

                await EndToEndAsync(services, texts.Skip(count));
            }
        }
        finally
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                File.Delete(file);
        }
    }

    /// <summary>
    /// A 10,000-article import's commit until every signal and alert is current, doing what the app's workers do after
    /// a commit, without their polling: copy detection starts at once (SyndicationWorker) while the snapshot reloads; the
    /// new snapshot's unfiltered signals are warmed (SignalsWarmUp: story graph, drift, breaking stories) and the alert
    /// rules checked (AlertWorker); the pass's new copy groups make a new data state (no reload: its commit touches
    /// nothing the snapshot reads), and that state's signals and the alerts on it end the measure. One rule of each
    /// condition on an unfiltered saved view.
    /// </summary>
    private static async Task EndToEndAsync(ServiceProvider services, IEnumerable<(string RelativePath, string Text)> batch)
    {
        var syndication = services.GetRequiredService<SyndicationService>();
        var facts = services.GetRequiredService<ArticleFactsCache>();
        var matcher = services.GetRequiredService<ArticleMatcher>();
        var signals = services.GetRequiredService<SignalQueries>();
        var alerts = services.GetRequiredService<AlertService>();
        var view = await services.GetRequiredService<SavedViewService>().CreateAsync(SavedViewService.LocalOwner, "Everything", "/signals", "");
        foreach (var condition in Enum.GetValues<AlertCondition>())
            await alerts.AddRuleAsync(SavedViewService.LocalOwner, condition.ToString(), view.Id, condition, condition == AlertCondition.Below ? 1_000_000 : 1, 7);

        // A running app before the import: snapshot current, signals warm, rules checked, copies detected.
        await facts.GetFreshAsync();
        await syndication.UpdateAsync();
        await signals.WarmAsync();
        await alerts.CheckAsync();

        var report = await services.GetRequiredService<ArticleImporter>().ImportAsync(ImportSource.FromTexts(batch), Batch);
        var loads = facts.LoadCount;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var pass = Task.Run(async () => (await syndication.UpdateAsync(), sw.Elapsed));
        var onFirst = Task.Run(async () =>
        {
            await facts.GetFreshAsync();
            var loaded = sw.Elapsed;
            await Task.WhenAll(signals.WarmAsync(), alerts.CheckAsync());
            return (loaded, sw.Elapsed);
        });
        var (syndicationPass, passDone) = await pass;
        var (firstLoaded, firstWarm) = await onFirst;
        var last = await facts.GetFreshAsync();
        var state = await matcher.GetStateAsync();
        var fired = (await Task.WhenAll(signals.WarmAsync().ContinueWith(_ => (IReadOnlyList<Alert>)[]), alerts.CheckAsync()))[1];
        var total = sw.Elapsed;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        Console.WriteLine($"end to end: import of a further {report.Files:N0} files ({report.Elapsed.TotalSeconds:0.0} s), then from its return (the commit and checkpoint done):");
        Console.WriteLine($"  snapshot with the batch published {firstLoaded.TotalMilliseconds:N0} ms ({last.Count:N0} rows, load {last.LoadDuration.TotalMilliseconds:N0} ms; " +
                          $"{facts.LoadCount - loads} load(s)), its signals warm and rules checked {firstWarm.TotalMilliseconds:N0} ms");
        Console.WriteLine($"  copy detection beside it done {passDone.TotalMilliseconds:N0} ms ({syndicationPass.Checked:N0} checked, {syndicationPass.Matches:N0} matches; " +
                          $"read {syndicationPass.Read.TotalMilliseconds:N0}, detect {syndicationPass.Detect.TotalMilliseconds:N0}, record {syndicationPass.Record.TotalMilliseconds:N0} ms; " +
                          $"{state.Copies.CopyCount:N0} copies)");
        Console.WriteLine($"  every signal and alert current on the snapshot and the new groups: {total.TotalMilliseconds:N0} ms (goal 5,000; {fired.Count} alerts fired; CPU {cpu.TotalMilliseconds:N0} ms = " +
                          $"{cpu / total:0.00} cores; machine load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
    }

    /// <summary>The file and its write-ahead log: the file alone may miss committed pages (or hold half a checkpoint).</summary>
    private static void CopyDatabase(string from, string to)
    {
        foreach (var suffix in new[] { "", "-wal" })
        {
            File.Delete(to + suffix);
            if (File.Exists(from + suffix))
                File.Copy(from + suffix, to + suffix);
        }
    }

    private static ServiceProvider Services(string path) =>
        new ServiceCollection().AddNewsData(SqliteStore.ConnectionStringForFile(path)).AddArticleImport().BuildServiceProvider();

    /// <summary>
    /// A pass's figures, the stored index's rows and, with <paramref name="measureDisk"/>, its bytes on disk (SQLite's
    /// dbstat is not built into the bundled library, so the table is copied, in key order, into a file of its own: its
    /// size packed as VACUUM leaves it), and the process's resident memory.
    /// </summary>
    private static async Task PrintAsync(string label, SyndicationPass pass, IServiceProvider services, string path, bool measureDisk = false)
    {
        var entries = await services.GetRequiredService<SyndicationService>().CountEntriesAsync();
        var onDisk = "";
        if (measureDisk)
        {
            var copy = path + ".keys";
            await using (var connection = new SqliteConnection(SqliteStore.ConnectionStringForFile(path)))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT sql FROM sqlite_master WHERE name = 'CopyKeys'";
                var create = ((string)(await command.ExecuteScalarAsync())!).Replace("CREATE TABLE \"CopyKeys\"", "CREATE TABLE k.\"CopyKeys\"");
                command.CommandText = $"ATTACH DATABASE '{copy}' AS k; {create}; INSERT INTO k.\"CopyKeys\" SELECT * FROM \"CopyKeys\" ORDER BY \"Key\", \"ArticleId\"; DETACH DATABASE k;";
                await command.ExecuteNonQueryAsync();
            }
            SqliteConnection.ClearAllPools();
            onDisk = $", {new FileInfo(copy).Length / (1024.0 * 1024):0.0} MiB on disk packed (the whole database {new FileInfo(path).Length / (1024.0 * 1024):0.0} MiB)";
            File.Delete(copy);
        }
        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"{label}: {pass.Duration.TotalMilliseconds:N0} ms, {pass.Checked:N0} articles checked, {pass.Matches:N0} matches; " +
                          $"{pass.Groups:N0} groups, {pass.Copies:N0} copies; {pass.Backfilled:N0} filed by the backfill, {pass.TextsRead:N0} texts read; " +
                          $"index {entries:N0} rows{onDisk}; resident {process.WorkingSet64 / (1024.0 * 1024):N0} MiB (the benchmark holds every generated text)\n" +
                          $"  read {pass.Read.TotalMilliseconds:N0} ms, detect {pass.Detect.TotalMilliseconds:N0} ms (of which asking the store for entries and candidates' texts {pass.Load.TotalMilliseconds:N0} ms), " +
                          $"record {pass.Record.TotalMilliseconds:N0} ms");
    }
}
