using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Demo;
using AiNewsDashboard.TestSupport;

namespace AiNewsDashboard.Core.Tests.Data;

/// <summary>Online backups: a consistent copy while the importer writes, never a half-written file.</summary>
public sealed class SqliteBackupTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Trait("Category", "Slow")]
    [Fact]
    public async Task Copy_WhileAnImportCommits_IsConsistentWithWholeArticlesOnly()
    {
        var corpus = _db.Directory.PathOf("corpus");
        new DemoCorpusGenerator().WriteTo(corpus, 3000);
        var import = Task.Run(() => _db.Importer.ImportPathsAsync([corpus], new Core.Import.ImportOptions { BatchSize = 100 }));
        var copies = new List<string>();
        while (!import.IsCompleted || copies.Count == 0)
        {
            var copy = _db.Directory.PathOf($"backup-{copies.Count}.db");
            await SqliteBackup.CopyAsync(_db.ConnectionString, copy);
            copies.Add(copy);
        }
        var report = await import;

        foreach (var copy in copies)
        {
            Assert.Equal("ok", await DatabaseOracle.ValueAsync(copy, "PRAGMA integrity_check"));
            Assert.Equal("delete", await DatabaseOracle.ValueAsync(copy, "PRAGMA journal_mode"));
            // Whole articles only: every stored article has its topics.
            Assert.Equal(0L, await DatabaseOracle.ValueAsync(copy, "SELECT COUNT(*) FROM Articles a WHERE a.IsReference = 0 AND NOT EXISTS (SELECT 1 FROM ArticleTopics t WHERE t.ArticleId = a.Id)"));
        }
        Assert.Equal((long)report.Articles!.Value, await DatabaseOracle.ValueAsync(await CopyNowAsync(), "SELECT COUNT(*) FROM Articles WHERE IsReference = 0"));
        Assert.Empty(Directory.GetFiles(_db.Directory.Path, "*.partial"));
    }

    [Fact]
    public async Task Copy_DestinationExists_RefusesUnlessOverwriteAndLeavesItAlone()
    {
        var target = _db.Directory.Write("existing.db", "keep me");

        var e = await Assert.ThrowsAsync<IOException>(() => SqliteBackup.CopyAsync(_db.ConnectionString, target));

        Assert.Contains(target, e.Message);
        Assert.Contains("--force", e.Message);
        Assert.Equal("keep me", await File.ReadAllTextAsync(target));
        await SqliteBackup.CopyAsync(_db.ConnectionString, target, overwrite: true);
        Assert.Equal("ok", await DatabaseOracle.ValueAsync(target, "PRAGMA integrity_check"));
    }

    [Fact]
    public async Task Copy_NoDatabase_SaysWhichFileIsMissing()
    {
        var missing = _db.Directory.PathOf("nope.db");

        var e = await Assert.ThrowsAsync<IOException>(() => SqliteBackup.CopyAsync(SqliteStore.ConnectionStringForFile(missing), _db.Directory.PathOf("out.db")));

        Assert.Contains(missing, e.Message);
        Assert.False(File.Exists(_db.Directory.PathOf("out.db")));
    }

    private async Task<string> CopyNowAsync() => (await SqliteBackup.CopyAsync(_db.ConnectionString, _db.Directory.PathOf("final.db"))).Path;
}
