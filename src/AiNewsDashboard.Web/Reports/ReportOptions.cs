using System.ComponentModel.DataAnnotations;
using AiNewsDashboard.Web.Hosting;

namespace AiNewsDashboard.Web.Reports;

/// <summary>
/// The <c>Reports</c> section: where scheduled reports are written (empty means reports/ beside the database) and how
/// often the scheduler looks for a period that has ended.
/// </summary>
public sealed class ReportOptions : ISettingsSection
{
    public static string Section => "Reports";

    public string Folder { get; set; } = "";

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "must be a time span from {1} to {2} (hh:mm:ss)")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    public string FolderFor(DatabaseOptions database) =>
        Folder is { Length: > 0 } folder ? Path.GetFullPath(folder) : Path.Combine(database.DataFolder, "reports");
}
