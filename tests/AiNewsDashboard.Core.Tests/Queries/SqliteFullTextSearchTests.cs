using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AiNewsDashboard.Core.Tests.Queries;

/// <summary>The FTS5 index: user input can't break a query, and the triggers keep it in step with Articles.</summary>
public sealed class SqliteFullTextSearchTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private SqliteFullTextSearch Search => _db.Get<SqliteFullTextSearch>();

    [Fact]
    public void ToMatchExpression_WordsAndQuotedPhrases_BecomeQuotedStrings() =>
        Assert.Equal("\"open-source\" \"large models\" \"AI\"", SqliteFullTextSearch.ToMatchExpression("open-source \"large models\"  AI"));

    [Fact]
    public void ToMatchExpression_QuoteInsideAWord_IsDoubled() =>
        Assert.Equal("\"say\"\"hi\"", SqliteFullTextSearch.ToMatchExpression("say\"hi"));

    [Fact]
    public void ToMatchExpression_NoLetterOrDigit_IsNull() =>
        Assert.Null(SqliteFullTextSearch.ToMatchExpression("&& -- \"\" ..."));

    [Theory]
    [InlineData("AND")]
    [InlineData("a OR")]
    [InlineData("NEAR(a b")]
    [InlineData("\"unbalanced")]
    [InlineData("col:value")]
    [InlineData("*")]
    [InlineData("a AND (b OR")]
    [InlineData("'; DROP TABLE Articles; --")]
    public async Task Search_FullTextSyntaxInTheInput_NeverFails(string text)
    {
        await _db.ImportArticlesAsync(new ArticleBuilder().Titled("Value and more"));

        var ids = await Search.FindArticleIdsAsync(text);

        Assert.NotNull(ids);
    }

    [Fact]
    public async Task Search_AfterATitleChanges_FindsTheNewTitleOnly()
    {
        var url = "https://news.example/launch";
        await _db.ImportArticlesAsync(new ArticleBuilder().At(url).Titled("Alpha launch"));
        await _db.ImportArticlesAsync(new ArticleBuilder().At(url).Titled("Beta launch").PublishedOn(2025, 3, 2)); // a later version of it
        var id = await _db.IdOfAsync(url);

        Assert.Empty(await Search.FindArticleIdsAsync("alpha"));
        Assert.Equal([id], await Search.FindArticleIdsAsync("beta"));
        Assert.Equal([id], await Search.FindArticleIdsAsync("launch"));
    }

    [Fact]
    public async Task Search_AfterAnArticleIsDeleted_NoLongerFindsIt()
    {
        var gone = new ArticleBuilder().Titled("Doomed story");
        await _db.ImportArticlesAsync(gone, new ArticleBuilder().Titled("Surviving story"));
        var id = await _db.IdOfAsync(gone);

        await using (var ctx = await _db.ContextAsync())
            await ctx.Articles.Where(a => a.Id == id).ExecuteDeleteAsync();

        Assert.Empty(await Search.FindArticleIdsAsync("doomed"));
        Assert.Single(await Search.FindArticleIdsAsync("story"));
    }

    [Fact]
    public async Task Search_ArticlesStoredBeforeTheIndexExisted_AreFoundAfterTheMigration()
    {
        await using (var ctx = await _db.ContextAsync())
            await ctx.GetService<IMigrator>().MigrateAsync("InitialCreate");
        await _db.ImportTextsAsync(("old.md", new ArticleBuilder().Titled("Archived gem").Build()));

        await using (var ctx = await _db.ContextAsync())
            await ctx.Database.MigrateAsync();

        Assert.Single(await Search.FindArticleIdsAsync("gem"));
    }

    [Fact]
    public async Task Search_MigratedBackToTheInsertTrigger_FindsArticlesFromBeforeAndAfter()
    {
        await _db.ImportTextsAsync(("before.md", new ArticleBuilder().Titled("Harbour opens").Build()));
        await using (var ctx = await _db.ContextAsync())
            await ctx.GetService<IMigrator>().MigrateAsync("CoverLinkEnds"); // IndexNewArticlesInBatches, undone
        await _db.ImportTextsAsync(("after.md", new ArticleBuilder().Titled("Harbour closes").Build()));

        Assert.Equal(2, (await Search.FindArticleIdsAsync("harbour")).Count);
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

        Assert.Equal([await _db.IdOfAsync(refUrl)], await Search.FindArticleIdsAsync("definitive"));
        Assert.Empty(await Search.FindArticleIdsAsync("provisional"));
        Assert.Empty(await Search.FindArticleIdsAsync("orphaned"));
        Assert.Equal([await _db.IdOfAsync(b)], await Search.FindArticleIdsAsync("corrected"));
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
