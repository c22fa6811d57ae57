using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Core.Queries;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Store.Postgres;

/// <summary>
/// The two stores side by side: which one a connection string names, and each store interface's implementation for
/// the store registered. The app, the command line and the benchmarks wire a store through here.
/// </summary>
public static class NewsStores
{
    /// <summary>The store a resolved connection string names: PostgreSQL (<see cref="PostgresStore.Recognizes"/>), else SQLite.</summary>
    public static INewsStore Open(string connectionString) =>
        PostgresStore.Recognizes(connectionString) ? new PostgresStore(connectionString) : new SqliteNewsStore(connectionString);

    /// <summary>
    /// Registers PostgreSQL's implementation of each store interface (search, snapshot source, change feed, article
    /// store) when the registered <see cref="INewsStore"/> is a <see cref="PostgresStore"/>, and SQLite's otherwise.
    /// Call before AddNewsData, whose SQLite defaults then stand aside.
    /// </summary>
    public static IServiceCollection AddStoreImplementations(this IServiceCollection services)
    {
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
}
