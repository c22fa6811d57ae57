using AiNewsDashboard.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Web.Hosting;

/// <summary>
/// What several app instances on one database share, kept in that database (<see cref="InstancesDbContext"/>): the Data
/// Protection key ring, so a sign-in on one instance holds on the others and survives restarts and new servers; and
/// leases, so one instance at a time does a job, such as importing a waiting upload.
/// </summary>
public static class Instances
{
    /// <summary>Keys are shared by application name as well as by store: every instance must give the same one.</summary>
    public const string ApplicationName = "AiNewsDashboard";

    public static IServiceCollection AddInstanceState(this IServiceCollection services)
    {
        services.AddDbContextFactory<InstancesDbContext>((sp, o) => sp.GetRequiredService<INewsStore>().Configure(o));
        services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<InstancesDbContext>();
        services.AddSingleton<InstanceLeases>();
        services.AddSingleton<SharedRateCounts>();
        return services;
    }

    /// <summary>Creates the tables; run at start-up after the database itself is initialised.</summary>
    public static async Task InitializeInstanceStateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<InstancesDbContext>>().CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
    }
}
