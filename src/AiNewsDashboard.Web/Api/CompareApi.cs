using System.ComponentModel;
using System.Globalization;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Web.Components.Compare;
using AiNewsDashboard.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AiNewsDashboard.Web.Api;

/// <summary>/api/compare and /api/compare.csv: the parameters of the /compare page's URL (<see cref="CompareUrl"/>).</summary>
public sealed record CompareParameters(
    [property: FromQuery(Name = "q1"), Description(CompareParameters.QueryFormat)] string? Q1,
    [property: FromQuery(Name = "q2"), Description("The second query, as q1.")] string? Q2,
    [property: FromQuery(Name = "q3"), Description("The third query, as q1.")] string? Q3,
    [property: FromQuery(Name = "q4"), Description("The fourth query, as q1.")] string? Q4,
    [property: FromQuery(Name = "q5"), Description("The fifth query, as q1.")] string? Q5,
    [property: FromQuery(Name = "z"), Description("q1 to q5 deflated and base64url-encoded, as the page writes them when the readable form would make the URL longer than 2,000 characters; instead of q1 to q5.")] string? Z,
    [property: FromQuery(Name = "granularity"), Description("day, week, month, quarter or year; chosen from the range when absent.")] string? Granularity,
    [property: FromQuery(Name = "top"), Description("How many top topics and providers per query, 1 to 100 (default 10).")] string? Top)
{
    public const string QueryFormat =
        "The first query: fields as key:value separated by ';', lists separated by ','. n name, c colour (six hex digits), s search " +
        "(the syntax of q elsewhere), p providers, t topics, k categories, f from, u to (YYYY-MM-DD), lo and hi quality (0-100), pb published " +
        "(true/false), r references (include/exclude). A ; : , or % inside a value is written %3B %3A %2C %25 before the URL's own escaping. " +
        "Example: q1=n:Chips;s:chip;p:reuters.com,apnews.com;f:2025-01-01;u:2025-03-31";

    public string? Value(string name) => name switch
    {
        "q1" => Q1, "q2" => Q2, "q3" => Q3, "q4" => Q4, "q5" => Q5, "z" => Z, _ => null,
    };
}

/// <param name="Denominator">What each query's total counts.</param>
/// <param name="Buckets">The shared periods; each query's buckets line up with them.</param>
/// <param name="Overlaps">Every pair of queries (first, second: indices from 0) and the articles both match.</param>
/// <param name="InAll">Articles every query matches; <paramref name="InAny"/>: at least one.</param>
public sealed record CompareResult(string Granularity, string? Message, string Denominator, IReadOnlyList<ComparePeriod> Buckets,
    IReadOnlyList<CompareQueryResult> Queries, IReadOnlyList<QueryOverlap> Overlaps, int InAll, int InAny);

/// <param name="Filter">The query's filter in the query-string form of every other endpoint.</param>
/// <param name="Denominator">The filter its totals count: the same without q.</param>
/// <param name="Matches">Matching articles, undated ones included; <paramref name="Total"/> the same under the denominator.</param>
public sealed record CompareQueryResult(string Name, string Color, string Filter, string Denominator, int Matches, int Total, double? Ratio, int Undated,
    IReadOnlyList<CompareBucketResult> Buckets, IReadOnlyList<TopicShare> TopTopics, IReadOnlyList<ProviderShare> TopProviders);

/// <param name="Ratio">matches / total (0 to 1); null when the period holds no article under the denominator.</param>
public sealed record CompareBucketResult(DateOnly Start, int Matches, int Total, double? Ratio);

public static class CompareApi
{
    /// <summary>What a query's total counts, as the JSON, the CSV's header and the page's legend say it.</summary>
    public const string DenominatorText = "articles matching the query's filters without its search text";

