using System.ComponentModel.DataAnnotations;
using AiNewsDashboard.Core.Data;

namespace AiNewsDashboard.Web.Hosting;

/// <summary>
/// The <c>Snapshot</c> section: the file the query snapshot is kept in between runs, so a restart answers in seconds
/// instead of reading every article again (<see cref="Core.Queries.ArticleFactsFileStore"/>).
/// </summary>
public sealed class SnapshotOptions : ISettingsSection
{
    public static string Section => "Snapshot";

    /// <summary>Whether to keep the file at all.</summary>
    public bool Persist { get; set; } = true;

    /// <summary>The folder the file goes in; empty means <c>snapshots/</c> beside the database.</summary>
    public string Folder { get; set; } = "";

    /// <summary>How long the snapshot must stay unchanged before it is written (it is also written when the app stops).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "must be a time from {1} to {2}, e.g. 00:00:30")]
    public TimeSpan QuietFor { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How old the file may grow while the snapshot keeps changing (a long import, copy detection's first pass): it is
    /// then written anyway, and the next start brings it up to date from the commit log.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "must be a time from {1} to {2}, e.g. 00:10:00")]
    public TimeSpan SaveAtLeastEvery { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The file for <paramref name="store"/>, named after it so several databases can share a folder; null when not kept.</summary>
    public string? FileFor(DatabaseOptions database, INewsStore store)
    {
        if (!Persist)
            return null;
        var folder = Folder is { Length: > 0 } f ? Path.GetFullPath(f) : Path.Combine(database.DataFolder, "snapshots");
        return Path.Combine(folder, FileNameFor(store.Location));
    }

    /// <summary>A file name from the store's location (a file path or host:port/database): readable, and distinct per store.</summary>
    internal static string FileNameFor(string location)
    {
        var readable = new string(Path.GetFileName(location.TrimEnd('/', '\\')).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray());
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(location)))[..8];
        return $"{(readable.Length > 0 ? readable[..Math.Min(readable.Length, 60)] : "store")}-{hash}.facts";
    }
}
