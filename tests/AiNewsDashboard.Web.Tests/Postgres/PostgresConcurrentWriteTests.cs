using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Store.Postgres;
using AiNewsDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using static AiNewsDashboard.Web.Tests.Postgres.PostgresSnapshotDeltaTests;

namespace AiNewsDashboard.Web.Tests.Postgres;

/// <summary>
/// Several instances on one PostgreSQL: while one instance's import batch is open, another instance's writes to the
/// tables the snapshot reads (title keys, merge rules) neither deadlock with it nor wait for it, and the snapshot's
/// version and commit log stay exact, so the cache still updates itself from the log.
/// </summary>
public sealed class PostgresConcurrentWriteTests
{
    /// <summary>
    /// An import batch open on its own connection, as another instance's: what the writer knows stays its own, and its
    /// commit is told to nobody but the store.
    /// </summary>
    private sealed class OpenBatch : IAsyncDisposable
    {
        private readonly NewsDbContext _db;
        public IArticleWriter Writer { get; }

        private OpenBatch(NewsDbContext db, IArticleWriter writer) => (_db, Writer) = (db, writer);

        public static async Task<OpenBatch> BeginAsync(IDbContextFactory<NewsDbContext> factory)
        {
            var db = await factory.CreateDbContextAsync();
            await db.Database.OpenConnectionAsync();
            var batch = new OpenBatch(db, new PostgresArticleStore().OpenWriter(db));
            batch.Writer.BeginBatch();
            return batch;
        }

        public async ValueTask DisposeAsync()
        {
            Writer.Dispose();
            await _db.DisposeAsync();
        }
    }

    /// <summary>Another instance's write, on its own connection, that fails instead of waiting for a lock longer than 5 s.</summary>
    private static async Task WriteElsewhereAsync(IDbContextFactory<NewsDbContext> factory, Func<NewsDbContext, Task> write)
    {
        await using var db = await factory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("SET lock_timeout = '5s'");
        await write(db);
    }

    /// <summary>Whether a session of this database waits for a lock.</summary>
    private static bool SomeoneWaitsForALock(IDbContextFactory<NewsDbContext> factory)
    {
        using var db = factory.CreateDbContext();
        return db.Database.SqlQueryRaw<int>("""
            SELECT count(*)::int AS "Value" FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
            """).Single() > 0;
    }

    [PostgresFact]
    public async Task TitleBackfill_WhileAnotherInstancesBatchRewritesItsArticle_NeitherDeadlocksAndTheLogStaysExact()
    {
        // Bug guarded: the writer locked the counter's row from BeginBatch to its commit, and the triggers took that row
        // after their statement had locked the rows it changed. The backfill (one transaction, one UPDATE per title)
        // locked a and waited for the counter; the batch then waited for a: deadlock (40P01), the backfill aborted.
        var (services, factory, _) = await StartListeningAsync();
        await using var __ = services;
        var a = new ArticleBuilder().At("https://news.example/a").Titled("Ärger im Netz").From("alpha.example");
        await ImportElsewhereAsync(factory, ("a.md", a.Build()),
            ("b.md", new ArticleBuilder().At("https://news.example/b").Titled("Bêta-Tests").From("beta.example").Build()));
        // As a database from before the title key: the next instance to start keys these titles.
        await using (var db = await factory.CreateDbContextAsync())
            Assert.Equal(2, await db.Articles.ExecuteUpdateAsync(s => s.SetProperty(x => x.TitleKey, (string?)null)));
        await FreshAfterFeedAsync(services, factory);

        int keyed;
        await using (var batch = await OpenBatch.BeginAsync(factory))
        {
            // Another instance starts while this batch is open, and keys the titles.
            var backfill = Task.Run(async () =>
            {
                await using var db = await factory.CreateDbContextAsync();
                return await TitleKeyBackfill.RunAsync(db);
            });
            await Wait.UntilAsync(() => backfill.IsCompleted || SomeoneWaitsForALock(factory), "the backfill done or waiting for a lock");
            // The batch writes a new version of a, then commits.
            var write = Task.Run(() =>
            {
                PostgresArticleWriterTests.Write(batch.Writer, PostgresArticleWriterTests.File("a.md", a.Titled("Ärger im Netz, Teil 2").Build()), out _);
                return batch.Writer.CommitBatch();
            });

            var backfillError = await Record.ExceptionAsync(() => backfill);
            var writeError = await Record.ExceptionAsync(() => write);
            Assert.True(backfillError is null, $"The backfill failed: {backfillError}");
            Assert.True(writeError is null, $"The batch failed: {writeError}");
            keyed = await backfill;
        }

        Assert.Equal(2, keyed);
        await using (var db = await factory.CreateDbContextAsync())
            Assert.Equal(["ÄRGER IM NETZ, TEIL 2", "BÊTA-TESTS"], await db.Articles.OrderBy(x => x.Id).Select(x => x.TitleKey).ToListAsync());
        var facts = await FreshAfterFeedAsync(services, factory); // equal to a full load
        var log = await new PostgresArticleFactsSource(factory).ReadCommitsAsync(0, long.MaxValue, CancellationToken.None);
        Assert.Equal(facts.DataVersion, log[^1].VersionAfter); // the batch committed last...
        Assert.Equal(log[^1].VersionAfter - 1, log[^1].VersionBefore); // ...right after the backfill's move of the counter
    }

