using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Data.Sqlite;

/// <summary>SQLite as the app's store: one file, created and migrated on start. The embedded default.</summary>
public sealed class SqliteNewsStore(string connectionString) : INewsStore
{
    public string Kind => "SQLite";
    public string ConnectionString => connectionString;
    public string Location => SqliteStore.DataSourceOf(connectionString) is { } file ? Path.GetFullPath(file) : connectionString;
    public string? DataFolder => SqliteStore.DataSourceOf(connectionString) is { } file ? Path.GetDirectoryName(Path.GetFullPath(file)) : null;
    public void Configure(DbContextOptionsBuilder options) => SqliteStore.Configure(options, connectionString);
    public Task InitializeAsync(IDbContextFactory<NewsDbContext> factory, CancellationToken ct = default) => SqliteStore.InitializeAsync(factory, ct);
}
