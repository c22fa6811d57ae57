using AiNewsDashboard.Core;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Demo;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.TestSupport;

/// <summary>A real, migrated SQLite file in a temporary folder, deleted afterwards.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private TestDatabase(TempDirectory dir)
    {
        Directory = dir;
        FilePath = dir.PathOf("news.db");
        ConnectionString = SqliteStore.ConnectionStringForFile(FilePath);
        _services = new ServiceCollection().AddNewsData(ConnectionString).AddArticleImport().AddDemoData().BuildServiceProvider();
    }

    public TempDirectory Directory { get; }
    public string FilePath { get; }
    public string ConnectionString { get; }
    public IDbContextFactory<NewsDbContext> Factory => _services.GetRequiredService<IDbContextFactory<NewsDbContext>>();
    public ArticleImporter Importer => _services.GetRequiredService<ArticleImporter>();
    public DemoData Demo => _services.GetRequiredService<DemoData>();
    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static async Task<TestDatabase> CreateAsync()
    {
        var db = new TestDatabase(new TempDirectory());
        await SqliteStore.InitializeAsync(db.Factory);
        return db;
    }

    /// <summary>Imports files and folders, then checks the store's rules (<see cref="StoreInvariants"/>).</summary>
    public async Task<ImportReport> ImportAsync(params string[] paths)
    {
        var report = await Importer.ImportPathsAsync(paths);
        await AssertStoreInvariantsAsync();
        return report;
    }

    /// <summary>Imports in-memory files, named as given, then checks the store's rules (<see cref="StoreInvariants"/>).</summary>
    public async Task<ImportReport> ImportTextsAsync(params (string Name, string Text)[] files)
    {
        var report = await Importer.ImportAsync(ImportSource.FromTexts(files), files.Length);
        await AssertStoreInvariantsAsync();
        return report;
    }

    /// <summary>Throws when the database breaks one of the store's rules; for tests that write by other means.</summary>
    public Task AssertStoreInvariantsAsync() => StoreInvariants.AssertHoldAsync(FilePath);

    public async Task<NewsDbContext> ContextAsync() => await Factory.CreateDbContextAsync();

    private int _articleFiles;

    /// <summary>
    /// Imports built articles, one file each, then waits until the query snapshot holds them, so a query right after
    /// sees exactly what was imported.
    /// </summary>
    public async Task<ImportReport> ImportArticlesAsync(params ArticleBuilder[] articles)
    {
        var files = articles.Select(a => ($"articles/{Interlocked.Increment(ref _articleFiles):D5}.md", a.Build())).ToArray();
        var report = await Importer.ImportAsync(ImportSource.FromTexts(files), files.Length);
        if (report.Rejected > 0)
            throw new InvalidOperationException($"test data rejected: {string.Join("; ", report.Problems.Select(p => $"{p.File}: {p.Message}"))}");
        await AssertStoreInvariantsAsync();
        await Get<ArticleFactsCache>().GetFreshAsync();
        return report;
    }

    /// <summary>The id of the article stored for a URL (any of its URLs).</summary>
    public async Task<int> IdOfAsync(string url)
    {
        await using var db = await Factory.CreateDbContextAsync();
        var key = UrlNormalizer.Normalize(url);
        return await db.ArticleUrls.Where(u => u.Url == key).Select(u => u.ArticleId).SingleAsync();
    }

    public Task<int> IdOfAsync(ArticleBuilder article) => IdOfAsync(article.Url);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Dispose();
    }
}
