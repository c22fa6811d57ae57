using AiNewsDashboard.Core.Queries;

namespace AiNewsDashboard.Web.Reports;

/// <summary>
/// What the managers' report shows, from the same queries as the Providers page: the summary (best, slipping, movers) and
/// the first <see cref="Top"/> rows of the leaderboard in <see cref="Request"/>'s order, of <see cref="Leaderboard"/>'s
/// Total; and the articles per period as a timeline. <paramref name="Title"/> names the report (a saved view's name, say).
/// </summary>
public sealed record ProviderReport(string Title, DashboardFilter Filter, ProviderListRequest Request, ProviderSummary Summary,
    ProviderLeaderboardPage Leaderboard, Timeline Timeline, DateTimeOffset GeneratedUtc)
{
    public int Top => Request.PageSize;

    /// <summary>Providers the leaderboard holds that the report leaves out.</summary>
    public int LeftOut => Math.Max(0, Leaderboard.Total - Leaderboard.Providers.Count);
}

/// <summary>Gathers a <see cref="ProviderReport"/> and writes it as PDF (<see cref="ProviderReportPdf"/>).</summary>
public sealed class ProviderReports(ProviderQualityQueries providers, TimelineQueries timeline, TimeProvider clock)
{
    /// <summary>Rows of the leaderboard a report holds unless asked otherwise: two pages of A4.</summary>
    public const int DefaultTop = 25;

    /// <summary>The most rows a report may hold: a long tail of thousands of outlets stays out of a manager's PDF.</summary>
    public const int MaxTop = 200;

    public async Task<ProviderReport> GatherAsync(string title, DashboardFilter filter, ProviderSort sort, int top, string? search = null,
        CancellationToken ct = default)
    {
        var request = new ProviderListRequest(sort, 1, Math.Clamp(top, 1, MaxTop), search);
        var summary = await providers.GetSummaryAsync(filter, ct: ct);
        var board = await providers.GetLeaderboardPageAsync(filter, request, ct: ct);
        var line = await timeline.GetTimelineAsync(filter, ct: ct);
        return new ProviderReport(title, filter, request, summary, board, line, clock.GetUtcNow());
    }

    public async Task<byte[]> WriteAsync(string title, DashboardFilter filter, ProviderSort sort, int top, string? search = null,
        CancellationToken ct = default) =>
        ProviderReportPdf.Write(await GatherAsync(title, filter, sort, top, search, ct));
}
