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

    /// <summary>
    /// Where uploads wait for the importer, each in a folder of its own until it is imported: empty means
    /// <c>uploads/</c> beside the database (beside <c>Database:Path</c> on a server). Instances on several machines
    /// name one folder they all reach (a network share), so one can import an upload another received.
    /// </summary>
    public string UploadFolder { get; set; } = "";

    /// <summary>The upload folder as a full path, from <see cref="UploadFolder"/> or beside the database.</summary>
    public string UploadFolderFor(DatabaseOptions database) =>
        UploadFolder is { Length: > 0 } folder ? Path.GetFullPath(folder) : Path.Combine(database.DataFolder, "uploads");

    /// <summary>Quiet time after the last change in the watch folder before the changed files are imported.</summary>
    [Range(0, 600_000, ErrorMessage = "must be milliseconds from {1} to {2}")]
    public int WatchDebounceMs { get; set; } = 2000;

    /// <summary>The most one upload's files may hold, archives counted uncompressed.</summary>
    [Range(1L, long.MaxValue, ErrorMessage = "must be a number of bytes from 1 up")]
    public long MaxUploadUncompressedBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Entries one .zip archive may hold; an archive with more is one rejected file.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "must be a number of entries from {1} to {2}")]
    public int MaxArchiveEntries { get; set; } = ImportSource.DefaultMaxArchiveEntries;

    /// <summary>Free disk an import must leave beyond twice what it imports.</summary>
    [Range(0L, long.MaxValue, ErrorMessage = "must be a number of bytes from 0 up")]
    public long MinFreeDiskBytes { get; set; } = ImportOptions.DefaultMinFreeDiskBytes;

    /// <summary>Earlier publication dates are stored as unknown, with a warning.</summary>
    public DateOnly EarliestDate { get; set; } = DateOnly.FromDateTime(ParserOptions.DefaultEarliestDate);

    /// <summary>Publication dates more than this many days after the import are stored as unknown.</summary>
    [Range(0, 366_000, ErrorMessage = "must be a number of days from {1} to {2}")]
    public int LatestDateDaysAhead { get; set; } = 1;

    public ParserOptions Parser => new() { MaxFileBytes = MaxFileBytes, EarliestDate = EarliestDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) };

    /// <summary>
    /// One import run's options from these settings, for an upload (with the upload's size limit) or any other import:
    /// the one place that turns settings into <see cref="ImportOptions"/>.
    /// </summary>
    public ImportOptions For(bool upload) => new()
    {
        Parser = Parser,
        MaxArchiveEntries = MaxArchiveEntries,
        MaxTotalBytes = upload ? MaxUploadUncompressedBytes : null,
        MinFreeDiskBytes = MinFreeDiskBytes,
        LatestDateDaysAhead = LatestDateDaysAhead,
    };
}
