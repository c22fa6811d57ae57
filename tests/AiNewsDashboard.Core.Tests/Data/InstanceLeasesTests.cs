using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Core.Tests.Data;

/// <summary>Leases in the database: one holder at a time, renewals, lapses, hand-over, and a dead holder on this machine.</summary>
public sealed class InstanceLeasesTests : IAsyncLifetime
{
    private sealed class SetClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _dir = new();
    private readonly SetClock _clock = new();
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var connection = SqliteStore.ConnectionStringForFile(_dir.PathOf("news.db"));
        _services = new ServiceCollection().AddDbContextFactory<InstancesDbContext>(o => SqliteStore.Configure(o, connection)).BuildServiceProvider();
        await using var db = await Factory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
    }

    private IDbContextFactory<InstancesDbContext> Factory => _services.GetRequiredService<IDbContextFactory<InstancesDbContext>>();

    private InstanceLeases Instance() => new(Factory, _clock);

    [Fact]
    public async Task TryHold_WhileAnotherHoldsIt_NamesTheHolderUntilItLapses()
    {
        var a = Instance();
        var b = Instance();

        Assert.Equal(a.Holder, await a.TryHoldAsync("job", Duration));
        Assert.Equal(a.Holder, await b.TryHoldAsync("job", Duration));
        _clock.Now += Duration / 2;
        Assert.Equal(a.Holder, await a.TryHoldAsync("job", Duration)); // renewed: lasts from here
        _clock.Now += Duration - TimeSpan.FromSeconds(1);
        Assert.Equal(a.Holder, await b.TryHoldAsync("job", Duration));
        _clock.Now += TimeSpan.FromSeconds(2);

        Assert.Equal(b.Holder, await b.TryHoldAsync("job", Duration));
        Assert.Equal(b.Holder, await a.TryHoldAsync("job", Duration));
        Assert.Equal(a.Holder, await a.TryHoldAsync("another job", Duration)); // leases are per name
    }

    [Fact]
    public async Task Release_ByTheHolder_LetsAnotherTakeItAtOnce_ButNotByAnother()
    {
        var a = Instance();
        var b = Instance();
        await a.TryHoldAsync("job", Duration);

        await b.ReleaseAsync("job");
        Assert.Equal(a.Holder, await b.TryHoldAsync("job", Duration));
        await a.ReleaseAsync("job");

        Assert.Equal(b.Holder, await b.TryHoldAsync("job", Duration));
    }

    [Fact]
    public async Task TryHold_HolderWasAProcessOnThisMachineThatIsGone_TakesItAtOnce()
    {
        await using (var db = await Factory.CreateDbContextAsync())
        {
            // A process id above Linux's pid_max (2^22) never runs.
            db.Leases.Add(new Lease { Name = "job", Holder = $"{Environment.MachineName}:{(1 << 22) + 7}:deadbeef", ExpiresUtc = _clock.Now.UtcDateTime.AddMinutes(1) });
            db.Leases.Add(new Lease { Name = "elsewhere", Holder = "another-machine:1234:cafecafe", ExpiresUtc = _clock.Now.UtcDateTime.AddMinutes(1) });
            await db.SaveChangesAsync();
        }
        var a = Instance();

        Assert.Equal(a.Holder, await a.TryHoldAsync("job", Duration));
        Assert.Equal("another-machine:1234:cafecafe", await a.TryHoldAsync("elsewhere", Duration)); // can't tell: waits for the lapse
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
