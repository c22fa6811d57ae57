using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Data;

/// <summary>
/// What the app instances on one database share: the Data Protection key ring (what signs login cookies and
/// antiforgery tokens, so every instance accepts the cookies the others issued) and the leases that let one instance
/// at a time do a job (<see cref="InstanceLeases"/>). A context of its own, with its own migrations
/// (Data/Migrations/Instances), like <see cref="AccountsDbContext"/>: none of this touches the article model.
/// </summary>
public sealed class InstancesDbContext(DbContextOptions<InstancesDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Lease> Leases => Set<Lease>();

    public DbSet<RateCount> RateCounts => Set<RateCount>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Lease>(e =>
        {
            e.HasKey(l => l.Name);
            e.Property(l => l.Name).HasMaxLength(Lease.MaxNameLength);
            e.Property(l => l.Holder).HasMaxLength(Lease.MaxHolderLength);
        });
        modelBuilder.Entity<RateCount>(e =>
        {
            e.HasKey(c => new { c.Key, c.WindowStart });
            e.Property(c => c.Key).HasMaxLength(RateCount.MaxKeyLength);
            e.HasIndex(c => c.WindowStart); // old windows are deleted by their start
        });
    }
}

/// <summary>A job that one instance at a time does (e.g. importing one waiting upload): who holds it, and until when.</summary>
public sealed class Lease
{
    public const int MaxNameLength = 1000, MaxHolderLength = 200;

    public required string Name { get; set; }

    /// <summary>The instance holding it (<see cref="InstanceLeases.Holder"/>: machine, process and a random part).</summary>
    public required string Holder { get; set; }

    /// <summary>When it lapses unless its holder renews it; then any instance may take it.</summary>
    public DateTime ExpiresUtc { get; set; }
}

/// <summary>How many requests one client made in one window of a limit that every instance counts together (<see cref="SharedRateCounts"/>).</summary>
public sealed class RateCount
{
    public const int MaxKeyLength = 300;

    /// <summary>The limit and the client, e.g. <c>login:ip:203.0.113.7</c>.</summary>
    public required string Key { get; set; }

    /// <summary>The window's start, in seconds since 1970 (UTC).</summary>
    public long WindowStart { get; set; }

    public int Count { get; set; }
}
