using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Data;

/// <summary>
/// The database the app keeps its data in, as the rest of the app sees it: how a context connects, how the store is
/// created and migrated, and where it is (for messages). One implementation per store: SQLite (a file, the default)
/// and PostgreSQL (a server, for teams). Each keeps its own dialect to itself.
/// </summary>
public interface INewsStore
{
    /// <summary>"SQLite" or "PostgreSQL", for messages.</summary>
    string Kind { get; }

    /// <summary>The connection string every context of the app opens.</summary>
    string ConnectionString { get; }

    /// <summary>Where the store is, for messages and logs: a file path, or host:port/database. Never a password.</summary>
    string Location { get; }

    /// <summary>The folder of the database file, where uploads, backups and reports go by default; null for a server.</summary>
    string? DataFolder { get; }

    /// <summary>Points a context (news, accounts or instances) at this store, with the store's own migrations.</summary>
    void Configure(DbContextOptionsBuilder options);

    /// <summary>Checks the store can be reached, creates it where it can, and applies the news migrations.</summary>
    /// <exception cref="StoreUnreachableException">The store cannot be reached (within 10 s for a server).</exception>
    Task InitializeAsync(IDbContextFactory<NewsDbContext> factory, CancellationToken ct = default);
}

/// <summary>The store named by the settings or <c>--db</c> cannot be reached. The message names where, never a password.</summary>
public sealed class StoreUnreachableException(string message, Exception? inner = null) : IOException(message, inner);
