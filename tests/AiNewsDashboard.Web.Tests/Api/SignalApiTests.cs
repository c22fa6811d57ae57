using System.Net;
using System.Text.Json;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Api;

/// <summary>/api/signals/drift and /api/signals/breaking: the documented shape, the shared filter, and a bad parameter named.</summary>
public sealed class SignalApiTests(SignalApiTests.App app) : IClassFixture<SignalApiTests.App>
{
    private static readonly DateTime Now = new(2015, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    public sealed class App() : SharedApp(null)
    {
        /// <summary>A story of four providers (unscored) in the last day of 2015's articles; a provider whose quality falls from 80 to 60 over sixteen weeks of 2015.</summary>
        protected override async Task SeedAsync()
        {
            var first = new ArticleBuilder().From("a.example", "A").PublishedAt(Now.AddHours(-9)).Titled("A breaks it").WithQuality(null);
            var story = new[] { "b", "c", "d" }.Select((p, i) => new ArticleBuilder().From($"{p}.example", p.ToUpperInvariant())
                .PublishedAt(Now.AddHours(-6 + i)).Titled($"{p} follows").WithQuality(null).RelatedTo(first));
            var start = new DateTime(2015, 1, 5, 12, 0, 0, DateTimeKind.Utc);
            var weekly = Enumerable.Range(0, 16).SelectMany(w => new[] { 0, 2, 4 }.Select((d, i) => new ArticleBuilder().From("fall.example", "Fall")
                .PublishedAt(start.AddDays(7 * w + d)).WithQuality((w < 8 ? 80 : 60) + i)));
            var files = new[] { first }.Concat(story).Concat(weekly).Select((a, i) => ($"s{i}.md", a.Build())).ToList();
            await Factory.Services.GetRequiredService<ArticleImporter>().ImportAsync(ImportSource.FromTexts(files), files.Count);
            await Factory.Services.GetRequiredService<ArticleFactsCache>().GetFreshAsync();
        }
    }

    private readonly HttpClient _client = app.Client;

    private async Task<(HttpStatusCode Status, JsonElement Json)> GetAsync(string url)
    {
        var response = await _client.GetAsync(url);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task Drift_ListsTheChangePoint_WithItsNumbers()
    {
        var (status, json) = await GetAsync("/api/signals/drift?provider=fall.example");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("None", json.GetProperty("gap").GetString());
        Assert.Equal(1.0, json.GetProperty("coverage").GetDouble());
        var drift = Assert.Single(json.GetProperty("drifts").EnumerateArray());
        Assert.Equal(("fall.example", "2015-03-02", "down"), (drift.GetProperty("domain").GetString(), drift.GetProperty("date").GetString(),
            drift.GetProperty("direction").GetString()));
        Assert.Equal((24, 24), (drift.GetProperty("beforeArticles").GetInt32(), drift.GetProperty("afterArticles").GetInt32()));
        Assert.Equal(-20, drift.GetProperty("change").GetDouble(), 9);
        Assert.True(drift.GetProperty("z").GetDouble() < -4);
        Assert.True(drift.GetProperty("current").GetBoolean());
    }

    [Fact]
    public async Task Drift_FilteredToUnscoredArticles_SaysWhy()
    {
        var (status, json) = await GetAsync("/api/signals/drift?provider=a.example");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("NoQualityScores", json.GetProperty("gap").GetString());
        Assert.Empty(json.GetProperty("drifts").EnumerateArray());
    }

    [Fact]
    public async Task Breaking_ListsTheStory_AtTheLatestMatchingArticle()
    {
        // The two bundled samples are from 2021: up to 2015, "now" is the story's last article.
        var (status, json) = await GetAsync("/api/signals/breaking?to=2015-12-31");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Now.AddHours(-4), json.GetProperty("now").GetDateTime().ToUniversalTime());
        Assert.Equal(24, json.GetProperty("windowHours").GetInt32());
        var story = Assert.Single(json.GetProperty("stories").EnumerateArray());
        Assert.Equal(("A breaks it", "a.example", 4, 4), (story.GetProperty("headline").GetString(), story.GetProperty("firstProviderDomain").GetString(),
            story.GetProperty("newArticles").GetInt32(), story.GetProperty("newProviders").GetInt32()));
    }

    [Theory]
    [InlineData("/api/signals/drift?from=2015-13-01", "from")]
    [InlineData("/api/signals/breaking?minQuality=abc", "minQuality")]
    public async Task Signals_BadParameter_Is400NamingIt(string url, string name)
    {
        var (status, json) = await GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(json.GetProperty("errors").TryGetProperty(name, out _));
    }
}
