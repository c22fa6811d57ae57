using System.Text;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Demo;
using AiNewsDashboard.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Tests.Data;

/// <summary>
/// The importer's checkpoints run on a thread of their own (SqliteWalCheckpointer): the log still ends up in the
/// database file, it stays bounded, and the pooled connection gets its settings back.
/// </summary>
public sealed class SqliteWalCheckpointerTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Import_WhenItReturns_EveryArticleIsInTheDatabaseFileItself()
    {
        var corpus = _db.Directory.PathOf("corpus");
        new DemoCorpusGenerator().WriteTo(corpus, 1500);

        var report = await _db.Importer.ImportPathsAsync([corpus], new ImportOptions { BatchSize = 200 });

        // Only the main file, without its -wal: it holds what was copied back, and nothing else.
        var copy = _db.Directory.PathOf("main-file-only.db");
        File.Copy(_db.FilePath, copy);
        Assert.Equal((long)report.Articles!.Value + report.References!.Value, await DatabaseOracle.ValueAsync(copy, "SELECT COUNT(*) FROM Articles"));
        Assert.Equal("ok", await DatabaseOracle.ValueAsync(copy, "PRAGMA integrity_check"));
    }

    [Trait("Category", "Slow")]
    [Fact]
    public async Task Writer_ManyBatchesPastTheLogLimit_KeepsStartingTheLogAgain()
    {
        const long limit = 1024 * 1024;
        var articles = Prepare(3000);
        await using var unlimited = await TestDatabase.CreateAsync();

        var bounded = await WalBytesAfterWritingAsync(_db, articles, limit);
        var unbounded = await WalBytesAfterWritingAsync(unlimited, articles, long.MaxValue);

        // Without restarts the log holds every batch's pages (about 40 MB here). With them it never grows far past the
        // limit: the last finished pass can lag the newest commit by a batch or two (about 1.3 MB each here).
        Assert.InRange(bounded, 1, 8 * limit);
        Assert.True(unbounded > 4 * bounded, $"the log grew to {unbounded:N0} bytes without a limit and {bounded:N0} with one");
        Assert.Equal(3000L, await DatabaseOracle.ValueAsync(_db.FilePath, "SELECT COUNT(*) FROM Articles WHERE IsReference = 0"));
    }

    private static async Task<long> WalBytesAfterWritingAsync(TestDatabase db, List<PreparedArticle> articles, long maxLogBytes)
    {
        // Measured while the connection is open: closing the last one (another test may clear the pools at any time)
        // copies the log back and deletes it.
        await using var ctx = await db.ContextAsync();
        await ctx.Database.OpenConnectionAsync();
        using (var writer = new SqliteArticleWriter((SqliteConnection)ctx.Database.GetDbConnection(), maxLogBytes))
            WriteInBatches(writer, articles, batchSize: 100);
        return new FileInfo(db.FilePath + "-wal").Length;
    }

    [Fact]
    public async Task Writer_Disposed_GivesThePooledConnectionItsSettingsBack()
    {
        await using var ctx = await _db.ContextAsync();
        await ctx.Database.OpenConnectionAsync();
        var connection = (SqliteConnection)ctx.Database.GetDbConnection();
        var before = (Pragma(connection, "cache_size"), Pragma(connection, "wal_autocheckpoint"));

        using (var writer = new SqliteArticleWriter(connection))
        {
            // While it writes: no checkpoint inside its commits, and a larger cache.
            Assert.Equal((-262144L, 0L), (Pragma(connection, "cache_size"), Pragma(connection, "wal_autocheckpoint")));
            WriteInBatches(writer, Prepare(10), batchSize: 5);
        }

        Assert.Equal(before, (Pragma(connection, "cache_size"), Pragma(connection, "wal_autocheckpoint")));
        Assert.Equal(1000L, before.Item2);
    }

    [Fact]
    public void For_DatabaseWithoutAWriteAheadLog_IsNull()
    {
        // In memory there is no log to copy back: the writer then runs without a checkpoint thread.
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Assert.Null(SqliteWalCheckpointer.For(connection));
    }

    private static List<PreparedArticle> Prepare(int count)
    {
        var parser = new ArticleFileParser();
        return new DemoCorpusGenerator(seed: 7).Generate(count)
            .Select(a => PreparedArticle.Of(parser.Parse(Encoding.UTF8.GetBytes(a.Text)).Article!))
            .ToList();
    }

    private static void WriteInBatches(SqliteArticleWriter writer, List<PreparedArticle> articles, int batchSize)
    {
        writer.BeginBatch();
        for (var i = 0; i < articles.Count; i++)
        {
            writer.Write(articles[i], new SourceFile($"hash-{i}", $"file-{i}.md", $"file-{i}.md", 3000), demo: false, DateTime.UtcNow, out _);
            if ((i + 1) % batchSize == 0)
            {
                writer.CommitBatch();
                writer.BeginBatch();
            }
        }
        writer.CommitBatch();
    }

    private static long Pragma(SqliteConnection connection, string name)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"PRAGMA {name}";
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
