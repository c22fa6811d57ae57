using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Store.Postgres;
using AiNewsDashboard.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Postgres;

/// <summary>
/// On PostgreSQL too, the snapshot is updated from the articles this instance's imports touched (ArticleFactsDelta),
/// and holds exactly what a full load reads; another instance's commit still makes it read whole.
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

    [PostgresFact]
    public async Task Snapshot_AfterAnotherInstancesCommit_IsReadWhole()
    {
        var (services, factory) = await PostgresQueriesTests.StartAsync();
        await using var _ = services;
        var cache = services.GetRequiredService<ArticleFactsCache>();
        var feed = services.GetRequiredService<IChangeFeed>();
        await cache.GetFreshAsync();
        await Wait.UntilAsync(() => feed.CurrentVersion() is not null, "the change feed listening");
        var before = await cache.GetFreshAsync();

        // Another instance's import (our StoreCommits never hears it), then one of ours: two transactions, one told.
        await new ArticleImporter(factory, new PostgresArticleStore())
            .ImportAsync(ImportSource.FromTexts([("other.md", new ArticleBuilder().From("other.example").Build())]), 1);
        await new ArticleImporter(factory, new PostgresArticleStore(), services.GetRequiredService<StoreCommits>())
            .ImportAsync(ImportSource.FromTexts([("ours.md", new ArticleBuilder().Build())]), 1);
        await Wait.UntilAsync(() => feed.CurrentVersion() == before.DataVersion + 2, "both imports' notifications");

        var facts = await cache.GetFreshAsync();
        Assert.Equal(2, facts.Count);
        Assert.Equal(0, cache.DeltaLoadCount);
        SnapshotComparison.AssertSame(await new PostgresArticleFactsSource(factory).ReadAsync(facts.DataVersion, CancellationToken.None), facts);
    }
}
