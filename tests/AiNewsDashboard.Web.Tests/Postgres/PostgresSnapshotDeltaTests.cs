using System.Globalization;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Store.Postgres;
using AiNewsDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Postgres;

/// <summary>
/// On PostgreSQL too, the snapshot is updated from the articles this instance's imports touched (ArticleFactsDelta),
/// and holds exactly what a full load reads; after another instance's imports too, from the store's commit log; a
/// change the log doesn't explain (merge rules, an undo, a pruned entry) makes it read whole.
/// </summary>
public sealed class PostgresSnapshotDeltaTests
{
    [PostgresFact]
    public async Task Snapshot_AfterImportsThatAddUpdateRedateMoveAndRemove_EqualsAFullLoad()
    {
        var (services, factory) = await PostgresQueriesTests.StartAsync();
        await using var _ = services;
        var cache = services.GetRequiredService<ArticleFactsCache>();
        var feed = services.GetRequiredService<IChangeFeed>();
        var importer = new ArticleImporter(factory, new PostgresArticleStore(), services.GetRequiredService<StoreCommits>());
        var source = new PostgresArticleFactsSource(factory);
        await cache.GetFreshAsync();
        await Wait.UntilAsync(() => feed.CurrentVersion() is not null, "the change feed listening");

        async Task<ArticleFacts> ImportAsync(params (string Name, string Text)[] files)
        {
            var before = await cache.GetFreshAsync();
            var report = await importer.ImportAsync(ImportSource.FromTexts(files), files.Length);
            Assert.Equal(0, report.Rejected);
            // At once: the commit's notifications arrive a moment after it returned, and the load waits for them.
            var updated = await cache.GetFreshAsync();
            Assert.Equal(before.DataVersion + 1, updated.DataVersion);
            SnapshotComparison.AssertSame(await source.ReadAsync(updated.DataVersion, CancellationToken.None), updated);
            return updated;
        }

        var a = new ArticleBuilder().At("https://news.example/a").From("alpha.example").PublishedOn(2025, 3, 1).InCategory("news").WithTopics("AI", "Chips");
        var b = new ArticleBuilder().At("https://news.example/b").From("beta.example").PublishedOn(2025, 3, 2).InCategory("opinion").WithTopics("Policy");
        var c = new ArticleBuilder().At("https://news.example/c").From("alpha.example").PublishedOn(2025, 3, 1).RelatedTo("https://ref.example/one");
        await ImportAsync(("a.md", a.Build()), ("b.md", b.Build()), ("c.md", c.Build()));
        var deltas = cache.DeltaLoadCount;

        var d = new ArticleBuilder().At("https://news.example/d").From("delta.example", "Delta News").PublishedOn(2025, 3, 1).WithTopics("Robots", "ai").InCategory("features");
        await ImportAsync(("d.md", d.Build()));
        var updated = await ImportAsync(
            ("a.md", a.WithQuality(90).WithHeat(500).WithTopics("Chips", "Energy").PublishedOn(2019, 6, 1).Build()),
            ("b.md", b.From("epsilon.example").InCategory("archive").Build()),
            ("c.md", new ArticleBuilder().At(c.Url).From("alpha.example").PublishedOn(2025, 3, 1).Build()));

        Assert.Equal(4, updated.Count); // c's reference went with its link
        Assert.Equal(deltas + 2, cache.DeltaLoadCount); // each of the two imports updated the snapshot
    }

    /// <summary>An instance over the same database whose snapshot is up to date and whose change feed listens.</summary>
    internal static async Task<(ServiceProvider Services, IDbContextFactory<NewsDbContext> Factory, ArticleFactsCache Cache)> StartListeningAsync()
    {
        var (services, factory) = await PostgresQueriesTests.StartAsync();
        var cache = services.GetRequiredService<ArticleFactsCache>();
        await cache.GetFreshAsync();
        await Wait.UntilAsync(() => services.GetRequiredService<IChangeFeed>().CurrentVersion() is not null, "the change feed listening");
        return (services, factory, cache);
    }

    /// <summary>Another instance's importer: its own writer and its own StoreCommits, which our cache never hears.</summary>
    internal static async Task ImportElsewhereAsync(IDbContextFactory<NewsDbContext> factory, params (string Name, string Text)[] files)
    {
        var report = await new ArticleImporter(factory, new PostgresArticleStore(), new StoreCommits()).ImportAsync(ImportSource.FromTexts(files), files.Length);
        Assert.Equal(0, report.Rejected);
    }

