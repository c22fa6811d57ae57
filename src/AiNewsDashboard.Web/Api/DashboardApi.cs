using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Queries.Graph;
using AiNewsDashboard.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace AiNewsDashboard.Web.Api;

/// <summary>
/// The HTTP API: the same query classes the pages use, taking the same query parameters as the page URLs, bound by the
/// framework (<see cref="FilterQuery"/> and each endpoint's own) and read by <see cref="DashboardQuery"/>, as the pages
/// read theirs. A parameter it can't read is a 400 ValidationProblem whose <c>errors</c> name it, never a silent guess.
/// The OpenAPI document at /openapi/v1.json describes every endpoint.
/// </summary>
public static class DashboardApi
{
    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        // Everything here reads dashboards and exports: Viewer and up (anyone in Local mode).
        var api = app.MapGroup("/api").RequireAuthorization(DashboardPolicies.Viewer).WithTags("Dashboard");

        api.MapGet("/articles", async Task<Results<Ok<ArticleListResult>, ValidationProblem>> (
            [AsParameters] FilterQuery filterQuery, FilterReader reader, [AsParameters] ArticleListQuery listQuery, ArticleQueries queries, CancellationToken ct) =>
        {
            var problems = new QueryProblems();
            var filter = await reader.ReadAsync(filterQuery.ToParameters(), problems, ct);
            var list = DashboardQuery.ReadArticleList(listQuery.ToParameters(), problems);
            if (!problems.IsEmpty)
                return Invalid(problems);
            var result = await queries.GetPageAsync(filter, list.Sort, list.After, list.Skip, list.PageSize, ct);
            return TypedResults.Ok(new ArticleListResult(result.Total, list.Page, list.PageSize, result.Items.Select(ArticleResult.From).ToArray(),
                result.CollapsedCopies, result.Next?.Encode()));
        }).WithSummary("One page of the matching articles");

        api.MapGet("/articles.csv", async Task<Results<CsvDownload, ValidationProblem>> (
            [AsParameters] FilterQuery filterQuery, FilterReader reader, [AsParameters] ArticleOrderQuery orderQuery, ArticleQueries queries, CancellationToken ct) =>
        {
            var problems = new QueryProblems();
            var filter = await reader.ReadAsync(filterQuery.ToParameters(), problems, ct);
            var sort = DashboardQuery.ReadArticleList(orderQuery.ToParameters(), problems).Sort;
            if (!problems.IsEmpty)
                return Invalid(problems);
            return new CsvDownload("articles.csv", async w =>
            {
                await w.WriteLineAsync(Csv.Line("id", "url", "title", "provider", "provider_name", "published_at", "category", "quality", "heat",
                    "published", "topics", "is_reference"));
                // Streamed row by row from the store: every matching article, never truncated, never all in memory.
                await foreach (var a in queries.StreamAsync(filter, sort, ct))
                    await w.WriteLineAsync(Csv.Line(a.Id, a.Url, a.Title, a.ProviderDomain, a.ProviderName, a.PublishedAt, a.Category, a.Quality,
                        a.Heat, a.Published, string.Join("; ", a.Topics), a.IsReference));
            });
        }).WithSummary("Every matching article as CSV").RequireRateLimiting(Hardening.ExportPolicy);

        api.MapGet("/stats/timeline", async Task<Results<Ok<TimelineResult>, ValidationProblem>> (
            [AsParameters] FilterQuery filterQuery, FilterReader reader, [AsParameters] TimelineQuery timelineQuery, TimelineQueries queries,
            Core.Signals.AttentionQueries attention, IOptions<AttentionOptions> attentionOptions, CancellationToken ct) =>
        {
            var problems = new QueryProblems();
            var filter = await reader.ReadAsync(filterQuery.ToParameters(), problems, ct);
            var view = DashboardQuery.ReadTimeline(timelineQuery.ToParameters(), problems);
            if (!problems.IsEmpty)
                return Invalid(problems);
            return TypedResults.Ok(TimelineResult.From(
                await queries.GetTimelineAsync(filter, view.Granularity, view.Stack, shares: view.View == TimelineView.Share, ct: ct))
                .With(await attention.GetTimelineAsync(filter, view.Granularity, attentionOptions.Value.ToSettings(), ct)));
        }).WithSummary("Articles per period, optionally stacked");

