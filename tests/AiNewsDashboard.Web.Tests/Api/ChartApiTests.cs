using System.Net;
using System.Text;
using System.Text.Json;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Api;

/// <summary>
/// The numbers behind each chart: every CSV holds exactly what its JSON twin answers, row for row and digit for digit,
/// under the same filter; and both read their parameters as the rest of the API does.
/// </summary>
public sealed class ChartApiTests(ChartApiTests.App app) : IClassFixture<ChartApiTests.App>
{
    private const string Range = "from=2024-01-01&to=2024-03-31";

    /// <summary>40 articles of two providers over three months.</summary>
    public sealed class App() : SharedApp(UnlimitedExports)
    {
        protected override async Task SeedAsync()
        {
            var importer = Factory.Services.GetRequiredService<ArticleImporter>();
            var files = new List<(string, string)>();
            var topics = new[] { new[] { "AI", "Chips" }, ["AI"], ["Robotics", "AI"], ["Chips", "Robotics"], ["Policy, law"] };
            for (var i = 0; i < 40; i++)
            {
                var provider = i % 4 == 0 ? ("beta.example", "Beta") : ("alpha.example", "Alpha");
                files.Add(($"a{i}.md", new ArticleBuilder().From(provider.Item1, provider.Item2).PublishedOn(2024, 1 + i % 3, 1 + i % 27)
                    .WithQuality(30 + i % 7 * 10).WithTopics(topics[i % topics.Length]).Build()));
            }
            await importer.ImportAsync(ImportSource.FromTexts(files), files.Count);
        }
    }

    private readonly HttpClient _client = app.Client;

    [Fact]
    public async Task TimelineCsv_StackedShares_HoldsTheJsonPeriodsSeriesTotalsAndShares()
    {
        var query = $"{Range}&granularity=month&stack=topic&view=share&provider=alpha.example";
        var json = await GetJsonAsync($"/api/stats/timeline?{query}");
        var series = json.GetProperty("series").EnumerateArray().Select(s => s.GetString()!).ToArray();

        var csv = await GetCsvAsync($"/api/stats/timeline.csv?{query}", "timeline.csv");

        Assert.Equal(["start", "end", "articles", .. series, "total", "share"], csv[0]);
        Assert.Equal(json.GetProperty("buckets").EnumerateArray().Select(b =>
            new[] { Text(b, "start"), Text(b, "end"), Text(b, "articles") }.Concat(b.GetProperty("series").EnumerateArray().Select(Text))
                .Concat([Text(b, "total"), Text(b, "share")]).ToArray()), csv.Skip(1));
        Assert.Equal(3, csv.Count - 1);
        Assert.Contains(csv.Skip(1), row => row[^1] is not "1" and not "0"); // shares below one: the denominator drops the provider
    }

    [Fact]
    public async Task TopicsCsv_HoldsTheJsonTopics()
    {
        var json = await GetJsonAsync($"/api/stats/topics?{Range}&top=3");

        var csv = await GetCsvAsync($"/api/stats/topics.csv?{Range}&top=3", "topics.csv");

        Assert.Equal(["topic", "articles", "share"], csv[0]);
        Assert.Equal(json.GetProperty("topics").EnumerateArray().Select(t => new[] { Text(t, "topic"), Text(t, "articles"), Text(t, "share") }), csv.Skip(1));
        Assert.Equal(3, csv.Count - 1);
    }

    [Fact]
    public async Task HeatMapCsv_HoldsEveryTopicAndPeriodOfTheJson()
    {
        var json = await GetJsonAsync($"/api/stats/topics/heatmap?{Range}&granularity=month");
        var periods = json.GetProperty("periods").EnumerateArray().ToList();

        var csv = await GetCsvAsync($"/api/stats/topics/heatmap.csv?{Range}&granularity=month", "topics-heatmap.csv");

        Assert.Equal(["topic", "period_start", "period_end", "articles"], csv[0]);
        Assert.Equal(json.GetProperty("rows").EnumerateArray().SelectMany(r => r.GetProperty("counts").EnumerateArray().Select((c, i) =>
            new[] { Text(r, "topic"), Text(periods[i], "start"), Text(periods[i], "end"), Text(c) })), csv.Skip(1));
        Assert.Equal(4 * 3, csv.Count - 1); // four topics by three months
        Assert.Contains(csv, row => row[0] == "Policy, law"); // a comma in a topic stays in its cell
    }