    /// <summary>
    /// The cache's fresh snapshot once the change feed has seen every commit so far (another instance's commit is known
    /// only through it), checked against a full load.
    /// </summary>
    internal static async Task<ArticleFacts> FreshAfterFeedAsync(ServiceProvider services, IDbContextFactory<NewsDbContext> factory)
    {
        long stored;
        await using (var db = await factory.CreateDbContextAsync())
            stored = long.Parse(db.Meta.Single(m => m.Key == PostgresChangeFeed.CounterV1.VersionKey).Value, CultureInfo.InvariantCulture);
        await Wait.UntilAsync(() => services.GetRequiredService<IChangeFeed>().CurrentVersion() == stored, $"the change feed at version {stored}");
        var facts = await services.GetRequiredService<ArticleFactsCache>().GetFreshAsync();
        Assert.Equal(stored, facts.DataVersion);
        SnapshotComparison.AssertSame(await new PostgresArticleFactsSource(factory).ReadAsync(facts.DataVersion, CancellationToken.None), facts);
        return facts;
    }

    [PostgresFact]
    public async Task Start_FromASnapshotFileAnotherInstanceHasImportedPast_CatchesUpFromTheStoresLog()
    {
        var (services, factory, cache) = await StartListeningAsync();
        await using var _ = services;
        using var folder = new TempDirectory();
        var settings = new SnapshotFileSettings { Path = folder.PathOf("news.facts") };
        await ImportElsewhereAsync(factory, ("a.md", new ArticleBuilder().From("alpha.example").PublishedOn(2025, 3, 1).WithTopics("AI").Build()));
        await new ArticleFactsFileStore(factory, settings).SaveAsync(await FreshAfterFeedAsync(services, factory), CancellationToken.None);
        await ImportElsewhereAsync(factory, ("b.md", new ArticleBuilder().From("beta.example").PublishedOn(2025, 3, 2).InCategory("news").Build()));
        var expected = await FreshAfterFeedAsync(services, factory);

        // The next start of an instance: its own feed, its own cache, the file.
        var file = new ArticleFactsFileStore(factory, settings);
        using var feed = new PostgresChangeFeed((PostgresStore)services.GetRequiredService<INewsStore>());
        await Wait.UntilAsync(() => feed.CurrentVersion() == expected.DataVersion, "the new instance's change feed listening");
        await using var restarted = new ArticleFactsCache(new PostgresArticleFactsSource(factory), feed, new StoreCommits(), file);
        var facts = await restarted.GetAsync();

        Assert.Equal(1, file.Reads);
        Assert.Equal(1, restarted.DeltaLoadCount);
        SnapshotComparison.AssertSame(expected, facts);
    }

    [PostgresFact]
    public async Task Snapshot_AfterAnotherInstancesImports_IsUpdatedFromTheStoresLog()
    {
        var (services, factory, cache) = await StartListeningAsync();
        await using var _ = services;
        var a = new ArticleBuilder().At("https://news.example/a").From("alpha.example").PublishedOn(2025, 3, 1).WithTopics("AI");
        var b = new ArticleBuilder().At("https://news.example/b").From("beta.example").PublishedOn(2025, 3, 2).RelatedTo("https://ref.example/one");
        await new ArticleImporter(factory, new PostgresArticleStore(), services.GetRequiredService<StoreCommits>())
            .ImportAsync(ImportSource.FromTexts([("a.md", a.Build()), ("b.md", b.Build())]), 2);
        await FreshAfterFeedAsync(services, factory);
        var (fullLoads, deltas) = (cache.LoadCount - cache.DeltaLoadCount, cache.DeltaLoadCount);

        // Another instance adds articles, updates one of ours (topics, date, provider) and drops b's reference.
        await ImportElsewhereAsync(factory,
            ("c.md", new ArticleBuilder().From("other.example", "Other News").PublishedOn(2025, 3, 1).WithTopics("Robots", "ai").InCategory("features").Build()),
            ("a.md", a.From("gamma.example").PublishedOn(2019, 6, 1).WithTopics("Chips").Build()),
            ("b.md", new ArticleBuilder().At(b.Url).From("beta.example").PublishedOn(2025, 3, 2).Build()));
        Assert.Equal(3, (await FreshAfterFeedAsync(services, factory)).Count);
        Assert.Equal((fullLoads, deltas + 1), (cache.LoadCount - cache.DeltaLoadCount, cache.DeltaLoadCount));

        // Another instance's import, then one of ours.
        await ImportElsewhereAsync(factory, ("d.md", new ArticleBuilder().From("other.example").Build()));
        await new ArticleImporter(factory, new PostgresArticleStore(), services.GetRequiredService<StoreCommits>())
            .ImportAsync(ImportSource.FromTexts([("e.md", new ArticleBuilder().Build())]), 1);
        Assert.Equal(5, (await FreshAfterFeedAsync(services, factory)).Count);
        Assert.Equal(fullLoads, cache.LoadCount - cache.DeltaLoadCount);
    }

