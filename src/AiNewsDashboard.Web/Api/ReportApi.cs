using System.ComponentModel;
using System.Reflection;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Web.Hosting;
using AiNewsDashboard.Web.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace AiNewsDashboard.Web.Api;

/// <summary>The report's own parameters beside the filter: the leaderboard's order and search (as the Providers page), and how many rows.</summary>
public sealed record ProviderReportQuery(
    [property: FromQuery(Name = "sort"), Description("score (default), name, articles, mean, median, heat, published or active.")] string? Sort,
    [property: FromQuery(Name = "dir"), Description("desc or asc; by default asc for name, desc for the rest.")] string? Dir,
    [property: FromQuery(Name = "search"), Description("Part of a provider's name or domain, any case (at most 200 characters).")] string? Search,
    [property: FromQuery(Name = "top"), Description("Leaderboard rows in the report, 1 to 200 (default 25); the report says how many it leaves out.")] string? Top);

/// <summary>The managers' report: the Providers page's summary and leaderboard as PDF.</summary>
public static class ReportApi
{
    public static IEndpointRouteBuilder MapReportApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reports").RequireAuthorization(DashboardPolicies.Viewer).WithTags("Reports");

        api.MapGet("/providers.pdf", async Task<Results<PdfDownload, ValidationProblem>> (
            [AsParameters] FilterQuery filterQuery, FilterReader reader, [AsParameters] ProviderReportQuery reportQuery, ProviderReports reports, CancellationToken ct) =>
        {
            var problems = new QueryProblems();
            var filter = await reader.ReadAsync(filterQuery.ToParameters(), problems, ct);
            var list = DashboardQuery.ReadProviderList(new ProviderListParameters(Sort: reportQuery.Sort, Dir: reportQuery.Dir, Search: reportQuery.Search), problems);
            var top = DashboardQuery.Int(reportQuery.Top, "top", 1, ProviderReports.MaxTop, problems) ?? ProviderReports.DefaultTop;
            if (!problems.IsEmpty)
                return TypedResults.ValidationProblem(problems.ToDictionary(), title: "Some query parameters could not be read.");
            var pdf = await reports.WriteAsync("Provider quality", filter, list.Sort, top, list.Search, ct);
            return new PdfDownload("providers-report.pdf", pdf);
        }).WithSummary("The managers' report as PDF: the providers' summary and the first rows of the leaderboard, with the filter and dates on every page")
            .RequireRateLimiting(Hardening.ExportPolicy);

        api.MapGet("/schedules", async (ReportSchedules schedules, CancellationToken ct) =>
            TypedResults.Ok((await schedules.ListAsync(ct)).Select(ScheduleResult.From).ToArray()))
            .WithSummary("The report schedules, each with its latest runs");

        api.MapPost("/schedules", async Task<Results<Created<ScheduleResult>, ValidationProblem>> (ScheduleRequest request, ReportSchedules schedules,
            HttpContext context, CancellationToken ct) =>
        {
            var problems = new QueryProblems();
            var user = context.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : null;
            var schedule = await schedules.AddAsync(request.SavedViewId, request.Frequency, request.Top, user, problems, ct);
            if (schedule is null)
                return TypedResults.ValidationProblem(problems.ToDictionary(), title: "The schedule could not be added.");
            return TypedResults.Created($"/api/reports/schedules/{schedule.Id}", ScheduleResult.From(new ScheduleListing(schedule, null, [])));
        }).RequireAuthorization(DashboardPolicies.Editor)
            .WithSummary("Schedule a saved view's report: daily, weekly or monthly, each run covering the period that just ended (UTC)");

        api.MapDelete("/schedules/{id:int}", async Task<Results<NoContent, ProblemHttpResult>> (int id, ReportSchedules schedules, CancellationToken ct) =>
            await schedules.DeleteAsync(id, ct) ? TypedResults.NoContent() : NotFound("No such schedule", $"There is no report schedule {id}."))
            .RequireAuthorization(DashboardPolicies.Editor).WithSummary("Stop a schedule (the PDFs written stay in the reports folder)");

        api.MapGet("/runs/{id:int}.pdf", async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> (int id, ReportSchedules schedules, ReportScheduler scheduler,
            CancellationToken ct) =>
        {
            if (await schedules.FindRunAsync(id, ct) is not { FileName: { } file } || Path.Combine(scheduler.Folder, file) is var path && !File.Exists(path))
                return NotFound("No such report", $"Run {id} wrote no PDF, or its file is no longer in the reports folder.");
            return TypedResults.PhysicalFile(path, "application/pdf", file);
        }).WithSummary("The PDF a scheduled run wrote");

        return app;
    }

    // With a body, so the status-code pages leave it alone (an empty 404 is re-executed as the HTML not-found page).
    private static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: title, detail: detail);
}

/// <param name="SavedViewId">The saved view whose filter each run applies, over its own period.</param>
/// <param name="Frequency">daily, weekly or monthly.</param>
/// <param name="Top">Leaderboard rows, 1 to 200 (default 25).</param>
public sealed record ScheduleRequest(int? SavedViewId, string? Frequency, int? Top);

/// <param name="File">Where to download the PDF, once written.</param>
public sealed record RunResult(int Id, DateOnly PeriodFrom, DateOnly PeriodTo, string Status, DateTime StartedAt, DateTime? FinishedAt, string? File,
    string? Error);

public sealed record ScheduleResult(int Id, int SavedViewId, string? ViewName, string Frequency, int Top, DateTime CreatedAt, string? CreatedBy,
    IReadOnlyList<RunResult> Runs)
{
    public static ScheduleResult From(ScheduleListing l) => new(l.Schedule.Id, l.Schedule.SavedViewId, l.ViewName,
        l.Schedule.Frequency.ToString().ToLowerInvariant(), l.Schedule.Top, l.Schedule.CreatedAt, l.Schedule.CreatedBy,
        l.Runs.Select(r => new RunResult(r.Id, r.PeriodFrom, r.PeriodTo, r.Status.ToString().ToLowerInvariant(), r.StartedAt, r.FinishedAt,
            r.FileName is null ? null : $"/api/reports/runs/{r.Id}.pdf", r.Error)).ToArray());
}

/// <summary>A PDF download; OpenAPI describes it as application/pdf.</summary>
public sealed class PdfDownload(string fileName, byte[] pdf) : IResult, IEndpointMetadataProvider
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = "application/pdf";
        httpContext.Response.Headers.ContentDisposition = $"attachment; filename={fileName}";
        httpContext.Response.ContentLength = pdf.Length;
        await httpContext.Response.Body.WriteAsync(pdf, httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(byte[]), ["application/pdf"]));
}
