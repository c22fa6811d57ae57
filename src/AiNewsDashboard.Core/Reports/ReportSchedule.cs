namespace AiNewsDashboard.Core.Reports;

/// <summary>How often a scheduled report runs; each run covers the period that just ended (<see cref="ReportPeriod"/>).</summary>
public enum ReportFrequency { Daily, Weekly, Monthly }

/// <summary>
/// A managers' report written (and mailed, when SMTP is set up) every <see cref="Frequency"/> for one saved view: the view's
/// filter over the period that just ended, not its own dates. The view is referenced by id only (<see cref="IReportViewSource"/>).
/// </summary>
public sealed class ReportSchedule
{
    public int Id { get; set; }
    public int SavedViewId { get; set; }
    public ReportFrequency Frequency { get; set; }

    /// <summary>Leaderboard rows in each report.</summary>
    public int Top { get; set; } = 25;

    public DateTime CreatedAt { get; set; }

    /// <summary>Who added it; null for Local mode.</summary>
    public string? CreatedBy { get; set; }

    public List<ReportRun> Runs { get; set; } = [];
}

/// <summary>What became of a run.</summary>
public enum ReportRunStatus
{
    /// <summary>Claimed by a server, not finished (or that server stopped before it finished).</summary>
    Running,
    /// <summary>The PDF was written; mail is not configured.</summary>
    Written,
    /// <summary>The PDF was written and mailed.</summary>
    Mailed,
    Failed,
}

/// <summary>
/// One period of one schedule. (<see cref="ScheduleId"/>, <see cref="PeriodFrom"/>) is unique: the row is inserted before
/// anything is written or sent, so two servers racing for a period can't both have it, and a period is never sent twice.
/// </summary>
public sealed class ReportRun
{
    public int Id { get; set; }
    public int ScheduleId { get; set; }
    public ReportSchedule? Schedule { get; set; }
    public DateOnly PeriodFrom { get; set; }
    public DateOnly PeriodTo { get; set; }
    public ReportRunStatus Status { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    /// <summary>The PDF's file name in the reports folder.</summary>
    public string? FileName { get; set; }

    /// <summary>Why it failed, in words.</summary>
    public string? Error { get; set; }
}

/// <summary>A saved view as a report needs it: its name, page and query string (without '?'), and who may see it.</summary>
public sealed record ReportView(int Id, string Name, string Page, string Query, string OwnerId = Views.SavedViewService.LocalOwner, bool IsShared = false)
{
    public bool IsVisibleTo(string owner) => IsShared || OwnerId == owner;
}

/// <summary>Finds the saved view a schedule names; null when it no longer exists.</summary>
public interface IReportViewSource
{
    Task<ReportView?> FindAsync(int savedViewId, CancellationToken ct);
}

/// <summary>A closed period of days, both ends inclusive (UTC).</summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To)
{
    /// <summary>
    /// The period of <paramref name="frequency"/> that ended most recently at <paramref name="now"/> (UTC): yesterday; the
    /// last whole ISO week, Monday to Sunday; the last whole month.
    /// </summary>
    public static ReportPeriod LastEnded(ReportFrequency frequency, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        switch (frequency)
        {
            case ReportFrequency.Daily:
                return new(today.AddDays(-1), today.AddDays(-1));
            case ReportFrequency.Weekly:
                var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
                return new(monday.AddDays(-7), monday.AddDays(-1));
            default:
                var first = new DateOnly(today.Year, today.Month, 1);
                return new(first.AddMonths(-1), first.AddDays(-1));
        }
    }
}
