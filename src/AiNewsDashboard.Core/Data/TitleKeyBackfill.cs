using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Data;

/// <summary>
/// Gives the titles stored before <see cref="Article.TitleKey"/> existed their key. The migration that added the
/// column keyed every title of printable ASCII in SQL (upper() folds exactly those letters as <see cref="TitleKeys.Of"/>
/// does); the rest (accents, other scripts, typographic quotes: about 1% of a real-world corpus) are keyed here, at
/// start-up, before the app serves: a thousand per transaction, so an interrupted start simply carries on next time.
/// </summary>
public static class TitleKeyBackfill
{
    private const int Batch = 1000;

    /// <summary>The number of titles keyed (0 once every title has its key).</summary>
    public static async Task<int> RunAsync(NewsDbContext db, CancellationToken ct = default)
    {
        var done = 0;
        while (true)
        {
            var rows = await db.Articles.Where(a => a.TitleKey == null && a.Title != null).OrderBy(a => a.Id).Take(Batch).ToListAsync(ct);
            if (rows.Count == 0)
                return done;
            foreach (var a in rows)
                a.TitleKey = TitleKeys.Of(a.Title);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            done += rows.Count;
        }
    }
}