    public static RouteGroupBuilder MapCompareApi(this RouteGroupBuilder api)
    {
        api.MapGet("/compare", async Task<Results<Ok<CompareResult>, ValidationProblem>> (
            [AsParameters] CompareParameters parameters, CompareQueries queries, FilterReader reader, CancellationToken ct) =>
        {
            var (specs, granularity, top, problems) = Read(parameters);
            specs = await CompareUrl.ResolveAsync(specs, reader, problems, ct);
            if (!problems.IsEmpty)
                return DashboardApi.Invalid(problems);
            var comparison = await queries.CompareAsync(specs.Select(s => s.ToQuery()).ToArray(), granularity, top, ct);
            return TypedResults.Ok(ToResult(specs, comparison));
        }).WithSummary("Up to five queries side by side: matches, totals and ratios per period, top topics and providers, overlaps");

        api.MapGet("/compare.csv", async Task<Results<CsvDownload, ValidationProblem>> (
            [AsParameters] CompareParameters parameters, CompareQueries queries, FilterReader reader, CancellationToken ct) =>
        {
            var (specs, granularity, _, problems) = Read(parameters);
            specs = await CompareUrl.ResolveAsync(specs, reader, problems, ct);
            if (!problems.IsEmpty)
                return DashboardApi.Invalid(problems);
            var comparison = await queries.CompareAsync(specs.Select(s => s.ToQuery()).ToArray(), granularity, 0, ct);
            return new CsvDownload("compare.csv", async w =>
            {
                await w.WriteLineAsync(Csv.Line([.. Header(specs)]));
                foreach (var row in Rows(comparison))
                    await w.WriteLineAsync(Csv.Line([.. row]));
            });
        }).WithSummary("The comparison as CSV: a row per period, per query its matches, total and ratio").RequireRateLimiting(Hardening.ExportPolicy);
        return api;
    }

    private static (IReadOnlyList<CompareQuerySpec> Specs, TimeGranularity? Granularity, int Top, QueryProblems Problems) Read(CompareParameters p)
    {
        var problems = new QueryProblems();
        var specs = CompareUrl.Read(p.Value, problems);
        if (specs.Count == 0 && problems.IsEmpty)
            problems.Add("q1", $"q1: a comparison needs at least one query (q1 to q{CompareQueries.MaxQueries})");
        var granularity = DashboardQuery.Enum<TimeGranularity>(p.Granularity, "granularity", problems);
        var top = DashboardQuery.Int(p.Top, "top", 1, 100, problems) ?? 10;
        return (specs, granularity, top, problems);
    }

    private static CompareResult ToResult(IReadOnlyList<CompareQuerySpec> specs, Comparison c) => new(
        c.Granularity.ToString().ToLowerInvariant(), c.Message, DenominatorText, c.Buckets,
        c.Queries.Select((q, i) => new CompareQueryResult(q.Name, specs[i].Color, q.Filter.ToQueryString(), q.Denominator.ToQueryString(),
            q.Matches, q.Total, q.Ratio, q.Undated,
            q.Buckets.Select((b, k) => new CompareBucketResult(c.Buckets[k].Start, b.Matches, b.Total, b.Ratio)).ToArray(),
            q.TopTopics, q.TopProviders)).ToArray(),
        c.Overlaps, c.InAll, c.InAny);

    /// <summary>start, end, then per query its matches, total and ratio; each column names its query, and the totals their denominator.</summary>
    internal static IEnumerable<string> Header(IReadOnlyList<CompareQuerySpec> specs)
    {
        yield return "start";
        yield return "end";
        for (var i = 0; i < specs.Count; i++)
        {
            var label = $"{CompareUrl.ParameterOf(i)} {specs[i].Name}";
            yield return $"{label}: matches";
            yield return $"{label}: total ({DenominatorText})";
            yield return $"{label}: ratio (matches / total)";
        }
    }

    internal static IEnumerable<List<object?>> Rows(Comparison c)
    {
        for (var b = 0; b < c.Buckets.Count; b++)
        {
            var row = new List<object?> { c.Buckets[b].Start, c.Buckets[b].End };
            foreach (var q in c.Queries)
            {
                row.Add(q.Buckets[b].Matches);
                row.Add(q.Buckets[b].Total);
                // Six decimals: a share of a few articles in a million still shows.
                row.Add(q.Buckets[b].Ratio?.ToString("0.######", CultureInfo.InvariantCulture));
            }
            yield return row;
        }
    }
}
