using System.Globalization;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Queries.Graph;
using AiNewsDashboard.Web.Components.Graph;
using AiNewsDashboard.Web.Hosting;

namespace AiNewsDashboard.Web.Api;

/// <summary>
/// The HTTP API: the same query classes the pages use, taking the same query parameters as the page URLs
/// (see <see cref="DashboardFilter"/>). A parameter it can't read is a 400 that names it, never a silent guess.
/// </summary>
public static class DashboardApi
{
    public const int MaxPageSize = 500;

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        // Everything here reads dashboards and exports: Viewer and up (anyone in Local mode).
        var api = app.MapGroup("/api").RequireAuthorization(DashboardPolicies.Viewer);

        api.MapGet("/articles", async (HttpRequest request, ArticleQueries queries, CancellationToken ct) =>
        {
            var errors = new List<string>();
            var filter = ReadFilter(request, errors);
            var sort = ReadSort(request, errors);
            var page = ReadInt(request, "page", 1, 1, int.MaxValue, errors);
            var pageSize = ReadInt(request, "pageSize", 50, 1, MaxPageSize, errors);
            if (errors.Count > 0)
                return BadRequest(errors);
            var result = await queries.GetPageAsync(filter, sort, (int)Math.Min((page - 1L) * pageSize, int.MaxValue), pageSize, ct);
            return Results.Ok(new
            {
                total = result.Total,
                page,
                pageSize,
                items = result.Items.Select(a => new
                {
                    id = a.Id, url = a.Url, title = a.Title, provider = a.ProviderDomain, providerName = a.ProviderName,
                    publishedAt = a.PublishedAt, quality = a.Quality, heat = a.Heat, topics = a.Topics,
                    category = a.Category, published = a.Published, isReference = a.IsReference,
                }),
            });
        });

        api.MapGet("/articles.csv", async (HttpContext context, ArticleQueries queries, CancellationToken ct) =>
        {
            var errors = new List<string>();
            var filter = ReadFilter(context.Request, errors);
            var sort = ReadSort(context.Request, errors);
            if (errors.Count > 0)
            {
                await BadRequest(errors).ExecuteAsync(context);
                return;
            }
            await WriteCsvAsync(context, "articles.csv", ct, async w =>
            {
                await w.WriteLineAsync(Csv.Line("id", "url", "title", "provider", "provider_name", "published_at", "category", "quality", "heat",
                    "published", "topics", "is_reference"));
                // Streamed row by row from the store: every matching article, never truncated, never all in memory.
                await foreach (var a in queries.StreamAsync(filter, sort, ct))
                    await w.WriteLineAsync(Csv.Line(a.Id, a.Url, a.Title, a.ProviderDomain, a.ProviderName, a.PublishedAt, a.Category, a.Quality,
                        a.Heat, a.Published, string.Join("; ", a.Topics), a.IsReference));
            });
        }).RequireRateLimiting(Hardening.ExportPolicy);

        api.MapGet("/stats/timeline", async (HttpRequest request, TimelineQueries queries, CancellationToken ct) =>
        {
            var errors = new List<string>();
            var filter = ReadFilter(request, errors);
            var granularity = ReadEnum<TimeGranularity>(request, "granularity", errors);
            var stack = ReadEnum<TimelineStack>(request, "stack", errors) ?? TimelineStack.None;
            if (errors.Count > 0)
                return BadRequest(errors);
            var t = await queries.GetTimelineAsync(filter, granularity, stack, ct: ct);
            return Results.Ok(new
            {
                granularity = t.Granularity.ToString().ToLowerInvariant(), undated = t.Undated, message = t.Message,
                series = t.Series.Select(s => s.Label),
                buckets = t.Buckets.Select(b => new
                {
                    start = Day(b.Start), end = Day(b.End), articles = b.Articles,
                    series = t.Series.Count > 0 ? b.SeriesCounts : null,
                    topStory = b.TopStory is { } s ? new { id = s.ArticleId, title = s.Title, heat = s.Heat } : null,
                }),
            });
        });

        api.MapGet("/stats/topics", async (HttpRequest request, TopicQueries queries, CancellationToken ct) =>
        {
            var errors = new List<string>();
            var filter = ReadFilter(request, errors);
            var top = ReadInt(request, "top", 20, 1, 1000, errors);
            if (errors.Count > 0)
                return BadRequest(errors);
            var topics = await queries.GetTopTopicsAsync(filter, top, ct);
            return Results.Ok(new { topics = topics.Select(t => new { topic = t.Topic, articles = t.Articles, share = t.Share }) });
        });

