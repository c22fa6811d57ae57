using System.ComponentModel;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Queries.Graph;
using AiNewsDashboard.Core.Syndication;
using AiNewsDashboard.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AiNewsDashboard.Web.Api;

/// <summary>
/// The numbers behind every chart, as JSON and as CSV (the chart card's "CSV of the numbers"). Each CSV is written from
/// the same answer record as its JSON twin, so the two never disagree; both take the shared filter and answer a
/// parameter they can't read with the same 400 ValidationProblem as the rest of the API.
/// </summary>
public static class ChartApi
{
    public static RouteGroupBuilder MapChartApi(this RouteGroupBuilder api)
    {
        api.MapGet("/stats/timeline.csv", async Task<Results<CsvDownload, ValidationProblem>> (
            [AsParameters] FilterQuery filterQuery, [AsParameters] TimelineQuery timelineQuery, [AsParameters] MeasureQuery measureQuery, TimelineQueries queries,
            Core.Signals.AttentionQueries attention, Microsoft.Extensions.Options.IOptions<AttentionOptions> attentionOptions, CancellationToken ct) =>
        {
            var problems = new QueryProblems();
            var filter = DashboardQuery.ReadFilter(filterQuery.ToParameters(), problems);
            var view = DashboardQuery.ReadTimeline(timelineQuery.ToParameters(), problems);
            var measure = Core.Signals.AttentionMeasures.Read(measureQuery.Measure, problems);
            if (!problems.IsEmpty)
                return DashboardApi.Invalid(problems);
            var t = TimelineResult.From(await queries.GetTimelineAsync(filter, view.Granularity, view.Stack, shares: view.View == TimelineView.Share, ct: ct));
            if (measure != Core.Signals.AttentionMeasure.Count)
                t = t.With(await attention.GetTimelineAsync(filter, view.Granularity, attentionOptions.Value.ToSettings(), ct));
            return new CsvDownload("timeline.csv", async w =>
            {
                await w.WriteLineAsync(Csv.Line(["start", "end", "articles", .. t.Series, "total", "share", .. AttentionCsv.CsvHeadings(measure)]));
                foreach (var b in t.Buckets)
                    await w.WriteLineAsync(Csv.Line([b.Start, b.End, b.Articles, .. (b.Series ?? []).Cast<object?>(), b.Total, b.Share,
                        .. AttentionCsv.CsvCells(b.Attention, measure)]));
            });
        }).WithSummary("The timeline's periods as CSV: articles, each stacked series, and with view=share the total and share")
            .RequireRateLimiting(Hardening.ExportPolicy);

        api.MapGet("/stats/topics.csv", async Task<Results<CsvDownload, ValidationProblem>> (
            [AsParameters] FilterQuery filterQuery, [AsParameters] TopicsQuery topicsQuery, TopicQueries queries, CancellationToken ct) =>
        {
            var problems = new QueryProblems();
            var filter = DashboardQuery.ReadFilter(filterQuery.ToParameters(), problems);
            var top = DashboardQuery.Int(topicsQuery.Top, "top", 1, 1000, problems) ?? 20;
            if (!problems.IsEmpty)
                return DashboardApi.Invalid(problems);
            return TopicsCsv("topics.csv", await queries.GetTopTopicsAsync(filter, top, ct));
        }).WithSummary("The most frequent topics and their share of articles, as CSV").RequireRateLimiting(Hardening.ExportPolicy);

        api.MapGet("/stats/topics/heatmap", async Task<Results<Ok<TopicHeatMapResult>, ValidationProblem>> (
            [AsParameters] FilterQuery filterQuery, [AsParameters] HeatMapQuery heatQuery, TopicQueries queries, CancellationToken ct) =>
            await HeatMapAsync(filterQuery, heatQuery, queries, ct) switch
            {
                (null, var problems) => DashboardApi.Invalid(problems),
                (var map, _) => TypedResults.Ok(map),
            }).WithSummary("Articles per topic and period, for the top topics (the Topics page's heat map)");

        api.MapGet("/stats/topics/heatmap.csv", async Task<Results<CsvDownload, ValidationProblem>> (
            [AsParameters] FilterQuery filterQuery, [AsParameters] HeatMapQuery heatQuery, TopicQueries queries, CancellationToken ct) =>
        {
            var (map, problems) = await HeatMapAsync(filterQuery, heatQuery, queries, ct);
            if (map is null)
                return DashboardApi.Invalid(problems);
            return new CsvDownload("topics-heatmap.csv", async w =>
            {
                // One row per topic and period (long form): a spreadsheet pivots it back into the grid.
                await w.WriteLineAsync(Csv.Line("topic", "period_start", "period_end", "articles"));
                foreach (var row in map.Rows)
                    for (var i = 0; i < map.Periods.Count; i++)
                        await w.WriteLineAsync(Csv.Line(row.Topic, map.Periods[i].Start, map.Periods[i].End, row.Counts[i]));
            });
        }).WithSummary("The topic heat map as CSV: one row per topic and period").RequireRateLimiting(Hardening.ExportPolicy);

        api.MapGet("/stats/topics/pairs", async Task<Results<Ok<TopicCoOccurrence>, ValidationProblem>> (
            [AsParameters] FilterQuery filterQuery, [AsParameters] TopicPairsQuery pairsQuery, TopicQueries queries, CancellationToken ct) =>
            await PairsAsync(filterQuery, pairsQuery, queries, ct) switch
            {
                (null, var problems) => DashboardApi.Invalid(problems),
                (var pairs, _) => TypedResults.Ok(pairs),
            }).WithSummary("How often the top topics appear together: every pair that does, most frequent first");

        api.MapGet("/stats/topics/pairs.csv", async Task<Results<CsvDownload, ValidationProblem>> (
            [AsParameters] FilterQuery filterQuery, [AsParameters] TopicPairsQuery pairsQuery, TopicQueries queries, CancellationToken ct) =>
        {
            var (pairs, problems) = await PairsAsync(filterQuery, pairsQuery, queries, ct);
            if (pairs is null)
                return DashboardApi.Invalid(problems);
            return new CsvDownload("topics-pairs.csv", async w =>
            {
                await w.WriteLineAsync(Csv.Line("topic", "with_topic", "articles"));
                foreach (var p in pairs.Pairs)
                    await w.WriteLineAsync(Csv.Line(p.First, p.Second, p.Articles));
            });
        }).WithSummary("Topics that appear together, as CSV: one row per pair").RequireRateLimiting(Hardening.ExportPolicy);

        api.MapGet("/stats/topics/emerging", async Task<Results<Ok<EmergingTopics>, ValidationProblem, ProblemHttpResult>> (
            [AsParameters] FilterQuery filterQuery, [AsParameters] EmergingQuery emergingQuery, TopicQueries queries, CancellationToken ct) =>
            await EmergingAsync(filterQuery, emergingQuery, queries, ct) switch
            {
                (null, { IsEmpty: false } problems) => DashboardApi.Invalid(problems),
                (null, _) => NoDatedArticles(),
                (var emerging, _) => TypedResults.Ok(emerging),
            }).WithSummary("Topics growing fastest against the period of equal length before");

        api.MapGet("/stats/topics/emerging.csv", async Task<Results<CsvDownload, ValidationProblem, ProblemHttpResult>> (
            [AsParameters] FilterQuery filterQuery, [AsParameters] EmergingQuery emergingQuery, TopicQueries queries, CancellationToken ct) =>
        {
            var (emerging, problems) = await EmergingAsync(filterQuery, emergingQuery, queries, ct);
            if (emerging is null)
                return problems.IsEmpty ? NoDatedArticles() : DashboardApi.Invalid(problems);
            return new CsvDownload("topics-emerging.csv", async w =>
            {
                await w.WriteLineAsync(Csv.Line("topic", "articles", "previous_articles", "growth", "from", "to", "previous_from", "previous_to"));
                foreach (var t in emerging.Topics)
                    await w.WriteLineAsync(Csv.Line(t.Topic, t.Articles, t.PreviousArticles, t.Growth, emerging.From, emerging.To,
                        emerging.PreviousFrom, emerging.PreviousTo));
            });
        }).WithSummary("Emerging topics as CSV, with the two periods compared").RequireRateLimiting(Hardening.ExportPolicy);

        api.MapGet("/stats/providers/{domain}", async Task<Results<Ok<ProviderDetailResult>, ValidationProblem, ProblemHttpResult>> (
            string domain, [AsParameters] FilterQuery filterQuery, ProviderQualityQueries queries, CancellationToken ct) =>
            await ProviderAsync(domain, filterQuery, queries, ct) switch
            {
                (null, { IsEmpty: false } problems) => DashboardApi.Invalid(problems),
                (null, _) => NoProvider(domain),
                (var detail, _) => TypedResults.Ok(detail),
            }).WithSummary("One provider under the filter: its standing, its articles and quality per period, and its top topics");

        api.MapGet("/stats/providers/{domain}/periods.csv", async Task<Results<CsvDownload, ValidationProblem, ProblemHttpResult>> (
            string domain, [AsParameters] FilterQuery filterQuery, ProviderQualityQueries queries, CancellationToken ct) =>
        {
            var (detail, problems) = await ProviderAsync(domain, filterQuery, queries, ct);
            if (detail is null)
                return problems.IsEmpty ? NoProvider(domain) : DashboardApi.Invalid(problems);
            return new CsvDownload("provider-periods.csv", async w =>
            {
                await w.WriteLineAsync(Csv.Line("start", "end", "articles", "rated_articles", "mean_quality", "median_quality"));
                foreach (var p in detail.Periods)
                    await w.WriteLineAsync(Csv.Line(p.Start, p.End, p.Articles, p.RatedArticles, p.MeanQuality, p.MedianQuality));
            });
        }).WithSummary("One provider's articles and quality per period, as CSV").RequireRateLimiting(Hardening.ExportPolicy);

        api.MapGet("/stats/providers/{domain}/topics.csv", async Task<Results<CsvDownload, ValidationProblem, ProblemHttpResult>> (
            string domain, [AsParameters] FilterQuery filterQuery, ProviderQualityQueries queries, CancellationToken ct) =>
        {
            var (detail, problems) = await ProviderAsync(domain, filterQuery, queries, ct);
            if (detail is null)
                return problems.IsEmpty ? NoProvider(domain) : DashboardApi.Invalid(problems);
            return TopicsCsv("provider-topics.csv", detail.Topics);
        }).WithSummary("One provider's top topics and their share of its articles, as CSV").RequireRateLimiting(Hardening.ExportPolicy);

        api.MapGet("/graph/clusters.csv", async Task<Results<CsvDownload, ValidationProblem>> (
            [AsParameters] FilterQuery filterQuery, [AsParameters] ClusterListQuery clusterQuery, GraphQueries queries, CancellationToken ct) =>
        {
            var problems = new QueryProblems();
            var filter = DashboardQuery.ReadFilter(filterQuery.ToParameters(), problems);
            var limit = DashboardQuery.Int(clusterQuery.Limit, "limit", 1, 10_000, problems) ?? 100;
            var minSize = DashboardQuery.Int(clusterQuery.MinSize, "minSize", 1, int.MaxValue, problems) ?? 2;
            if (!problems.IsEmpty)
                return DashboardApi.Invalid(problems);
            var stories = await queries.GetClustersAsync(filter, limit, minSize, ct);
            return new CsvDownload("stories.csv", async w =>
            {
                await w.WriteLineAsync(Csv.Line("id", "size", "provider_count", "headline", "headline_id", "first_provider", "first_provider_domain",
                    "lead_time_hours", "start", "end", "providers", "top_topics", "heat"));
                foreach (var c in stories.Clusters)
                    await w.WriteLineAsync(Csv.Line(c.Id, c.Size, c.ProviderCount, c.Headline, c.HeadlineId, c.FirstProvider, c.FirstProviderDomain,
                        c.LeadTimeHours, c.Start, c.End, string.Join("; ", c.Providers), string.Join("; ", c.TopTopics), c.Heat));
            });
        }).WithSummary("Stories (clusters of linked articles) as CSV, best first, as /api/graph/clusters").RequireRateLimiting(Hardening.ExportPolicy);

        api.MapGet("/graph/first-reporters.csv", async Task<Results<CsvDownload, ValidationProblem>> (
            [AsParameters] FilterQuery filterQuery, GraphQueries queries, CancellationToken ct) =>
        {
            var problems = new QueryProblems();
            var filter = DashboardQuery.ReadFilter(filterQuery.ToParameters(), problems);
            if (!problems.IsEmpty)
                return DashboardApi.Invalid(problems);
            var reporters = await queries.GetFirstReportersAsync(filter, ct);
            return new CsvDownload("first-reporters.csv", async w =>
            {
                await w.WriteLineAsync(Csv.Line("domain", "name", "stories", "broke", "share", "median_lead_hours"));
                foreach (var r in reporters)
                    await w.WriteLineAsync(Csv.Line(r.Domain, r.Name, r.Stories, r.Broke, r.Share, r.MedianLeadHours));
            });
        }).WithSummary("How often each provider broke the stories it covered, as CSV").RequireRateLimiting(Hardening.ExportPolicy);

        return api;
    }

