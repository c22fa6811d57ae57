using System.ComponentModel.DataAnnotations;

namespace AiNewsDashboard.Web.Hosting;

/// <summary>
/// The <c>Backup</c> section: where the import page's backup button writes (empty means backups/ beside the database),
/// and what the button may cost (see <see cref="DatabaseBackups"/>).
/// </summary>
public sealed class BackupOptions : ISettingsSection
{
    public static string Section => "Backup";

    public string Folder { get; set; } = "";

    /// <summary>How many backups the backup folder keeps: the oldest beyond this are deleted after each new one.</summary>
    [Range(1, 10_000, ErrorMessage = "must be a number of backups from {1} to {2}")]
    public int Keep { get; set; } = 7;

    /// <summary>How many backups the server makes per hour, whoever asks.</summary>
    [Range(1, 10_000, ErrorMessage = "must be a number of backups from {1} to {2}")]
    public int PerHour { get; set; } = 12;

    public string FolderFor(DatabaseOptions database) =>
        Folder is { Length: > 0 } folder ? Path.GetFullPath(folder) : Path.Combine(database.DataFolder, "backups");
}
