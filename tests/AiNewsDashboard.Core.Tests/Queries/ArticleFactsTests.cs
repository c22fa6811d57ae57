using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Tests.Queries;

/// <summary>The in-memory snapshot: row order, unknown values, and the packed read surviving extreme values.</summary>
public sealed class ArticleFactsTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<ArticleFacts> FactsAsync() => _db.Get<ArticleFactsCache>().GetFreshAsync();

    [Fact]
    public async Task Snapshot_Rows_AreNewestFirstWithTiesByIdDescendingAndUndatedLast()
    {
        var old = new ArticleBuilder().PublishedOn(2024, 1, 1);
        var tieFirst = new ArticleBuilder().PublishedOn(2024, 3, 1);
        var tieSecond = new ArticleBuilder().PublishedOn(2024, 3, 1);
        var undated = new ArticleBuilder().PublishedOn(2023, 1, 1);
        await _db.ImportArticlesAsync(old, tieFirst, tieSecond, undated);
        var undatedId = await _db.IdOfAsync(undated);
        await using (var ctx = await _db.ContextAsync())
            await ctx.Articles.Where(a => a.Id == undatedId).ExecuteUpdateAsync(s => s.SetProperty(a => a.PublishedAt, (DateTime?)null));

        var facts = await FactsAsync();

        Assert.Equal([await _db.IdOfAsync(tieSecond), await _db.IdOfAsync(tieFirst), await _db.IdOfAsync(old), undatedId], facts.Ids);
        Assert.Equal(3, facts.DatedCount);
        Assert.Equal(ArticleFacts.UnknownDay, facts.Days[3]);
    }

    [Fact]
    public async Task Snapshot_UnknownValues_AreHeldAsSentinels()
    {
        await _db.ImportArticlesAsync(new ArticleBuilder().WithQuality(null).WithHeat(-1).Published(null).WithTopics());

        var facts = await FactsAsync();

        Assert.Equal((ArticleFacts.UnknownQuality, ArticleFacts.UnknownHeat, ArticleFacts.UnknownPublished), (facts.Qualities[0], facts.HeatOf(0), facts.Published[0]));
        Assert.Equal(0, facts.TopicsOf(0).Length);
    }

    [Fact]
    public async Task Snapshot_ExtremeValues_SurviveThePackedRead()
    {
        var beforeEpoch = new ArticleBuilder().PublishedAt(new DateTime(1969, 12, 31, 23, 59, 59)).WithQuality(0).WithHeat(0).Published(true);
        var highest = new ArticleBuilder().PublishedOn(2024, 1, 1).WithQuality(100).WithHeat(int.MaxValue).Published(false);
        await _db.ImportArticlesAsync(beforeEpoch, highest);
        // A date the import now stores as unknown (later than a day after it), as a database of an earlier version holds it.
        await using (var ctx = await _db.ContextAsync())
            await ctx.Database.ExecuteSqlRawAsync("UPDATE Articles SET PublishedAt = '2100-01-01 00:00:00' WHERE PublishedAt LIKE '2024-01-01%'");

        var facts = await FactsAsync();

        Assert.Equal([await _db.IdOfAsync(highest), await _db.IdOfAsync(beforeEpoch)], facts.Ids);
        Assert.Equal([ArticleFacts.DayOf(new DateOnly(2100, 1, 1)), -1], facts.Days);
        Assert.Equal([(sbyte)100, (sbyte)0], facts.Qualities);
        Assert.Equal([int.MaxValue, 0], new[] { facts.HeatOf(0), facts.HeatOf(1) });
        Assert.Equal([(sbyte)0, (sbyte)1], facts.Published);
        Assert.Equal([new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), -1L], new[] { facts.SecondsOf(0), facts.SecondsOf(1) });
    }

    [Fact]
    public async Task Load_HeatsAroundTheNarrowColumnsLimit_ComeBackExact()
    {
        // Heats are kept in 16 bits up to 65,533; larger ones beside the column.
        int[] heats = [0, 65_532, 65_533, 65_534, 65_535, 65_536, 1_000_000];
        var articles = heats.Select((h, i) => new ArticleBuilder().PublishedOn(2024, 1, 1 + i).WithHeat(h)).ToArray();
        await _db.ImportArticlesAsync(articles);

        var facts = await FactsAsync();

        foreach (var (article, heat) in articles.Zip(heats))
            Assert.Equal(heat, facts.HeatOf(facts.RowOf(await _db.IdOfAsync(article))));
    }

    [Fact]
    public async Task Snapshot_ValuesNoImportWrites_AreReadAsUnknownWithoutCorruptingOtherFields()
    {
        var article = new ArticleBuilder().PublishedOn(2024, 5, 1);
        await _db.ImportArticlesAsync(article);
        await using (var ctx = await _db.ContextAsync())
            await ctx.Database.ExecuteSqlRawAsync("UPDATE Articles SET Quality = 250, Published = 7, Heat = -5");

        var facts = await FactsAsync();

        Assert.Equal([await _db.IdOfAsync(article)], facts.Ids);
        Assert.Equal([ArticleFacts.DayOf(new DateOnly(2024, 5, 1))], facts.Days);
        Assert.Equal((ArticleFacts.UnknownQuality, ArticleFacts.UnknownHeat, ArticleFacts.UnknownPublished, false),
            (facts.Qualities[0], facts.HeatOf(0), facts.Published[0], facts.IsReference[0]));
    }

    [Fact]
    public async Task Snapshot_TopicsProvidersAndCategories_AreLookedUpCaseInsensitively()
    {
        await _db.ImportArticlesAsync(
            new ArticleBuilder().From("alpha.example", "Alpha").InCategory("News").WithTopics("AI", "Robotics"),
            new ArticleBuilder().From("alpha.example", "Alpha").InCategory("news").WithTopics("ai"));

        var facts = await FactsAsync();

        Assert.Equal(facts.CategoryOf(0), facts.CategoryOf(1));
        Assert.Equal(facts.Providers[0], facts.Providers[1]);
        Assert.Equal(["AI", "Robotics"], facts.TopicsOf(1).ToArray().Select(t => facts.TopicTable[t].Name).Order());
        Assert.Equal(["AI"], facts.TopicsOf(0).ToArray().Select(t => facts.TopicTable[t].Name));
        Assert.Equal(facts.TopicIndexByKey["AI"], facts.TopicIndexByKey["ai"]);
    }

    [Fact]
    public async Task Snapshot_References_AreRowsMarkedAsSuch()
    {
        await _db.ImportArticlesAsync(new ArticleBuilder().RelatedTo("https://elsewhere.example/x"));

        var facts = await FactsAsync();

        Assert.Equal(2, facts.Count);
        Assert.Equal(1, facts.IsReference.Count(r => r));
    }
}
