using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Import;

namespace AiNewsDashboard.Web.Hosting;

/// <summary>
/// Reads the app's settings the same way for the web host and the CLI: appsettings.json, environment variables,
/// then the command line (<c>--Section:Key=value</c>), with a few friendly switches on top.
/// </summary>
public static class DashboardSettings
{
    public const string DefaultDatabasePath = "data/news.db";

    /// <summary>
    /// Rewrites the friendly switches into configuration keys, so they also behave with ASP.NET's own
    /// command-line parser (which would otherwise swallow the next argument as the value of a bare flag):
    /// <c>--db FILE</c> → ConnectionStrings:News, <c>--no-demo</c> → Demo:Enabled=false.
    /// </summary>
    public static string[] NormalizeArgs(IReadOnlyList<string> args)
    {
        var result = new List<string>(args.Count);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--db" && i + 1 < args.Count)
                result.Add($"--ConnectionStrings:News={SqliteStore.ConnectionStringForFile(args[++i])}");
            else if (arg.StartsWith("--db=", StringComparison.Ordinal))
                result.Add($"--ConnectionStrings:News={SqliteStore.ConnectionStringForFile(arg[5..])}");
            else if (arg == "--no-demo")
                result.Add("--Demo:Enabled=false");
            else
                result.Add(arg);
        }
        return [.. result];
    }

    public static string ConnectionString(IConfiguration config) =>
        config.GetConnectionString("News") is { Length: > 0 } cs
            ? cs
            : SqliteStore.ConnectionStringForFile(config["Database:Path"] is { Length: > 0 } p ? p : DefaultDatabasePath);

    public static bool DemoEnabled(IConfiguration config) => config.GetValue("Demo:Enabled", true);

    /// <summary>How many nodes the graph shows before it cuts to the most connected part (Graph:NodeLimit, default 5,000).</summary>
    public static int GraphNodeLimit(IConfiguration config) =>
        Math.Clamp(config.GetValue("Graph:NodeLimit", Core.Queries.Graph.GraphRequest.DefaultLimit), 1, Core.Queries.Graph.GraphQueries.MaxLimit);
    public const long DefaultMaxUploadBytes = 500L * 1024 * 1024;

    /// <summary>Largest upload on the import page (all files of one drop together), <c>Import:MaxUploadBytes</c>.</summary>
    public static long MaxUploadBytes(IConfiguration config) => config.GetValue("Import:MaxUploadBytes", DefaultMaxUploadBytes);

    /// <summary>The folder the database file is in: uploads and backups go beside it.</summary>
    public static string DataFolder(IConfiguration config) =>
        Path.GetDirectoryName(SqliteStore.DataSourceOf(ConnectionString(config)) ?? Path.GetFullPath(DefaultDatabasePath))!;

    /// <summary>Where uploads wait for the importer (deleted after each import and at start).</summary>
    public static string UploadFolder(IConfiguration config) => Path.Combine(DataFolder(config), "uploads");

    /// <summary>Where the import page's backup button writes, <c>Backup:Folder</c> (default: backups/ beside the database).</summary>
    public static string BackupFolder(IConfiguration config) =>
        config["Backup:Folder"] is { Length: > 0 } folder ? Path.GetFullPath(folder) : Path.Combine(DataFolder(config), "backups");

    public static ParserOptions ParserOptions(IConfiguration config) =>
        new() { MaxFileBytes = config.GetValue("Import:MaxFileBytes", Core.Import.ParserOptions.Default.MaxFileBytes) };
}
