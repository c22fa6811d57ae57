using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiNewsDashboard.Web.Hosting;

/// <summary>
/// The Data Protection key ring lives in the app's database (<see cref="KeysDbContext"/>), not in the user's home
/// folder: every instance on one database signs and reads login cookies and antiforgery tokens with the same keys, so
/// a sign-in on one instance holds on the others, and a restart or a new server keeps everyone signed in.
/// </summary>
public static class KeyRing
{
    /// <summary>Keys are shared by application name as well as by store: every instance must give the same one.</summary>
    public const string ApplicationName = "AiNewsDashboard";

    public static IServiceCollection AddSharedKeyRing(this IServiceCollection services)
    {
        services.AddDbContext<KeysDbContext>((sp, o) =>
            SqliteStore.Configure(o, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ResolvedConnectionString));
        services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<KeysDbContext>();
        return services;
    }

    /// <summary>Creates the key table; run at start-up after the database itself is initialised.</summary>
    public static async Task InitializeKeyRingAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<KeysDbContext>().Database.MigrateAsync(ct);
    }
}