        api.MapGet("/stats/topics", async Task<Results<Ok<TopicListResult>, ValidationProblem>> (
            [AsParameters] FilterQuery filterQuery, FilterReader reader, [AsParameters] TopicsQuery topicsQuery, TopicQueries queries,
            Core.Signals.AttentionQueries attention, IOptions<AttentionOptions> attentionOptions, CancellationToken ct) =>
        {
            var problems = new QueryProblems();
            var filter = await reader.ReadAsync(filterQuery.ToParameters(), problems, ct);
            var top = DashboardQuery.Int(topicsQuery.Top, "top", 1, 1000, problems) ?? 20;
            if (!problems.IsEmpty)
                return Invalid(problems);
            var weighted = await attention.GetTopicsAsync(filter, top, attentionOptions.Value.ToSettings(), ct);
            return TypedResults.Ok(new TopicListResult(await queries.GetTopTopicsAsync(filter, top, ct), weighted.Topics, weighted.Quality));
        }).WithSummary("The most frequent topics and their share of articles");

        api.MapGet("/stats/providers", async Task<Results<Ok<ProviderListResult>, ValidationProblem>> (
            [AsParameters] FilterQuery filterQuery, FilterReader reader, [AsParameters] ProviderListQuery listQuery, ProviderQualityQueries queries, CancellationToken ct) =>
        {
            var problems = new QueryProblems();
            var filter = await reader.ReadAsync(filterQuery.ToParameters(), problems, ct);
            var list = DashboardQuery.ReadProviderList(listQuery.ToParameters(), problems);
            if (!problems.IsEmpty)
                return Invalid(problems);
            var board = await queries.GetLeaderboardPageAsync(filter, list, ct: ct);
            return TypedResults.Ok(new ProviderListResult(board.PriorMean, board.PriorWeight, board.Total, board.Page, board.PageSize,
                board.Providers.Select(ProviderResult.From).ToArray(), board.Detection));
        }).WithSummary("One page of the providers, best quality score first unless sorted otherwise");

        api.MapGet("/providers.csv", async Task<Results<CsvDownload, ValidationProblem>> (
            [AsParameters] FilterQuery filterQuery, FilterReader reader, ProviderQualityQueries queries, CancellationToken ct) =>
        {
            var problems = new QueryProblems();
            var filter = await reader.ReadAsync(filterQuery.ToParameters(), problems, ct);
            if (!problems.IsEmpty)
                return Invalid(problems);
            var board = await queries.GetLeaderboardAsync(filter, trends: false, ct: ct);
            return new CsvDownload("providers.csv", async w =>
            {
                await w.WriteLineAsync(Csv.Line("domain", "name", "articles", "rated_articles", "mean_quality", "median_quality", "score",
                    "score_error", "mean_heat", "published_share", "first_article", "last_article", "original_share"));
                foreach (var p in board.Providers)
                    await w.WriteLineAsync(Csv.Line(p.Domain, p.Name, p.Articles, p.RatedArticles, p.MeanQuality, p.MedianQuality, p.Score,
                        p.ScoreError, p.MeanHeat, p.PublishedShare, p.FirstArticle, p.LastArticle, p.OriginalShare));
            });
        }).WithSummary("Providers by quality score as CSV").RequireRateLimiting(Hardening.ExportPolicy);

        api.MapGet("/graph", async Task<Results<Ok<GraphResult>, ValidationProblem, NotFound<GraphProblemResult>>> (
            [AsParameters] FilterQuery filterQuery, FilterReader reader, [AsParameters] GraphQuery graphQuery, GraphQueries queries, IOptions<GraphOptions> graph,
            CancellationToken ct) =>
        {
            var problems = new QueryProblems();
            var filter = await reader.ReadAsync(filterQuery.ToParameters(), problems, ct);
            var graphRequest = DashboardQuery.ReadGraph(graphQuery.ToParameters(), graph.Value.NodeLimit, problems);
            if (!problems.IsEmpty)
                return Invalid(problems);
            var view = await queries.GetGraphAsync(filter, graphRequest, ct);
            if (view.Problems.Count > 0)
                return TypedResults.NotFound(new GraphProblemResult(view.Problems));
            return TypedResults.Ok(new GraphResult(view.Nodes, view.Edges, view.Truncated, graphRequest.Limit, view.TotalNodes, view.TotalEdges,
                view.Message));
        }).WithSummary("The story graph: articles and their links, up to the node limit").RequireRateLimiting(Hardening.GraphPolicy);

