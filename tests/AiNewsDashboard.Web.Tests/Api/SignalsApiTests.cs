using System.Net;
using System.Text.Json;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Api;

/// <summary>
/// Quality-weighted attention on /api/stats/timeline and /api/stats/topics (and the timeline CSV's measure columns), and the
/// coverage gaps of /api/signals/blindspots, over a corpus with one planted gap (<see cref="BlindspotCorpus"/>).
/// </summary>
public sealed class SignalsApiTests(SignalsApiTests.App app) : IClassFixture<SignalsApiTests.App>
{
    /// <summary>The blind-spot corpus.</summary>
    public sealed class App() : SharedApp(UnlimitedExports)
    {
        protected override async Task SeedAsync()
        {
            var files = BlindspotCorpus.Articles().Select((a, i) => ($"a{i}.md", a.Build())).ToList();
            await Factory.Services.GetRequiredService<ArticleImporter>().ImportAsync(ImportSource.FromTexts(files), files.Count);
        }
    }

    private readonly HttpClient _client = app.Client;

    [Fact]
    public async Task Timeline_EachPeriodCarriesItsAttention_WithCoverage()
    {
        var json = await GetJsonAsync("/api/stats/timeline?granularity=week");

        var buckets = json.GetProperty("buckets").EnumerateArray().ToArray();
        Assert.All(buckets, b => Assert.Equal(b.GetProperty("articles").GetInt32(), b.GetProperty("attention").GetProperty("articles").GetInt32()));
        var last = buckets[^1].GetProperty("attention");
        Assert.Equal(1.0, last.GetProperty("weighted").GetProperty("coverage").GetDouble());
        Assert.Equal("based on 100% of articles", last.GetProperty("weighted").GetProperty("coverageText").GetString());
        Assert.True(last.GetProperty("weighted").GetProperty("value").GetDouble() < last.GetProperty("articles").GetInt32());
        Assert.Equal(4, json.GetProperty("quality").GetProperty("scoredProviders").GetInt32());
        Assert.Equal(2, json.GetProperty("quality").GetProperty("highQualityProviders").GetInt32());
    }

    [Fact]
    public async Task TimelineCsv_Measure_AddsTheFigureItsCoverageAndWhyWithheld()
    {
        var json = await GetJsonAsync("/api/stats/timeline?granularity=week");

        var response = await _client.GetAsync("/api/stats/timeline.csv?granularity=week&measure=highquality");
        var csv = ChartApiTests.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(["start", "end", "articles", "total", "share", "highquality", "highquality_coverage", "highquality_withheld"], csv[0]);
        // An empty week's figure is withheld: an empty cell, and the reason beside it.
        Assert.Equal(json.GetProperty("buckets").EnumerateArray().Select(b => b.GetProperty("attention").GetProperty("highQualityShare")).Select(f =>
                (f.GetProperty("value") is { ValueKind: JsonValueKind.Number } v ? Math.Round(v.GetDouble(), 4) : (double?)null, ChartApiTests.Text(f, "withheld"))),
            csv.Skip(1).Select(r => (r[5] == "" ? (double?)null : double.Parse(r[5], System.Globalization.CultureInfo.InvariantCulture), r[7])));
        Assert.Contains(csv.Skip(1), r => r[5] != "");
    }

    [Fact]
    public async Task Topics_CarryEachTopicsAttention_InTheSameOrder()
    {
        var json = await GetJsonAsync("/api/stats/topics");

        Assert.Equal(json.GetProperty("topics").EnumerateArray().Select(t => t.GetProperty("topic").GetString()),
            json.GetProperty("attention").EnumerateArray().Select(t => t.GetProperty("topic").GetString()));
    }

    [Fact]
    public async Task Blindspots_NameThePlantedTopic_WithItsEvidence()
    {
        var json = await GetJsonAsync("/api/signals/blindspots");

        var spot = Assert.Single(json.GetProperty("blindspots").EnumerateArray().ToArray());
        Assert.Equal("Quantum", spot.GetProperty("topic").GetString());
        Assert.Equal(15, spot.GetProperty("articles").GetInt32());
        Assert.Equal("good.example", spot.GetProperty("missing")[0].GetProperty("domain").GetString());
        Assert.Equal("2024-03-31", json.GetProperty("to").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("silence").ValueKind);
    }

    [Fact]
    public async Task Blindspots_TakeTheSharedFilter_AndSayWhyTheyAreSilent()
    {
        var json = await GetJsonAsync("/api/signals/blindspots?from=2024-03-20");

        Assert.Empty(json.GetProperty("blindspots").EnumerateArray());
        Assert.Contains("a baseline needs at least 3 windows", json.GetProperty("silence").GetString());
    }

    [Theory]
    [InlineData("/api/signals/blindspots?from=yesterday", "from", "'yesterday' is not a date")]
    [InlineData("/api/stats/timeline.csv?measure=loudness", "measure", "'loudness' is not one of count, weighted, highquality, heat")]
    public async Task BadParameter_Is400NamingIt(string url, string parameter, string expected)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Contains(expected, errors.GetProperty(parameter)[0].GetString());
    }

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