        api.MapGet("/stats/providers", async (HttpRequest request, ProviderQualityQueries queries, CancellationToken ct) =>
        {
            var errors = new List<string>();
            var filter = ReadFilter(request, errors);
            if (errors.Count > 0)
                return BadRequest(errors);
            var board = await queries.GetLeaderboardAsync(filter, ct: ct);
            return Results.Ok(new
            {
                priorMean = board.PriorMean,
                priorWeight = board.PriorWeight,
                providers = board.Providers.Select(p => new
                {
                    domain = p.Domain, name = p.Name, articles = p.Articles, meanQuality = p.MeanQuality, medianQuality = p.MedianQuality,
                    score = p.Score, scoreError = p.ScoreError, meanHeat = p.MeanHeat, publishedShare = p.PublishedShare,
                    firstArticle = p.FirstArticle is { } f ? Day(f) : null, lastArticle = p.LastArticle is { } l ? Day(l) : null,
                }),
            });
        });

        api.MapGet("/providers.csv", async (HttpContext context, ProviderQualityQueries queries, CancellationToken ct) =>
        {
            var errors = new List<string>();
            var filter = ReadFilter(context.Request, errors);
            if (errors.Count > 0)
            {
                await BadRequest(errors).ExecuteAsync(context);
                return;
            }
            var board = await queries.GetLeaderboardAsync(filter, ct: ct);
            await WriteCsvAsync(context, "providers.csv", ct, async w =>
            {
                await w.WriteLineAsync(Csv.Line("domain", "name", "articles", "rated_articles", "mean_quality", "median_quality", "score",
                    "score_error", "mean_heat", "published_share", "first_article", "last_article"));
                foreach (var p in board.Providers)
                    await w.WriteLineAsync(Csv.Line(p.Domain, p.Name, p.Articles, p.RatedArticles, p.MeanQuality, p.MedianQuality, p.Score,
                        p.ScoreError, p.MeanHeat, p.PublishedShare, p.FirstArticle, p.LastArticle));
            });
        }).RequireRateLimiting(Hardening.ExportPolicy);

        api.MapGet("/graph", async (HttpRequest request, GraphQueries queries, IConfiguration config, CancellationToken ct) =>
        {
            var errors = new List<string>();
            var filter = ReadFilter(request, errors);
            var graphRequest = ReadGraphRequest(request, DashboardSettings.GraphNodeLimit(config), errors);
            if (errors.Count > 0)
                return BadRequest(errors);
            var view = await queries.GetGraphAsync(filter, graphRequest, ct);
            if (view.Problems.Count > 0)
                return Results.Json(new { title = "The graph request names something that doesn't exist.", errors = view.Problems },
                    statusCode: StatusCodes.Status404NotFound);
            return Results.Ok(new
            {
                nodes = view.Nodes.Select(n => new
                {
                    id = n.Id, title = n.Title, url = n.Url, provider = n.Provider, providerDomain = n.ProviderDomain, publishedAt = n.PublishedAt,
                    quality = n.Quality, heat = n.Heat, isReference = n.IsReference, cluster = n.Cluster, degree = n.Degree,
                    category = n.Category, topic = n.Topic, hop = n.Hop,
                }),
                edges = view.Edges.Select(e => new { source = e.Source, target = e.Target }),
                truncated = view.Truncated,
                limit = graphRequest.Limit,
                totalNodes = view.TotalNodes,
                totalEdges = view.TotalEdges,
                message = view.Message,
            });
        }).RequireRateLimiting(Hardening.GraphPolicy);

        api.MapGet("/graph.gexf", async (HttpContext context, GraphQueries queries, IConfiguration config, CancellationToken ct) =>
        {
            var errors = new List<string>();
            var filter = ReadFilter(context.Request, errors);
            var graphRequest = ReadGraphRequest(context.Request, DashboardSettings.GraphNodeLimit(config), errors);
            if (errors.Count > 0)
            {
                await BadRequest(errors).ExecuteAsync(context);
                return;
            }
            // Never cut short: the whole filtered graph, whatever the node limit of the page.
            var export = await queries.ExportAsync(filter, graphRequest, ct);
            if (export.Problems.Count > 0)
            {
                await Results.Json(new { title = "The graph request names something that doesn't exist.", errors = export.Problems },
                    statusCode: StatusCodes.Status404NotFound).ExecuteAsync(context);
                return;
            }
            context.Response.ContentType = "application/gexf+xml; charset=utf-8";
            context.Response.Headers.ContentDisposition = "attachment; filename=story-graph.gexf";
            await Gexf.WriteAsync(context.Response.Body, export,
                $"AiNewsDashboard story graph: {export.NodeCount:N0} articles, {export.EdgeCount:N0} links; filter: {filter}", ct);
        }).RequireRateLimiting(Hardening.ExportPolicy); // an export: the whole graph, never cut short

