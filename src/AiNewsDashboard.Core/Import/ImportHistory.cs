using System.Text.Json;
using AiNewsDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Import;

/// <summary>Where the import history lives: one <see cref="ImportRun"/> row per import, whoever started it.</summary>
public sealed class ImportHistory(IDbContextFactory<NewsDbContext> dbFactory)
{
    /// <summary>A run with 100,000 rejected files keeps the first of them and their total: the row stays small.</summary>
    public const int MaxStoredProblems = 1000;

    /// <summary>Records a finished (or cancelled, or failed) run and returns its id.</summary>
    public async Task<int> RecordAsync(string kind, string source, string? startedBy, DateTime startedAtUtc, DateTime finishedAtUtc,
        ImportReport? report, string? error = null, bool cancelled = false, CancellationToken ct = default)
    {
        var id = await BeginAsync(kind, source, startedBy, startedAtUtc, ct);
        await FinishAsync(id, finishedAtUtc, report, error, cancelled, ct);
        return id;
    }

    /// <summary>
    /// Records a run as it starts, with no end yet, and returns its id: the importer lists the articles it writes under
    /// it (<see cref="ImportOptions.RunId"/>), so the run can be undone. A run that never gets its end
    /// (<see cref="FinishAsync"/>) was cut short by the process stopping.
    /// </summary>
    public async Task<int> BeginAsync(string kind, string source, string? startedBy, DateTime startedAtUtc, CancellationToken ct = default)
    {
        var run = new ImportRun { Kind = kind, Source = source, StartedBy = startedBy, StartedAt = startedAtUtc };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ImportRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return run.Id;
    }

    /// <summary>Records the end of a run begun with <see cref="BeginAsync"/>: when, its counts and problems, or why it failed.</summary>
    public async Task FinishAsync(int id, DateTime finishedAtUtc, ImportReport? report, string? error = null, bool cancelled = false,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.ImportRuns.SingleAsync(r => r.Id == id, ct);
        run.FinishedAt = finishedAtUtc;
        run.Error = error;
        run.Cancelled = cancelled;
        if (report is not null)
        {
            run.Files = report.Files;
            run.Imported = report.Imported;
            run.Updated = report.Updated;
            run.Unchanged = report.Unchanged;
            run.Rejected = report.Rejected;
            run.Warnings = report.Warnings;
            run.Problems = report.Problems.Count;
            run.Cancelled = cancelled || report.Cancelled;
            run.ProblemsJson = JsonSerializer.Serialize(report.Problems.Take(MaxStoredProblems).Select(p => new StoredProblem(
                p.File, p.SeverityName, p.Line, p.Message)));
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Forgets a run begun with <see cref="BeginAsync"/> that wrote nothing worth a row (a watch folder that held no files).</summary>
    public async Task ForgetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.ImportRuns.Where(r => r.Id == id && !db.ImportRunArticles.Any(a => a.RunId == id)).ExecuteDeleteAsync(ct);
    }

    /// <summary>The latest runs, newest first.</summary>
    public async Task<IReadOnlyList<ImportRun>> RecentAsync(int count, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ImportRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(count)
            .Select(r => new ImportRun
            {
                Id = r.Id, StartedAt = r.StartedAt, FinishedAt = r.FinishedAt, StartedBy = r.StartedBy, Kind = r.Kind, Source = r.Source,
                Files = r.Files, Imported = r.Imported, Updated = r.Updated, Unchanged = r.Unchanged, Rejected = r.Rejected,
                Warnings = r.Warnings, Problems = r.Problems, Cancelled = r.Cancelled, Error = r.Error,
            })
            .ToListAsync(ct);
    }

    /// <summary>One run with its stored problems, or null.</summary>
    public async Task<(ImportRun Run, IReadOnlyList<ImportProblem> Problems)?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.ImportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (run is null)
            return null;
        var stored = run.ProblemsJson is null ? [] : JsonSerializer.Deserialize<List<StoredProblem>>(run.ProblemsJson) ?? [];
        return (run, stored.Select(p => new ImportProblem(p.File,
            p.Severity == "error" ? ProblemSeverity.Error : ProblemSeverity.Warning, p.Line, p.Message)).ToList());
    }

    private sealed record StoredProblem(string File, string Severity, int? Line, string Message);
}