    private static CsvDownload TopicsCsv(string fileName, IReadOnlyList<TopicShare> topics) => new(fileName, async w =>
    {
        await w.WriteLineAsync(Csv.Line("topic", "articles", "share"));
        foreach (var t in topics)
            await w.WriteLineAsync(Csv.Line(t.Topic, t.Articles, t.Share));
    });

    private static async Task<(TopicHeatMapResult? Map, QueryProblems Problems)> HeatMapAsync(FilterQuery filterQuery, HeatMapQuery heatQuery,
        TopicQueries queries, CancellationToken ct)
    {
        var problems = new QueryProblems();
        var filter = DashboardQuery.ReadFilter(filterQuery.ToParameters(), problems);
        var top = DashboardQuery.Int(heatQuery.Top, "top", 1, 100, problems) ?? HeatMapQuery.DefaultTop;
        var granularity = DashboardQuery.ReadTimeline(new TimelineParameters(Granularity: heatQuery.Granularity), problems).Granularity;
        if (!problems.IsEmpty)
            return (null, problems);
        return (TopicHeatMapResult.From(await queries.GetHeatMapAsync(filter, top, granularity, ct)), problems);
    }

    private static async Task<(TopicCoOccurrence? Pairs, QueryProblems Problems)> PairsAsync(FilterQuery filterQuery, TopicPairsQuery pairsQuery,
        TopicQueries queries, CancellationToken ct)
    {
        var problems = new QueryProblems();
        var filter = DashboardQuery.ReadFilter(filterQuery.ToParameters(), problems);
        var top = DashboardQuery.Int(pairsQuery.Top, "top", 2, 100, problems) ?? TopicPairsQuery.DefaultTop;
        if (!problems.IsEmpty)
            return (null, problems);
        return (await queries.GetCoOccurrenceAsync(filter, top, ct), problems);
    }