    [PostgresFact]
    public async Task MergeRule_WhileAnotherInstancesBatchIsOpen_CommitsAtOnceAndTheBatchStillUpdatesTheSnapshot()
    {
        // Bug guarded: every write to a table the snapshot reads waited for the counter's row, which an import batch
        // held from its start to its commit (seconds for 10,000 articles): a merge rule hung until the batch was done.
        var (services, factory, cache) = await StartListeningAsync();
        await using var __ = services;
        await ImportElsewhereAsync(factory, ("a.md", new ArticleBuilder().From("alpha.example").Build()),
            ("b.md", new ArticleBuilder().From("beta.example").Build()));
        await FreshAfterFeedAsync(services, factory);

        await using var batch = await OpenBatch.BeginAsync(factory);
        PostgresArticleWriterTests.Write(batch.Writer, PostgresArticleWriterTests.File("c.md", new ArticleBuilder().From("gamma.example").Build()), out _);

        // Fails after 5 s instead of waiting for the batch (which this test commits only after).
        var ruleError = await Record.ExceptionAsync(() => WriteElsewhereAsync(factory, async db =>
        {
            db.MergeRules.Add(new MergeRule { Kind = MergeKind.Provider, Alias = "beta.example", Canonical = "alpha.example" });
            await db.SaveChangesAsync();
        }));
        Assert.True(ruleError is null, $"The merge rule waited for the batch: {ruleError?.GetBaseException().Message}");
        var withRule = await FreshAfterFeedAsync(services, factory);
        Assert.Equal((2, 1), (withRule.Count, withRule.MergedProviders)); // the batch's article isn't committed yet
        var deltas = cache.DeltaLoadCount;

        var commit = batch.Writer.CommitBatch();

        Assert.Equal((withRule.DataVersion, withRule.DataVersion + 1), (commit.VersionBefore, commit.VersionAfter));
        Assert.Equal(3, (await FreshAfterFeedAsync(services, factory)).Count);
        Assert.Equal(deltas + 1, cache.DeltaLoadCount); // the batch's log entry chains from the rule's version
    }

    private static async Task<long> CounterAsync(IDbContextFactory<NewsDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        return long.Parse(await db.Meta.Where(m => m.Key == PostgresChangeFeed.CounterV1.VersionKey).Select(m => m.Value).SingleAsync(),
            System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<int> QueuedAsync(IDbContextFactory<NewsDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        return await db.Database.SqlQueryRaw<int>($"SELECT count(*)::int AS \"Value\" FROM \"{PostgresChangeFeed.CounterV2.Queue}\"").SingleAsync();
    }

    [PostgresFact]
    public async Task Counter_ATransactionOfSeveralChanges_MovesItOnceAtItsCommitWithoutHoldingItMeanwhile()
    {
        var (services, factory, _) = await StartListeningAsync();
        await using var __ = services;
        var start = await CounterAsync(factory);

        await using (var db = await factory.CreateDbContextAsync())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            db.MergeRules.Add(new MergeRule { Kind = MergeKind.Topic, Alias = "ml", Canonical = "ai" });
            await db.SaveChangesAsync();
            db.MergeRules.Add(new MergeRule { Kind = MergeKind.Topic, Alias = "llm", Canonical = "ai" });
            await db.SaveChangesAsync();
            await db.MergeRules.Where(r => r.Alias == "ml").ExecuteDeleteAsync();
            Assert.Equal(start, await CounterAsync(factory)); // nothing moved before the commit...

            // ...and nothing holds the counter's row: another transaction commits meanwhile, and takes the next value.
            var other = await Record.ExceptionAsync(() => WriteElsewhereAsync(factory, async other =>
            {
                other.MergeRules.Add(new MergeRule { Kind = MergeKind.Provider, Alias = "b.example", Canonical = "a.example" });
                await other.SaveChangesAsync();
            }));
            Assert.True(other is null, $"The other write waited: {other?.GetBaseException().Message}");
            Assert.Equal(start + 1, await CounterAsync(factory));
            await tx.CommitAsync();
        }
        Assert.Equal(start + 2, await CounterAsync(factory));

        await using (var db = await factory.CreateDbContextAsync())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.MergeRules.ExecuteDeleteAsync();
            await tx.RollbackAsync();
        }
        Assert.Equal(start + 2, await CounterAsync(factory)); // a rolled-back change moves nothing
        Assert.Equal(0, await QueuedAsync(factory));
    }

    [PostgresFact]
    public async Task Migration_TakenBackAndAppliedAgain_CountsChangesAsEachVersionDid()
    {
        var (services, factory, _) = await StartListeningAsync();
        await using var __ = services;
        await using var db = await factory.CreateDbContextAsync();
        var migrator = db.GetService<IMigrator>();
        async Task<long> MovedByARuleAsync(string alias)
        {
            var before = await CounterAsync(factory);
            await WriteElsewhereAsync(factory, async other =>
            {
                await using var tx = await other.Database.BeginTransactionAsync();
                other.MergeRules.Add(new MergeRule { Kind = MergeKind.Topic, Alias = alias, Canonical = "ai" });
                await other.SaveChangesAsync();
                await other.MergeRules.Where(r => r.Alias == alias).ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedBy, "editor"));
                await tx.CommitAsync();
            });
            return await CounterAsync(factory) - before;
        }

        await migrator.MigrateAsync("AddCopyKeys");
        Assert.Equal(2, await MovedByARuleAsync("ml")); // before: once per statement
        await migrator.MigrateAsync();
        Assert.Equal(1, await MovedByARuleAsync("llm")); // now: once per transaction
        Assert.Equal(0, await QueuedAsync(factory));
    }
}