    [PostgresFact]
    public async Task Snapshot_AfterAnotherInstancesMergeRuleUndoOrAPrunedLog_IsReadWhole()
    {
        var (services, factory, cache) = await StartListeningAsync();
        await using var _ = services;
        int FullLoads() => cache.LoadCount - cache.DeltaLoadCount;
        await ImportElsewhereAsync(factory, ("a.md", new ArticleBuilder().From("alpha.example").WithTopics("AI").Build()));
        var history = new ImportHistory(factory);
        var run = await history.BeginAsync("cli", "b.md", null, DateTime.UtcNow);
        var report = await new ArticleImporter(factory, new PostgresArticleStore())
            .ImportAsync(ImportSource.FromTexts([("b.md", new ArticleBuilder().From("beta.example").Build())]), 1, new ImportOptions { RunId = run });
        await history.FinishAsync(run, DateTime.UtcNow, report);
        Assert.Equal(2, (await FreshAfterFeedAsync(services, factory)).Count);
        var fullLoads = FullLoads();

        // A merge rule: the triggers move the counter, and the log has no entry for it.
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.MergeRules.Add(new MergeRule { Kind = MergeKind.Provider, Alias = "beta.example", Canonical = "alpha.example" });
            await db.SaveChangesAsync();
        }
        Assert.Equal(1, (await FreshAfterFeedAsync(services, factory)).MergedProviders);
        Assert.Equal(fullLoads + 1, FullLoads());

        // The run's undo: its commit can't say what it removed.
        await new ImportUndo(factory, new PostgresArticleStore()).UndoAsync(run, "editor");
        Assert.Equal(1, (await FreshAfterFeedAsync(services, factory)).Count);
        Assert.Equal(fullLoads + 2, FullLoads());

        // An import whose log entry was pruned.
        var version = (await cache.GetFreshAsync()).DataVersion;
        await ImportElsewhereAsync(factory, ("c.md", new ArticleBuilder().Build()));
        await using (var db = await factory.CreateDbContextAsync())
            Assert.Equal(1, await db.SnapshotCommits.Where(c => c.VersionBefore == version).ExecuteDeleteAsync());
        Assert.Equal(2, (await FreshAfterFeedAsync(services, factory)).Count);
        Assert.Equal(fullLoads + 3, FullLoads());
    }

    [PostgresFact]
    public async Task ChangeFeed_AfterItsConnectionWasCut_ReadsTheCounterAgainAndMissesNothing()
    {
        var (services, factory, cache) = await StartListeningAsync();
        await using var _ = services;
        await using (var db = await factory.CreateDbContextAsync())
        {
            // The listener's connection: the last thing it ran is the counter's read.
            var cut = await db.Database.SqlQueryRaw<bool>(
                "SELECT pg_terminate_backend(pid) AS \"Value\" FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query = {0}",
                PostgresChangeFeed.CounterV1.Read).ToListAsync();
            Assert.Equal([true], cut);
        }

        // Committed while the feed reconnects: its notification goes to nobody.
        await ImportElsewhereAsync(factory, ("a.md", new ArticleBuilder().Build()));

        Assert.Equal(1, (await FreshAfterFeedAsync(services, factory)).Count);
    }

    [PostgresFact]
    public async Task Log_AfterImports_ChainsOneEntryPerBatchFromTheStoresCounter()
    {
        var (services, factory, _) = await StartListeningAsync();
        await using var __ = services;
        await ImportElsewhereAsync(factory, ("a.md", new ArticleBuilder().At("https://news.example/a").RelatedTo("https://ref.example/r").Build()));
        await ImportElsewhereAsync(factory, ("b.md", new ArticleBuilder().At("https://news.example/b").Build()));
        int[] ids;
        await using (var db = await factory.CreateDbContextAsync())
            ids = [.. db.Articles.OrderBy(a => a.Id).Select(a => a.Id)];

        var log = await new PostgresArticleFactsSource(factory).ReadCommitsAsync(0, long.MaxValue, CancellationToken.None);

        Assert.Equal(2, log.Count);
        Assert.Equal(log[0].VersionAfter, log[1].VersionBefore);
        Assert.Equal(log[0].VersionBefore + 1, log[0].VersionAfter); // the writer moves the counter once per batch
        Assert.Equal(ids[..2], log[0].Articles!.Order());
        Assert.Equal(ids[2..], log[1].Articles!.Order());
    }
}