    private static async Task<(EmergingTopics? Emerging, QueryProblems Problems)> EmergingAsync(FilterQuery filterQuery, EmergingQuery emergingQuery,
        TopicQueries queries, CancellationToken ct)
    {
        var problems = new QueryProblems();
        var filter = DashboardQuery.ReadFilter(filterQuery.ToParameters(), problems);
        var top = DashboardQuery.Int(emergingQuery.Top, "top", 1, 1000, problems) ?? EmergingQuery.DefaultTop;
        if (!problems.IsEmpty)
            return (null, problems);
        return (await queries.GetEmergingAsync(filter, top, ct: ct), problems);
    }

    private static async Task<(ProviderDetailResult? Detail, QueryProblems Problems)> ProviderAsync(string domain, FilterQuery filterQuery,
        ProviderQualityQueries queries, CancellationToken ct)
    {
        var problems = new QueryProblems();
        var filter = DashboardQuery.ReadFilter(filterQuery.ToParameters(), problems);
        if (!problems.IsEmpty)
            return (null, problems);
        return (await queries.GetProviderDetailAsync(domain, filter, ct: ct) is { } d ? ProviderDetailResult.From(d) : null, problems);
    }

    private static ProblemHttpResult NoDatedArticles() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "No period to compare.", detail: "No matching article has a date, so there is no period to compare with the one before.");

    private static ProblemHttpResult NoProvider(string domain) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "No such provider.", detail: $"domain: there is no provider with the domain '{domain}'.");
}