    [Fact]
    public async Task PairsCsv_HoldsTheJsonPairs()
    {
        var json = await GetJsonAsync($"/api/stats/topics/pairs?{Range}");

        var csv = await GetCsvAsync($"/api/stats/topics/pairs.csv?{Range}", "topics-pairs.csv");

        Assert.Equal(["topic", "with_topic", "articles"], csv[0]);
        Assert.Equal(json.GetProperty("pairs").EnumerateArray().Select(p => new[] { Text(p, "first"), Text(p, "second"), Text(p, "articles") }), csv.Skip(1));
        Assert.Equal(3, csv.Count - 1); // AI+Chips, AI+Robotics, Chips+Robotics
    }

    [Fact]
    public async Task EmergingCsv_HoldsTheJsonTopicsAndBothPeriods()
    {
        const string march = "from=2024-03-01&to=2024-03-31";
        var json = await GetJsonAsync($"/api/stats/topics/emerging?{march}");

        var csv = await GetCsvAsync($"/api/stats/topics/emerging.csv?{march}", "topics-emerging.csv");

        Assert.Equal(["topic", "articles", "previous_articles", "growth", "from", "to", "previous_from", "previous_to"], csv[0]);
        var periods = new[] { Text(json, "from"), Text(json, "to"), Text(json, "previousFrom"), Text(json, "previousTo") };
        Assert.Equal(json.GetProperty("topics").EnumerateArray().Select(t =>
            new[] { Text(t, "topic"), Text(t, "articles"), Text(t, "previousArticles"), Text(t, "growth") }.Concat(periods).ToArray()), csv.Skip(1));
        Assert.NotEmpty(csv.Skip(1));
    }

    [Fact]
    public async Task ProviderCsvs_HoldTheJsonPeriodsAndTopics()
    {
        var json = await GetJsonAsync($"/api/stats/providers/alpha.example?{Range}");

        var periods = await GetCsvAsync($"/api/stats/providers/alpha.example/periods.csv?{Range}", "provider-periods.csv");
        var topics = await GetCsvAsync($"/api/stats/providers/alpha.example/topics.csv?{Range}", "provider-topics.csv");

        Assert.Equal(["start", "end", "articles", "rated_articles", "mean_quality", "median_quality"], periods[0]);
        Assert.Equal(json.GetProperty("periods").EnumerateArray().Select(p =>
            new[] { "start", "end", "articles", "ratedArticles", "meanQuality", "medianQuality" }.Select(f => Text(p, f)).ToArray()), periods.Skip(1));
        Assert.Equal(json.GetProperty("topics").EnumerateArray().Select(t => new[] { Text(t, "topic"), Text(t, "articles"), Text(t, "share") }), topics.Skip(1));
        Assert.Equal(30, json.GetProperty("provider").GetProperty("articles").GetInt32()); // 40 less every fourth
        Assert.Equal(30, periods.Skip(1).Sum(r => int.Parse(r[2])));
    }

    [Theory]
    [InlineData("/api/stats/timeline.csv?from=yesterday", "from", "'yesterday' is not a date")]
    [InlineData("/api/stats/topics.csv?top=0", "top", "'0' is not a whole number from 1 to 1000")]
    [InlineData("/api/stats/topics/heatmap.csv?granularity=hour", "granularity", "'hour' is not one of day, week, month, quarter, year")]
    [InlineData("/api/stats/topics/heatmap?top=500", "top", "from 1 to 100")]
    [InlineData("/api/stats/topics/pairs.csv?top=1", "top", "from 2 to 100")]
    [InlineData("/api/stats/topics/emerging.csv?published=maybe", "published", "'maybe' is not true or false")]
    [InlineData("/api/stats/providers/alpha.example/periods.csv?minQuality=high", "minQuality", "'high'")]
    public async Task BadParameter_Is400NamingIt(string url, string parameter, string expected)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Contains(expected, errors.GetProperty(parameter)[0].GetString());
    }

    [Theory]
    [InlineData("/api/stats/providers/nobody.example")]
    [InlineData("/api/stats/providers/nobody.example/topics.csv")]
    public async Task UnknownProvider_Is404NamingTheDomain(string url)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("nobody.example", await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<List<string[]>> GetCsvAsync(string url, string fileName)
    {
        var response = await _client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(fileName, response.Content.Headers.ContentDisposition?.FileName);
        return Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>A JSON value as its CSV cell: strings as they are, numbers as the JSON writes them, null empty.</summary>
    internal static string Text(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString()!,
        JsonValueKind.Null => "",
        _ => e.GetRawText(),
    };

    internal static string Text(JsonElement e, string property) => Text(e.GetProperty(property));

    /// <summary>RFC 4180 records: quoted cells may hold commas, quotes (doubled) and line breaks.</summary>
    internal static List<string[]> Parse(string csv)
    {
        var records = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\n') { row.Add(cell.ToString()); cell.Clear(); records.Add([.. row]); row.Clear(); }
            else if (c != '\r') cell.Append(c);
        }
        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            records.Add([.. row]);
        }
        return records;
    }
}
