using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Tests.Queries;

/// <summary>When the snapshot reloads, and that readers never wait for a reload.</summary>
public sealed class ArticleFactsCacheTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Queries_AfterAnImport_ShowTheNewArticles()
    {
        var overview = _db.Get<OverviewQueries>();
        await _db.ImportArticlesAsync(new ArticleBuilder());
        Assert.Equal(1, (await overview.GetKpisAsync(DashboardFilter.All)).Articles.Value);

        await _db.ImportArticlesAsync(new ArticleBuilder(), new ArticleBuilder());

        Assert.Equal(3, (await overview.GetKpisAsync(DashboardFilter.All)).Articles.Value);
    }

    [Fact]
    public async Task Totals_AskedAgainOfOneSnapshot_AreCountedOnce_AndAnImportsNewSnapshotIsCountedAgain()
    {
        // Every open overview and import page asks for the totals at each live update: one pass over the snapshot serves them all.
        var overview = _db.Get<OverviewQueries>();
        await _db.ImportArticlesAsync(new ArticleBuilder().PublishedOn(2024, 3, 1));
        var first = await overview.GetTotalsAsync();
        var again = await overview.GetTotalsAsync();
        var countedOnce = overview.ExtentComputations;

        await _db.ImportArticlesAsync(new ArticleBuilder().PublishedOn(2024, 1, 5), new ArticleBuilder().PublishedOn(2024, 5, 9));
        var after = await overview.GetTotalsAsync();

        Assert.Equal((1, 1, new DateTime(2024, 3, 1)), (first.Articles, countedOnce, first.FirstPublished));
        Assert.Equal(first, again);
        Assert.Equal((3, 2, new DateTime(2024, 1, 5), new DateTime(2024, 5, 9)),
            (after.Articles, overview.ExtentComputations, after.FirstPublished, after.LastPublished));
    }

    [Fact]
    public async Task Import_WhenItCommits_InvalidatesTheSnapshot()
    {
        var provider = _db.Get<ArticleFactsCache>();
        var before = await provider.GetAsync();

        await _db.ImportTextsAsync(("new.md", new ArticleBuilder().Build()));

        Assert.NotEqual(before.Generation, provider.Generation);
    }

    [Fact]
    public async Task GetAsync_WhileAReloadRuns_AnswersAtOnceFromThePreviousSnapshot()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult(); // the first load goes through
        var atGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var provider = new ArticleFactsCache(new SqliteArticleFactsSource(_db.Factory), new SqliteChangeFeed(_db.Factory), null, _ =>
        {
            atGate.TrySetResult();
            return gate.Task;
        });
        await _db.ImportTextsAsync(("first.md", new ArticleBuilder().Build()));
        var first = await provider.GetAsync();

        gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        atGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _db.ImportTextsAsync(("second.md", new ArticleBuilder().Build()));
        provider.Invalidate();
        var loadsBefore = provider.LoadCount;
        var during = new List<ArticleFacts>();
        for (var i = 0; i < 5; i++)
            during.Add(await provider.GetAsync().WaitAsync(TimeSpan.FromSeconds(5)));
        var fresh = provider.GetFreshAsync();
        await atGate.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the reload has started and is held at the gate...
        Assert.False(fresh.IsCompleted); // ...so the fresh read waits for it...
        gate.SetResult();

        Assert.All(during, f => Assert.Same(first, f)); // ...while every reader got the old snapshot at once,
        Assert.Equal(loadsBefore + 1, provider.LoadCount); // and one reload served them all.
        Assert.Equal(2, (await fresh).Count);
    }

    [Fact]
    public async Task GetAsync_ManyFirstCallsAtOnce_LoadOnce()
    {
        await _db.ImportTextsAsync(("one.md", new ArticleBuilder().Build()));
        await using var provider = new ArticleFactsCache(new SqliteArticleFactsSource(_db.Factory), new SqliteChangeFeed(_db.Factory), new StoreCommits());

        var all = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => provider.GetAsync())));

        Assert.All(all, f => Assert.Same(all[0], f));
        Assert.Equal(1, provider.LoadCount);
    }

    [Fact]
    public async Task GetFreshAsync_AfterAnotherConnectionChangedTheData_SeesTheChangeWithoutInvalidate()
    {
        await _db.ImportArticlesAsync(new ArticleBuilder().WithQuality(50));
        var provider = _db.Get<ArticleFactsCache>();
        var generation = provider.Generation;

        // Not through the importer: nobody calls Invalidate; the change feed (the triggers' counter) tells.
        await using (var ctx = await _db.ContextAsync())
            await ctx.Articles.ExecuteUpdateAsync(s => s.SetProperty(a => a.Quality, 90));
        var facts = await provider.GetFreshAsync();

        Assert.Equal(generation, provider.Generation);
        Assert.Equal((sbyte)90, facts.Qualities[0]);
    }

    [Fact]
    public async Task GetFreshAsync_AfterAnImportThisCacheIsNotToldOf_SeesItThroughTheWritersCount()
    {
        // As another process's import: the writer moves the snapshot's counter once per batch (no trigger per row).
        await _db.ImportArticlesAsync(new ArticleBuilder().PublishedOn(2024, 1, 1));
        await using var elsewhere = new ArticleFactsCache(new SqliteArticleFactsSource(_db.Factory), new SqliteChangeFeed(_db.Factory), null, beforeLoad: null);
        var before = (await elsewhere.GetFreshAsync()).Count;

        await _db.ImportArticlesAsync(new ArticleBuilder().PublishedOn(2024, 1, 2));

        Assert.True((await elsewhere.GetFreshAsync()).Count > before);
    }

    [Fact]
    public async Task GetFreshAsync_AfterAnotherConnectionRenamedAProvider_SeesTheName()
    {
        await _db.ImportArticlesAsync(new ArticleBuilder().From("wire.example", "Wire"));
        var provider = _db.Get<ArticleFactsCache>();
        await provider.GetFreshAsync();

        // Providers are read by the snapshot too: their triggers move the counter as the articles' do.
        await using (var ctx = await _db.ContextAsync())
            await ctx.Database.ExecuteSqlRawAsync("UPDATE Providers SET Name = 'Wire Service'");

        Assert.Equal("Wire Service", (await provider.GetFreshAsync()).ProviderTable.Single().Name);
    }

    [Fact]
    public async Task GetFreshAsync_AfterCommitsToTablesTheSnapshotDoesNotRead_KeepsTheSnapshot()
    {
        // Bug guarded: every commit to the file (copy detection's groups, a lease renewal, a sign-in) made the snapshot
        // stale, and at a million articles each cost a reload of seconds.
        await _db.ImportArticlesAsync(new ArticleBuilder());
        var provider = _db.Get<ArticleFactsCache>();
        var first = await provider.GetFreshAsync();
        var loads = provider.LoadCount;

        await using (var ctx = await _db.ContextAsync())
        {
            await ctx.Database.ExecuteSqlRawAsync("INSERT INTO Meta (Key, Value) VALUES ('Test.Unrelated', '1')");
            await ctx.Database.ExecuteSqlRawAsync("UPDATE Meta SET Value = '2' WHERE Key = 'Test.Unrelated'");
        }

        Assert.Same(first, await provider.GetFreshAsync());
        Assert.Equal(loads, provider.LoadCount);
    }

    [Fact]
    public async Task GetAsync_WhenNothingChanged_KeepsTheSnapshot()
    {
        await _db.ImportArticlesAsync(new ArticleBuilder());
        var provider = _db.Get<ArticleFactsCache>();
        var loads = provider.LoadCount;

        var first = await provider.GetAsync();
        var again = await provider.GetAsync();

        Assert.Same(first, again);
        Assert.Equal(loads, provider.LoadCount);
    }
}
