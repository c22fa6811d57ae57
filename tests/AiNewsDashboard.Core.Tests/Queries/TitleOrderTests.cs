using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Tests.Queries;

/// <summary>
/// The article list sorted by title, read from the store's (TitleKey, Id) index: the order, offset and keyset paging,
/// export, and the keys the writers and the start-up backfill store.
/// </summary>
public sealed class TitleOrderTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private ArticleQueries Articles => _db.Get<ArticleQueries>();

    private static readonly ArticleSort AToZ = new(ArticleSortKey.Title, Ascending: true);
    private static readonly ArticleSort ZToA = new(ArticleSortKey.Title);

    private async Task<int[]> AllIdsAsync(DashboardFilter filter, ArticleSort sort) =>
        (await Articles.GetPageAsync(filter, sort, 0, ArticleQueries.MaxTake)).Items.Select(i => i.Id).ToArray();

    /// <summary>Removes these articles' titles (as a store written before titles were required might hold them).</summary>
    private async Task UntitleAsync(params int[] ids)
    {
        await using var db = await _db.ContextAsync();
        await db.Articles.Where(a => ids.Contains(a.Id)).ExecuteUpdateAsync(s => s.SetProperty(a => a.Title, (string?)null).SetProperty(a => a.TitleKey, (string?)null));
        await _db.Get<ArticleFactsCache>().GetFreshAsync();
    }

    /// <summary>The order the list promises, computed here from the stored titles without the store's key or index.</summary>
    private async Task<int[]> ExpectedAsync(bool ascending, Func<Article, bool>? where = null)
    {
        await using var db = await _db.ContextAsync();
        var rows = (await db.Articles.AsNoTracking().ToListAsync()).Where(where ?? (_ => true)).ToList();
        var titled = rows.Where(a => a.Title is not null).ToList();
        titled.Sort((x, y) => string.CompareOrdinal(x.Title!.ToUpperInvariant(), y.Title!.ToUpperInvariant()) is var c and not 0 ? c : x.Id.CompareTo(y.Id));
        var untitled = rows.Where(a => a.Title is null).OrderBy(a => a.Id).Select(a => a.Id);
        return ascending
            ? titled.Select(a => a.Id).Concat(untitled).ToArray()
            : Enumerable.Reverse(titled).Select(a => a.Id).Concat(untitled.Reverse()).ToArray();
    }

    [Fact]
    public async Task Page_SortByTitle_FoldsNonAsciiCaseAndOrdersByCodePoint()
    {
        var a = new[] { "élan", "Zebra", "Äpfel", "apple", "ÉLAN", "Éclair", "zürich" }.Select(t => new ArticleBuilder().Titled(t)).ToArray();
        await _db.ImportArticlesAsync(a);

        var page = await Articles.GetPageAsync(DashboardFilter.All, AToZ);

        // A-Z before accented capitals (U+00C4 Ä, U+00C9 É); "élan" and "ÉLAN" are one key, so by id.
        Assert.Equal(["apple", "Zebra", "zürich", "Äpfel", "Éclair", "élan", "ÉLAN"], page.Items.Select(i => i.Title));
    }

    [Fact]
    public async Task Page_SortByTitle_BreaksTiesByIdInTheSortDirection_AndPutsUntitledLastBothWays()
    {
        var a = new[] { "Same", "same", "Other", "SAME", "Gone", "Lost" }.Select(t => new ArticleBuilder().Titled(t)).ToArray();
        await _db.ImportArticlesAsync(a);
        var ids = new int[a.Length];
        for (var i = 0; i < a.Length; i++)
            ids[i] = await _db.IdOfAsync(a[i]);
        await UntitleAsync(ids[4], ids[5]);

        Assert.Equal([ids[2], ids[0], ids[1], ids[3], ids[4], ids[5]], await AllIdsAsync(DashboardFilter.All, AToZ));
        Assert.Equal([ids[3], ids[1], ids[0], ids[2], ids[5], ids[4]], await AllIdsAsync(DashboardFilter.All, ZToA));
    }

    /// <summary>
    /// 300 articles, many titles shared, some untitled: enough for the index walk to take several chunks. One provider
    /// holds most of them (the walk), another a few (their keys sorted in memory).
    /// </summary>
    private async Task<(DashboardFilter Most, DashboardFilter Few)> ImportCorpusAsync()
    {
        string[] words = ["alpha", "Beta", "ÉTÉ", "été", "gamma", "Ωmega", "zeta", "Äther"];
        var articles = Enumerable.Range(0, 300).Select(i => new ArticleBuilder()
            .Titled($"{words[i * 7 % words.Length]} {(i % 3 == 0 ? "" : words[i % 5])}".Trim())
            .From(i % 30 == 0 ? "few.example" : "most.example")).ToArray();
        await _db.ImportArticlesAsync(articles);
        var untitled = new List<int>();
        for (var i = 5; i < articles.Length; i += 40)
            untitled.Add(await _db.IdOfAsync(articles[i]));
        untitled.Add(await _db.IdOfAsync(articles[30])); // a "few.example" one too
        await UntitleAsync([.. untitled]);
        return (new DashboardFilter { Providers = ["most.example"] }, new DashboardFilter { Providers = ["few.example"] });
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Page_SortByTitle_OffsetAndKeysetPagingBothGiveTheWholeOrder(bool ascending)
    {
        var (most, few) = await ImportCorpusAsync();
        var sort = new ArticleSort(ArticleSortKey.Title, ascending);
        int mostDomain;
        await using (var db = await _db.ContextAsync())
            mostDomain = await db.Providers.Where(p => p.Domain == "most.example").Select(p => p.Id).SingleAsync();

        foreach (var (filter, expected) in new[]
                 {
                     (DashboardFilter.All, await ExpectedAsync(ascending)),
                     (most, await ExpectedAsync(ascending, a => a.ProviderId == mostDomain)),
                     (few, await ExpectedAsync(ascending, a => a.ProviderId != mostDomain)),
                 })
        {
            Assert.Equal(expected, await AllIdsAsync(filter, sort));

            var byOffset = new List<int>();
            var byCursor = new List<int>();
            TitleCursor? after = null;
            for (var skip = 0; skip < expected.Length; skip += 37)
            {
                byOffset.AddRange((await Articles.GetPageAsync(filter, sort, skip, 37)).Items.Select(i => i.Id));
                var page = await Articles.GetPageAsync(filter, sort, after, 0, 37);
                byCursor.AddRange(page.Items.Select(i => i.Id));
                after = page.Next;
                Assert.Equal(skip + 37 < expected.Length, after is not null);
            }
            Assert.Equal(expected, byOffset);
            Assert.Equal(expected, byCursor);
        }
    }

    /// <summary>
    /// Articles whose categories bunch in the title order, as real ones do: "news" titles spread from A to Z, "analysis"
    /// ones all starting "Analysis:" and "opinion" ones "I tried", so the two categories' rows lie in two stretches,
    /// with buckets of a few rows each (<see cref="TitleBuckets"/>).
    /// </summary>
    private static ArticleBuilder[] Bunched(int from, int count) => Enumerable.Range(from, count).Select(i => new ArticleBuilder()
        .At($"https://bunched.example/{i}")
        .InCategory(i % 5 == 0 ? "analysis" : i % 5 == 1 ? "opinion" : "news")
        .Titled(i % 5 == 0 ? $"Analysis: what move {i} means" : i % 5 == 1 ? $"I tried tool {i} for a week" : $"{(char)('A' + i * 7 % 26)}ord {i}")
        .From(i % 40 == 3 ? "rare.example" : "most.example")).ToArray();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Page_SortByTitle_SelectionsBunchedInTheOrder_BeforeAndAfterTheSnapshotIsUpdated(bool ascending)
    {
        var sort = new ArticleSort(ArticleSortKey.Title, ascending);
        var filters = new (DashboardFilter Filter, Func<Article, bool> Where)[]
        {
            (new DashboardFilter { Categories = ["analysis", "opinion"] }, a => a.Category is "analysis" or "opinion"),
            (new DashboardFilter { Categories = ["opinion"] }, a => a.Category == "opinion"),
            (new DashboardFilter { Categories = ["news"] }, a => a.Category == "news"),
            (new DashboardFilter { Providers = ["rare.example"] }, a => int.Parse(a.Url.Split('/')[^1]) % 40 == 3),
            (DashboardFilter.All, _ => true),
        };
        async Task AssertOrderAsync()
        {
            foreach (var (filter, where) in filters)
            {
                var expected = await ExpectedAsync(ascending, where);
                Assert.Equal(expected, await AllIdsAsync(filter, sort));
                var byCursor = new List<int>();
                TitleCursor? after = null;
                do
                {
                    var page = await Articles.GetPageAsync(filter, sort, after, 0, 23);
                    byCursor.AddRange(page.Items.Select(i => i.Id));
                    after = page.Next;
                } while (after is not null);
                Assert.Equal(expected, byCursor);
                var streamed = new List<int>();
                await foreach (var item in Articles.StreamAsync(filter, sort))
                    streamed.Add(item.Id);
                Assert.Equal(expected, streamed);
            }
        }

        await _db.ImportArticlesAsync(Bunched(0, 900));
        var first = await _db.Get<ArticleFactsCache>().GetFreshAsync();
        Assert.Equal(TitleBuckets.MaxTitled, first.TitleBounds.Length);
        await AssertOrderAsync();

        // More of them in one import: the snapshot is updated from the commit, its buckets kept, the new rows placed by key.
        await _db.ImportArticlesAsync(Bunched(900, 100));
        var updated = await _db.Get<ArticleFactsCache>().GetFreshAsync();
        Assert.Equal(1000, updated.Count);
        Assert.Same(first.TitleBounds, updated.TitleBounds);
        await AssertOrderAsync();
    }

    [Fact]
    public async Task Stream_SortByTitle_YieldsTheWholeOrderForBroadAndNarrowFilters()
    {
        var (most, few) = await ImportCorpusAsync();

        foreach (var filter in new[] { DashboardFilter.All, most, few })
        foreach (var sort in new[] { AToZ, ZToA })
        {
            var streamed = new List<int>();
            await foreach (var item in Articles.StreamAsync(filter, sort))
                streamed.Add(item.Id);
            Assert.Equal(await AllIdsAsync(filter, sort), streamed);
        }
    }

    [Fact]
    public async Task Page_CursorWithAnotherSort_IsRefused() =>
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Articles.GetPageAsync(DashboardFilter.All, new ArticleSort(ArticleSortKey.Date), new TitleCursor("A", 1), 0, 10));

    [Theory]
    [InlineData("A TITLE: WITH COLONS")]
    [InlineData("ÉTÉ Ωmega 🚀")]
    [InlineData(null)]
    public void Cursor_Encoded_DecodesToItself(string? key)
    {
        var cursor = new TitleCursor(key, 1234);

        Assert.True(TitleCursor.TryDecode(cursor.Encode(), out var decoded));
        Assert.Equal(cursor, decoded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("dDp4OkE")] // "t:x:A": the id is not a number
    [InlineData("eDoxOkE")] // "x:1:A": neither titled nor untitled
    [InlineData("dDoxMg")] // "t:12": "u:12" would do, a titled place needs its key
    public void Cursor_Malformed_IsRejected(string text) => Assert.False(TitleCursor.TryDecode(text, out _));

    [Fact]
    public void Compare_IsCodePointOrder_AsSqliteAndPostgresCompare()
    {
        // U+FF21 (fullwidth A) is below U+1F680 (a surrogate pair in UTF-16), though ordinal UTF-16 order says otherwise.
        Assert.True(TitleKeys.Compare("\uFF21", "\U0001F680") < 0);
        Assert.True(string.CompareOrdinal("\uFF21", "\U0001F680") > 0);
        Assert.True(TitleKeys.Compare("AB", "ABC") < 0);
        Assert.Equal(0, TitleKeys.Compare("ÉTÉ", "ÉTÉ"));
        Assert.True(TitleKeys.Compare("Z", "Ä") < 0);
    }

    [Fact]
    public async Task Writers_StoreTheKey_ForArticlesReferencesAndUpdates()
    {
        async Task<Dictionary<string, (string?, string?)>> KeysAsync()
        {
            await using var db = await _db.ContextAsync();
            return await db.Articles.AsNoTracking().ToDictionaryAsync(a => a.Url, a => (a.Title, a.TitleKey));
        }

        await _db.ImportArticlesAsync(new ArticleBuilder().At("https://a.example/1").PublishedOn(2024, 1, 1).Titled("Crème brûlée")
            .RelatedTo("https://ref.example/r", title: "Ça va"));
        var first = await KeysAsync();
        await _db.ImportArticlesAsync(new ArticleBuilder().At("https://a.example/1").PublishedOn(2024, 2, 1).Titled("Straße"));
        var updated = await KeysAsync();

        Assert.Equal(("Crème brûlée", "CRÈME BRÛLÉE"), first["https://a.example/1"]);
        Assert.Equal(("Ça va", "ÇA VA"), first["https://ref.example/r"]);
        Assert.Equal(("Straße", "STRAßE"), updated["https://a.example/1"]); // ß has no one-letter capital
    }

    [Fact]
    public async Task Backfill_KeysTitlesStoredWithoutOne()
    {
        await _db.ImportArticlesAsync(new ArticleBuilder().Titled("naïve"), new ArticleBuilder().Titled("plain"));
        await using var db = await _db.ContextAsync();
        await db.Articles.ExecuteUpdateAsync(s => s.SetProperty(a => a.TitleKey, (string?)null));

        Assert.Equal(2, await TitleKeyBackfill.RunAsync(db));

        Assert.Equal(["NAÏVE", "PLAIN"], await db.Articles.AsNoTracking().OrderBy(a => a.TitleKey).Select(a => a.TitleKey).ToListAsync());
        Assert.Equal(0, await TitleKeyBackfill.RunAsync(db));
    }
}
