using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Syndication;
using AiNewsDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using AiNewsDashboard.Core.Data.Sqlite;

namespace AiNewsDashboard.Core.Tests.Syndication;

/// <summary>
/// Copy detection's index in the store (CopyKeys): what a restart finds without rebuilding anything, the one-time
/// filing of articles checked before the index was stored, and the caps on a key.
/// </summary>
public sealed class CopyKeysTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private SyndicationService NewService(int batchSize = 10_000) =>
        new(_db.Factory, new SyndicationSettings(), TimeProvider.System) { BatchSize = batchSize };

    private static ArticleBuilder Copy(string provider, int day = 2, int hour = 6) =>
        new ArticleBuilder().From($"{provider}.example", provider).PublishedOn(2026, 3, day, hour).Titled($"{WireStory.Title} - {provider}").WithExcerpt(WireStory.Excerpt);

    /// <summary>A story of its own: ten words no other article has, so it shares no key with any.</summary>
    private static ArticleBuilder Unrelated(int i, int day = 2)
    {
        var words = string.Join(' ', Enumerable.Range(0, 10).Select(w => $"w{i}x{w}"));
        return new ArticleBuilder().From($"p{i}.example", $"p{i}").PublishedOn(2026, 3, day, 9).Titled($"Story {i} {words}").WithExcerpt($"{words} {words}");
    }

    private async Task<List<CopyKey>> KeysAsync()
    {
        await using var db = await _db.ContextAsync();
        return await db.CopyKeys.AsNoTracking().ToListAsync();
    }

    private async Task<string?> MetaAsync(string key)
    {
        await using var db = await _db.ContextAsync();
        return await db.Meta.AsNoTracking().Where(m => m.Key == key).Select(m => m.Value).FirstOrDefaultAsync();
    }

    [Fact]
    public async Task Restart_FindsACopyOfAnArticleCheckedBefore_ReadingNoTextAtStart()
    {
        // Bug guarded: every start rebuilt the index in memory from every article's text (25 minutes at 10 million).
        var wire = Copy("wire");
        await _db.ImportArticlesAsync(wire);
        Assert.Equal(1, (await NewService().UpdateAsync()).Checked);

        // A new process over the same database.
        await using var services = new ServiceCollection().AddNewsData(_db.ConnectionString).BuildServiceProvider();
        var restarted = services.GetRequiredService<SyndicationService>();
        var first = await restarted.UpdateAsync();
        Assert.Equal((0, 0, 0), (first.Checked, first.Backfilled, first.TextsRead));

        await _db.ImportArticlesAsync(Copy("late", hour: 9));
        var pass = await restarted.UpdateAsync();

        // The new article and its one candidate, read back from the store.
        Assert.Equal((1, 1, 2), (pass.Checked, pass.Matches, pass.TextsRead));
        var group = Assert.Single((await restarted.GetAsync()).Groups);
        Assert.Equal(await _db.IdOfAsync(wire), group.First.ArticleId);
    }

    [Fact]
    public async Task Backfill_OfADatabaseCheckedBeforeTheIndexWasStored_FindsCopiesOfEarlierArticles_AndResumesWhereItWasCancelled()
    {
        var wire = Copy("wire");
        await _db.ImportArticlesAsync([.. Enumerable.Range(1, 5).Select(i => Unrelated(i)), wire, .. Enumerable.Range(6, 4).Select(i => Unrelated(i))]);
        await NewService().UpdateAsync();
        // The database as it was before: the articles checked (the watermark set), no index stored.
        List<int> ids;
        await using (var db = await _db.ContextAsync())
        {
            await db.CopyKeys.ExecuteDeleteAsync();
            await db.Meta.Where(m => m.Key == SyndicationService.KeysThroughKey).ExecuteDeleteAsync();
            ids = await db.Articles.Where(a => !a.IsReference).OrderBy(a => a.Id).Select(a => a.Id).ToListAsync();
        }
        Assert.Equal(10, ids.Count);

        // Stopped after its first batch of four.
        using var cts = new CancellationTokenSource();
        var stopped = NewService(batchSize: 4);
        stopped.BackfillCommitted += _ => cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopped.UpdateAsync(cts.Token));
        Assert.Equal(ids[3].ToString(), await MetaAsync(SyndicationService.KeysThroughKey));
        Assert.All(await KeysAsync(), k => Assert.True(k.ArticleId <= ids[3]));

        // The next start files the other six only, then checks the new copy against them all.
        var resumed = NewService(batchSize: 4);
        var filed = await resumed.UpdateAsync();
        Assert.Equal((6, 6, 0), (filed.Backfilled, filed.TextsRead, filed.Checked));
        Assert.Equal(SyndicationService.AllFiled, await MetaAsync(SyndicationService.KeysThroughKey));
        Assert.Equal(ids.ToHashSet(), (await KeysAsync()).Select(k => k.ArticleId).ToHashSet());

        await _db.ImportArticlesAsync(Copy("late", hour: 9));
        var pass = await resumed.UpdateAsync();
        Assert.Equal((1, 1, 0), (pass.Checked, pass.Matches, pass.Backfilled));
        Assert.Equal(await _db.IdOfAsync(wire), Assert.Single((await resumed.GetAsync()).Groups).First.ArticleId);
    }

    [Fact]
    public async Task Keys_SharedByAHundredArticles_Keep64Each_AndEveryArticleStillJoinsTheGroup()
    {
        await _db.ImportArticlesAsync([.. Enumerable.Range(0, 100).Select(i => Copy($"c{i}", day: 1 + i % 5, hour: i % 24))]);

        var pass = await NewService(batchSize: 30).UpdateAsync();

        var perKey = (await KeysAsync()).GroupBy(k => k.Key).Select(g => g.Count()).ToList();
        // Twelve bands and the title, each full at 64 of the hundred, over four batches.
        Assert.Equal(13, perKey.Count);
        Assert.All(perKey, n => Assert.Equal(CopyDetector.MaxBucket, n));
        Assert.Equal(100, Assert.Single((await NewService().GetAsync()).Groups).Members.Count);
        Assert.Equal(100, pass.Checked);
    }

    [Fact]
    public async Task Image_ShownByMoreArticlesThanMaxImageShare_IsALogo_AcrossPasses()
    {
        const string storm = "Residents of the coastal towns were told to leave their homes before the river peaked on Sunday night, as rain kept falling across the region and emergency crews moved families to higher ground";
        var rewrite = storm.Replace("Residents", "People").Replace("leave", "abandon").Replace("Sunday", "Monday").Replace("falling", "pouring").Replace("families", "households");
        const string photo = "https://img.example/storm.jpg";
        const string logo = "https://img.example/logo.png";
        ArticleBuilder Story(string provider, int day, string excerpt, string image) =>
            new ArticleBuilder().From($"{provider}.example", provider).PublishedOn(2026, 3, day, 8).Titled("Storm floods coastal towns as rivers burst their banks").WithExcerpt(excerpt).WithImage(image);
        var settings = new SyndicationSettings();
        // The logo on more articles than MaxImageShare; one story and its rewrite under a picture of their own.
        await _db.ImportArticlesAsync([.. Enumerable.Range(1, settings.MaxImageShare + 2).Select(i => Unrelated(i).WithImage(logo)),
            Story("a", 2, storm, photo), Story("b", 2, rewrite, photo)]);
        var service = NewService();
        var first = await service.UpdateAsync();

        // The pair is a copy through its picture only; the logo key keeps one more article than the share.
        Assert.Equal(1, first.Matches);
        Assert.Equal(CopyReasons.SharedImage, Assert.Single((await service.GetAsync()).Groups).Members[1].Reasons);
        Assert.Equal(settings.MaxImageShare + 1, (await KeysAsync()).GroupBy(k => k.Key).Max(g => g.Count()));

        // A month later (past the lag of any copy of the first pair), the same pair under the logo: no copy.
        await _db.ImportArticlesAsync(Story("c", 30, storm, logo), Story("d", 30, rewrite, logo));
        var second = await service.UpdateAsync();
        Assert.Equal((2, 0), (second.Checked, second.Matches));
    }
}
