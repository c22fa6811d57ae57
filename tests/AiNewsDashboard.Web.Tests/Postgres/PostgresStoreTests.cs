using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Store.Postgres;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Cli;
using AiNewsDashboard.Web.Tests.Cli;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace AiNewsDashboard.Web.Tests.Postgres;

/// <summary>PostgreSQL as the store, on a private cluster: its migrations, and the command line on it.</summary>
public sealed class PostgresStoreTests
{
    private static async Task<CliResult> RunAsync(string db, string? stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CommandLine.RunAsync([.. args, "--db", db], stdout, stderr, stdin: new StringReader(stdin ?? ""));
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Options for <typeparamref name="T"/> on <paramref name="store"/>, as the app configures its contexts.</summary>
    private static DbContextOptions<T> Options<T>(PostgresStore store) where T : DbContext
    {
        var options = new DbContextOptionsBuilder<T>();
        store.Configure(options);
        return options.Options;
    }

    [PostgresFact]
    public async Task Initialize_EmptyDatabase_AppliesEveryPostgresMigrationOfEachContext()
    {
        var cs = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        var store = new PostgresStore(cs);
        var news = Options<NewsDbContext>(store);

        await store.InitializeAsync(new PooledDbContextFactory<NewsDbContext>(news));
        await using var db = new NewsDbContext(news);
        var instances = Options<InstancesDbContext>(store);
        await using var instancesDb = new InstancesDbContext(instances);
        await instancesDb.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await instancesDb.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Articles.CountAsync());
    }

    [PostgresFact]
    public async Task SharedCountsAndLeases_OnPostgres_UpsertAsOnSqlite()
    {
        var cs = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        var store = new PostgresStore(cs);
        var instances = Options<InstancesDbContext>(store);
        var factory = new PooledDbContextFactory<InstancesDbContext>(instances);
        await using (var db = await factory.CreateDbContextAsync())
            await db.Database.MigrateAsync();
        var clock = new SettableClock(new DateTimeOffset(2026, 3, 4, 10, 0, 5, TimeSpan.Zero));
        var counts = new SharedRateCounts(factory, clock);
        var (first, second) = (new InstanceLeases(factory, clock), new InstanceLeases(factory, clock));

        Assert.Equal((1, TimeSpan.FromSeconds(55)), await counts.CountAsync("login:ip:203.0.113.7", TimeSpan.FromMinutes(1)));
        Assert.Equal(2, (await counts.CountAsync("login:ip:203.0.113.7", TimeSpan.FromMinutes(1))).Count);
        Assert.Equal(1, (await counts.CountAsync("login:ip:198.51.100.20", TimeSpan.FromMinutes(1))).Count);
        clock.Now = clock.Now.AddMinutes(1);
        Assert.Equal(1, (await counts.CountAsync("login:ip:203.0.113.7", TimeSpan.FromMinutes(1))).Count);

        Assert.Equal(first.Holder, await first.TryHoldAsync("watch-folder:/inbox", TimeSpan.FromSeconds(30)));
        Assert.Equal(first.Holder, await second.TryHoldAsync("watch-folder:/inbox", TimeSpan.FromSeconds(30)));
        clock.Now = clock.Now.AddSeconds(31);
        Assert.Equal(second.Holder, await second.TryHoldAsync("watch-folder:/inbox", TimeSpan.FromSeconds(30)));
    }

    [PostgresFact]
    public async Task Initialize_DatabaseNotCreatedYet_CreatesItOnTheServer()
    {
        var server = await PostgresServer.GetAsync();
        var cs = server.ConnectionString("t_new_" + Guid.NewGuid().ToString("N")[..8]);
        var store = new PostgresStore(cs);
        var news = Options<NewsDbContext>(store);

        await store.InitializeAsync(new PooledDbContextFactory<NewsDbContext>(news));

        await using var db = new NewsDbContext(news);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [PostgresFact]
    public async Task UsersCommand_HostConnectionString_KeepsAccountsInPostgres()
    {
        var cs = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();

        var added = await RunAsync(cs, "correct horse battery\n", "users", "add", "alice", "--role", "admin");
        var list = await RunAsync(cs, null, "users", "list");

        Assert.True(added.ExitCode == 0, added.Stderr);
        Assert.Contains("alice", list.Stdout);
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("""SELECT "UserName" FROM "AspNetUsers" """, connection);
        Assert.Equal("alice", await cmd.ExecuteScalarAsync());
    }

    [PostgresFact]
    public async Task CollectionNames_DifferOnlyInCase_AreOneNameAsOnSqlite()
    {
        var cs = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        var store = new PostgresStore(cs);
        var news = Options<NewsDbContext>(store);
        await store.InitializeAsync(new PooledDbContextFactory<NewsDbContext>(news));
        await using var db = new NewsDbContext(news);
        db.ProviderCollections.Add(new() { Name = "Wire services", CreatedUtc = DateTimeOffset.UtcNow, UpdatedUtc = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();

        Assert.True(await db.ProviderCollections.AnyAsync(c => c.Name == "wire SERVICES"));
    }

    [PostgresFact]
    public async Task BackupCommand_PostgresStore_WritesAPgDumpArchive()
    {
        var cs = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        using var dir = new TempDirectory();
        Assert.Equal(0, (await RunAsync(cs, "correct horse battery\n", "users", "add", "alice", "--role", "admin")).ExitCode);

        var result = await RunAsync(cs, null, "backup", "--out", dir.PathOf("news.dump"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("pg_restore", result.Stdout);
        Assert.Equal("PGDMP", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(dir.PathOf("news.dump")), 0, 5));
    }

    [Fact]
    public async Task Backup_PgDumpMissing_SaysHowInsteadOfFailingSomewhere()
    {
        var store = new PostgresStore("Host=db.example;Port=5433;Database=news;Username=news;Password=hunter2");
        using var dir = new TempDirectory();

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            PostgresBackup.DumpAsync(store, dir.PathOf("x.dump"), overwrite: false, pgDump: MissingPgDump));

        Assert.Contains("apt-get install -y postgresql-client", e.Message);
        Assert.Contains("pg_dump -Fc -h db.example -p 5433 -U news -d news", e.Message);
        Assert.DoesNotContain("hunter2", e.Message);
    }

    [PostgresFact]
    public async Task ImportCommand_PostgresStore_ImportsAndRecordsTheRun()
    {
        var cs = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        using var dir = new TempDirectory();
        var file = dir.Write("a.md", new ArticleBuilder().At("https://news.example/a").RelatedTo("https://ref.example/r").Build());

        var result = await RunAsync(cs, null, "import", file, "--json");
        var again = await RunAsync(cs, null, "import", file, "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var report = System.Text.Json.JsonDocument.Parse(result.Stdout);
        Assert.Equal(1, report.RootElement.GetProperty("imported").GetInt32());
        using var second = System.Text.Json.JsonDocument.Parse(again.Stdout);
        Assert.Equal(1, second.RootElement.GetProperty("unchanged").GetInt32());
        await using var db = new NewsDbContext(Options<NewsDbContext>(new PostgresStore(cs)));
        Assert.Equal((1, 1), (await db.Articles.CountAsync(a => !a.IsReference), await db.Articles.CountAsync(a => a.IsReference)));
        var run = await db.ImportRuns.OrderBy(r => r.Id).FirstAsync();
        Assert.Equal((1, (string?)null), (run.Imported, run.Error));
        Assert.Equal(2, await db.ImportRunArticles.CountAsync(r => r.RunId == run.Id));
    }

    private const string MissingPgDump = "/nonexistent/pg_dump";
}
