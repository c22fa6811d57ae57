using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiNewsDashboard.Core.Tests.Queries;

/// <summary>The FTS5 index: user input can't break a query, searches select as they read, and the index stays in step with Articles.</summary>
public sealed class SqliteFullTextSearchTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private SqliteFullTextSearch Search => _db.Get<SqliteFullTextSearch>();

    /// <summary>The ids a search finds; the search must read (the parser's own tests cover mistakes).</summary>
    private Task<IReadOnlyList<int>> FindAsync(string text) =>
        Search.FindArticleIdsAsync(SearchQuery.Parse(text).Query ?? throw new ArgumentException($"'{text}' is not a search", nameof(text)));

    [Theory]
    [InlineData("AND x")]
    [InlineData("a OR")]
    [InlineData("NEAR(a b")]
    [InlineData("\"unbalanced")]
    [InlineData("col:value")]
    [InlineData("*")]
    [InlineData("a AND (b OR")]
    [InlineData("'; DROP TABLE Articles; --")]
    [InlineData("value^ OR + \"\"\"\" OR {a b}")]
    [InlineData("title:value NOT excerpt:x")]
    public async Task Search_FullTextSyntaxInTheInput_IsAnErrorOrASearchNeverAnFts5Failure(string text)
    {
        await _db.ImportArticlesAsync(new ArticleBuilder().Titled("Value and more"));

        var parsed = SearchQuery.Parse(text);

        if (parsed.Query is { } query)
            Assert.NotNull(await Search.FindArticleIdsAsync(query)); // FTS5 accepted it
        else
            Assert.NotNull(parsed.Error);
    }

    [Fact]
    public async Task Search_AnotherFormOfAnEnglishWord_FindsIt()
    {
        // The porter tokenizer: "chips" used to find only "chips", and "chip OR chips" nothing at all.
        var chip = new ArticleBuilder().Titled("A new chip from Taiwan");
        var chips = new ArticleBuilder().Titled("Chips are selling out");
        var launched = new ArticleBuilder().Titled("Nothing here").WithExcerpt("The company launched it on Monday");
        await _db.ImportArticlesAsync(chip, chips, launched);
        int[] both = [await _db.IdOfAsync(chip), await _db.IdOfAsync(chips)];

        Assert.Equal(both, await FindAsync("chips"));
        Assert.Equal(both, await FindAsync("chip"));
        Assert.Equal(both, await FindAsync("chip OR chips"));
        Assert.Equal([await _db.IdOfAsync(launched)], await FindAsync("launching"));
    }

    [Fact]
    public async Task Search_Operators_SelectAsTheyRead()
    {
        var a = new ArticleBuilder().Titled("Memory chip prices fall");
        var b = new ArticleBuilder().Titled("Chipmaker opens a wafer plant");
        var c = new ArticleBuilder().Titled("Wafer thin margins").WithExcerpt("Prices of memory stay high");
        var d = new ArticleBuilder().Titled("Chip memory is not a memory chip");
        await _db.ImportArticlesAsync(a, b, c, d);
        int A = await _db.IdOfAsync(a), B = await _db.IdOfAsync(b), C = await _db.IdOfAsync(c), D = await _db.IdOfAsync(d);

        Assert.Equal([A, C, D], await FindAsync("memory"));
        Assert.Equal([B, C], await FindAsync("wafer OR chipmaker"));
        Assert.Equal([A, C, D], await FindAsync("memory AND price OR memory"));
        Assert.Equal([A, C], await FindAsync("memory price"));
        Assert.Equal([A, D], await FindAsync("memory -wafer"));
        Assert.Equal([A, D], await FindAsync("memory NOT wafer"));
        Assert.Equal([A], await FindAsync("memory -wafer -\"chip memory\""));
        Assert.Equal([A, D], await FindAsync("\"memory chip\""));
        Assert.Equal([D], await FindAsync("\"chip memory\""));
        Assert.Equal([A, B, D], await FindAsync("chip*"));
        Assert.Equal([B], await FindAsync("chipm*"));
        Assert.Equal([A, B, D], await FindAsync("(wafer OR chip) (plant OR chip)"));
        Assert.Equal([B, C], await FindAsync("wafer -(memory chip) OR plant"));
        Assert.Equal([C], await FindAsync("memory -(chip OR plant)"));
    }

    [Fact]
    public async Task Search_ArticlesStoredBeforeStemming_AreFoundByTheirStemAfterTheMigration()
    {
        await using (var ctx = await _db.ContextAsync())
            await ctx.GetService<IMigrator>().MigrateAsync("RememberWinningFile"); // StemEnglishWords, undone
        await _db.ImportTextsAsync(("old.md", new ArticleBuilder().Titled("Chips are selling out").Build()));
        await using (var ctx = await _db.ContextAsync())
            Assert.Empty(await ctx.Database.SqlQueryRaw<long>("SELECT rowid AS Value FROM ArticleSearch WHERE ArticleSearch MATCH 'chip'").ToListAsync());

        await using (var ctx = await _db.ContextAsync())
            await ctx.Database.MigrateAsync();

        Assert.Single(await FindAsync("chip"));
        await _db.AssertStoreInvariantsAsync();
    }

    [Fact]
    public async Task Highlight_StemmedPrefixAndPhraseMatches_MarkTheWholeWords()
    {
        var a = new ArticleBuilder().Titled("Chipmakers expect chips to sell").WithExcerpt("Nothing to see");
        var b = new ArticleBuilder().Titled("Quiet day").WithExcerpt("Analysts said the memory chip market cooled as chips piled up in warehouses");
        await _db.ImportArticlesAsync(a, b);
        int A = await _db.IdOfAsync(a), B = await _db.IdOfAsync(b);

        var marks = await Search.HighlightAsync(SearchQuery.Parse("chip OR chipmaker* -wafer").Query!, [A, B, 999]);

        Assert.Equal([A, B], marks.Keys.Order());
        Assert.Equal([new TextMark(0, 10), new TextMark(18, 5)], marks[A].TitleMarks); // "Chipmakers", "chips"
        Assert.Null(marks[A].Excerpt);
        Assert.Empty(marks[B].TitleMarks);
        var excerpt = marks[B].Excerpt!;
        Assert.Equal(["chip", "chips"], excerpt.Marks.Select(m => excerpt.Text.Substring(m.Start, m.Length)));
    }

    [Fact]
    public async Task Highlight_TextHoldingTheMarkerCharacters_IsLeftUnmarked()
    {
        var a = new ArticleBuilder().Titled("Chip \uE000news\uE001 today").WithExcerpt("A chip \uE001 here");
        await _db.ImportArticlesAsync(a);
        var id = await _db.IdOfAsync(a);

        var marks = await Search.HighlightAsync(SearchQuery.Parse("chip").Query!, [id]);

        Assert.Empty(marks[id].TitleMarks);
        Assert.Null(marks[id].Excerpt);
    }

    [Fact]
    public async Task Search_AfterATitleChanges_FindsTheNewTitleOnly()
    {
        var url = "https://news.example/launch";
        await _db.ImportArticlesAsync(new ArticleBuilder().At(url).Titled("Alpha launch"));
        await _db.ImportArticlesAsync(new ArticleBuilder().At(url).Titled("Beta launch").PublishedOn(2025, 3, 2)); // a later version of it
        var id = await _db.IdOfAsync(url);

        Assert.Empty(await FindAsync("alpha"));
        Assert.Equal([id], await FindAsync("beta"));
        Assert.Equal([id], await FindAsync("launch"));
    }

    [Fact]
    public async Task Search_AfterAnArticleIsDeleted_NoLongerFindsIt()
    {
        var gone = new ArticleBuilder().Titled("Doomed story");
        await _db.ImportArticlesAsync(gone, new ArticleBuilder().Titled("Surviving story"));
        var id = await _db.IdOfAsync(gone);

        await using (var ctx = await _db.ContextAsync())
            await ctx.Articles.Where(a => a.Id == id).ExecuteDeleteAsync();

        Assert.Empty(await FindAsync("doomed"));
        Assert.Single(await FindAsync("story"));
    }

    [Fact]
    public async Task Search_ArticlesStoredBeforeTheIndexExisted_AreFoundAfterTheMigration()
    {
        await using (var ctx = await _db.ContextAsync())
            await ctx.GetService<IMigrator>().MigrateAsync("InitialCreate");
        await _db.ImportTextsAsync(("old.md", new ArticleBuilder().Titled("Archived gem").Build()));

        await using (var ctx = await _db.ContextAsync())
            await ctx.Database.MigrateAsync();

        Assert.Single(await FindAsync("gem"));
    }

    [Fact]
    public async Task Search_MigratedBackToTheInsertTrigger_FindsArticlesFromBeforeAndAfter()
    {
        await _db.ImportTextsAsync(("before.md", new ArticleBuilder().Titled("Harbour opens").Build()));
        await using (var ctx = await _db.ContextAsync())
            await ctx.GetService<IMigrator>().MigrateAsync("CoverLinkEnds"); // IndexNewArticlesInBatches, undone
        await _db.ImportTextsAsync(("after.md", new ArticleBuilder().Titled("Harbour closes").Build()));

        Assert.Equal(2, (await FindAsync("harbour")).Count);
        await using var check = await _db.ContextAsync();
        await check.Database.ExecuteSqlRawAsync("INSERT INTO ArticleSearch(ArticleSearch) VALUES ('integrity-check')");
    }

    [Fact]
    public async Task Search_ArticlesCreatedChangedAndRemovedWithinOneBatch_AreIndexedAsTheyEndUp()
    {
        // One import, one batch: the importer indexes the batch's new articles itself, at its end.
        var refUrl = "https://elsewhere.example/upgraded";
        var b = "https://news.example/b";
        await _db.ImportArticlesAsync(
            new ArticleBuilder().Titled("Citing story").RelatedTo(refUrl, "Provisional headline"),
            new ArticleBuilder().At(refUrl).Titled("Definitive headline"),                        // the reference gets its own file
            new ArticleBuilder().At(b).Titled("Fickle story").RelatedTo("https://elsewhere.example/orphan", "Orphaned headline"),
            new ArticleBuilder().At(b).Titled("Fickle story, corrected").PublishedOn(2025, 3, 2)); // its related list goes: the orphan is removed

        Assert.Equal([await _db.IdOfAsync(refUrl)], await FindAsync("definitive"));
        Assert.Empty(await FindAsync("provisional"));
        Assert.Empty(await FindAsync("orphaned"));
        Assert.Equal([await _db.IdOfAsync(b)], await FindAsync("corrected"));
        await using var ctx = await _db.ContextAsync();
        await ctx.Database.ExecuteSqlRawAsync("INSERT INTO ArticleSearch(ArticleSearch) VALUES ('integrity-check')");
        Assert.False(await ctx.Meta.AnyAsync(m => m.Key == SqliteFullTextSearch.SchemaV1.PendingAfterIdKey));
    }

    [Fact]
    public async Task Search_IndexAfterImportsUpdatesAndDeletes_PassesSqlitesIntegrityCheck()
    {
        var url = "https://news.example/changing";
        await _db.ImportArticlesAsync(new ArticleBuilder().At(url).Titled("First"), new ArticleBuilder().Titled("Other"));
        await _db.ImportArticlesAsync(new ArticleBuilder().At(url).Titled("Second").WithExcerpt("New words"));
        await using var ctx = await _db.ContextAsync();
        await ctx.Articles.Where(a => a.Title == "Other").ExecuteDeleteAsync();

        // 'integrity-check' compares the index with the Articles rows and fails on any difference.
        await ctx.Database.ExecuteSqlRawAsync("INSERT INTO ArticleSearch(ArticleSearch) VALUES ('integrity-check')");
    }
}
