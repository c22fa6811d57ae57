using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiNewsDashboard.Web.Api;

/// <summary>An import's report from the history, as the import page offers it for download.</summary>
public static class ImportApi
{
    public static IEndpointRouteBuilder MapImportApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/imports/{id:int}/report.csv", async Task<Results<CsvDownload, NotFound<string>>> (int id, ImportHistory history, CancellationToken ct) =>
        {
            if (await history.GetAsync(id, ct) is not var (run, problems))
                return TypedResults.NotFound($"there is no import {id} in the history");
            return new CsvDownload($"import-{id}.csv", async w =>
            {
                await w.WriteLineAsync(Csv.Line("file", "severity", "line", "message"));
                foreach (var p in problems)
                    await w.WriteLineAsync(Csv.Line(p.File, p.SeverityName, p.Line, p.Message));
                if (run.Problems > problems.Count)
                    await w.WriteLineAsync(Csv.Line("", "", null, $"… and {run.Problems - problems.Count:N0} more problems (the history keeps the first {ImportHistory.MaxStoredProblems:N0})"));
                await w.WriteLineAsync();
                await w.WriteLineAsync(Csv.Line("files", "imported", "updated", "unchanged", "rejected", "warnings", "cancelled"));
                await w.WriteLineAsync(Csv.Line(run.Files, run.Imported, run.Updated, run.Unchanged, run.Rejected, run.Warnings, run.Cancelled));
            });
        }).RequireAuthorization(DashboardPolicies.Editor);
        app.MapImportUndoApi();
        return app;
    }
}
