using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Reports;
using AiNewsDashboard.Core.Views;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Web.Reports;

/// <summary>A schedule with its latest runs, newest first.</summary>
public sealed record ScheduleListing(ReportSchedule Schedule, string? ViewName, IReadOnlyList<ReportRun> Runs);

/// <summary>Lists, adds and deletes report schedules: the API and the Reports page both come here.</summary>
public sealed class ReportSchedules(IDbContextFactory<NewsDbContext> dbFactory, IReportViewSource views, TimeProvider clock)
{
    public const int RecentRuns = 10;

    public async Task<IReadOnlyList<ScheduleListing>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var schedules = await db.ReportSchedules.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);
        var result = new List<ScheduleListing>();
        foreach (var s in schedules)
        {
            var runs = await db.ReportRuns.AsNoTracking().Where(r => r.ScheduleId == s.Id).OrderByDescending(r => r.PeriodFrom).Take(RecentRuns).ToListAsync(ct);
            result.Add(new ScheduleListing(s, (await views.FindAsync(s.SavedViewId, ct))?.Name, runs));
        }
        return result;
    }

    /// <summary>Adds a schedule, or says (in <paramref name="problems"/>, by field) why not.</summary>
    public async Task<ReportSchedule?> AddAsync(int? savedViewId, string? frequency, int? top, string? user, QueryProblems problems, CancellationToken ct)
    {
        ReportFrequency? parsed = null;
        if (string.IsNullOrWhiteSpace(frequency))
            problems.Add("frequency", "frequency: required, one of daily, weekly or monthly");
        else if (Enum.TryParse<ReportFrequency>(frequency.Trim(), ignoreCase: true, out var f) && Enum.IsDefined(f) && !char.IsAsciiDigit(frequency.Trim()[0]))
            parsed = f;
        else
            problems.Add("frequency", $"frequency: '{frequency}' is not daily, weekly or monthly");
        if (top is < 1 or > ProviderReports.MaxTop)
            problems.Add("top", $"top: {top} is not a number of rows from 1 to {ProviderReports.MaxTop}");
        if (savedViewId is not { } id)
            problems.Add("savedViewId", "savedViewId: required, the id of a saved view");
        else if (await views.FindAsync(id, ct) is not { } view || !view.IsVisibleTo(user ?? SavedViewService.LocalOwner))
            problems.Add("savedViewId", $"savedViewId: there is no saved view {id}");
        else if (SavedView.IsComparisonPage(view.Page))
            problems.Add("savedViewId", $"savedViewId: '{view.Name}' is a comparison of several queries; a report needs a view with one filter");
        if (!problems.IsEmpty)
            return null;
        var schedule = new ReportSchedule
        {
            SavedViewId = savedViewId!.Value, Frequency = parsed!.Value, Top = top ?? ProviderReports.DefaultTop,
            CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = user,
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ReportSchedules.Add(schedule);
        await db.SaveChangesAsync(ct);
        return schedule;
    }

    /// <summary>Deletes a schedule and its runs' rows (the written PDFs stay in the folder); false when there is no such schedule.</summary>
    public async Task<bool> DeleteAsync(int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ReportSchedules.Where(s => s.Id == id).ExecuteDeleteAsync(ct) > 0;
    }

    public async Task<ReportRun?> FindRunAsync(int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ReportRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
    }
}
