using System.ComponentModel.DataAnnotations;
using AiNewsDashboard.Core.Import;

namespace AiNewsDashboard.Web.Hosting;

/// <summary>
/// The <c>Import</c> section: limits and the watch folder, for the import page, the watch folder and the CLI alike.
/// (Named apart from Core's <see cref="ImportOptions"/>, which is one import run's options.)
/// </summary>
public sealed class DashboardImportOptions : ISettingsSection
{
    public static string Section => "Import";

    /// <summary>Largest article file; a larger one is rejected with its size. The parser's own default.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "must be a number of bytes from {1} to {2}")]
    public int MaxFileBytes { get; set; } = ParserOptions.Default.MaxFileBytes;

    /// <summary>Largest upload on the import page, all files of one drop together.</summary>
    [Range(1L, long.MaxValue, ErrorMessage = "must be a number of bytes from 1 up")]
    public long MaxUploadBytes { get; set; } = 500L * 1024 * 1024;

    /// <summary>A folder imported at start and then whenever files land in it; empty: none.</summary>
    public string WatchFolder { get; set; } = "";

    /// <summary>Quiet time after the last change in the watch folder before the changed files are imported.</summary>
    [Range(0, 600_000, ErrorMessage = "must be milliseconds from {1} to {2}")]
    public int WatchDebounceMs { get; set; } = 2000;

    public ParserOptions Parser => new() { MaxFileBytes = MaxFileBytes };
}
