using AiNewsDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Queries;

/// <summary>What the store holds, in one glance.</summary>
public sealed record StoreTotals(int Articles, int References, int Providers, int Topics, DateTime? FirstPublished, DateTime? LastPublished, int DemoArticles);

public sealed class OverviewQueries(IDbContextFactory<NewsDbContext> dbFactory)
{
    public async Task<StoreTotals> GetTotalsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var articles = db.Articles.AsNoTracking().Where(a => !a.IsReference);
        var count = await articles.CountAsync(ct);
        var references = await db.Articles.CountAsync(a => a.IsReference, ct);
        var providers = await db.Providers.CountAsync(ct);
        var topics = await db.Topics.CountAsync(ct);
        var first = await articles.MinAsync(a => a.PublishedAt, ct);
        var last = await articles.MaxAsync(a => a.PublishedAt, ct);
        var demo = await articles.CountAsync(a => a.IsDemo, ct);
        return new StoreTotals(count, references, providers, topics, first, last, demo);
    }

    /// <summary>True when the database answers a real query against its schema; used by /healthz.</summary>
    public async Task<bool> CanConnectAsync(CancellationToken ct = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            _ = await db.Articles.AnyAsync(ct);
            return true;
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            return false;
        }
    }
}
