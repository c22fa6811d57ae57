namespace AiNewsDashboard.Core.Import;

public enum FileOutcome { Imported, Updated, Unchanged, Rejected }

/// <summary>A problem with one file, as the CLI and the import page report it.</summary>
public sealed record ImportProblem(string File, ProblemSeverity Severity, int? Line, string Message)
{
    /// <summary>"error" or "warning": how the CLI's JSON, the CSV reports and the stored history spell it.</summary>
    public string SeverityName => Severity == ProblemSeverity.Error ? "error" : "warning";
}

/// <summary>
/// What one import run did. <see cref="Articles"/> and <see cref="References"/> are the database's totals after the run,
/// or null when the run was not asked to count them (<see cref="ImportOptions.CountTotals"/>).
/// </summary>
public sealed record ImportReport(
    int Files,
    int Imported,
    int Updated,
    int Unchanged,
    int Rejected,
    int Warnings,
    int? Articles,
    int? References,
    IReadOnlyList<ImportProblem> Problems,
    TimeSpan Elapsed,
    bool Cancelled = false);

/// <summary>Progress of a running import; <see cref="FilesTotal"/> is known before the first file is read.</summary>
public sealed record ImportProgress(int FilesDone, int FilesTotal, TimeSpan Elapsed)
{
    public double FilesPerSecond => Elapsed.TotalSeconds > 0 ? FilesDone / Elapsed.TotalSeconds : 0;
}

public sealed record ImportOptions
{
    /// <summary>Mark everything written by this run as demo data (bundled samples and the synthetic corpus).</summary>
    public bool MarkAsDemo { get; init; }
    /// <summary>
    /// The import history's run (<see cref="ImportHistory.BeginAsync"/>) to list every article this import adds,
    /// upgrades or updates under, so that it can be undone (<see cref="ImportUndo"/>). Null: nothing is listed.
    /// </summary>
    public int? RunId { get; init; }
    /// <summary>
    /// Count the database's articles and references for the report once every batch has committed. The count reads
    /// every article: 10-32 s at 10,000,000 on PostgreSQL (a 17 GB table), after however few files. The app leaves it
    /// off: its pages take the totals from the query snapshot, which follows every commit anyway.
    /// </summary>
    public bool CountTotals { get; init; } = true;
    /// <summary>
    /// Files per transaction. A crash loses at most the batch in flight; re-running finishes the job.
    /// Each commit writes every page the batch dirtied, and most of an import's index pages are dirtied by every
    /// batch: at 100,000 articles, batches of 1,000 wrote 2.7 GB for a 400 MB database, batches of 10,000 1.2 GB.
    /// The batch's parsed files stay in memory until its commit (to replay them after a failed file): ~50 MB here.
    /// </summary>
    public int BatchSize { get; init; } = 10_000;
    /// <summary>
    /// A batch also ends once its files hold this many bytes, since they stay in memory until its commit (10,000
    /// files of 3 KB are 30 MB; 3,000 of 1 MiB would be 3 GB).
    /// </summary>
    public long BatchBytes { get; init; } = 64L * 1024 * 1024;
    /// <summary>An archive with more entries is one rejected file (Import:MaxArchiveEntries).</summary>
    public int MaxArchiveEntries { get; init; } = ImportSource.DefaultMaxArchiveEntries;
    /// <summary>
    /// The most bytes the named files may hold, archives counted uncompressed; more refuses the whole import before
    /// it starts. Null: no limit (the command line and the watch folder); uploads have one (Import:MaxUploadUncompressedBytes).
    /// </summary>
    public long? MaxTotalBytes { get; init; }
    /// <summary>Free disk space an import must leave, beyond twice what it imports (Import:MinFreeDiskBytes).</summary>
    public long MinFreeDiskBytes { get; init; } = DefaultMinFreeDiskBytes;
    /// <summary>
    /// When <see cref="ParserOptions.LatestDate"/> is not set, dates later than this many days after the import starts
    /// are implausible (Import:LatestDateDaysAhead): a day covers every time zone's today.
    /// </summary>
    public int LatestDateDaysAhead { get; init; } = 1;
    public const long DefaultMinFreeDiskBytes = 256L * 1024 * 1024;
    public ParserOptions Parser { get; init; } = ParserOptions.Default;
}
