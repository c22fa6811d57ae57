using System.Globalization;
using System.Net;
using System.Text.Json;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Api;

/// <summary>/api/compare and /api/compare.csv on the real app over a small corpus with known numbers.</summary>
public sealed class CompareApiTests(CompareApiTests.App app) : IClassFixture<CompareApiTests.App>
{
    // January 2024: three articles say "chip", two of them from alpha; alpha publishes three, beta two.
    private const string Query = "q1=n:Chip;s:chip;f:2024-01-01;u:2024-01-31&q2=n:Alpha;p:alpha.example;f:2024-01-01;u:2024-01-31&granularity=week";

    /// <summary>Five articles of January 2024 (one test adds a collection no other asks for).</summary>
    public sealed class App() : SharedApp(UnlimitedExports)
    {
        protected override async Task SeedAsync()
        {
            var importer = Factory.Services.GetRequiredService<ArticleImporter>();
            var files = new List<(string, string)>
            {
                ("a1.md", new ArticleBuilder().From("alpha.example", "Alpha").PublishedOn(2024, 1, 2).Titled("Chip plant").WithTopics("Chips").Build()),
                ("a2.md", new ArticleBuilder().From("alpha.example", "Alpha").PublishedOn(2024, 1, 3).Titled("Chip prices").WithTopics("Chips", "AI").Build()),
                ("a3.md", new ArticleBuilder().From("alpha.example", "Alpha").PublishedOn(2024, 1, 17).Titled("Robots").WithTopics("Robotics").Build()),
                ("b1.md", new ArticleBuilder().From("beta.example", "Beta").PublishedOn(2024, 1, 16).Titled("Chip exports").WithTopics("Chips").Build()),
                ("b2.md", new ArticleBuilder().From("beta.example", "Beta").PublishedOn(2024, 1, 18).Titled("Weather").WithTopics("Weather").Build()),
            };
            await importer.ImportAsync(ImportSource.FromTexts(files), files.Count);
        }
    }