        api.MapGet("/graph/clusters", async (HttpRequest request, GraphQueries queries, CancellationToken ct) =>
        {
            var errors = new List<string>();
            var filter = ReadFilter(request, errors);
            var limit = ReadInt(request, "limit", 100, 1, 10_000, errors);
            var minSize = ReadInt(request, "minSize", 2, 1, int.MaxValue, errors);
            if (errors.Count > 0)
                return BadRequest(errors);
            var list = await queries.GetClustersAsync(filter, limit, minSize, ct);
            return Results.Ok(new
            {
                total = list.Total,
                clusters = list.Clusters.Select(c => new
                {
                    id = c.Id, members = c.Members, size = c.Size, headline = c.Headline, headlineId = c.HeadlineId,
                    firstProvider = c.FirstProvider, firstProviderDomain = c.FirstProviderDomain, leadTimeHours = c.LeadTimeHours,
                    start = c.Start, end = c.End, providers = c.Providers, topTopics = c.TopTopics,
                }),
            });
        }).RequireRateLimiting(Hardening.GraphPolicy);

        api.MapGet("/graph/first-reporters", async (HttpRequest request, GraphQueries queries, CancellationToken ct) =>
        {
            var errors = new List<string>();
            var filter = ReadFilter(request, errors);
            if (errors.Count > 0)
                return BadRequest(errors);
            var reporters = await queries.GetFirstReportersAsync(filter, ct);
            return Results.Ok(new
            {
                providers = reporters.Select(r => new
                {
                    domain = r.Domain, name = r.Name, stories = r.Stories, broke = r.Broke, share = r.Share, medianLeadHours = r.MedianLeadHours,
                }),
            });
        }).RequireRateLimiting(Hardening.GraphPolicy);

        return app;
    }

    private static DashboardFilter ReadFilter(HttpRequest request, List<string> errors) =>
        DashboardFilter.Parse(name => request.Query.TryGetValue(name, out var v) ? v.Where(s => s is not null).Select(s => s!).ToArray() : [], errors);

    /// <summary>focus, hops, expand (ids, comma-separated or repeated), cluster and limit: the same names the graph page's URL uses.</summary>
    private static GraphRequest ReadGraphRequest(HttpRequest request, int defaultLimit, List<string> errors) =>
        GraphUrl.ReadRequest(name => request.Query.TryGetValue(name, out var v) ? v.Where(s => s is not null).Select(s => s!).ToArray() : [],
            defaultLimit, errors);

    private static ArticleSort ReadSort(HttpRequest request, List<string> errors)
    {
        var key = ReadEnum<ArticleSortKey>(request, "sort", errors) ?? ArticleSortKey.Date;
        var dir = request.Query["dir"].ToString();
        if (dir is not ("" or "asc" or "desc"))
            errors.Add($"dir: '{dir}' is not asc or desc");
        return new ArticleSort(key, Ascending: dir == "asc");
    }

    private static int ReadInt(HttpRequest request, string name, int fallback, int min, int max, List<string> errors)
    {
        var s = request.Query[name].ToString();
        if (s.Length == 0)
            return fallback;
        if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
            return n;
        errors.Add($"{name}: '{s}' is not a whole number from {min} to {max}");
        return fallback;
    }

    private static T? ReadEnum<T>(HttpRequest request, string name, List<string> errors) where T : struct, Enum
    {
        var s = request.Query[name].ToString();
        if (s.Length == 0)
            return null;
        if (Enum.TryParse<T>(s, ignoreCase: true, out var value) && Enum.IsDefined(value) && !char.IsDigit(s[0]))
            return value;
        errors.Add($"{name}: '{s}' is not one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}");
        return null;
    }

    private static IResult BadRequest(List<string> errors) =>
        Results.Json(new { title = "Some query parameters could not be read.", errors }, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>Streams a CSV download (UTF-8 without BOM) written by <paramref name="write"/>.</summary>
    internal static async Task WriteCsvAsync(HttpContext context, string fileName, CancellationToken ct, Func<StreamWriter, Task> write)
    {
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename={fileName}";
        await using var writer = new StreamWriter(context.Response.Body, new System.Text.UTF8Encoding(false), bufferSize: 64 * 1024);
        await write(writer);
        await writer.FlushAsync(ct);
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
