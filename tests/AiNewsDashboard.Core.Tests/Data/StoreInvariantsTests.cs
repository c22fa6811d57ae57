using AiNewsDashboard.TestSupport;
using Microsoft.Data.Sqlite;

namespace AiNewsDashboard.Core.Tests.Data;

/// <summary>
/// The store's unwritten rules fail a test when broken (<see cref="StoreInvariants"/>): each case breaks one the way a
/// new write path could, by plain SQL beside the writer, and expects the check to name it.
/// </summary>
public sealed class StoreInvariantsTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await _db.ImportTextsAsync(
            ("a.md", new ArticleBuilder().At("https://news.example/a").Titled("Alpha launch").RelatedTo("https://ref.example/r").Build()),
            ("b.md", new ArticleBuilder().At("https://news.example/b").Titled("Beta launch").Build()));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task AssertHold_StoreWrittenByTheImporter_Passes()
    {
        await _db.AssertStoreInvariantsAsync();
    }

    [Fact]
    public async Task AssertHold_ArticleInsertedWithoutIndexingIt_FailsNamingTheFullTextIndex()
    {
        // There is no insert trigger: whoever inserts an article must index it, as the writer does at a batch's end.
        await ExecuteAsync("""
            INSERT INTO Articles (Url, Title, IsReference, IsDemo, ProviderId, ImportedAt, UpdatedAt)
              SELECT 'https://news.example/sneaked', 'Sneaked in', 0, 0, ProviderId, ImportedAt, UpdatedAt FROM Articles LIMIT 1;
            INSERT INTO ArticleUrls (Url, ArticleId) VALUES ('https://news.example/sneaked', last_insert_rowid());
            """);

        var e = await Assert.ThrowsAsync<StoreInvariantException>(_db.AssertStoreInvariantsAsync);
        Assert.Contains("full-text index", e.Message);
    }

    [Fact]
    public async Task AssertHold_TitleChangedWithoutReindexing_FailsNamingTheFullTextIndex()
    {
        await ExecuteAsync("""
            DROP TRIGGER ArticleSearch_AfterUpdate;
            UPDATE Articles SET Title = 'Renamed behind the index' WHERE Url = 'https://news.example/a';
            """);

        var e = await Assert.ThrowsAsync<StoreInvariantException>(_db.AssertStoreInvariantsAsync);
        Assert.Contains("full-text index", e.Message);
    }

    [Fact]
    public async Task AssertHold_TwoArticlesWithOneUrl_FailsNamingTheUrl()
    {
        // Articles.Url has no unique index: only ArticleUrls keeps it distinct.
        await ExecuteAsync("UPDATE Articles SET Url = 'https://news.example/a' WHERE Url = 'https://news.example/b'");

        var e = await Assert.ThrowsAsync<StoreInvariantException>(_db.AssertStoreInvariantsAsync);
        Assert.Contains("Articles.Url must be distinct", e.Message);
        Assert.Contains("https://news.example/a (2 articles)", e.Message);
    }

    [Fact]
    public async Task AssertHold_UrlThatIsNotTheArticlesOwnKey_FailsNamingTheArticle()
    {
        await ExecuteAsync("UPDATE Articles SET Url = 'https://news.example/elsewhere' WHERE Url = 'https://news.example/b'");

        var e = await Assert.ThrowsAsync<StoreInvariantException>(_db.AssertStoreInvariantsAsync);
        Assert.Contains("one of its own keys in ArticleUrls", e.Message);
        Assert.Contains("https://news.example/elsewhere", e.Message);
    }

    [Theory]
    [InlineData("Category = 'news'")]
    [InlineData("ExtraJson = '{}'")]
    [InlineData("Heat = 10")]
    [InlineData("UpdatedAt = '2030-01-01 00:00:00'")]
    public async Task AssertHold_ReferenceWithWhatOnlyAFileGives_FailsNamingTheReference(string set)
    {
        await ExecuteAsync($"UPDATE Articles SET {set} WHERE IsReference = 1");

        var e = await Assert.ThrowsAsync<StoreInvariantException>(_db.AssertStoreInvariantsAsync);
        Assert.Contains("a reference must have none of the columns only a file gives", e.Message);
        Assert.Contains("https://ref.example/r", e.Message);
    }

    [Fact]
    public async Task AssertHold_ReferenceNoLinkNames_Fails()
    {
        await ExecuteAsync("DELETE FROM RelatedLinks");

        var e = await Assert.ThrowsAsync<StoreInvariantException>(_db.AssertStoreInvariantsAsync);
        Assert.Contains("a reference lives only while a link names it", e.Message);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _db.FilePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }
}
