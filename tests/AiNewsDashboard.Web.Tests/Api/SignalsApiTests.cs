using System.Net;
using System.Text.Json;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Api;

/// <summary>
/// Quality-weighted attention on /api/stats/timeline and /api/stats/topics (and the timeline CSV's measure columns), and the
/// coverage gaps of /api/signals/blindspots, over a corpus with one planted gap.
/// </summary>
public sealed class SignalsApiTests : IAsyncLifetime
{
    private static readonly DateOnly Last = new(2024, 3, 31);
    private readonly DashboardFactory _factory = new();
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        var files = new List<(string, string)>();
        void Add(int week, int count, string domain, string topic, int quality)
        {
            for (var i = 0; i < count; i++)
                files.Add(($"a{files.Count}.md", new ArticleBuilder().From(domain).PublishedAt(Last.AddDays(-7 * week - i % 7).ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc))
                    .WithQuality(quality).WithHeat(week == 0 && topic == "Quantum" ? 80 : 10).WithTopics(topic).Build()));
        }
        // Nine weeks of steady coverage; in the last, "Quantum" surges among the two low-quality providers only.
        for (var week = 0; week <= 8; week++)
        {
            Add(week, 3, "good.example", "Steady", 90);
            Add(week, 3, "fine.example", "Steady", 85);
            Add(week, 3, "cheap.example", "Steady", 20);
            Add(week, 2, "spam.example", "Steady", 25);
            if (week > 0)
                Add(week, 1, "good.example", "Quantum", 90);
        }
        Add(0, 8, "cheap.example", "Quantum", 20);
        Add(0, 7, "spam.example", "Quantum", 25);
        await _factory.Services.GetRequiredService<ArticleImporter>().ImportAsync(ImportSource.FromTexts(files), files.Count);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

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
