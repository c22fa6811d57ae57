using System.Net;
using System.Text.Json;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Api;

/// <summary>/api/graph and /api/graph/clusters: the documented shape, on a corpus whose graph is known.</summary>
public sealed class GraphApiTests(GraphApiTests.App app) : IClassFixture<GraphApiTests.App>
{
    private static readonly DateTime T0 = new(2025, 5, 1, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// Besides the two samples (which list related articles of their
    /// own): a story of three (x first, y 45 minutes later, z after that), plus an article nobody links.
    /// </summary>
    public sealed class App() : SharedApp(UnlimitedExports)
    {
        protected override async Task SeedAsync()
        {
            var x = new ArticleBuilder().From("x.example", "X News").PublishedAt(T0).Titled("X breaks it").WithTopics("Chips");
            var y = new ArticleBuilder().From("y.example", "Y Daily").PublishedAt(T0.AddMinutes(45)).Titled("Y follows").WithTopics("Chips", "AI");
            var z = new ArticleBuilder().From("z.example", "Z Wire").PublishedAt(T0.AddHours(3)).Titled("Z sums up");
            var lone = new ArticleBuilder().From("x.example", "X News").PublishedAt(T0.AddDays(1)).Titled("Alone");
            y.RelatedTo(x);
            z.RelatedTo(y).RelatedTo(x);
            var files = new[] { x, y, z, lone }.Select((a, i) => ($"g{i}.md", a.Build())).ToList();
            await Factory.Services.GetRequiredService<ArticleImporter>().ImportAsync(ImportSource.FromTexts(files), files.Count);
            await Factory.Services.GetRequiredService<ArticleFactsCache>().GetFreshAsync();
        }
    }

    private readonly DashboardFactory _factory = app.Factory;
    private readonly HttpClient _client = app.Client;

    private async Task<(HttpStatusCode Status, JsonElement Json)> GetAsync(string url)
    {
        var response = await _client.GetAsync(url);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task Graph_NoFilterLargeLimit_EveryArticleAndReferenceAndEveryLinkWithTheDocumentedFields()
    {
        var articles = await DatabaseOracle.ScalarAsync(_factory.DatabasePath, DatabaseOracle.Articles);
        var references = await DatabaseOracle.ScalarAsync(_factory.DatabasePath, "SELECT COUNT(*) FROM Articles WHERE IsReference = 1");
        var links = await DatabaseOracle.ScalarAsync(_factory.DatabasePath, DatabaseOracle.DistinctLinks);

        var (status, json) = await GetAsync("/api/graph?limit=50000");

        Assert.Equal(HttpStatusCode.OK, status);
        var nodes = json.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(articles, nodes.Count);
        Assert.True(references > 0);
        Assert.Equal(references, nodes.Count(n => n.GetProperty("isReference").GetBoolean()));
        Assert.Equal(links, json.GetProperty("edges").GetArrayLength());
        Assert.False(json.GetProperty("truncated").GetBoolean());
        foreach (var field in new[] { "id", "title", "url", "provider", "publishedAt", "quality", "heat", "isReference", "cluster" })
            Assert.True(nodes[0].TryGetProperty(field, out _), field);
        var edge = json.GetProperty("edges")[0];
        Assert.True(edge.TryGetProperty("source", out _) && edge.TryGetProperty("target", out _));
        var y = nodes.Single(n => n.GetProperty("title").GetString() == "Y follows");
        Assert.Equal("Y Daily", y.GetProperty("provider").GetString());
        Assert.Equal("2025-05-01T09:45:00Z", y.GetProperty("publishedAt").GetString());
    }

    [Fact]
    public async Task Graph_OverTheLimit_ReturnsTheLargestStoryAndSaysWhatWasCut()
    {
        var (status, json) = await GetAsync("/api/graph?provider=x.example&provider=y.example&provider=z.example&limit=3");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(json.GetProperty("truncated").GetBoolean());
        Assert.Equal(4, json.GetProperty("totalNodes").GetInt32());
        Assert.Equal(["X breaks it", "Y follows", "Z sums up"],
            json.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("title").GetString()).Order());
        Assert.Equal(3, json.GetProperty("edges").GetArrayLength());
        Assert.StartsWith("Showing 3 of 4 articles and 3 of 3 links", json.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Graph_FocusWithHops_MarksEachNodesDistance()
    {
        var (_, all) = await GetAsync("/api/graph?limit=50000");
        var x = all.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("title").GetString() == "X breaks it").GetProperty("id").GetInt32();

        var (status, json) = await GetAsync($"/api/graph?provider=none.example&focus={x}&hops=1");

        Assert.Equal(HttpStatusCode.OK, status);
        var hops = json.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("title").GetString()!, n => n.GetProperty("hop").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["X breaks it"] = 0, ["Y follows"] = 1, ["Z sums up"] = 1 }, hops);
    }

