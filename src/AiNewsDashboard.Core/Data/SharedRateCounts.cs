using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Data;

/// <summary>
/// Request counts that every instance on one database shares, for limits that must hold across instances behind a
/// proxy (sign-in attempts): counting one more request is a single upsert that returns the window's new count. Each
/// window is fixed (e.g. one minute) and starts on a multiple of its length, so all instances agree on it.
/// </summary>
public sealed class SharedRateCounts(IDbContextFactory<InstancesDbContext> dbFactory, TimeProvider clock)
{
    private long _purgedBefore;

    /// <summary>Counts one request by <paramref name="key"/> in the current <paramref name="window"/>.</summary>
    /// <returns>The requests counted in this window so far, this one included, and how long until the window ends.</returns>
    public async Task<(int Count, TimeSpan Remaining)> CountAsync(string key, TimeSpan window, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(key.Length, RateCount.MaxKeyLength, nameof(key));
        var seconds = Math.Max(1, (long)window.TotalSeconds);
        var now = clock.GetUtcNow();
        var start = now.ToUnixTimeSeconds() - now.ToUnixTimeSeconds() % seconds;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (Interlocked.Exchange(ref _purgedBefore, start) != start)
            await db.RateCounts.Where(c => c.WindowStart < start - seconds).ExecuteDeleteAsync(ct); // once a window: none is needed after it ends
        var counts = await db.Database.SqlQuery<int>($"""
            INSERT INTO "RateCounts" ("Key", "WindowStart", "Count") VALUES ({key}, {start}, 1)
            ON CONFLICT ("Key", "WindowStart") DO UPDATE SET "Count" = "RateCounts"."Count" + 1
            RETURNING "Count" AS "Value"
            """).ToListAsync(ct);
        return (counts.Single(), DateTimeOffset.FromUnixTimeSeconds(start + seconds) - now);
    }
}
