using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Text;
using AiNewsDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AiNewsDashboard.Core.Syndication;

/// <summary>
/// Copy detection's index and texts as the store keeps them: entries are read with one query a batch (one parameter, a
/// JSON array or an array, however many keys) and written in multi-row <c>INSERT … ON CONFLICT DO NOTHING</c>
/// statements, which SQLite and PostgreSQL both take, through plain ADO.NET. Counts the texts it reads and the time spent asking.
/// </summary>
internal sealed class StoredCopyKeys(IDbContextFactory<NewsDbContext> dbFactory) : ICopyKeyStore
{
    /// <summary>Rows per insert statement (three parameters a row).</summary>
    private const int InsertRows = 100;

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
        var candidates = await CandidatesAsync(db, db.Articles.Where(a => EF.Parameter(list).Contains(a.Id) && !a.IsReference), ct);
        TextsRead += candidates.Count;
        Load += Stopwatch.GetElapsedTime(started);
        return candidates;
    }

    /// <summary>The texts, images and dates of the articles <paramref name="articles"/> selects, as copy detection compares them.</summary>
    public static async Task<List<CopyCandidate>> CandidatesAsync(NewsDbContext db, IQueryable<Article> articles, CancellationToken ct)
    {
        var rows = await articles.AsNoTracking().Select(a => new { a.Id, a.Title, a.Excerpt, a.PublishedAt }).ToListAsync(ct);
        var images = await ImagesAsync(db, rows.Select(r => r.Id).ToList(), ct);
        return rows.Select(r => new CopyCandidate(r.Id, r.Title, r.Excerpt, images.GetValueOrDefault(r.Id) ?? [], Utc(r.PublishedAt))).ToList();
    }

    /// <summary>Counts texts read elsewhere (the changed articles, the articles filed by the backfill).</summary>
    public void Read(int texts) => TextsRead += texts;

    /// <summary>
    /// Files the entries, in the caller's transaction (open); an entry already there is left as it is. One command,
    /// prepared once and run again with new values for each chunk of <see cref="InsertRows"/>: a statement with thousands
    /// of named parameters costs more to bind than to run (SQLite finds each name by a scan of the list).
    /// </summary>
    public static async Task InsertAsync(NewsDbContext db, IReadOnlyList<CopyKey> entries, CancellationToken ct)
    {
        // In key order: neighbouring rows of one statement land on the same pages of the key's B-tree.
        var rows = entries.OrderBy(e => e.Key).ThenBy(e => e.ArticleId).ToList();
        var table = db.Model.FindEntityType(typeof(CopyKey))!.GetTableName();
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        DbCommand? command = null;
        try
        {
            for (var at = 0; at < rows.Count; at += InsertRows)
            {
                var n = Math.Min(InsertRows, rows.Count - at);
                if (command is null || command.Parameters.Count != 3 * n)
                {
                    if (command is not null)
                        await command.DisposeAsync();
                    command = connection.CreateCommand();
                    command.Transaction = transaction;
                    var sql = new StringBuilder($"INSERT INTO \"{table}\" (\"{nameof(CopyKey.Key)}\", \"{nameof(CopyKey.ArticleId)}\", \"{nameof(CopyKey.Day)}\") VALUES ");
                    for (var i = 0; i < 3 * n; i++)
                    {
                        var parameter = command.CreateParameter();
                        parameter.ParameterName = $"@p{i}";
                        parameter.DbType = DbType.Int32;
                        command.Parameters.Add(parameter);
                        sql.Append(i % 3 == 0 ? (i == 0 ? "(" : "), (") : ", ").Append(parameter.ParameterName);
                    }
                    command.CommandText = sql.Append(") ON CONFLICT DO NOTHING").ToString();
                }
                for (var i = 0; i < n; i++)
                {
                    var e = rows[at + i];
                    command.Parameters[3 * i].Value = e.Key;
                    command.Parameters[3 * i + 1].Value = e.ArticleId;
                    command.Parameters[3 * i + 2].Value = e.Day;
                }
                await command.ExecuteNonQueryAsync(ct);
            }
        }
        finally
        {
            if (command is not null)
                await command.DisposeAsync();
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
