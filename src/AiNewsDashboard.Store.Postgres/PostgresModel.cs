using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AiNewsDashboard.Store.Postgres;

/// <summary>
/// The few places the shared model says something only SQLite understands, said PostgreSQL's way: the NOCASE
/// collation (names that differ only in case are one name) becomes a case-insensitive ICU collation; and a DateTime is
/// stored as SQLite stores it, the moment as the app gives it without a zone (<c>timestamp without time zone</c>),
/// whatever its Kind (Npgsql refuses a UTC DateTime for that type, so the Kind is dropped on the way in).
/// </summary>
internal sealed class PostgresModelCustomizer(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
{
    /// <summary>ICU's root locale at secondary strength: "Wire services" and "wire SERVICES" compare equal.</summary>
    public const string CaseInsensitive = "case_insensitive";

    /// <summary>
    /// Drawn from by every article writer's commit (PostgresArticleWriter): a writer that finds a number there other
    /// than the one it drew last knows another writer changed the articles since, and forgets what it knew of them.
    /// </summary>
    public const string WriterCommits = "ArticleWriterCommits";

    private static readonly ValueConverter<DateTime, DateTime> WithoutKind =
        new(v => DateTime.SpecifyKind(v, DateTimeKind.Unspecified), v => v);

    public override void Customize(ModelBuilder modelBuilder, DbContext context)
    {
        base.Customize(modelBuilder, context);
        if (context is Core.Data.NewsDbContext)
        {
            modelBuilder.HasSequence<long>(WriterCommits);
            // Title order is code point order in both stores (Core.Data.TitleKeys): SQLite's BINARY, PostgreSQL's "C".
            modelBuilder.Entity<Core.Data.Article>().Property(a => a.TitleKey).UseCollation("C");
        }
        var used = false;
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
        {
            if (property.ClrType == typeof(DateTime) || property.ClrType == typeof(DateTime?))
            {
                property.SetColumnType("timestamp without time zone");
                property.SetValueConverter(WithoutKind);
            }
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
