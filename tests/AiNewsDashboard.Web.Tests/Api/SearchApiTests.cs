using System.Net;
using System.Text.Json;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Api;

/// <summary>
/// The search syntax through the API: operators and word forms select, and a mistake is a 400 naming what and where.
/// "chip OR chips" used to answer 0 articles, and an unclosed quote was quietly searched as a word.
/// </summary>
public sealed class SearchApiTests(SearchApiTests.App app) : IClassFixture<SearchApiTests.App>
{
    /// <summary>Three articles whose titles share a made-up word.</summary>
    public sealed class App() : SharedApp(UnlimitedExports)
    {
        protected override async Task SeedAsync()
        {
            var files = new List<(string, string)>
            {
                ("c1.md", new ArticleBuilder().Titled("Zorblat chip shortage eases").Build()),
                ("c2.md", new ArticleBuilder().Titled("Zorblat chips sell out").WithExcerpt("Memory makers cheer").Build()),
                ("c3.md", new ArticleBuilder().Titled("Zorblat wafer plant opens").Build()),
            };
            await Factory.Services.GetRequiredService<ArticleImporter>().ImportAsync(ImportSource.FromTexts(files), files.Count);
        }
    }

    private readonly HttpClient _client = app.Client;

    private async Task<int> TotalAsync(string q)
    {
        var response = await _client.GetAsync($"/api/articles?q={Uri.EscapeDataString(q)}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{q}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("total").GetInt32();
    }

    [Theory]
    [InlineData("zorblat (chip OR chips)", 2)]
    [InlineData("zorblat chips", 2)]
    [InlineData("zorblat -chip", 1)]
    [InlineData("zorblat NOT (chip OR memory)", 1)]
    [InlineData("\"zorblat chips sell\"", 1)]
    [InlineData("zorbl*", 3)]
    [InlineData("(wafer OR memory) zorblat", 2)]
    public async Task Articles_SearchWithOperators_CountsWhatItSays(string q, int total) =>
        Assert.Equal(total, await TotalAsync(q));

    [Theory]
    [InlineData("\"chip", "q: the quote at position 1 is never closed")]
    [InlineData("(a OR", "q: OR at position 4 has nothing after it")]
    [InlineData("NOT", "q: NOT at position 1 has nothing after it")]
    [InlineData("a OR", "q: OR at position 3 has nothing after it")]
    [InlineData("chip)", "q: ')' at position 5 closes a parenthesis that was never opened")]
    [InlineData("-chip", "q: '-' at position 1 has nothing to exclude from: search for something as well, as in chip -memory")]
    [InlineData("a\0b", "q: character U+0000 at position 2 is not allowed")]
    [InlineData("chip\u001b", "q: character U+001B at position 5 is not allowed")]
    public async Task Articles_SearchWithAMistake_Is400NamingWhatAndWhere(string q, string message)
    {
        foreach (var path in new[] { "/api/articles", "/api/articles.csv", "/api/stats/timeline", "/api/stats/topics", "/api/graph" })
        {
            var response = await _client.GetAsync($"{path}?q={Uri.EscapeDataString(q)}");

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
            Assert.Equal([message], errors.GetProperty("q").EnumerateArray().Select(e => e.GetString()));
        }
    }
}
