using System.Net;
using System.Text.Json;
using AiNewsDashboard.Web.Tests.Hosting;

namespace AiNewsDashboard.Web.Tests.Api;

/// <summary>The API's OpenAPI document: every endpoint, its query parameters and its answers.</summary>
public sealed class OpenApiTests(OpenApiTests.ServedDocument served) : IClassFixture<OpenApiTests.ServedDocument>
{
    /// <summary>The document as the app serves it, read once for the class's tests (an app per test started it 26 times).</summary>
    public sealed class ServedDocument : IAsyncLifetime
    {
        public JsonElement Document { get; private set; }

        public async Task InitializeAsync()
        {
            await using var factory = new DashboardFactory();
            var response = await factory.CreateClient().GetAsync("/openapi/v1.json");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }

    private readonly JsonElement _document = served.Document;

    private JsonElement Get(string path) => _document.GetProperty("paths").GetProperty(path).GetProperty("get");

    private static string[] ParameterNames(JsonElement operation) =>
        operation.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToArray();

    [Fact]
    public void Paths_AreTheApiEndpoints_AndNothingElse()
    {
        Assert.Equal(
        [
            "/api/alerts", "/api/alerts/rules", "/api/alerts/rules/{id}", "/api/annotations", "/api/annotations.csv", "/api/annotations/import", "/api/annotations/{id}", "/api/articles",
            "/api/articles.csv", "/api/articles/{id}/copies", "/api/collections", "/api/collections/{id}", "/api/compare", "/api/compare.csv",
            "/api/graph", "/api/graph.gexf", "/api/graph/clusters", "/api/graph/clusters.csv", "/api/graph/first-reporters",
            "/api/graph/first-reporters.csv", "/api/imports/{id}/report.csv", "/api/imports/{id}/undo", "/api/providers.csv", "/api/reports/providers.pdf",
            "/api/reports/runs/{id}.pdf", "/api/reports/schedules", "/api/reports/schedules/{id}", "/api/signals/blindspots", "/api/signals/breaking", "/api/signals/drift", "/api/signals/syndication", "/api/stats/providers", "/api/stats/providers/{domain}",
            "/api/stats/providers/{domain}/periods.csv", "/api/stats/providers/{domain}/topics.csv", "/api/stats/timeline", "/api/stats/timeline.csv", "/api/stats/topics",
            "/api/stats/topics.csv", "/api/stats/topics/emerging", "/api/stats/topics/emerging.csv", "/api/stats/topics/heatmap", "/api/stats/topics/heatmap.csv",
            "/api/stats/topics/pairs", "/api/stats/topics/pairs.csv", "/api/stories/{id}", "/api/stories/{id}/articles.csv", "/api/views",
            "/api/views/{id}", "/api/webhooks", "/api/webhooks/deliveries", "/api/webhooks/{id}", "/api/webhooks/{id}/test",
        ], _document.GetProperty("paths").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/api/articles", "page,pageSize,sort,dir,after")]
    [InlineData("/api/articles.csv", "sort,dir")]
    [InlineData("/api/stats/timeline", "granularity,stack,view")]
    [InlineData("/api/stats/topics", "top")]
    [InlineData("/api/stats/timeline.csv", "granularity,stack,view,measure")]
    [InlineData("/api/signals/blindspots", "")]
    [InlineData("/api/stats/topics.csv", "top")]
    [InlineData("/api/graph/clusters.csv", "limit,minSize")]
    [InlineData("/api/stats/topics/heatmap", "top,granularity")]
    [InlineData("/api/stats/topics/heatmap.csv", "top,granularity")]
    [InlineData("/api/stats/topics/pairs.csv", "top")]
    [InlineData("/api/stats/topics/emerging.csv", "top")]
    [InlineData("/api/stats/providers", "page,pageSize,sort,dir,search")]
    [InlineData("/api/reports/providers.pdf", "sort,dir,search,top")]
    [InlineData("/api/graph", "focus,hops,expand,cluster,limit,stories")]
    [InlineData("/api/graph/clusters", "limit,minSize")]
    [InlineData("/api/signals/drift", "")]
    [InlineData("/api/signals/breaking", "")]
    [InlineData("/api/signals/syndication", "")]
    public void Endpoint_TakesTheFilterAndItsOwnParameters_ByTheirUrlNames(string path, string own)
    {
        var filter = new[] { "from", "to", "provider", "topic", "category", "q", "minQuality", "maxQuality", "published", "references", "range", "collection", "copies" };

        var names = ParameterNames(Get(path));

        Assert.Equal(filter.Concat(own.Split(',', StringSplitOptions.RemoveEmptyEntries)).Order(), names.Order());
        Assert.All(Get(path).GetProperty("parameters").EnumerateArray(), p => Assert.Equal("query", p.GetProperty("in").GetString()));
        var q = Get(path).GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "q");
        Assert.Contains("control characters", q.GetProperty("description").GetString());
    }

    [Theory]
    [InlineData("/api/compare")]
    [InlineData("/api/compare.csv")]
    public void Compare_TakesAParameterPerQuery_AndTheCompressedForm(string path)
    {
        Assert.Equal(["granularity", "q1", "q2", "q3", "q4", "q5", "top", "z"], ParameterNames(Get(path)).Order(StringComparer.Ordinal));
        var q1 = Get(path).GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "q1");
        Assert.Contains("s search", q1.GetProperty("description").GetString());
    }

