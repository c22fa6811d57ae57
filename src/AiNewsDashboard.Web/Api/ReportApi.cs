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
            [AsParameters] FilterQuery filterQuery, [AsParameters] ProviderReportQuery reportQuery, ProviderReports reports, CancellationToken ct) =>
        {
            var problems = new QueryProblems();
            var filter = DashboardQuery.ReadFilter(filterQuery.ToParameters(), problems);
            var list = DashboardQuery.ReadProviderList(new ProviderListParameters(Sort: reportQuery.Sort, Dir: reportQuery.Dir, Search: reportQuery.Search), problems);
            var top = DashboardQuery.Int(reportQuery.Top, "top", 1, ProviderReports.MaxTop, problems) ?? ProviderReports.DefaultTop;
            if (!problems.IsEmpty)
                return TypedResults.ValidationProblem(problems.ToDictionary(), title: "Some query parameters could not be read.");
            var pdf = await reports.WriteAsync("Providers", filter, list.Sort, top, list.Search, ct);
            return new PdfDownload("providers-report.pdf", pdf);
        }).WithSummary("The managers' report as PDF: the providers' summary and the first rows of the leaderboard, with the filter and dates on every page")
            .RequireRateLimiting(Hardening.ExportPolicy);

        return app;
    }
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
