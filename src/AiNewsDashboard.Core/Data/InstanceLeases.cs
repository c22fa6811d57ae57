using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Data;

/// <summary>
/// Leases in the database, so one instance at a time does a job however many share the database: taking or renewing
/// one is a single upsert that succeeds only when the lease is free, lapsed or already this instance's. A holder that
/// dies stops renewing, and another instance takes the job over once the lease lapses; at once when the dead holder
/// ran on the same machine (its process is gone), so a restarted app never waits for its own earlier lease.
/// </summary>
public sealed class InstanceLeases(IDbContextFactory<InstancesDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>This instance, as leases name it: the machine, the process and a random part (one process may host several).</summary>
    public string Holder { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Takes <paramref name="name"/> for <paramref name="duration"/>, or renews it when this instance holds it.</summary>
    /// <returns>Who holds it afterwards: <see cref="Holder"/> when this instance got it.</returns>
    public async Task<string> TryHoldAsync(string name, TimeSpan duration, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + duration;
        var holder = Holder;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var current = await db.Leases.AsNoTracking().Where(l => l.Name == name).Select(l => l.Holder).SingleOrDefaultAsync(ct);
        if (current is not null && current != holder && IsDeadHereAndNow(current))
            await db.Leases.Where(l => l.Name == name && l.Holder == current).ExecuteDeleteAsync(ct);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "Leases" ("Name", "Holder", "ExpiresUtc") VALUES ({name}, {holder}, {until})
            ON CONFLICT ("Name") DO UPDATE SET "Holder" = excluded."Holder", "ExpiresUtc" = excluded."ExpiresUtc"
            WHERE "Leases"."Holder" = excluded."Holder" OR "Leases"."ExpiresUtc" < {now}
            """, ct);
        return await db.Leases.AsNoTracking().Where(l => l.Name == name).Select(l => l.Holder).SingleAsync(ct);
    }

    /// <summary>Whether <paramref name="holder"/> names a process on this machine that no longer runs.</summary>
    private static bool IsDeadHereAndNow(string holder)
    {
        var parts = holder.Split(':');
        if (parts.Length != 3 || parts[0] != Environment.MachineName || !int.TryParse(parts[1], out var pid) || pid == Environment.ProcessId)
            return false;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true; // no such process
        }
    }

    /// <summary>Gives <paramref name="name"/> up at once when this instance holds it, so another need not wait for it to lapse.</summary>
    public async Task ReleaseAsync(string name, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Leases.Where(l => l.Name == name && l.Holder == Holder).ExecuteDeleteAsync(ct);
    }
}
