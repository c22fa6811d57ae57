using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Diagnostics;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Queries.Graph;
using AiNewsDashboard.Core.Syndication;
using AiNewsDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using AiNewsDashboard.Core.Data.Sqlite;

namespace AiNewsDashboard.Core.Tests.Syndication;

/// <summary>Copy groups over a real database: found after an import, kept in the store, extended by later imports only.</summary>
public sealed class SyndicationServiceTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private SyndicationService Service => _db.Get<SyndicationService>();

    private static ArticleBuilder Copy(string provider, int hour, string? title = null) =>
        new ArticleBuilder().From($"{provider}.example", provider).PublishedOn(2026, 3, 2, hour).Titled(title ?? $"{WireStory.Title} - {provider}").WithExcerpt(WireStory.Excerpt);

    private static ArticleBuilder Other(string provider, int hour, string title, string excerpt) =>
        new ArticleBuilder().From($"{provider}.example", provider).PublishedOn(2026, 3, 2, hour).Titled(title).WithExcerpt(excerpt);

    [Fact]
    public async Task Update_AfterImport_GroupsTheCopiesWithTheEarliestFirst()
    {
        var wire = Copy("wire", 6);
        await _db.ImportArticlesAsync(Copy("late", 9), wire, Copy("middle", 8),
            Other("alone", 7, "Storm floods coastal towns as rivers burst their banks", "Residents were told to leave before the river peaked on Sunday night"));

        var pass = await Service.UpdateAsync();
        var groups = await Service.GetAsync();

        Assert.Equal((4, 1, 2), (pass.Checked, pass.Groups, pass.Copies));
        var group = Assert.Single(groups.Groups);
        Assert.Equal(await _db.IdOfAsync(wire.Url), group.First.ArticleId);
        Assert.Equal(3, group.Members.Count);
        Assert.True(groups.IsCopy(group.Members[1].ArticleId));
        Assert.False(groups.IsCopy(group.First.ArticleId));
        Assert.Equal(2, groups.CopiesOf(group.First.ArticleId));
    }

    [Fact]
    public async Task Update_WhileAUserIsAnswered_WaitsForThemBeforeItsNextBatch()
    {
        await _db.ImportArticlesAsync(Copy("wire", 6), Copy("late", 9), Copy("middle", 8));
        var users = new UserActivity(TimeSpan.FromHours(1));
        var service = new SyndicationService(_db.Factory, new SyndicationSettings(), TimeProvider.System, users) { BatchSize = 1 };
        var request = users.Begin();

        var pass = service.UpdateAsync();
        await Task.Delay(300);
        Assert.False(pass.IsCompleted);
        Assert.Empty((await service.GetAsync()).Groups); // nothing recorded while the user waited
        request.Dispose();

        Assert.Equal((3, 1), ((await pass.WaitAsync(TimeSpan.FromSeconds(30))).Checked, (await service.GetAsync()).Groups.Count));
    }

    private static ArticleBuilder[] Unrelated(int n) =>
        [.. Enumerable.Range(0, n).Select(i => Other($"p{i}", 6 + i, $"Story number {i} about topic {i * 7}", $"An excerpt only story {i} has, with words {i * 13} and {i * 17}"))];

    // Bug guarded: a first pass over a large corpus takes hours, and the signals said "No copies among N articles"
    // meanwhile, the groups being read only when a pass ends.
    [Fact]
    public async Task Progress_OfAPassOfSeveralBatches_SaysHowFarItGot_AndItsEndIsToldThoughItFoundNoGroup()
    {
        await _db.ImportArticlesAsync(Unrelated(3));
        var service = new SyndicationService(_db.Factory, new SyndicationSettings(), TimeProvider.System) { BatchSize = 1 };
        await service.GetAsync();
        // Before any pass: the articles after the watermark wait for one.
        Assert.Equal(new CopyDetectionProgress(0, 3, false), service.Progress);
        var version = service.Version;
        var seen = new List<CopyDetectionProgress?>();
        service.BatchRecorded += () => seen.Add(service.Progress);

        var pass = await service.UpdateAsync();

        Assert.Equal((3, 0), (pass.Checked, pass.Groups));
        Assert.Equal([new(1, 2, true), new(2, 1, true), new(3, 0, true)], seen);
        Assert.Equal(CopyDetectionProgress.Done, service.Progress);
        // No new group, yet a page that said detection was running must hear that it ended.
        Assert.Equal(version + 1, service.Version);
    }

    [Fact]
    public async Task Progress_OfAPassOfOneBatch_IsFinished_AndItsEndMakesNoNewState()
    {
        // Every routine commit starts such a pass: a word about it, and a refresh of every open page after it, would cost more than it tells.
        await _db.ImportArticlesAsync(Unrelated(3));
        var service = new SyndicationService(_db.Factory, new SyndicationSettings(), TimeProvider.System);
        await service.UpdateAsync();
        await _db.ImportArticlesAsync(Unrelated(5)[3..]);
        var version = service.Version;
        var seen = new List<CopyDetectionProgress?>();
        service.BatchRecorded += () => seen.Add(service.Progress);

        var pass = await service.UpdateAsync();

        Assert.Equal(2, pass.Checked);
        Assert.Equal([CopyDetectionProgress.Done], seen);
        Assert.Equal(version, service.Version);
    }

    [Fact]
    public async Task Progress_WhileAPassIsHeldBack_CountsTheArticlesWaiting_WhenTheyAreMoreThanABatch()
    {
        await _db.ImportArticlesAsync(Unrelated(3));
        var batchOfFive = new SyndicationService(_db.Factory, new SyndicationSettings(), TimeProvider.System) { BatchSize = 5 };
        var batchOfTwo = new SyndicationService(_db.Factory, new SyndicationSettings(), TimeProvider.System) { BatchSize = 2 };

        await batchOfFive.NoteWaitingAsync();
        await batchOfTwo.NoteWaitingAsync();

        Assert.Null(batchOfFive.Progress); // the pass after the import checks them in a moment
        Assert.Equal(new CopyDetectionProgress(0, 3, false), batchOfTwo.Progress);
        await batchOfTwo.UpdateAsync();
        Assert.Equal(CopyDetectionProgress.Done, batchOfTwo.Progress);
    }

    [Fact]
    public async Task Progress_OfAPassCutShort_CountsWhatItLeft()
    {
        await _db.ImportArticlesAsync(Unrelated(3));
        using var stop = new CancellationTokenSource();
        var service = new SyndicationService(_db.Factory, new SyndicationSettings(), TimeProvider.System) { BatchSize = 1 };
        service.BatchRecorded += () => stop.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => service.UpdateAsync(stop.Token));

        Assert.Equal(new CopyDetectionProgress(1, 2, false), service.Progress);
        Assert.False(service.Progress!.Finished);
        // The batch it recorded stays checked: the next pass checks the other two.
        Assert.Equal(2, (await service.UpdateAsync()).Checked);
        Assert.Equal(CopyDetectionProgress.Done, service.Progress);
    }

    [Fact]
    public async Task Progress_AfterAPassCutShort_AmongArticlesWrittenAtOneInstant_CountsWhatItLeft()
    {
        // The watermark is an instant and an id: what waits is what was written later, and at that instant after that id.
        await _db.ImportArticlesAsync(Unrelated(3));
        await using (var db = await _db.Factory.CreateDbContextAsync())
            await db.Articles.ExecuteUpdateAsync(s => s.SetProperty(a => a.UpdatedAt, new DateTime(2026, 3, 2, 12, 0, 0)));
        using var stop = new CancellationTokenSource();
        var service = new SyndicationService(_db.Factory, new SyndicationSettings(), TimeProvider.System) { BatchSize = 1 };
        service.BatchRecorded += () => stop.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => service.UpdateAsync(stop.Token));

        // Counted afresh from the store by a restarted instance, as before a pass at start.
        var restarted = new SyndicationService(_db.Factory, new SyndicationSettings(), TimeProvider.System) { BatchSize = 1 };
        await restarted.NoteWaitingAsync();
        Assert.Equal(new CopyDetectionProgress(0, 2, false), restarted.Progress);
        Assert.Equal(2, (await restarted.UpdateAsync()).Checked);
    }

    // Bug guarded: while copy detection's first pass ran (hours at ten million articles) the Providers page gave every
    // provider 100% originals, the groups holding none of the copies among the articles it hadn't checked.
    [Fact]
    public async Task ProviderStandings_WhileDetectionHasArticlesToCheck_HaveNoOriginalShare_UntilItsPassEnds()
    {
        await _db.ImportArticlesAsync(Unrelated(3));
        var standings = _db.Get<ProviderQualityQueries>();
        var request = new ProviderListRequest(ProviderSort.Default, 1, 50, null);
        var waiting = new CopyDetectionProgress(0, 3, false);

        var page = await standings.GetLeaderboardPageAsync(DashboardFilter.All, request);
        var board = await standings.GetLeaderboardAsync(DashboardFilter.All);
        var detail = await standings.GetProviderDetailAsync("p1.example", DashboardFilter.All);

        Assert.Equal((waiting, waiting, waiting), (page.Detection, board.Detection, detail!.Detection));
        Assert.Equal(3, page.Providers.Count);
        Assert.All(page.Providers.Concat(board.Providers).Append(detail.Standing), p => Assert.Null(p.OriginalShare));

        var version = Service.Version;
        await Service.UpdateAsync(); // finds no copy: the same groups, so the same rows of copies
        Assert.NotEqual(version, Service.Version); // the pages that were told hear of its end

        page = await standings.GetLeaderboardPageAsync(DashboardFilter.All, request);
        detail = await standings.GetProviderDetailAsync("p1.example", DashboardFilter.All);
        Assert.Equal((CopyDetectionProgress.Done, CopyDetectionProgress.Done), (page.Detection, detail!.Detection));
        Assert.All(page.Providers.Append(detail.Standing), p => Assert.Equal(1.0, p.OriginalShare));
        Assert.All((await standings.GetLeaderboardAsync(DashboardFilter.All)).Providers, p => Assert.Equal(1.0, p.OriginalShare));
    }

    [Fact]
    public async Task Update_WithNewGroups_MakesANewState_WithoutReloadingTheSnapshot()
    {
        // Bug guarded: a pass that found copies invalidated the snapshot (and its commit looked like new data), so every
        // import at a million articles cost a second reload and story graph before signals were current.
        await _db.ImportArticlesAsync(Copy("wire", 6), Copy("late", 9));
        var matcher = _db.Get<ArticleMatcher>();
        var facts = await matcher.Facts.GetFreshAsync();
        var before = await matcher.GetStateAsync();
        var graphBefore = await _db.Get<ArticleGraphCache>().GetCurrentAsync();
        var standings = _db.Get<ProviderQualityQueries>();
        var request = new ProviderListRequest(ProviderSort.Default, 1, 50, null);
        // Not checked yet: no share of originals.
        Assert.All((await standings.GetLeaderboardPageAsync(DashboardFilter.All, request)).Providers, p => Assert.Null(p.OriginalShare));
        var loads = matcher.Facts.LoadCount;

        await Service.UpdateAsync();

        Assert.Same(facts, await matcher.Facts.GetFreshAsync());
        Assert.Equal(loads, matcher.Facts.LoadCount);
        var after = await matcher.GetStateAsync();
        Assert.NotEqual(before, after);
        Assert.Same(facts, after.Facts);
        // Kept per state: the graph keeps its links and takes the new groups; the leaderboard counts the copy.
        var graphAfter = await _db.Get<ArticleGraphCache>().GetCurrentAsync();
        Assert.Same(after.Copies, graphAfter.Copies);
        Assert.Same(graphBefore.Adjacency, graphAfter.Adjacency);
        Assert.Same(graphBefore.Directions, graphAfter.Directions);
        var shares = (await standings.GetLeaderboardPageAsync(DashboardFilter.All, request)).Providers.ToDictionary(p => p.Domain, p => p.OriginalShare);
        Assert.Equal(1.0, shares["wire.example"]);
        Assert.Equal(0.0, shares["late.example"]);
    }

    [Fact]
    public async Task Update_NextImport_ChecksOnlyTheNewArticlesAgainstTheIndex()
    {
        await _db.ImportArticlesAsync(Copy("wire", 6), Copy("first", 7));
        await Service.UpdateAsync();

        await _db.ImportArticlesAsync(Copy("second", 10), Other("alone", 11, "Chipmaker shares jump after record quarterly earnings", "Sales of data centre chips doubled"));
        var pass = await Service.UpdateAsync();

        Assert.Equal(2, pass.Checked);
        var group = Assert.Single((await Service.GetAsync()).Groups);
        Assert.Equal(3, group.Members.Count);
        Assert.Equal(0, (await Service.UpdateAsync()).Checked);
    }

    [Fact]
    public async Task Groups_OfACopyOfAnArticleCheckedBefore_StartWithThatArticle_AsReadBackByANewProcess()
    {
        // The earlier article's date is its article's, read when the copy joins it: the groups are read without the articles.
        var wire = Copy("wire", 6);
        await _db.ImportArticlesAsync(wire);
        await Service.UpdateAsync();
        await _db.ImportArticlesAsync(Copy("late", 9));
        await Service.UpdateAsync();

        await using var services = new ServiceCollection().AddNewsData(_db.ConnectionString).BuildServiceProvider();
        var group = Assert.Single((await services.GetRequiredService<SyndicationService>().GetAsync()).Groups);

        Assert.Equal(await _db.IdOfAsync(wire.Url), group.First.ArticleId);
        Assert.Equal([new DateTime(2026, 3, 2, 6, 0, 0, DateTimeKind.Utc), new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc)],
            group.Members.Select(m => m.PublishedAt));
    }

    [Fact]
    public async Task Groups_RecordedBeforeMembersKeptTheirDates_AreReadInOrderAfterTheMigration()
    {
        var wire = Copy("wire", 6);
        await _db.ImportArticlesAsync(Copy("late", 9), wire, Copy("middle", 8));
        await Service.UpdateAsync();
        await using (var ctx = await _db.ContextAsync())
            await ctx.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync("AddCopyKeys"); // StoreCopyMemberDates, undone

        await using (var ctx = await _db.ContextAsync())
            await ctx.Database.MigrateAsync();

        await using var services = new ServiceCollection().AddNewsData(_db.ConnectionString).BuildServiceProvider();
        var group = Assert.Single((await services.GetRequiredService<SyndicationService>().GetAsync()).Groups);
        Assert.Equal(await _db.IdOfAsync(wire.Url), group.First.ArticleId);
        Assert.Equal([6, 8, 9], group.Members.Select(m => m.PublishedAt!.Value.Hour));
    }

    [Fact]
    public async Task Groups_AfterRestart_AreReadFromTheStoreWithoutAPass()
    {
        await _db.ImportArticlesAsync(Copy("wire", 6), Copy("first", 7));
        await Service.UpdateAsync();

        // A new process: a new service over the same database, before any pass.
        await using var services = new ServiceCollection().AddNewsData(_db.ConnectionString).BuildServiceProvider();
        var restarted = services.GetRequiredService<SyndicationService>();
        Assert.Single((await restarted.GetAsync()).Groups);
        // Its first pass has no index to build (it is in the store): it reads no article and checks nothing again.
        var pass = await restarted.UpdateAsync();
        Assert.Equal(0, pass.Backfilled);
        Assert.Equal(0, pass.TextsRead);
        Assert.Equal(0, pass.Checked);

        await _db.ImportArticlesAsync(Copy("second", 10));
        Assert.Equal(1, (await restarted.UpdateAsync()).Checked);
        Assert.Equal(3, Assert.Single((await restarted.GetAsync()).Groups).Members.Count);
    }

    [Fact]
    public async Task Update_CopyMatchingTwoGroups_MergesThem()
    {
        const string storm = "Residents of the coastal towns were told to leave their homes before the river peaked on Sunday night, as rain kept falling across the region and emergency crews moved families to higher ground";
        const string photo = "https://img.example/storm.jpg";
        const string wirePhoto = "https://img.example/rates.jpg";
        await _db.ImportArticlesAsync(Copy("wire", 6).WithImage(wirePhoto), Copy("first", 7),
            Other("b1", 6, "Storm floods coastal towns as rivers burst their banks", storm).WithImage(photo),
            Other("b2", 7, "Storm floods coastal towns as rivers burst their banks", storm).WithImage(photo));
        await Service.UpdateAsync();
        Assert.Equal(2, (await Service.GetAsync()).Groups.Count);

        // Both texts under both pictures: each group's picture with much of its text.
        await _db.ImportArticlesAsync(Other("bridge", 12, WireStory.Title, $"{WireStory.Excerpt}. {storm}").WithImage(photo).WithImage(wirePhoto));
        await Service.UpdateAsync();

        var group = Assert.Single((await Service.GetAsync()).Groups);
        Assert.Equal(5, group.Members.Count);
        Assert.Contains(group.Members, m => m.Reasons.HasFlag(CopyReasons.SharedImage));
        await using var db = await _db.ContextAsync();
        Assert.Equal(1, await db.CopyGroups.CountAsync());
    }

    [Fact]
    public async Task RemovedArticle_LeavesItsGroup_AndAGroupOfOneIsNoGroup()
    {
        var copy = Copy("first", 7);
        await _db.ImportArticlesAsync(Copy("wire", 6), copy);
        await Service.UpdateAsync();
        var id = await _db.IdOfAsync(copy.Url);

        await using (var db = await _db.ContextAsync())
            await db.Articles.Where(a => a.Id == id).ExecuteDeleteAsync();
        await using var services = new ServiceCollection().AddNewsData(_db.ConnectionString).BuildServiceProvider();

        Assert.Empty((await services.GetRequiredService<SyndicationService>().GetAsync()).Groups);
        await using var check = await _db.ContextAsync();
        Assert.Equal(1, await check.CopyGroupMembers.CountAsync());
    }
}