    [Fact]
    public void Q_DescribesTheSearchSyntax()
    {
        var q = Get("/api/articles").GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "q");

        var description = q.GetProperty("description").GetString()!;

        foreach (var syntax in new[] { "`chip OR wafer`", "`-memory`", "`NOT memory`", "`\"memory chip\"`", "`chip*`", "`(chip OR wafer) -memory`", "position" })
            Assert.Contains(syntax, description);
    }

    [Fact]
    public void Articles_AnswersItsRecordOrAValidationProblem()
    {
        var responses = Get("/api/articles").GetProperty("responses");

        var ok = Schema(responses.GetProperty("200"));
        Assert.Equal(["collapsedCopies", "items", "next", "page", "pageSize", "total"], Properties(ok).Order(StringComparer.Ordinal));
        var item = Resolve(Properties(ok, "items").GetProperty("items"));
        Assert.Equal(["category", "copies", "heat", "id", "isReference", "provider", "providerName", "published", "publishedAt", "quality", "title", "topics", "url"],
            Properties(item).Order(StringComparer.Ordinal));
        Assert.Contains("application/problem+json", responses.GetProperty("400").GetProperty("content").EnumerateObject().Select(c => c.Name));
        Assert.Contains("errors", Properties(Schema(responses.GetProperty("400"), "application/problem+json")));
    }

    [Fact]
    public void Graph_AnswersNodesAndEdges_OrA404NamingWhatIsMissing()
    {
        var responses = Get("/api/graph").GetProperty("responses");

        Assert.Equal(["edges", "limit", "message", "nodes", "totalEdges", "totalNodes", "truncated"],
            Properties(Schema(responses.GetProperty("200"))).Order(StringComparer.Ordinal));
        Assert.Equal(["errors", "title"], Properties(Schema(responses.GetProperty("404"))).Order(StringComparer.Ordinal));
        Assert.True(responses.TryGetProperty("400", out _));
    }

    [Fact]
    public void Exports_AreDescribedByTheirContentType()
    {
        var csvPaths = _document.GetProperty("paths").EnumerateObject().Select(p => p.Name).Where(p => p.EndsWith(".csv", StringComparison.Ordinal)).ToList();
        Assert.Equal(15, csvPaths.Count);
        Assert.All(csvPaths, path => Assert.True(Get(path).GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/csv", out _), path));
        Assert.True(Get("/api/graph.gexf").GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("application/gexf+xml", out _));
    }

    private JsonElement Schema(JsonElement response, string contentType = "application/json") =>
        Resolve(response.GetProperty("content").GetProperty(contentType).GetProperty("schema"));

    /// <summary>A schema, following a $ref into components/schemas.</summary>
    private JsonElement Resolve(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var r)
            ? Resolve(_document.GetProperty("components").GetProperty("schemas").GetProperty(r.GetString()!.Split('/')[^1]))
            : schema;

    private IEnumerable<string> Properties(JsonElement schema) => schema.GetProperty("properties").EnumerateObject().Select(p => p.Name);

    private JsonElement Properties(JsonElement schema, string name) => Resolve(schema.GetProperty("properties").GetProperty(name));
}
