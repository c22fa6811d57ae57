using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Demo;
using AiNewsDashboard.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Core.Tests.Import;

/// <summary>Two writers on one file (the app's importer and a CLI import in another process) take turns, neither fails.</summary>
public sealed class ConcurrentWritersTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Trait("Category", "Slow")]
    [Fact]
    public async Task Import_TwoImportersOnOneFileAtOnce_BothFinishAndEveryFileIsStored()
    {
        // Bug guarded: without busy_timeout the second writer failed at once with "database is locked".
        var first = _db.Directory.PathOf("first");
        var second = _db.Directory.PathOf("second");
        new DemoCorpusGenerator(seed: 1).WriteTo(first, 1500);
        new DemoCorpusGenerator(seed: 2).WriteTo(second, 1500);
        // A second, independent pipeline (own pool and connections), as a separate process would have.
        await using var other = new ServiceCollection().AddNewsData(_db.ConnectionString + ";Pooling=False").AddArticleImport().BuildServiceProvider();
        var options = new ImportOptions { BatchSize = 50 };

        var reports = await Task.WhenAll(
            Task.Run(() => _db.Importer.ImportPathsAsync([first], options)),
            Task.Run(() => other.GetRequiredService<ArticleImporter>().ImportPathsAsync([second], options)));

        Assert.All(reports, r => Assert.Equal((1500, 0), (r.Imported + r.Updated + r.Unchanged, r.Rejected)));
        Assert.Equal("ok", await DatabaseOracle.ValueAsync(_db.FilePath, "PRAGMA integrity_check"));
        await _db.AssertStoreInvariantsAsync();
    }
}
