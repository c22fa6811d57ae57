using System.Net;
using System.Text.Json;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Syndication;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Api;

/// <summary>Syndication over HTTP: the copy groups, one article's group, copies counted once, originality, and a bad <c>copies</c> named.</summary>
public sealed class SyndicationApiTests(SyndicationApiTests.App app) : IClassFixture<SyndicationApiTests.App>
{
    /// <summary>This test's providers (the host has articles of its own).</summary>
    private const string Ours = "provider=wire.example&provider=outlet.example";

    /// <summary>A wire story, its copy and an article of its own at the outlet, with copy detection run.</summary>
    public sealed class App() : SharedApp(null)
    {
        protected override async Task SeedAsync()
        {
            var articles = new[]
            {
                new ArticleBuilder().From("wire.example", "Wire").PublishedOn(2026, 3, 2, 6).Titled(WireStory.Title).WithExcerpt(WireStory.Excerpt).At("https://wire.example/rates"),
                new ArticleBuilder().From("outlet.example", "Outlet").PublishedOn(2026, 3, 2, 8).Titled($"{WireStory.Title} - Outlet").WithExcerpt(WireStory.Excerpt),
                new ArticleBuilder().From("outlet.example", "Outlet").PublishedOn(2026, 3, 2, 9).Titled("What the rate rise means for your mortgage payments")
                    .WithExcerpt("Borrowers on variable rates will pay more from next month, lenders said").At("https://outlet.example/mortgages"),
            };
            var files = articles.Select((a, i) => ($"a{i}.md", a.Build())).ToList();
            await Factory.Services.GetRequiredService<ArticleImporter>().ImportAsync(ImportSource.FromTexts(files), files.Count);
            // The host's worker would run it within seconds; run it now (passes take turns).
            await Factory.Services.GetRequiredService<SyndicationService>().UpdateAsync();
            await Factory.Services.GetRequiredService<ArticleFactsCache>().GetFreshAsync();
        }
    }

    private readonly HttpClient _client = app.Client;

    [Fact]
    public async Task Syndication_AnswersTheGroup_ItsFirstPublisher_AndOriginality()
    {
        var json = await GetJsonAsync($"/api/signals/syndication?{Ours}");

        Assert.Equal((3, 1, 1), (json.GetProperty("articles").GetInt32(), json.GetProperty("copies").GetInt32(), json.GetProperty("groups").GetInt32()));
        var group = json.GetProperty("top")[0];
        Assert.Equal("wire.example", group.GetProperty("first").GetProperty("providerDomain").GetString());
        var copy = group.GetProperty("copies")[0];
        Assert.Equal(2.0, copy.GetProperty("lagHours").GetDouble());
        Assert.Equal(["SimilarText", "SameTitle"], copy.GetProperty("reasons").GetString()!.Split(", "));
        var outlet = json.GetProperty("providers").EnumerateArray().Single(p => p.GetProperty("domain").GetString() == "outlet.example");
        Assert.Equal(0.5, outlet.GetProperty("originalShare").GetDouble());
    }

    [Fact]
    public async Task ArticleCopies_AnswersItsGroup_Or404()
    {
        var wireId = (await GetJsonAsync("/api/signals/syndication")).GetProperty("top")[0].GetProperty("first").GetProperty("id").GetInt32();
        var group = await GetJsonAsync($"/api/articles/{wireId}/copies");
        Assert.Equal(wireId, group.GetProperty("first").GetProperty("id").GetInt32());
        Assert.Equal(1, group.GetProperty("copyCount").GetInt32());
        // The article's page names each member, then its date and role, apart.
        var page = WebUtility.HtmlDecode(await _client.GetStringAsync($"/articles/{wireId}"));
        Assert.Contains("Wire</bdi></b><span class=\"mud-text-secondary text-caption\"> · 2026-03-02 06:00 UTC · first publisher", page);
        Assert.Contains("Copies of one text (2 articles)", page);
        Assert.Contains("a0.md</bdi> </span><span class=\"mud-text-secondary\">(imported ", page); // the source file, then when, apart

        var articles = await GetJsonAsync("/api/articles?provider=outlet.example&sort=title&dir=asc");
        var mortgages = articles.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("url").GetString() == "https://outlet.example/mortgages");
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/articles/{mortgages.GetProperty("id").GetInt32()}/copies")).StatusCode);
    }

    [Fact]
    public async Task Articles_FoldCopies_AndCopiesOnceLeavesThemOut()
    {
        var all = await GetJsonAsync($"/api/articles?{Ours}");
        Assert.Equal((2, 1), (all.GetProperty("total").GetInt32(), all.GetProperty("collapsedCopies").GetInt32()));
        Assert.Equal(1, all.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("url").GetString() == "https://wire.example/rates").GetProperty("copies").GetInt32());

        var providers = await GetJsonAsync("/api/stats/providers");
        Assert.True(providers.GetProperty("detection").GetProperty("finished").GetBoolean()); // the fixture's pass checked every article
        Assert.Equal(0.5, providers.GetProperty("providers").EnumerateArray().Single(p => p.GetProperty("domain").GetString() == "outlet.example").GetProperty("originalShare").GetDouble());
        var once = await GetJsonAsync("/api/stats/providers?copies=once");
        Assert.Equal(1, once.GetProperty("providers").EnumerateArray().Single(p => p.GetProperty("domain").GetString() == "outlet.example").GetProperty("articles").GetInt32());
    }

    [Fact]
    public async Task BadCopies_Is400NamingIt()
    {
        var response = await _client.GetAsync("/api/signals/syndication?copies=twice");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Contains("twice", errors.GetProperty("copies")[0].GetString());
    }

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
