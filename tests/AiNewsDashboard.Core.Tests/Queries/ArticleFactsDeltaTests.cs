using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Tests.Queries;

/// <summary>
/// After this process's own imports the snapshot is updated from the articles they touched (ArticleFactsDelta), not
/// read whole: it must hold exactly what a full load reads, and anyone else's commit must still be seen.
/// </summary>
public sealed class ArticleFactsDeltaTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private ArticleFactsCache Cache => _db.Get<ArticleFactsCache>();

    /// <summary>Imports files by name: the same name again is a new version of that file.</summary>
    private async Task ImportAsync(params (string Name, string Text)[] files)
    {
        var report = await _db.ImportTextsAsync(files);
        Assert.Equal(0, report.Rejected);
    }

    /// <summary>The cache's fresh snapshot, checked against a full load of the store.</summary>
    private async Task<ArticleFacts> AssertSameAsFullLoadAsync()
    {
        var updated = await Cache.GetFreshAsync();
        var full = await new SqliteArticleFactsSource(_db.Factory).ReadAsync(updated.DataVersion, CancellationToken.None);
        SnapshotComparison.AssertSame(full, updated);
        return updated;
    }

    /// <summary>A related entry without a date (after a RelatedTo, so it continues the list): its reference is undated.</summary>
    private static string UndatedRelated(string url) => $"  - title: \"Undated\"\n    webUrl: \"{url}\"\n    type: article";

    [Fact]
    public async Task Snapshot_AfterImportsThatAddUpdateRedateMoveAndRemove_EqualsAFullLoad()
    {
        var a = new ArticleBuilder().At("https://news.example/a").From("alpha.example").PublishedOn(2025, 3, 1).InCategory("news").WithTopics("AI", "Chips");
        var b = new ArticleBuilder().At("https://news.example/b").From("beta.example").PublishedOn(2025, 3, 2).InCategory("opinion").WithTopics("Policy");
        var c = new ArticleBuilder().At("https://news.example/c").From("alpha.example").PublishedOn(2025, 3, 1).WithTopics("AI").RelatedTo("https://ref.example/one")
            .WithLine(UndatedRelated("https://ref.example/undated"));
        var d = new ArticleBuilder().At("https://news.example/d").From("gamma.example").PublishedOn(2024, 12, 31).InCategory("analysis");
        var e = new ArticleBuilder().At("https://news.example/e").From("beta.example");
        await ImportAsync(("a.md", a.Build()), ("b.md", b.Build()), ("c.md", c.Build()), ("d.md", d.Build()), ("e.md", e.Build()));
        Assert.Equal(1, (await Cache.GetFreshAsync()).Count - (await Cache.GetFreshAsync()).DatedCount);
        await AssertSameAsFullLoadAsync(); // the first load reads everything
        var referenceOne = await _db.IdOfAsync("https://ref.example/one");
        var loads = Cache.LoadCount;

        // New articles, one at the very same time as another (ties go by id), a new topic and provider, another undated
        // reference; the first undated reference gets a date from g's related entry.
        var f = new ArticleBuilder().From("delta.example", "Delta News").PublishedOn(2025, 3, 1).WithTopics("Robots", "ai").InCategory("features")
            .RelatedTo("https://ref.example/two").WithLine(UndatedRelated("https://ref.example/undated-too"));
        var g = new ArticleBuilder().From("alpha.example").RelatedTo("https://ref.example/undated");
        await ImportAsync(("f.md", f.Build()), ("g.md", g.Build()));
        await AssertSameAsFullLoadAsync();

        // Updated (quality, heat, topics), re-dated (forward and years back), moved to another provider, into a new
        // category; c drops its related links, so its reference nobody else names goes.
        await ImportAsync(
            ("a.md", a.WithQuality(90).WithHeat(500).WithTopics("Chips", "Energy").Build()),
            ("e.md", e.PublishedOn(2026, 1, 5).Build()),
            ("d.md", d.PublishedOn(2019, 6, 1).InCategory("archive").Build()),
            ("b.md", b.From("epsilon.example").Published(true).Build()),
            ("c.md", new ArticleBuilder().At(c.Url).From("alpha.example").PublishedOn(2025, 3, 1).WithTopics("AI").Build()));
        var afterUpdates = await AssertSameAsFullLoadAsync();
        Assert.Equal(-1, afterUpdates.RowOf(referenceOne));
        Assert.Equal(10, afterUpdates.Count); // updates stayed updates: 5 articles, 2 more, their 4 references, one gone
        Assert.Equal(afterUpdates.Ids[0], await _db.IdOfAsync(e.Url)); // re-dated to the newest

        // A merge rule (a commit that can't say what it touched: read whole), then imports under it.
        await using (var ctx = await _db.ContextAsync())
        {
            ctx.MergeRules.Add(new MergeRule { Kind = MergeKind.Provider, Alias = "zeta.example", Canonical = "alpha.example" });
            ctx.MergeRules.Add(new MergeRule { Kind = MergeKind.Topic, Alias = "machine learning", Canonical = "ai" });
            await ctx.SaveChangesAsync();
        }
        await AssertSameAsFullLoadAsync();
        var deltasBefore = Cache.DeltaLoadCount;
        await ImportAsync(
            ("h.md", new ArticleBuilder().From("zeta.example").WithTopics("Machine Learning", "AI", "Space").Build()),
            ("f.md", f.InCategory("news").Build()));
        var merged = await AssertSameAsFullLoadAsync();
        Assert.Equal(1, merged.MergedProviders);

        Assert.Equal(deltasBefore + 1, Cache.DeltaLoadCount);
        Assert.True(Cache.DeltaLoadCount >= 3, $"{Cache.DeltaLoadCount} loads were updates, of {Cache.LoadCount - loads} after the first");
    }

    /// <summary>Another process's importer over the same database: its own writer and its own StoreCommits, which our cache never hears.</summary>
    private async Task ImportElsewhereAsync(params (string Name, string Text)[] files)
    {
        var report = await new ArticleImporter(_db.Factory, new SqliteArticleStore(), new StoreCommits()).ImportAsync(ImportSource.FromTexts(files), files.Length);
        Assert.Equal(0, report.Rejected);
    }

    private int FullLoads => Cache.LoadCount - Cache.DeltaLoadCount;

    [Fact]
    public async Task Snapshot_AfterAnotherProcesssImports_IsUpdatedFromTheStoresLog()
    {
        var a = new ArticleBuilder().At("https://news.example/a").From("alpha.example").PublishedOn(2025, 3, 1).WithTopics("AI");
        var b = new ArticleBuilder().At("https://news.example/b").From("beta.example").PublishedOn(2025, 3, 2).RelatedTo("https://ref.example/one");
        await ImportAsync(("a.md", a.Build()), ("b.md", b.Build()));
        await AssertSameAsFullLoadAsync();
        var (fullLoads, deltas) = (FullLoads, Cache.DeltaLoadCount);

        // Another process adds articles, updates one of ours (new topics, date, provider) and drops b's reference.
        await ImportElsewhereAsync(
            ("c.md", new ArticleBuilder().From("other.example", "Other News").PublishedOn(2025, 3, 1).WithTopics("Robots", "ai").InCategory("features").Build()),
            ("a.md", a.From("gamma.example").PublishedOn(2019, 6, 1).WithTopics("Chips").Build()),
            ("b.md", new ArticleBuilder().At(b.Url).From("beta.example").PublishedOn(2025, 3, 2).Build()));
        var facts = await AssertSameAsFullLoadAsync();
        Assert.Equal(3, facts.Count);
        Assert.Equal((fullLoads, deltas + 1), (FullLoads, Cache.DeltaLoadCount));

        // Another process's import, then one of ours: our commit doesn't chain from the snapshot, the log does.
        await ImportElsewhereAsync(("d.md", new ArticleBuilder().From("other.example").Build()));
        await ImportAsync(("e.md", new ArticleBuilder().Build()));
        facts = await AssertSameAsFullLoadAsync();
        Assert.Equal(5, facts.Count);
        Assert.Equal(fullLoads, FullLoads);
        Assert.True(Cache.DeltaLoadCount >= deltas + 2, $"{Cache.DeltaLoadCount - deltas} updates");
    }

    [Fact]
    public async Task Snapshot_AfterAnotherProcesssUndoOrMergeRule_IsReadWhole()
    {
        await ImportAsync(("a.md", new ArticleBuilder().From("alpha.example").WithTopics("AI").Build()));
        await AssertSameAsFullLoadAsync();
        var history = _db.Get<ImportHistory>();
        var run = await history.BeginAsync("cli", "b.md", null, DateTime.UtcNow);
        var report = await new ArticleImporter(_db.Factory, new SqliteArticleStore())
            .ImportAsync(ImportSource.FromTexts([("b.md", new ArticleBuilder().From("beta.example").Build())]), 1, new ImportOptions { RunId = run });
        await history.FinishAsync(run, DateTime.UtcNow, report);
        Assert.Equal(2, (await AssertSameAsFullLoadAsync()).Count);
        var fullLoads = FullLoads;

        // A merge rule moves the counter by trigger, with no entry in the log: a gap.
        await using (var ctx = await _db.ContextAsync())
        {
            ctx.MergeRules.Add(new MergeRule { Kind = MergeKind.Provider, Alias = "beta.example", Canonical = "alpha.example" });
            await ctx.SaveChangesAsync();
        }
        Assert.Equal(1, (await AssertSameAsFullLoadAsync()).MergedProviders);
        Assert.Equal(fullLoads + 1, FullLoads);

        // The run's undo logs a commit that can't say what it removed.
        await new ImportUndo(_db.Factory, new SqliteArticleStore()).UndoAsync(run, "editor");
        Assert.Equal(1, (await AssertSameAsFullLoadAsync()).Count);
        Assert.Equal(fullLoads + 2, FullLoads);
    }

    [Fact]
    public async Task Snapshot_WhenTheLogWasPrunedPastIt_IsReadWhole()
    {
        await ImportAsync(("a.md", new ArticleBuilder().Build()));
        var snapshot = await AssertSameAsFullLoadAsync();
        var fullLoads = FullLoads;

        await ImportElsewhereAsync(("b.md", new ArticleBuilder().Build()));
        await ImportElsewhereAsync(("c.md", new ArticleBuilder().Build()));
        await using (var ctx = await _db.ContextAsync())
            Assert.Equal(1, await ctx.SnapshotCommits.Where(c => c.VersionBefore == snapshot.DataVersion).ExecuteDeleteAsync()); // b's entry

        Assert.Equal(3, (await AssertSameAsFullLoadAsync()).Count);
        Assert.Equal(fullLoads + 1, FullLoads);
    }

    [Fact]
    public async Task Prune_KeepsTheLatestEntriesAndEveryYoungOne()
    {
        var now = new DateTime(2026, 3, 10, 12, 0, 0);
        await using var ctx = await _db.ContextAsync();
        ctx.SnapshotCommits.RemoveRange(ctx.SnapshotCommits);
        // Versions 1..10: 1-6 are old, 7 is young, 8-10 are old again (a clock set back: age alone decides nothing).
        for (var v = 1; v <= 10; v++)
            ctx.SnapshotCommits.Add(new SnapshotCommit { VersionBefore = v - 1, VersionAfter = v, Articles = SnapshotCommitLog.Pack([v]), CommittedAt = v == 7 ? now : now.AddDays(-8) });
        await ctx.SaveChangesAsync();

        await ctx.Database.OpenConnectionAsync();
        var pruned = SnapshotCommitLog.Prune(ctx.Database.GetDbConnection(), null, keep: 3, cutoff: now - SnapshotCommitLog.KeepFor);

        Assert.Equal(6, pruned);
        Assert.Equal([7, 8, 9, 10], await ctx.SnapshotCommits.OrderBy(c => c.VersionAfter).Select(c => c.VersionAfter).ToListAsync());
        var nine = await ctx.SnapshotCommits.SingleAsync(c => c.VersionAfter == 9);
        Assert.Equal([9], SnapshotCommitLog.Unpack(nine.Articles)!);
    }

    [Fact]
    public async Task Log_AfterImports_ChainsOneEntryPerBatchWithItsArticles()
    {
        await ImportElsewhereAsync(("a.md", new ArticleBuilder().At("https://news.example/a").RelatedTo("https://ref.example/r").Build()));
        await ImportElsewhereAsync(("b.md", new ArticleBuilder().At("https://news.example/b").Build()), ("c.md", new ArticleBuilder().At("https://news.example/c").Build()));
        var (a, r, b, c) = (await _db.IdOfAsync("https://news.example/a"), await _db.IdOfAsync("https://ref.example/r"),
            await _db.IdOfAsync("https://news.example/b"), await _db.IdOfAsync("https://news.example/c"));

        var log = await new SqliteArticleFactsSource(_db.Factory).ReadCommitsAsync(0, long.MaxValue, CancellationToken.None);

        Assert.Equal(2, log.Count);
        Assert.Equal(log[0].VersionAfter, log[1].VersionBefore);
        Assert.Equal([a, r], log[0].Articles!.Order());
        Assert.Equal([b, c], log[1].Articles!.Order());
        Assert.Null(SnapshotCommitLog.Unpack(SnapshotCommitLog.Pack(null)));
    }

    [Fact]
    public void TouchedSince_CommitsThatChainFromTheSnapshotsVersion_NameTheirArticles()
    {
        var facts = new ArticleFactsBuilder().Build(dataVersion: 10);
        StoreCommit Commit(long before, long after, params int[] ids) => new(ids, before, after);

        Assert.Equal([1, 2, 3], ArticleFactsCache.TouchedSince(facts, [Commit(10, 11, 1, 2), Commit(11, 13, 3)], 13)!.Order());
        // Told in another order than committed, and one already in the snapshot (its article is read again: harmless).
        Assert.Equal([1, 2, 3], ArticleFactsCache.TouchedSince(facts, [Commit(12, 13, 3), Commit(9, 10, 2), Commit(10, 12, 1)], 13)!.Order());
        Assert.Null(ArticleFactsCache.TouchedSince(facts, [Commit(11, 12, 1)], 12)); // 10 → 11 was someone else's
        Assert.Null(ArticleFactsCache.TouchedSince(facts, [Commit(10, 11, 1)], 12)); // and 11 → 12
        Assert.Null(ArticleFactsCache.TouchedSince(facts, [Commit(10, 11, 1), StoreCommit.Everything], 11));
        Assert.Null(ArticleFactsCache.TouchedSince(facts, [Commit(10, 11, 1)], null));
        // A commit without versions can't be placed in the chain.
        Assert.Null(ArticleFactsCache.TouchedSince(facts, [Commit(10, 11, 1), new StoreCommit([4])], 11));
    }
}
