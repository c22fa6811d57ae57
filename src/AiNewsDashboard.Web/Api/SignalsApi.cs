using System.ComponentModel;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Signals;
using AiNewsDashboard.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AiNewsDashboard.Web.Api;

/// <summary>/api/stats/timeline.csv: which figure its extra columns carry.</summary>
public sealed record MeasureQuery(
    [property: FromQuery(Name = "measure"), Description("count (default), weighted, highquality or heat: with any but count, three columns follow " +
        "with that figure per period, the share of the period's articles it rests on, and why it is withheld when it is.")] string? Measure);

/// <summary>The signals' endpoints: coverage gaps. Quality-weighted attention rides on /api/stats/timeline and /api/stats/topics.</summary>
public static class SignalsApi
{
    public static RouteGroupBuilder MapSignalsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/signals/blindspots", async Task<Results<Ok<BlindspotReport>, ValidationProblem>> (
            [AsParameters] FilterQuery filterQuery, FilterReader reader, BlindspotQueries queries, IOptions<AttentionOptions> options, CancellationToken ct) =>
        {
            var problems = new QueryProblems();
            var filter = await reader.ReadAsync(filterQuery.ToParameters(), problems, ct);
            if (!problems.IsEmpty)
                return DashboardApi.Invalid(problems);
            return TypedResults.Ok(await queries.GetAsync(filter, options.Value.ToSettings(), ct));
        }).WithSummary("Coverage gaps: topics surging in the last window (ending on the newest matching article) while high-quality providers stay " +
                       "away, each with its evidence; silence says why none can be judged");
        return api;
    }

    /// <summary>The CSV columns a measure adds: its figure, its coverage and why it is withheld.</summary>
    public static string[] CsvHeadings(AttentionMeasure measure) => measure.Parameter() is { } name ? [name, $"{name}_coverage", $"{name}_withheld"] : [];

    public static object?[] CsvCells(Attention? attention, AttentionMeasure measure) =>
        attention?.FigureOf(measure) is { } f ? [f.Value is { } v ? Math.Round(v, 4) : null, Math.Round(f.Coverage, 4), f.Withheld] : [];
}