        api.MapGet("/graph.gexf", async Task<Results<GexfDownload, ValidationProblem, NotFound<GraphProblemResult>>> (
            [AsParameters] FilterQuery filterQuery, FilterReader reader, [AsParameters] GraphQuery graphQuery, GraphQueries queries, IOptions<GraphOptions> graph,
            CancellationToken ct) =>
        {
            var problems = new QueryProblems();
            var filter = await reader.ReadAsync(filterQuery.ToParameters(), problems, ct);
            var graphRequest = DashboardQuery.ReadGraph(graphQuery.ToParameters(), graph.Value.NodeLimit, problems);
            if (!problems.IsEmpty)
                return Invalid(problems);
            // Never cut short: the whole filtered graph, whatever the node limit of the page.
            var export = await queries.ExportAsync(filter, graphRequest, ct);
            if (export.Problems.Count > 0)
                return TypedResults.NotFound(new GraphProblemResult(export.Problems));
            return new GexfDownload(export,
                $"AiNewsDashboard story graph: {export.NodeCount:N0} articles, {export.EdgeCount:N0} links; filter: {filter}");
        }).WithSummary("The whole story graph as GEXF, whatever the node limit").RequireRateLimiting(Hardening.ExportPolicy); // an export: the whole graph, never cut short

        api.MapGet("/graph/clusters", async Task<Results<Ok<StoryClusterList>, ValidationProblem>> (
            [AsParameters] FilterQuery filterQuery, FilterReader reader, [AsParameters] ClusterListQuery clusterQuery, GraphQueries queries, CancellationToken ct) =>
        {
            var problems = new QueryProblems();
            var filter = await reader.ReadAsync(filterQuery.ToParameters(), problems, ct);
            var limit = DashboardQuery.Int(clusterQuery.Limit, "limit", 1, 10_000, problems) ?? 100;
            var minSize = DashboardQuery.Int(clusterQuery.MinSize, "minSize", 1, int.MaxValue, problems) ?? 2;
            if (!problems.IsEmpty)
                return Invalid(problems);
            return TypedResults.Ok(await queries.GetClustersAsync(filter, limit, minSize, ct));
        }).WithSummary("Stories (clusters of linked articles), best first: by providers covering, then size, then heat").RequireRateLimiting(Hardening.GraphPolicy);

        api.MapGet("/stories/{id:int}", async Task<Results<Ok<StoryDetail>, RedirectHttpResult, NotFound<GraphProblemResult>>> (int id, StoryQueries stories, CancellationToken ct) =>
            await stories.GetStoryAsync(id, ct) switch
            {
                { Story: { } story } => TypedResults.Ok(story),
                { MovedTo: { } moved } => TypedResults.Redirect($"/api/stories/{moved}"),
                _ => TypedResults.NotFound(new GraphProblemResult([$"id: there is no story or article with id {id}"])),
            }).WithSummary("One story: its articles, links, providers' lead or lag, topics and quality spread; an article's id redirects to its story")
            .RequireRateLimiting(Hardening.GraphPolicy);

        api.MapGet("/stories/{id:int}/articles.csv", async Task<Results<CsvDownload, RedirectHttpResult, NotFound<GraphProblemResult>>> (int id, StoryQueries stories, CancellationToken ct) =>
            await stories.GetStoryAsync(id, ct) switch
            {
                { Story: { } story } => StoryCsv.Of(story),
                { MovedTo: { } moved } => TypedResults.Redirect($"/api/stories/{moved}/articles.csv"),
                _ => TypedResults.NotFound(new GraphProblemResult([$"id: there is no story or article with id {id}"])),
            }).WithSummary("A story's articles as CSV, oldest first").RequireRateLimiting(Hardening.ExportPolicy);

        api.MapGet("/graph/first-reporters", async Task<Results<Ok<FirstReporterListResult>, ValidationProblem>> (
            [AsParameters] FilterQuery filterQuery, FilterReader reader, GraphQueries queries, CancellationToken ct) =>
        {
            var problems = new QueryProblems();
            var filter = await reader.ReadAsync(filterQuery.ToParameters(), problems, ct);
            if (!problems.IsEmpty)
                return Invalid(problems);
            return TypedResults.Ok(new FirstReporterListResult(await queries.GetFirstReportersAsync(filter, ct)));
        }).WithSummary("How often each provider broke the stories it covered").RequireRateLimiting(Hardening.GraphPolicy);

        api.MapCompareApi();
        api.MapChartApi();
        api.MapSignalApi();

        return app;
    }

    /// <summary>A 400 ProblemDetails whose <c>errors</c> hold each unreadable parameter's messages under its name.</summary>
    internal static ValidationProblem Invalid(QueryProblems problems) =>
        TypedResults.ValidationProblem(problems.ToDictionary(), title: "Some query parameters could not be read.");
}
