using System.Data.Common;
using System.Net.Sockets;
using AiNewsDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AiNewsDashboard.Store.Postgres;

/// <summary>
/// PostgreSQL as the app's store, for teams: a server that several app instances share. Named by a keyword connection
/// string (<c>Host=db;Database=news;Username=news</c>) or a URL (<c>postgres://news@db:5432/news</c>).
/// Its migrations live in this assembly; SQLite's stay in Core.
/// </summary>
public sealed class PostgresStore : INewsStore
{
    /// <summary>How long start-up waits for the server before it gives up with a message naming it.</summary>
    public const int ConnectTimeoutSeconds = 10;

    private readonly NpgsqlConnectionStringBuilder _builder;

    public PostgresStore(string connectionString)
    {
        _builder = new NpgsqlConnectionStringBuilder(ToConnectionString(connectionString));
        if (_builder.Timeout is <= 0 or > ConnectTimeoutSeconds)
            _builder.Timeout = ConnectTimeoutSeconds;
        ConnectionString = _builder.ConnectionString;
    }

    public string Kind => "PostgreSQL";
    public string ConnectionString { get; }
    public string Location => $"{_builder.Host}:{_builder.Port}/{_builder.Database ?? _builder.Username}";
    public string? DataFolder => null;

    /// <summary>
    /// Whether <paramref name="value"/> (a <c>--db</c> argument or a setting) names a PostgreSQL server: a
    /// <c>postgres://</c> or <c>postgresql://</c> URL, or a keyword connection string with a Host (or Server).
    /// Anything else is a SQLite file or connection string.
    /// </summary>
    public static bool Recognizes(string value)
    {
        var text = value.Trim();
        if (IsUrl(text))
            return true;
        if (!text.Contains('='))
            return false;
        try
        {
            var keys = new DbConnectionStringBuilder { ConnectionString = text }.Keys.Cast<string>();
            return keys.Any(k => k.Equals("Host", StringComparison.OrdinalIgnoreCase) || k.Equals("Server", StringComparison.OrdinalIgnoreCase));
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The keyword form of a URL (<c>postgres://user:password@host:port/database?sslmode=require</c>); a keyword string as it is.</summary>
    public static string ToConnectionString(string value)
    {
        var text = value.Trim();
        if (!IsUrl(text))
            return text;
        var uri = new Uri(text);
        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (uri.Port > 0)
            builder.Port = uri.Port;
        if (uri.AbsolutePath.Trim('/') is { Length: > 0 } database)
            builder.Database = Uri.UnescapeDataString(database);
        if (uri.UserInfo is { Length: > 0 } userInfo)
        {
            var colon = userInfo.IndexOf(':');
            builder.Username = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
            if (colon >= 0)
                builder.Password = Uri.UnescapeDataString(userInfo[(colon + 1)..]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            builder[key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) ? "SSL Mode" : key] = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
        }
        return builder.ConnectionString;
    }

    private static bool IsUrl(string text) =>
        text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    public void Configure(DbContextOptionsBuilder options) => ConfigureFor(options, ConnectionString);

    internal static void ConfigureFor(DbContextOptionsBuilder options, string connectionString)
    {
        options.UseNpgsql(connectionString, o => o.MigrationsAssembly(typeof(PostgresStore).Assembly.GetName().Name))
            .ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCustomizer, PostgresModelCustomizer>();
    }

    public async Task InitializeAsync(IDbContextFactory<NewsDbContext> factory, CancellationToken ct = default)
    {
        await CheckReachableAsync(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Database.SetCommandTimeout(NewsDbContext.MigrationTimeout);
        await db.Database.MigrateAsync(ct);
        await TitleKeyBackfill.RunAsync(db, ct);
    }

    /// <summary>
    /// Opens one connection, waiting at most <see cref="ConnectTimeoutSeconds"/>: a server that is down, a wrong port or
    /// a firewall that drops packets then fails start-up with where it tried and why, instead of a stack trace or a
    /// hang. A database that does not exist yet is no failure: the migrations create it.
    /// </summary>
    public async Task CheckReachableAsync(CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(ConnectTimeoutSeconds));
        try
        {
            await connection.OpenAsync(timeout.Token);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // The server answered: the database is created by the migrations.
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException or ArgumentException
                                      || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            throw new StoreUnreachableException(
                $"could not reach the PostgreSQL server at {_builder.Host}:{_builder.Port} (database '{_builder.Database}', user '{_builder.Username}'): " +
                $"{Scrub(Reason(e))}. Check that the server runs and accepts connections there (--db or Store:ConnectionString).");
        }
    }

    /// <summary>The innermost explanation: "Connection refused", "password authentication failed for user ...", a timeout.</summary>
    private static string Reason(Exception e)
    {
        if (e is OperationCanceledException)
            return $"no answer within {ConnectTimeoutSeconds} s";
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is PostgresException pg)
                return pg.MessageText;
            if (inner is SocketException socket)
                return socket.Message;
            if (inner is TimeoutException)
                return $"no answer within {ConnectTimeoutSeconds} s";
        }
        return e.Message;
    }

    /// <summary>Belt and braces: no server message quotes a password, but a message never carries it whatever it says.</summary>
    private string Scrub(string message) =>
        _builder.Password is { Length: > 0 } password ? message.Replace(password, "***", StringComparison.Ordinal) : message;
}
