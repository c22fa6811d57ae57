using AiNewsDashboard.Core.Queries;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Data.Sqlite;

/// <summary>SQLite's facts: <see cref="SqliteArticleFactsReader"/> over the covering index.</summary>
public sealed class SqliteArticleFactsSource(IDbContextFactory<NewsDbContext> dbFactory) : IArticleFactsSource
{
    public Task<ArticleFacts> ReadAsync(long dataVersion, CancellationToken ct) => SqliteArticleFactsReader.ReadAsync(dbFactory, dataVersion, ct);

    public Task<(int[] Ids, string?[] Titles)> ReadTitlesAsync(int capacity, CancellationToken ct) =>
        SqliteArticleFactsReader.ReadTitlesAsync(dbFactory, capacity, ct);

    public Task<long[]> ReadLinksAsync(CancellationToken ct) => SqliteArticleFactsReader.ReadLinksAsync(dbFactory, ct);

    public Task<Dictionary<int, (string? Title, string? Url)>> ReadTitlesAndUrlsAsync(int[] ids, CancellationToken ct) =>
        SqliteArticleFactsReader.ReadTitlesAndUrlsAsync(dbFactory, ids, ct);
}

/// <summary>
/// <c>PRAGMA data_version</c> on one dedicated, otherwise idle connection: SQLite changes that number whenever another
/// connection commits, whatever the process. It is per connection, which is why it needs its own connection (a pooled
/// one would compare numbers from different connections), and it costs microseconds, unlike
/// <c>SELECT MAX(UpdatedAt), COUNT(*) FROM Articles</c>, which scans a million rows, or a meta row, which only the
/// writers that remember to bump it would keep honest.
/// </summary>
public sealed class SqliteChangeFeed(IDbContextFactory<NewsDbContext> dbFactory) : IChangeFeed
{
    private readonly Lock _gate = new();
    private SqliteConnection? _watch;
    private bool _disposed;

    public long? CurrentVersion()
    {
        lock (_gate)
        {
            if (_disposed)
                return null;
            try
            {
                if (_watch is null)
                {
                    using var db = dbFactory.CreateDbContext();
                    var watch = new SqliteConnection(db.Database.GetConnectionString());
                    watch.Open();
                    _watch = watch;
                }
                using var cmd = _watch.CreateCommand();
                cmd.CommandText = "PRAGMA data_version";
                return Convert.ToInt64(cmd.ExecuteScalar());
            }
            catch (SqliteException)
            {
                _watch?.Dispose();
                _watch = null;
                return null;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _watch?.Dispose();
            _watch = null;
        }
    }
}
