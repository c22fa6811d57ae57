using System.Diagnostics;
using System.Text;
using AiNewsDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Syndication;

/// <summary>
/// Copy detection's index and texts as the store keeps them: entries are read with one query a batch (one parameter, a
/// JSON array or an array, however many keys) and written in multi-row <c>INSERT … ON CONFLICT DO NOTHING</c>
/// statements, which SQLite and PostgreSQL both take. Counts the texts it reads and the time spent asking.
/// </summary>
internal sealed class StoredCopyKeys(IDbContextFactory<NewsDbContext> dbFactory) : ICopyKeyStore
{
    /// <summary>Rows per insert statement: three parameters a row, well under SQLite's 32,766.</summary>
    private const int InsertRows = 1000;

    public int TextsRead { get; private set; }
    public TimeSpan Load { get; private set; }

    public async Task<List<CopyKey>> EntriesAsync(IReadOnlyCollection<int> keys, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var list = keys as List<int> ?? keys.ToList();
        var entries = await db.CopyKeys.AsNoTracking().Where(k => EF.Parameter(list).Contains(k.Key)).ToListAsync(ct);
        Load += Stopwatch.GetElapsedTime(started);
        return entries;
    }

    public async Task<List<CopyCandidate>> ArticlesAsync(IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var list = ids.ToList();
        var rows = await db.Articles.AsNoTracking().Where(a => EF.Parameter(list).Contains(a.Id) && !a.IsReference)
            .Select(a => new { a.Id, a.Title, a.Excerpt, a.PublishedAt }).ToListAsync(ct);
        var images = await ImagesAsync(db, rows.Select(r => r.Id).ToList(), ct);
        TextsRead += rows.Count;
        Load += Stopwatch.GetElapsedTime(started);
        return rows.Select(r => new CopyCandidate(r.Id, r.Title, r.Excerpt, images.GetValueOrDefault(r.Id) ?? [], Utc(r.PublishedAt))).ToList();
    }

    /// <summary>Counts texts read elsewhere (the changed articles, the articles filed by the backfill).</summary>
    public void Read(int texts) => TextsRead += texts;

    /// <summary>Files the entries, in the caller's transaction; an entry already there is left as it is.</summary>
    public static async Task InsertAsync(NewsDbContext db, IReadOnlyList<CopyKey> entries, CancellationToken ct)
    {
        var table = db.Model.FindEntityType(typeof(CopyKey))!.GetTableName();
        // In key order: neighbouring rows of one statement land on the same pages of the key's B-tree.
        entries = entries.OrderBy(e => e.Key).ThenBy(e => e.ArticleId).ToList();
        for (var at = 0; at < entries.Count; at += InsertRows)
        {
            var n = Math.Min(InsertRows, entries.Count - at);
            var sql = new StringBuilder($"INSERT INTO \"{table}\" (\"{nameof(CopyKey.Key)}\", \"{nameof(CopyKey.ArticleId)}\", \"{nameof(CopyKey.Day)}\") VALUES ");
            var args = new object[3 * n];
            for (var i = 0; i < n; i++)
            {
                var e = entries[at + i];
                (args[3 * i], args[3 * i + 1], args[3 * i + 2]) = (e.Key, e.ArticleId, e.Day);
                sql.Append(i == 0 ? "(" : ", (").Append('{').Append(3 * i).Append("}, {").Append(3 * i + 1).Append("}, {").Append(3 * i + 2).Append("})");
            }
            sql.Append(" ON CONFLICT DO NOTHING");
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), args, ct);
        }
    }

    /// <summary>Each article's image URLs, by id.</summary>
    public static async Task<Dictionary<int, List<string>>> ImagesAsync(NewsDbContext db, List<int> ids, CancellationToken ct)
    {
        var rows = await db.ArticleImages.AsNoTracking().Where(i => EF.Parameter(ids).Contains(i.ArticleId) && i.Url != null)
            .Select(i => new { i.ArticleId, i.Url }).ToListAsync(ct);
        var map = new Dictionary<int, List<string>>();
        foreach (var r in rows)
            (map.TryGetValue(r.ArticleId, out var list) ? list : map[r.ArticleId] = []).Add(r.Url!);
        return map;
    }

    public static DateTime? Utc(DateTime? value) => value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : null;
}
