using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Store.Postgres;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace AiNewsDashboard.Web.Hosting;

/// <summary>
/// Which store the app and the command line use, from <c>--db</c> or the settings: a PostgreSQL URL
/// (<c>postgres://…</c>) or keyword string (<c>Host=…</c>) means PostgreSQL; anything else is SQLite (a file path,
/// or a SQLite connection string in <c>ConnectionStrings:News</c>).
/// </summary>
public static class StoreSelection
{
    /// <summary>The connection string for a <c>--db</c> value or <c>Store:ConnectionString</c>: a server as given, else a file path.</summary>
    public static string FromDbArgument(string value) =>
        PostgresStore.Recognizes(value) ? PostgresStore.ToConnectionString(value)
        : IsSqliteConnectionString(value) ? value
        : SqliteStore.ConnectionStringForFile(value);

    /// <summary>The store a resolved connection string names.</summary>
    public static INewsStore Open(string connectionString) =>
        PostgresStore.Recognizes(connectionString) ? new PostgresStore(connectionString) : new SqliteNewsStore(connectionString);

    /// <summary>
    /// Registers the store the settings name, which every context (news, accounts, instances) opens, and that store's
    /// implementation of each store interface. Call before AddNewsData, whose SQLite defaults then stand aside.
    /// </summary>
    public static IServiceCollection AddNewsStore(this IServiceCollection services)
    {
        services.AddSingleton(sp => Open(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ResolvedConnectionString));
        services.AddSingleton<IFullTextSearch>(sp => IsPostgres(sp)
            ? ActivatorUtilities.CreateInstance<PostgresFullTextSearch>(sp) : sp.GetRequiredService<SqliteFullTextSearch>());
        services.AddSingleton<IArticleFactsSource>(sp => IsPostgres(sp)
            ? ActivatorUtilities.CreateInstance<PostgresArticleFactsSource>(sp) : ActivatorUtilities.CreateInstance<SqliteArticleFactsSource>(sp));
        services.AddSingleton<IChangeFeed>(sp => sp.GetRequiredService<INewsStore>() is PostgresStore postgres
            ? new PostgresChangeFeed(postgres) : ActivatorUtilities.CreateInstance<SqliteChangeFeed>(sp));
        services.AddSingleton<IArticleStore>(sp => IsPostgres(sp) ? new PostgresArticleStore() : new SqliteArticleStore());
        return services;
    }

    private static bool IsPostgres(IServiceProvider sp) => sp.GetRequiredService<INewsStore>() is PostgresStore;

    private static bool IsSqliteConnectionString(string value)
    {
        if (!value.Contains('='))
            return false;
        try
        {
            return new SqliteConnectionStringBuilder(value).DataSource.Length > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