/// <summary>/api/stats/topics/heatmap: how many topics, in which periods.</summary>
public sealed record HeatMapQuery(
    [property: FromQuery(Name = "top"), Description("How many topics, 1 to 100 (default 12, as the Topics page).")] string? Top,
    [property: FromQuery(Name = "granularity"), Description("day, week, month, quarter or year; chosen from the range when absent.")] string? Granularity)
{
    public const int DefaultTop = 12;
}

/// <summary>/api/stats/topics/pairs: among how many top topics.</summary>
public sealed record TopicPairsQuery(
    [property: FromQuery(Name = "top"), Description("Pairs among this many top topics, 2 to 100 (default 12, as the Topics page).")] string? Top)
{
    public const int DefaultTop = 12;
}

/// <summary>/api/stats/topics/emerging: how many.</summary>
public sealed record EmergingQuery(
    [property: FromQuery(Name = "top"), Description("How many topics, 1 to 1000 (default 12, as the Topics page).")] string? Top)
{
    public const int DefaultTop = 12;
}

/// <param name="Granularity">The period size used, lower case.</param>
/// <param name="Periods">The columns: each period's first and last day.</param>
/// <param name="Rows">The top topics, most articles first; <see cref="TopicHeatRow.Counts"/> line up with <paramref name="Periods"/>.</param>
/// <param name="Undated">Matching articles without a date: in the rows' totals, in no period.</param>
public sealed record TopicHeatMapResult(string Granularity, IReadOnlyList<PeriodResult> Periods, IReadOnlyList<TopicHeatRow> Rows, int Undated, string? Message)
{
    public static TopicHeatMapResult From(TopicHeatMap map) => new(map.Granularity.ToString().ToLowerInvariant(),
        map.BucketStarts.Select(s => new PeriodResult(s, map.Granularity.PeriodEnd(s))).ToArray(), map.Rows, map.Undated, map.Message);
}

public sealed record PeriodResult(DateOnly Start, DateOnly End);

/// <param name="Granularity">The period size of <paramref name="Periods"/>, lower case.</param>
/// <param name="Detection">How far copy detection has got: until it has finished, the provider has no original share.</param>
public sealed record ProviderDetailResult(ProviderResult Provider, string Granularity, IReadOnlyList<ProviderPeriod> Periods, IReadOnlyList<TopicShare> Topics,
    CopyDetectionProgress Detection)
{
    public static ProviderDetailResult From(ProviderDetail d) =>
        new(ProviderResult.From(d.Standing), d.Granularity.ToString().ToLowerInvariant(), d.Periods, d.Topics, d.Detection);
}
