using System.ComponentModel.DataAnnotations;
using AiNewsDashboard.Core.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace AiNewsDashboard.Web.Hosting;

/// <summary>
/// <c>Database:Path</c>: the SQLite file, relative to the working directory. <c>ConnectionStrings:News</c> (what
/// <c>--db</c> sets), then <c>Store:ConnectionString</c> (a file path, or a PostgreSQL server: <c>Host=…</c> or
/// <c>postgres://…</c>), win over it when given. Uploads, backups and reports go in folders beside the file, or beside
/// <c>Database:Path</c> on a server, unless their own settings name them.
/// </summary>
public sealed class DatabaseOptions : ISettingsSection
{
    public static string Section => "Database";

    [Required(AllowEmptyStrings = false, ErrorMessage = "must name the database file, e.g. data/news.db")]
    public string Path { get; set; } = "data/news.db";

    /// <summary>From <c>ConnectionStrings:News</c> or <c>Store:ConnectionString</c>; empty means <see cref="Path"/>.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The setting <see cref="ConnectionString"/> came from, for messages.</summary>
    internal string ConnectionStringKey { get; set; } = "ConnectionStrings:News";

    public string ResolvedConnectionString =>
        ConnectionString is { Length: > 0 } cs ? cs : SqliteStore.ConnectionStringForFile(Path);

    /// <summary>The folder the database file is in: uploads, backups and reports go beside it unless their settings say otherwise.</summary>
    public string DataFolder =>
        StoreSelection.Open(ResolvedConnectionString).DataFolder ?? System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
}

/// <summary>
/// Checks at start that the connection string can be read (its keywords and their values), so a typo stops the app or
/// a command with a message naming the setting and the bad keyword, never the string itself (it may hold a password).
/// </summary>
public sealed class ConnectionStringCheck : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options) =>
        options.ConnectionString is { Length: > 0 } cs && StoreSelection.ProblemWith(cs) is { } problem
            ? ValidateOptionsResult.Fail($"{options.ConnectionStringKey}: {problem} (the value is not shown: it may hold a password)")
            : ValidateOptionsResult.Success;
}
