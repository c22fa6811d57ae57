using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Core.Merges;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Queries.Graph;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Api;

/// <summary>
/// A merge changes what the API answers, and undoing it gives back every answer byte for byte: the rules never touch
/// the imported rows, only the snapshot the answers are computed from.
/// </summary>
public sealed partial class MergeRoundTripTests : IAsyncLifetime
{
    private readonly DashboardFactory _factory = new(settings: new Dictionary<string, string>
    {
        ["Security:ExportRequestsPerMinute"] = "100000",
        ["Security:GraphRequestsPerMinute"] = "100000",
    });
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        var huff = new ArticleBuilder().From("huffingtonpost.example", "Huffington Post").PublishedOn(2024, 1, 10).WithQuality(80).WithTopics("U.S. News", "AI");
        var huff2 = new ArticleBuilder().From("huffingtonpost.example", "Huffington Post").PublishedOn(2024, 2, 10).WithQuality(70).WithTopics("AI")
            .RelatedTo(huff);
        var alias = new ArticleBuilder().From("huffpost.example", "HuffPost").PublishedOn(2024, 2, 11).WithQuality(30).WithTopics("US news", "Chips")
            .RelatedTo(huff);
        var other = new ArticleBuilder().From("beta.example", "Beta").PublishedOn(2024, 3, 1).WithQuality(50).WithTopics("US news").RelatedTo(alias);
        var files = new[] { huff, huff2, alias, other }.Select((a, i) => ($"{i}.md", a.Build())).ToList();
        await _factory.Services.GetRequiredService<ArticleImporter>().ImportAsync(ImportSource.FromTexts(files), files.Count);
        await SettleAsync();
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Merge_ThenRemove_EveryApiAnswerIsAsBefore()
    {
        var urls = await ApiUrlsAsync();
        Assert.True(urls.Count >= 30, string.Join(", ", urls));
        var before = await AnswersAsync(urls);
        Assert.Contains(",huffpost.example,HuffPost,", before["/api/articles.csv"]);
        var rules = _factory.Services.GetRequiredService<MergeRules>();

        await rules.AddAsync(MergeKind.Provider, "huffpost.example", "huffingtonpost.example");
        await rules.AddAsync(MergeKind.Topic, "US news", "U.S. News");
        await SettleAsync();
        var merged = await AnswersAsync(urls);

        var changed = urls.Where(u => merged[u] != before[u]).ToList();
        Assert.Contains("/api/stats/providers", changed);
        Assert.Contains("/api/stats/topics", changed);
        Assert.Contains("/api/articles.csv", changed);
        Assert.Contains("/api/graph", changed);
        var providers = JsonDocument.Parse(merged["/api/stats/providers"]).RootElement.GetProperty("providers").EnumerateArray()
            .ToDictionary(p => p.GetProperty("domain").GetString()!, p => p.GetProperty("articles").GetInt32());
        Assert.Equal(3, providers["huffingtonpost.example"]);
        Assert.False(providers.ContainsKey("huffpost.example"));
        Assert.DoesNotContain(",huffpost.example,HuffPost,", merged["/api/articles.csv"]); // the provider columns name the canonical one
        Assert.Equal(3, merged["/api/articles.csv"].Split('\n').Count(l => l.Contains(",huffingtonpost.example,Huffington Post,", StringComparison.Ordinal)));
        Assert.Equal(merged["/api/articles?provider=huffingtonpost.example"], merged["/api/articles?provider=huffpost.example"]);

        await rules.RemoveAsync(MergeKind.Provider, "huffpost.example");
        await rules.RemoveAsync(MergeKind.Topic, "US news");
        await SettleAsync();
        var after = await AnswersAsync(urls);

        Assert.All(urls, u => Assert.True(after[u] == before[u], $"{u} differs after the merge was undone:\n{before[u]}\n---\n{after[u]}"));
    }

    /// <summary>
    /// Every GET endpoint of the OpenAPI document that needs no id, bare and with filters naming both spellings, plus
    /// the stacked timelines: so an endpoint added later is covered too.
    /// </summary>
    private async Task<List<string>> ApiUrlsAsync()
    {
        var doc = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json")).RootElement;
        // The comparison needs its queries (below); a PDF carries the time it was made, and its numbers are these endpoints'.
        var paths = doc.GetProperty("paths").EnumerateObject()
            .Where(p => p.Value.TryGetProperty("get", out _) && !p.Name.Contains('{') && !p.Name.StartsWith("/api/compare", StringComparison.Ordinal)
                && !p.Name.EndsWith(".pdf", StringComparison.Ordinal))
            .Select(p => p.Name).ToList();
        Assert.Contains("/api/compare", doc.GetProperty("paths").EnumerateObject().Select(p => p.Name));
        Assert.Contains("/api/graph.gexf", paths);
        var urls = new List<string>();
        foreach (var path in paths)
        {
            urls.Add(path);
            foreach (var query in new[] { "provider=huffingtonpost.example", "provider=huffpost.example", "topic=U.S.%20News", "topic=US%20news" })
                urls.Add($"{path}?{query}");
        }
        urls.AddRange(["/api/stats/timeline?stack=provider&granularity=month", "/api/stats/timeline?stack=topic&granularity=month",
            "/api/articles?sort=provider&dir=asc"]);
        foreach (var compare in new[] { "/api/compare", "/api/compare.csv" })
            urls.AddRange([$"{compare}?q1=n:Huff;p:huffingtonpost.example&q2=n:Alias;p:huffpost.example", $"{compare}?q1=n:US;t:U.S.%20News&q2=n:us;t:US%20news"]);
        return urls;
    }

    private async Task<Dictionary<string, string>> AnswersAsync(IEnumerable<string> urls)
    {
        var answers = new Dictionary<string, string>();
        foreach (var url in urls)
        {
            var response = await _client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
            // The GEXF header carries the day it was written; the rest of it must be the same.
            answers[url] = GexfDate().Replace(body, "lastmodifieddate=\"-\"");
        }
        return answers;
    }

    /// <summary>Waits until the snapshot and the graph hold every change (a reader otherwise gets the previous ones while they rebuild).</summary>
    private async Task SettleAsync()
    {
        await _factory.Services.GetRequiredService<ArticleFactsCache>().GetFreshAsync();
        await _factory.Services.GetRequiredService<ArticleGraphCache>().GetCurrentAsync();
        // Copy detection checks the import (the app's worker starts 2 s after the app): before, the providers' original
        // shares are not given, and the answers taken first would depend on how soon they were asked for.
        await _factory.Services.GetRequiredService<Core.Syndication.SyndicationService>().UpdateAsync();
    }

    [GeneratedRegex("lastmodifieddate=\"[^\"]*\"")]
    private static partial Regex GexfDate();
}