    private readonly DashboardFactory _factory = app.Factory;
    private readonly HttpClient _client = app.Client;

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task Compare_AQueryOfACollection_CountsItsProviders_AndAnUnknownOneIsNamed()
    {
        await _factory.Services.GetRequiredService<AiNewsDashboard.Core.Collections.ProviderCollectionService>()
            .CreateAsync("Alpha desk", null, ["alpha.example"]);

        var json = await GetJsonAsync("/api/compare?q1=n:Desk;o:Alpha%20desk;s:chip&q2=n:Alpha;p:alpha.example;s:chip");

        Assert.Equal(2, json.GetProperty("queries")[0].GetProperty("matches").GetInt32());
        Assert.Equal(json.GetProperty("queries")[1].GetProperty("matches").GetInt32(), json.GetProperty("queries")[0].GetProperty("matches").GetInt32());
        var bad = await _client.GetAsync("/api/compare?q1=n:Desk;o:Nobody");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("q1 (Desk), o: collection: there is no provider collection called 'Nobody'", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Compare_TwoQueries_AnswersCountsTotalsRatiosTopsAndOverlap()
    {
        var json = await GetJsonAsync("/api/compare?" + Query);

        Assert.Equal("week", json.GetProperty("granularity").GetString());
        Assert.Contains("without its search text", json.GetProperty("denominator").GetString());
        var chip = json.GetProperty("queries")[0];
        Assert.Equal("Chip", chip.GetProperty("name").GetString());
        Assert.Equal(3, chip.GetProperty("matches").GetInt32());
        Assert.Equal(5, chip.GetProperty("total").GetInt32());
        Assert.Equal(0.6, chip.GetProperty("ratio").GetDouble(), 6);
        Assert.Equal("from=2024-01-01&to=2024-01-31", chip.GetProperty("denominator").GetString());
        Assert.Equal("Chips", chip.GetProperty("topTopics")[0].GetProperty("topic").GetString());
        var alpha = json.GetProperty("queries")[1];
        Assert.Equal(3, alpha.GetProperty("matches").GetInt32());
        Assert.Equal(3, alpha.GetProperty("total").GetInt32()); // no search: its own denominator
        Assert.Equal("alpha.example", alpha.GetProperty("topProviders")[0].GetProperty("domain").GetString());
        var overlap = json.GetProperty("overlaps")[0];
        Assert.Equal((0, 1, 2), (overlap.GetProperty("first").GetInt32(), overlap.GetProperty("second").GetInt32(), overlap.GetProperty("articles").GetInt32()));
        Assert.Equal(2, json.GetProperty("inAll").GetInt32());
        Assert.Equal(4, json.GetProperty("inAny").GetInt32());
        // Week of 2024-01-01: chip 2 of 3 articles; week of 2024-01-15: 1 of 2... of the week's 3 (b1, a3, b2).
        var weeks = chip.GetProperty("buckets").EnumerateArray().Select(b => (b.GetProperty("start").GetString(), b.GetProperty("matches").GetInt32(),
            b.GetProperty("total").GetInt32())).ToArray();
        Assert.Equal(("2024-01-01", 2, 2), weeks[0]);
        Assert.Equal(("2024-01-15", 1, 3), weeks[2]);
    }

    [Fact]
    public async Task CompareCsv_RowsEqualTheJson_AndTheHeaderNamesTheDenominator()
    {
        var json = await GetJsonAsync("/api/compare?" + Query);
        var csv = await _client.GetStringAsync("/api/compare.csv?" + Query);

        var lines = csv.TrimEnd('\n').Split('\n');
        var header = lines[0].Split(',');
        Assert.Equal(["start", "end", "q1 Chip: matches", "q1 Chip: total (articles matching the query's filters without its search text)",
            "q1 Chip: ratio (matches / total)", "q2 Alpha: matches", "q2 Alpha: total (articles matching the query's filters without its search text)",
            "q2 Alpha: ratio (matches / total)"], header);
        var periods = json.GetProperty("buckets").EnumerateArray().ToArray();
        Assert.Equal(periods.Length, lines.Length - 1);
        for (var b = 0; b < periods.Length; b++)
        {
            var cells = lines[b + 1].Split(',');
            Assert.Equal(periods[b].GetProperty("start").GetString(), cells[0]);
            Assert.Equal(periods[b].GetProperty("end").GetString(), cells[1]);
            for (var q = 0; q < 2; q++)
            {
                var bucket = json.GetProperty("queries")[q].GetProperty("buckets")[b];
                Assert.Equal(bucket.GetProperty("matches").GetInt32().ToString(CultureInfo.InvariantCulture), cells[2 + q * 3]);
                Assert.Equal(bucket.GetProperty("total").GetInt32().ToString(CultureInfo.InvariantCulture), cells[3 + q * 3]);
                var ratio = bucket.GetProperty("ratio");
                if (ratio.ValueKind == JsonValueKind.Null)
                    Assert.Equal("", cells[4 + q * 3]);
                else
                    Assert.Equal(ratio.GetDouble(), double.Parse(cells[4 + q * 3], CultureInfo.InvariantCulture), 6);
            }
        }
    }

    [Theory]
    [InlineData("q1=s:chip;f:2024-02-30", "q1", "f: from: '2024-02-30' is not a date")]
    [InlineData("q1=s:chip&q2=p:alpha.example;lo:abc", "q2", "lo: minQuality: 'abc'")]
    [InlineData("q1=s:chip&granularity=fortnight", "granularity", "'fortnight'")]
    [InlineData("", "q1", "at least one query")]
    public async Task Compare_BadInput_IsAProblemNamingTheQueryAndField(string query, string parameter, string message)
    {
        foreach (var path in new[] { "/api/compare?", "/api/compare.csv?" })
        {
            var response = await _client.GetAsync(path + query);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            var errors = problem.GetProperty("errors").GetProperty(parameter).EnumerateArray().Select(e => e.GetString()!).ToArray();
            Assert.Contains(errors, e => e.Contains(message, StringComparison.Ordinal));
        }
    }
}
