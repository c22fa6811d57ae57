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
        var run = new ImportRun
        {
            Kind = kind,
            Source = source,
            StartedBy = startedBy,
            StartedAt = startedAtUtc,
            FinishedAt = finishedAtUtc,
            Error = error,
            Cancelled = cancelled,
        };
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
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ImportRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return run.Id;
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
