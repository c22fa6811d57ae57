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
        PostgresStore.Recognizes(value) ? ServerConnectionString(value)
        : IsSqliteConnectionString(value) ? value
        : SqliteStore.ConnectionStringForFile(value);

    /// <summary>A URL that can't be read stays as given, for the settings check (<see cref="ProblemWith"/>) to name.</summary>
    private static string ServerConnectionString(string value)
    {
        try
        {
            return PostgresStore.ToConnectionString(value);
        }
        catch (Exception e) when (e is UriFormatException or ArgumentException or FormatException)
        {
            return value;
        }
    }

    /// <summary>The store a resolved connection string names.</summary>
    public static INewsStore Open(string connectionString) => NewsStores.Open(connectionString);

    /// <summary>
    /// What is wrong with a connection string, in the driver's words (an unknown keyword, a value of the wrong type),
    /// or null when the store it names can be opened. The string itself is never repeated: it may hold a password.
    /// </summary>
    public static string? ProblemWith(string connectionString)
    {
        try
        {
            if (Open(connectionString) is SqliteNewsStore)
                _ = SqliteStore.DataSourceOf(connectionString);
            return null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException or UriFormatException)
        {
            var kind = PostgresStore.Recognizes(connectionString) ? "PostgreSQL" : "SQLite";
            // Microsoft.Data.Sqlite appends a link; Npgsql wraps the reason ("Couldn't set port") around the parse error.
            var reason = e.Message.Split(" (Parameter")[0].Split(" For a possible alternative")[0].TrimEnd('.');
            if (e.InnerException is FormatException inner)
                reason += $": {inner.Message.TrimEnd('.')}";
            return $"is not a valid {kind} connection string: {reason}";
        }
    }

    /// <summary>
    /// Registers the store the settings name, which every context (news, accounts, instances) opens, and that store's
    /// implementation of each store interface. Call before AddNewsData, whose SQLite defaults then stand aside.
    /// </summary>
    public static IServiceCollection AddNewsStore(this IServiceCollection services) =>
        services.AddSingleton(sp => Open(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ResolvedConnectionString))
            .AddStoreImplementations();

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
