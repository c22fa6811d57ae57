using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
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

    /// <summary>Registers the store the settings name; every context (news, accounts, instances) opens it.</summary>
    public static IServiceCollection AddNewsStore(this IServiceCollection services) =>
        services.AddSingleton(sp => Open(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ResolvedConnectionString));

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
