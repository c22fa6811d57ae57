using System.Globalization;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Reports;
using AiNewsDashboard.Core.Views;
using AiNewsDashboard.Web.Hosting;
using AiNewsDashboard.Web.Mail;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiNewsDashboard.Web.Reports;

/// <summary>
/// Runs the report schedules: at start and every <see cref="ReportOptions.CheckInterval"/>, each schedule's period that
/// ended last (<see cref="ReportPeriod.LastEnded"/>, by the <see cref="TimeProvider"/>) is written to the reports folder and
/// mailed when SMTP is configured, unless the database already holds a run for it. After downtime only that last period is
/// made: the periods missed before it are skipped, so a server back after a month doesn't mail thirty stale reports.
/// A run is claimed by inserting its row first; the unique (schedule, period) key lets one server of several win.
/// </summary>
public sealed class ReportScheduler(IDbContextFactory<NewsDbContext> dbFactory, IReportViewSource views, FilterReader filterReader, ProviderReports reports,
    IMailSender mail, IOptions<ReportOptions> options, IOptions<DatabaseOptions> database, TimeProvider clock,
    ILogger<ReportScheduler> log) : BackgroundService
{
    private readonly TaskCompletionSource _firstCheck = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Folder => options.Value.FolderFor(database.Value);

    /// <summary>Completes once the check at start has ended, whether it made runs, found none due or failed.</summary>
    internal Task FirstCheck => _firstCheck.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Scheduled reports: the check failed; trying again in {Interval}", options.Value.CheckInterval);
            }
            finally
            {
                _firstCheck.TrySetResult();
            }
            await Task.Delay(options.Value.CheckInterval, clock, stoppingToken);
        }
    }

    /// <summary>Makes every due run now; returns the runs this call made (claimed), whatever became of them.</summary>
    public async Task<IReadOnlyList<ReportRun>> RunDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<ReportSchedule> schedules;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            schedules = await db.ReportSchedules.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);
        var made = new List<ReportRun>();
        foreach (var schedule in schedules)
        {
            var period = ReportPeriod.LastEnded(schedule.Frequency, now);
            if (await ClaimAsync(schedule, period, now, ct) is not { } run)
                continue;
            await CompleteAsync(schedule, run, ct);
            made.Add(run);
        }
        return made;
    }

    /// <summary>The run's row, inserted; null when the period already has one (here or on another server).</summary>
    private async Task<ReportRun?> ClaimAsync(ReportSchedule schedule, ReportPeriod period, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.ReportRuns.AnyAsync(r => r.ScheduleId == schedule.Id && r.PeriodFrom == period.From, ct))
            return null;
        var run = new ReportRun
        {
            ScheduleId = schedule.Id, PeriodFrom = period.From, PeriodTo = period.To, Status = ReportRunStatus.Running, StartedAt = now.UtcDateTime,
        };
        db.ReportRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(ct);
            return run;
        }
        catch (DbUpdateException)
        {
            // Another server inserted the same (schedule, period) first: it makes this run.
            return null;
        }
    }

    private async Task CompleteAsync(ReportSchedule schedule, ReportRun run, CancellationToken ct)
    {
        try
        {
            var view = await views.FindAsync(schedule.SavedViewId, ct)
                ?? throw new ReportException($"the saved view {schedule.SavedViewId} no longer exists; delete this schedule or save the view again");
            var (filter, sort, search) = Read(view, run);
            // Its provider collections as they are today; one deleted since the view was saved fails the run, saying so.
            var problems = new QueryProblems();
            filter = await filterReader.ResolveAsync(filter, problems, ct);
            if (!problems.IsEmpty)
                throw new ReportException(string.Join("; ", problems.Messages));
            var pdf = await reports.WriteAsync($"{view.Name}: provider quality", filter, sort, schedule.Top, search, ct);
            var folder = Folder;
            Directory.CreateDirectory(folder);
            var fileName = string.Create(CultureInfo.InvariantCulture,
                $"report-{schedule.Id}-{schedule.Frequency.ToString().ToLowerInvariant()}-{run.PeriodFrom:yyyy-MM-dd}.pdf");
            var temporary = Path.Combine(folder, fileName + ".part");
            await File.WriteAllBytesAsync(temporary, pdf, ct);
            File.Move(temporary, Path.Combine(folder, fileName), overwrite: true);
            run.FileName = fileName;
            if (mail.IsConfigured)
            {
                await mail.SendAsync(new OutgoingMail($"{view.Name}: provider quality, {PeriodText(run)}",
                    $"The {schedule.Frequency.ToString().ToLowerInvariant()} report of the saved view '{view.Name}' for {PeriodText(run)} (UTC) is attached.\n" +
                    $"Filter: {Components.Filters.FilterWords.Of(filter)}\n",
                    [new MailAttachment(fileName, "application/pdf", pdf)]), ct);
                run.Status = ReportRunStatus.Mailed;
            }
            else
                run.Status = ReportRunStatus.Written;
            log.LogInformation("Scheduled report {Schedule} for {From}–{To}: {Status}, {File}", schedule.Id, run.PeriodFrom, run.PeriodTo, run.Status, fileName);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            run.Status = ReportRunStatus.Failed;
            run.Error = e is ReportException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            log.LogError(e, "Scheduled report {Schedule} for {From}–{To} failed", schedule.Id, run.PeriodFrom, run.PeriodTo);
        }
        run.FinishedAt = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        db.ReportRuns.Update(run);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    /// <summary>The view's filter with the run's period in place of its own dates, and the leaderboard's order and search it keeps.</summary>
    public static (DashboardFilter Filter, ProviderSort Sort, string? Search) Read(ReportView view, ReportRun run)
    {
        var problems = new QueryProblems();
        var filter = DashboardFilter.FromQueryString(view.Query, problems) with { From = run.PeriodFrom, To = run.PeriodTo };
        var query = QueryHelpers.ParseQuery(view.Query.StartsWith('?') ? view.Query : "?" + view.Query);
        string? One(string name) => query.TryGetValue(name, out var v) ? v.ToString() : null;
        var list = DashboardQuery.ReadProviderList(new ProviderListParameters(Sort: One("sort"), Dir: One("dir"), Search: One("search")), problems);
        return (filter, list.Sort, list.Search);
    }

    private static string PeriodText(ReportRun run) => run.PeriodFrom == run.PeriodTo
        ? run.PeriodFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{run.PeriodFrom:yyyy-MM-dd} – {run.PeriodTo:yyyy-MM-dd}");

    private sealed class ReportException(string message) : Exception(message);
}

/// <summary>The saved views' store, as the schedules read it.</summary>
public sealed class SavedViewReportSource(SavedViewService views) : IReportViewSource
{
    public async Task<ReportView?> FindAsync(int savedViewId, CancellationToken ct) =>
        await views.FindAsync(savedViewId, ct) is { } v ? new ReportView(v.Id, v.Name, v.Page, v.Query, v.OwnerId, v.IsShared) : null;
}
