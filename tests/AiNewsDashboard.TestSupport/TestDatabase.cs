using AiNewsDashboard.Core;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Demo;
using AiNewsDashboard.Core.Import;
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
        _services = new ServiceCollection().AddNewsData(ConnectionString).AddArticleImport().BuildServiceProvider();
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

    public Task<ImportReport> ImportAsync(params string[] paths) => Importer.ImportPathsAsync(paths);

    /// <summary>Imports in-memory files, named as given.</summary>
    public Task<ImportReport> ImportTextsAsync(params (string Name, string Text)[] files) =>
        Importer.ImportAsync(ImportSource.FromTexts(files), files.Length);

    public async Task<NewsDbContext> ContextAsync() => await Factory.CreateDbContextAsync();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Dispose();
    }
}
