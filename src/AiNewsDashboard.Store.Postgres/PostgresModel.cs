using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace AiNewsDashboard.Store.Postgres;

/// <summary>
/// The few places the shared model says something only SQLite understands, said PostgreSQL's way: the NOCASE
/// collation (names that differ only in case are one name) becomes a case-insensitive ICU collation.
/// </summary>
internal sealed class PostgresModelCustomizer(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
{
    /// <summary>ICU's root locale at secondary strength: "Wire services" and "wire SERVICES" compare equal.</summary>
    public const string CaseInsensitive = "case_insensitive";

    public override void Customize(ModelBuilder modelBuilder, DbContext context)
    {
        base.Customize(modelBuilder, context);
        var used = false;
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
        {
            if (string.Equals(property.GetCollation(), "NOCASE", StringComparison.OrdinalIgnoreCase))
            {
                property.SetCollation(CaseInsensitive);
                used = true;
            }
        }
        if (used)
            modelBuilder.HasCollation(CaseInsensitive, locale: "und-u-ks-level2", provider: "icu", deterministic: false);
    }
}

/// <summary>
/// Date and time columns hold what SQLite holds: the moment as the app gives it, without a zone (Npgsql's legacy
/// timestamp mapping), so every DateTime the app writes is stored whatever its Kind, as on SQLite.
/// </summary>
internal static class PostgresTimestamps
{
    private static int _set;

    public static void UseStoreMapping()
    {
        if (Interlocked.Exchange(ref _set, 1) == 0)
            AppContext.SetSwitch("Npgsql.EnableLegacyTimestampBehavior", true);
    }
}
