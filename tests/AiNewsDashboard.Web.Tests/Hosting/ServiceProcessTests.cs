using System.Diagnostics;
using AiNewsDashboard.Core;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Demo;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Tests.Cli;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Hosting;

/// <summary>A corpus and the end state of an uninterrupted import of it, shared by the process tests.</summary>
public sealed class ServiceCorpus : IAsyncLifetime
{
    /// <summary>
    /// Four of the app's batches of 10,000: a test stops the app once the first has committed, and a stop that lands
    /// late (on a busy machine) still finds batches left to cut short.
    /// </summary>
    public const int Articles = 40_000;
    public TempDirectory Dir { get; } = new();
    public string Corpus => Dir.PathOf("corpus");
    public string CleanDb => Dir.PathOf("clean.db");

    public async Task InitializeAsync()
    {
        new DemoCorpusGenerator().WriteTo(Corpus, Articles);
        // The app seeds the two bundled samples (demo off) before its first import: so does the reference.
        await using (var services = new ServiceCollection().AddNewsData(SqliteStore.ConnectionStringForFile(CleanDb)).AddArticleImport().AddDemoData().BuildServiceProvider())
        {
            await SqliteStore.InitializeAsync(services.GetRequiredService<IDbContextFactory<NewsDbContext>>());
            await services.GetRequiredService<DemoData>().SeedIfEmptyAsync(includeSynthetic: false);
        }
        await KillAndRerunTests.RunToEndAsync(CleanDb, Corpus);
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Dir.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// The app as a long-running service, started as a real process importing a large watch folder: killed (SIGKILL)
/// or stopped (SIGTERM) mid-import, it leaves a consistent database with whole articles only, and the import then
/// completes to exactly the state of an uninterrupted run.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ServiceProcessTests(ServiceCorpus corpus, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ServiceCorpus>, IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private Process StartApp(string db) =>
        CliRunner.StartProcess("--urls", $"http://127.0.0.1:{ProductionProcessTests.FreePort()}", "--db", db, "--no-demo",
            "--environment", "Production", $"--Import:WatchFolder={corpus.Corpus}");

    [Fact]
    public async Task Kill_DuringAWatchFolderImport_RestartCatchesUpToTheExactEndState()
    {
        var db = _dir.PathOf("killed.db");
        using (var app = StartApp(db))
        {
            await KillAndRerunTests.WaitForArticlesAsync(db, atLeast: 2000, app);
            app.Kill(entireProcessTree: true); // SIGKILL
            await app.WaitForExitAsync();
        }
        await AssertConsistentAsync(db);

        // Restarted, the app catches up with the folder by itself.
        using (var app = StartApp(db))
        {
            try
            {
                await WaitForCompleteRunAsync(db, app);
            }
            finally
            {
                app.Kill(entireProcessTree: true);
                await app.WaitForExitAsync();
            }
        }
        await AssertSameAsCleanAsync(db);
    }

    [Fact]
    public async Task Sigterm_DuringAnImport_StopsWithinSecondsKeepingWholeFilesAndARerunFinishesExactly()
    {
        var db = _dir.PathOf("stopped.db");
        using (var app = StartApp(db))
        {
            await KillAndRerunTests.WaitForArticlesAsync(db, atLeast: 2000, app);
            var stopwatch = Stopwatch.StartNew();
            using (var kill = Process.Start("kill", ["-TERM", app.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await app.WaitForExitAsync(timeout.Token);
            output.WriteLine($"SIGTERM to exit: {stopwatch.Elapsed.TotalSeconds:0.00} s");
            // Graceful: the running batch is committed or rolled back and the host exits promptly, not at ShutdownTimeout.
            Assert.InRange(stopwatch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
            Assert.Equal(0, app.ExitCode);
        }
        await AssertConsistentAsync(db);
        await using (var services = KillAndRerunTests.Open(db))
        await using (var ctx = await services.GetRequiredService<IDbContextFactory<NewsDbContext>>().CreateDbContextAsync())
        {
            var run = await ctx.ImportRuns.SingleAsync();
            Assert.True(run.Cancelled, "the history records the import as cut short");
            Assert.InRange(run.Imported, 2000, ServiceCorpus.Articles - 1);
        }

        var rerun = await KillAndRerunTests.RunToEndAsync(db, corpus.Corpus);
        Assert.Equal(ServiceCorpus.Articles, rerun.GetProperty("unchanged").GetInt32() + rerun.GetProperty("imported").GetInt32());
        await AssertSameAsCleanAsync(db);
    }

    private static async Task AssertConsistentAsync(string db)
    {
        await using var services = KillAndRerunTests.Open(db);
        await using var ctx = await services.GetRequiredService<IDbContextFactory<NewsDbContext>>().CreateDbContextAsync();
        Assert.Equal(["ok"], await ctx.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync());
        Assert.InRange(await ctx.Articles.CountAsync(a => !a.IsReference), 2000, ServiceCorpus.Articles - 1);
        // No partial article: every stored article has its topics (written last of its rows).
        Assert.False(await ctx.Articles.AnyAsync(a => !a.IsReference && !ctx.ArticleTopics.Any(t => t.ArticleId == a.Id)));
    }

    private async Task AssertSameAsCleanAsync(string db)
    {
        await using var a = KillAndRerunTests.Open(db);
        await using var b = KillAndRerunTests.Open(corpus.CleanDb);
        Assert.Equal(await DatabaseSnapshot.CaptureAsync(b.GetRequiredService<IDbContextFactory<NewsDbContext>>()),
                     await DatabaseSnapshot.CaptureAsync(a.GetRequiredService<IDbContextFactory<NewsDbContext>>()));
    }

    /// <summary>Waits for the app's history to record a watch-folder run over the whole corpus that was not cut short.</summary>
    private static async Task WaitForCompleteRunAsync(string db, Process app)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (app.HasExited)
                Assert.Fail($"the app exited with {app.ExitCode}");
            try
            {
                await using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
                await c.OpenAsync();
                await using var cmd = c.CreateCommand();
                cmd.CommandText = $"SELECT COUNT(*) FROM ImportRuns WHERE Kind = 'watch' AND Cancelled = 0 AND Error IS NULL AND Files = {ServiceCorpus.Articles}";
                if (Convert.ToInt32(await cmd.ExecuteScalarAsync()) > 0)
                    return;
            }
            catch (SqliteException)
            {
                // busy at this instant: look again
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("the restarted app did not finish the watch-folder import");
    }
}
