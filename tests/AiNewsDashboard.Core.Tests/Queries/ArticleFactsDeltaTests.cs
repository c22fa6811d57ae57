using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;

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

    [Fact]
    public async Task Snapshot_AfterAnotherConnectionsCommit_IsReadWhole()
    {
        await ImportAsync(("a.md", new ArticleBuilder().Build()));
        await Cache.GetFreshAsync();
        var deltas = Cache.DeltaLoadCount;

        // Another process's import (no StoreCommits of ours hears it), then one of ours: the counter skipped a step.
        var other = new ArticleImporter(_db.Factory, new SqliteArticleStore());
        await other.ImportAsync(ImportSource.FromTexts([("other.md", new ArticleBuilder().From("other.example").Build())]), 1);
        await ImportAsync(("b.md", new ArticleBuilder().Build()));

        var facts = await AssertSameAsFullLoadAsync();
        Assert.Equal(3, facts.Count);
        Assert.Equal(deltas, Cache.DeltaLoadCount);
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
        // Without versions (a count of transactions): one per commit that wrote.
        Assert.Equal([4, 5], ArticleFactsCache.TouchedSince(facts, [new StoreCommit([4]), new StoreCommit([5]), new StoreCommit([])], 12)!.Order());
        Assert.Null(ArticleFactsCache.TouchedSince(facts, [new StoreCommit([4]), new StoreCommit([5])], 13));
    }
}
