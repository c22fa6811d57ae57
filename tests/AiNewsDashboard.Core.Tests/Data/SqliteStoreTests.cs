using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Core.Tests.Data;

/// <summary>Start-up of the store: a new file gets the import-friendly page size, an existing file keeps its own.</summary>
public sealed class SqliteStoreTests
{
    [Fact]
    public async Task Initialize_NewFile_UsesTheLargerPageSizeAndWal()
    {
        await using var db = await TestDatabase.CreateAsync();

        Assert.Equal((long)SqliteStore.NewDatabasePageSize, await DatabaseOracle.ValueAsync(db.FilePath, "PRAGMA page_size"));
        Assert.Equal("wal", await DatabaseOracle.ValueAsync(db.FilePath, "PRAGMA journal_mode"));
    }

    [Fact]
    public async Task Initialize_ExistingFileWithOtherPageSize_KeepsItAndItsData()
    {
        using var dir = new TempDirectory();
        var file = dir.PathOf("old.db");
        using (var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA page_size=4096; CREATE TABLE Notes (Text TEXT); INSERT INTO Notes VALUES ('kept');";
            cmd.ExecuteNonQuery();
        }

        await using (var services = new ServiceCollection().AddNewsData(SqliteStore.ConnectionStringForFile(file)).BuildServiceProvider())
            await SqliteStore.InitializeAsync(services.GetRequiredService<IDbContextFactory<NewsDbContext>>());
        SqliteConnection.ClearAllPools();

        Assert.Equal(4096L, await DatabaseOracle.ValueAsync(file, "PRAGMA page_size"));
        Assert.Equal("kept", await DatabaseOracle.ValueAsync(file, "SELECT Text FROM Notes"));
        Assert.Equal(0L, await DatabaseOracle.ValueAsync(file, "SELECT COUNT(*) FROM Articles"));
    }
}
