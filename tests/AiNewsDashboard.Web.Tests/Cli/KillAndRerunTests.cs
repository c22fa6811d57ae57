using System.Text.Json;
using AiNewsDashboard.Core;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Demo;
using AiNewsDashboard.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Cli;

/// <summary>Killing the importer mid-run leaves a consistent database, and the same import run again finishes the job.</summary>
[Trait("Category", "Slow")]
public sealed class KillAndRerunTests : IDisposable
{
    private const int Articles = 20_000;
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task Import_KilledMidRunThenRerun_EndsExactlyLikeAnUninterruptedRun()
    {
        var corpus = _dir.PathOf("corpus");
        new DemoCorpusGenerator().WriteTo(corpus, Articles);
        var killedDb = _dir.PathOf("killed.db");
        var cleanDb = _dir.PathOf("clean.db");

        // A real child process, killed (SIGKILL) once a few batches have committed and while more are in flight.
        using (var child = CliRunner.StartProcess("import", corpus, "--db", killedDb, "--json"))
        {
            var committed = await WaitForArticlesAsync(killedDb, atLeast: 2000, child);
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
            Assert.InRange(committed, 2000, Articles - 1);
        }

        await using (var killed = Open(killedDb))
        {
            await using var ctx = await killed.GetRequiredService<IDbContextFactory<NewsDbContext>>().CreateDbContextAsync();
            Assert.Equal(["ok"], await ctx.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync());
            Assert.InRange(await ctx.Articles.CountAsync(a => !a.IsReference), 2000, Articles - 1);
            // No partial article: every stored article has all its topics and its whole related list.
            Assert.False(await ctx.Articles.AnyAsync(a => !a.IsReference && !ctx.ArticleTopics.Any(t => t.ArticleId == a.Id)));
        }

        // What the killed run committed keeps the store's rules, and so does the run that finishes its job.
        await StoreInvariants.AssertHoldAsync(killedDb);
        var rerun = await RunToEndAsync(killedDb, corpus);
        var clean = await RunToEndAsync(cleanDb, corpus);
        await StoreInvariants.AssertHoldAsync(killedDb);

        Assert.Equal(0, rerun.GetProperty("rejected").GetInt32());
        Assert.True(rerun.GetProperty("unchanged").GetInt32() >= 2000);
        Assert.Equal(Articles, rerun.GetProperty("unchanged").GetInt32() + rerun.GetProperty("imported").GetInt32());
        Assert.Equal(clean.GetProperty("articles").GetInt32(), rerun.GetProperty("articles").GetInt32());
        Assert.Equal(clean.GetProperty("references").GetInt32(), rerun.GetProperty("references").GetInt32());
        await using var a = Open(killedDb);
        await using var b = Open(cleanDb);
        Assert.Equal(await DatabaseSnapshot.CaptureAsync(b.GetRequiredService<IDbContextFactory<NewsDbContext>>()),
                     await DatabaseSnapshot.CaptureAsync(a.GetRequiredService<IDbContextFactory<NewsDbContext>>()));
    }

    internal static async Task<JsonElement> RunToEndAsync(string db, string corpus)
    {
        using var child = CliRunner.StartProcess("import", corpus, "--db", db, "--json");
        var stdout = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        Assert.Equal(0, child.ExitCode);
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    internal static async Task<int> WaitForArticlesAsync(string db, int atLeast, System.Diagnostics.Process child)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        string? lastError = null;
        while (DateTime.UtcNow < deadline)
        {
            // (An if, not Assert.False with the message: the message would read stderr to the end, i.e. wait for the exit.)
            if (child.HasExited)
                Assert.Fail($"the import finished before it could be killed (last read error: {lastError}); stderr: {await child.StandardError.ReadToEndAsync()}");
            if (File.Exists(db))
            {
                try
                {
                    // Not ReadOnly: a read-only connection cannot open the WAL index while another process writes.
                    await using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
                    await c.OpenAsync();
                    await using var cmd = c.CreateCommand();
                    cmd.CommandText = "SELECT COUNT(*) FROM Articles WHERE IsReference = 0";
                    var n = Convert.ToInt32(await cmd.ExecuteScalarAsync());
                    if (n >= atLeast)
                        return n;
                }
                catch (SqliteException e)
                {
                    lastError = e.Message; // typically: the schema is not created yet
                }
            }
            await Task.Delay(10);
        }
        throw new TimeoutException($"the import never committed enough articles (last error: {lastError})");
    }

    internal static ServiceProvider Open(string db) =>
        new ServiceCollection().AddNewsData(SqliteStore.ConnectionStringForFile(db)).BuildServiceProvider();
}
