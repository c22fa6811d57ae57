namespace AiNewsDashboard.Core.Data;

/// <summary>
/// One import, whoever started it (the import page, the watch folder or the command line), as the import page's
/// history lists it. Counts are those of <c>Import.ImportReport</c>; the problems are kept as JSON, the first
/// <c>Import.ImportHistory.MaxStoredProblems</c> of them, with their total in <see cref="Problems"/>.
/// </summary>
public sealed class ImportRun
{
    public int Id { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    /// <summary>Who started it; null until the app has accounts (shown as "local").</summary>
    public string? StartedBy { get; set; }

    /// <summary>"upload", "watch" or "cli".</summary>
    public required string Kind { get; set; }

    /// <summary>What was imported, for people: the uploaded file names, the watch folder, the CLI's paths.</summary>
    public required string Source { get; set; }

    public int Files { get; set; }
    public int Imported { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Rejected { get; set; }
    public int Warnings { get; set; }
    public int Problems { get; set; }
    public bool Cancelled { get; set; }

    /// <summary>Why the run could not finish (database or I/O failure); null when it ran.</summary>
    public string? Error { get; set; }

    /// <summary>JSON array of {file, severity, line, message}.</summary>
    public string? ProblemsJson { get; set; }
}
