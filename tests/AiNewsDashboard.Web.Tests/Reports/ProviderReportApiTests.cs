using System.Globalization;
using System.Net;
using System.Text.Json;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace AiNewsDashboard.Web.Tests.Reports;

/// <summary>/api/reports/providers.pdf: the PDF's text, read back, says the filter and holds the API's top rows.</summary>
public sealed class ProviderReportApiTests(ProviderReportApiTests.App app) : IClassFixture<ProviderReportApiTests.App>
{
    /// <summary>Four providers of known quality.</summary>
    public sealed class App() : SharedApp(UnlimitedExports)
    {
        protected override async Task SeedAsync()
        {
            var files = new List<(string, string)>();
            var qualities = new Dictionary<string, int[]>
            {
                ["alpha.example"] = [80, 85, 90, 75], ["beta.example"] = [20, 30, 25], ["gamma.example"] = [60, 65, 55, 70, 50],
                ["delta.example"] = [40, 45],
            };
            var n = 0;
            foreach (var (domain, qs) in qualities)
                foreach (var q in qs)
                {
                    n++;
                    files.Add(($"{n}.md", new ArticleBuilder().From(domain, char.ToUpperInvariant(domain[0]) + domain[1..domain.IndexOf('.')] + " News")
                        .PublishedOn(2024, 1 + n % 3, 1 + n).WithQuality(q).WithTopics("AI").Build()));
                }
            await Factory.Services.GetRequiredService<ArticleImporter>().ImportAsync(ImportSource.FromTexts(files), files.Count);
        }
    }

    private readonly HttpClient _client = app.Client;

    private static string Words(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }

    [Fact]
    public async Task ProvidersPdf_ReadBack_StatesTheFilterAndTheApisTopRowsInOrder()
    {
        const string filter = "from=2024-01-01&to=2024-03-31&topic=AI&minQuality=10";
        var response = await _client.GetAsync($"/api/reports/providers.pdf?{filter}&top=3");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var text = Words(await response.Content.ReadAsByteArrayAsync());

        Assert.Contains("Filter: Topic: AI · Quality at least 10", text);
        Assert.Contains("Dates: 2024-01-01 – 2024-03-31", text);
        Assert.Contains("Generated", text);

        var api = JsonDocument.Parse(await _client.GetStringAsync($"/api/stats/providers?{filter}&pageSize=3")).RootElement;
        var rows = api.GetProperty("providers").EnumerateArray().ToArray();
        Assert.Equal(3, rows.Length);
        var last = -1;
        for (var i = 0; i < rows.Length; i++)
        {
            var name = rows[i].GetProperty("name").GetString()!;
            var domain = rows[i].GetProperty("domain").GetString()!;
            var score = rows[i].GetProperty("score").GetDouble().ToString("0.0", CultureInfo.InvariantCulture);
            var row = $"{i + 1} {name} ({domain}) {rows[i].GetProperty("articles").GetInt32()}";
            var at = text.IndexOf(row, StringComparison.Ordinal);
            Assert.True(at > last, $"row {i + 1} '{row}' missing or out of order in: {text}");
            Assert.Contains(score, text[at..]);
            last = at;
        }
        // Four providers, three listed: the report says what it leaves out.
        Assert.Contains("The first 3 of 4 providers", text);
        Assert.Contains("1 left out", text);
    }

    [Fact]
    public async Task ProvidersPdf_SortedByName_ListsTheApisRowsInThatOrder()
    {
        var text = Words(await _client.GetByteArrayAsync("/api/reports/providers.pdf?sort=name&top=2"));

        Assert.Contains("Filter: All articles", text);
        Assert.Contains("Dates: All dates", text);
        var api = JsonDocument.Parse(await _client.GetStringAsync("/api/stats/providers?sort=name&pageSize=3")).RootElement;
        var rows = api.GetProperty("providers").EnumerateArray().Select(r => $"({r.GetProperty("domain").GetString()})").ToArray();
        var first = text.IndexOf(rows[0], StringComparison.Ordinal);
        Assert.True(first >= 0 && text.IndexOf(rows[1], StringComparison.Ordinal) > first, text);
        Assert.DoesNotContain(rows[2], text); // the third is left out
    }

    [Theory]
    [InlineData("top=0", "top")]
    [InlineData("top=500", "top")]
    [InlineData("sort=colour", "sort")]
    [InlineData("from=2024-13-01", "from")]
    public async Task ProvidersPdf_BadParameter_IsAProblemNamingIt(string query, string parameter)
    {
        var response = await _client.GetAsync($"/api/reports/providers.pdf?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }
}
