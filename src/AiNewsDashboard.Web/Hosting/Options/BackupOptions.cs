namespace AiNewsDashboard.Web.Hosting;

/// <summary><c>Backup:Folder</c>: where the import page's backup button writes; empty means backups/ beside the database.</summary>
public sealed class BackupOptions : ISettingsSection
{
    public static string Section => "Backup";

    public string Folder { get; set; } = "";

    public string FolderFor(DatabaseOptions database) =>
        Folder is { Length: > 0 } folder ? Path.GetFullPath(folder) : Path.Combine(database.DataFolder, "backups");
}