    [Theory]
    [InlineData("/api/graph?hops=9", "hops: '9' is not a whole number from 0 to 3")]
    [InlineData("/api/graph?limit=0", "limit: '0' is not a whole number from 1 to 50000")]
    [InlineData("/api/graph?expand=abc", "expand: 'abc' is not an article id")]
    [InlineData("/api/graph?from=yesterday", "from: 'yesterday' is not a date (expected YYYY-MM-DD)")]
    [InlineData("/api/graph/clusters?minSize=-1", "minSize: '-1' is not a whole number from 1 to 2147483647")]
    public async Task Graph_BadParameter_Is400NamingIt(string url, string error)
    {
        var (status, json) = await GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        // A ValidationProblem: the messages under the parameter's name.
        var messages = json.GetProperty("errors").GetProperty(error[..error.IndexOf(':')]);
        Assert.Contains(error, messages.EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Graph_UnknownFocus_Is404NamingIt()
    {
        var (status, json) = await GetAsync("/api/graph?focus=987654");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(["focus: there is no article with id 987654"], json.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Clusters_ListStoriesWithFirstReporterAndLead()
    {
        var (status, json) = await GetAsync("/api/graph/clusters?provider=z.example");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, json.GetProperty("total").GetInt32());
        var story = json.GetProperty("clusters")[0];
        foreach (var field in new[] { "id", "members", "size", "firstProvider", "leadTimeHours", "start", "end", "topTopics" })
            Assert.True(story.TryGetProperty(field, out _), field);
        Assert.Equal(3, story.GetProperty("size").GetInt32());
        Assert.Equal(3, story.GetProperty("members").GetArrayLength());
        Assert.Equal("X News", story.GetProperty("firstProvider").GetString());
        Assert.Equal(0.75, story.GetProperty("leadTimeHours").GetDouble());
        Assert.Equal("2025-05-01T09:00:00Z", story.GetProperty("start").GetString());
        Assert.Equal("2025-05-01T12:00:00Z", story.GetProperty("end").GetString());
        // AI twice (y, and z by default), Chips twice (x, y): a tie, so by name.
        Assert.Equal(["AI", "Chips"], story.GetProperty("topTopics").EnumerateArray().Select(t => t.GetString()));
        Assert.Contains(story.GetProperty("members").EnumerateArray().Select(m => m.GetInt32()), m => m == story.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task FirstReporters_CountStoriesBrokenPerProvider()
    {
        var (status, json) = await GetAsync("/api/graph/first-reporters?provider=x.example&provider=y.example&provider=z.example");

        Assert.Equal(HttpStatusCode.OK, status);
        var x = json.GetProperty("providers").EnumerateArray().Single(p => p.GetProperty("domain").GetString() == "x.example");
        Assert.Equal((1, 1, 0.75), (x.GetProperty("stories").GetInt32(), x.GetProperty("broke").GetInt32(), x.GetProperty("medianLeadHours").GetDouble()));
        var z = json.GetProperty("providers").EnumerateArray().Single(p => p.GetProperty("domain").GetString() == "z.example");
        Assert.Equal((1, 0), (z.GetProperty("stories").GetInt32(), z.GetProperty("broke").GetInt32()));
    }

    [Fact]
    public async Task Gexf_IsTheWholeGraphWhateverTheLimit_AsXmlGephiReads()
    {
        var articles = await DatabaseOracle.ScalarAsync(_factory.DatabasePath, DatabaseOracle.Articles);
        var links = await DatabaseOracle.ScalarAsync(_factory.DatabasePath, DatabaseOracle.DistinctLinks);

        var response = await _client.GetAsync("/api/graph.gexf?limit=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/gexf+xml", response.Content.Headers.ContentType!.MediaType);
        var xml = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
        System.Xml.Linq.XNamespace ns = "http://gexf.net/1.3";
        var nodes = xml.Descendants(ns + "node").ToList();
        Assert.Equal(articles, nodes.Count);
        Assert.Equal(links, xml.Descendants(ns + "edge").Count());
        var y = nodes.Single(n => (string?)n.Attribute("label") == "Y follows");
        var titles = xml.Descendants(ns + "attribute").ToDictionary(a => (string)a.Attribute("id")!, a => (string)a.Attribute("title")!);
        var values = y.Descendants(ns + "attvalue").ToDictionary(v => titles[(string)v.Attribute("for")!], v => (string)v.Attribute("value")!);
        Assert.Equal(("Y Daily", "2025-05-01T09:45:00Z", "false"), (values["provider"], values["publishedAt"], values["isReference"]));
    }

    [Fact]
    public void Gexf_CharactersXmlCannotHold_AreDropped()
    {
        Assert.Equal("ab\U0001F600c", AiNewsDashboard.Web.Api.Gexf.Clean("a\u0001b\U0001F600\uD800c"));
    }

    [Fact]
    public async Task StoriesCsv_HoldsTheJsonStories()
    {
        var (_, json) = await GetAsync("/api/graph/clusters?limit=10");

        var csv = ChartApiTests.Parse(await _client.GetStringAsync("/api/graph/clusters.csv?limit=10"));

        Assert.Equal("id,size,provider_count,headline,headline_id,first_provider,first_provider_domain,lead_time_hours,start,end,providers,top_topics,heat",
            string.Join(',', csv[0]));
        Assert.Equal(json.GetProperty("clusters").EnumerateArray().Select(c =>
            new[] { "id", "size", "providerCount", "headline", "headlineId", "firstProvider", "firstProviderDomain", "leadTimeHours", "start", "end" }
                .Select(f => ChartApiTests.Text(c, f))
                .Concat([string.Join("; ", c.GetProperty("providers").EnumerateArray().Select(ChartApiTests.Text)),
                    string.Join("; ", c.GetProperty("topTopics").EnumerateArray().Select(ChartApiTests.Text)), ChartApiTests.Text(c, "heat")]).ToArray()),
            csv.Skip(1));
        Assert.Contains(csv, row => row[3] == "X breaks it");
    }

    [Fact]
    public async Task FirstReportersCsv_HoldsTheJsonProviders()
    {
        const string query = "provider=x.example&provider=y.example&provider=z.example";
        var (_, json) = await GetAsync($"/api/graph/first-reporters?{query}");

        var csv = ChartApiTests.Parse(await _client.GetStringAsync($"/api/graph/first-reporters.csv?{query}"));

        Assert.Equal(["domain", "name", "stories", "broke", "share", "median_lead_hours"], csv[0]);
        Assert.Equal(json.GetProperty("providers").EnumerateArray().Select(p =>
            new[] { "domain", "name", "stories", "broke", "share", "medianLeadHours" }.Select(f => ChartApiTests.Text(p, f)).ToArray()), csv.Skip(1));
        Assert.Equal(3, csv.Count - 1);
    }
}
