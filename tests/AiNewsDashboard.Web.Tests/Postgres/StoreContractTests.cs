using System.Net;
using System.Text.Json;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Postgres;

/// <summary>
/// One corpus in both stores, the same API answers from each. The corpus is imported into SQLite and its rows copied
/// into PostgreSQL as they are (ids included), so any difference comes from the store's reads, not from the data.
/// </summary>
public sealed class StoreContractTests : IAsyncLifetime
{
    private DashboardFactory _sqlite = null!;
    private DashboardFactory _postgres = null!;
    private HttpClient _sqliteClient = null!;
    private HttpClient _postgresClient = null!;

    public async Task InitializeAsync()
    {
        if (PostgresServer.SkipReason is not null)
            return;
        _sqlite = new DashboardFactory();
        _sqliteClient = _sqlite.CreateClient();
        var files = new List<(string, string)>
        {
            ("a1.md", new ArticleBuilder().From("alpha.example", "Alpha").PublishedOn(2024, 1, 10).WithQuality(80).WithTopics("AI", "Chips")
                .Titled("Chip makers race to build AI accelerators").Build()),
            ("a2.md", new ArticleBuilder().From("alpha.example", "Alpha").PublishedOn(2024, 2, 10).WithQuality(60).WithTopics("AI")
                .Titled("Regulators weigh open source models").Build()),
            ("b1.md", new ArticleBuilder().From("beta.example", "Beta").PublishedOn(2024, 2, 20).WithQuality(20).WithTopics("Robotics")
                .Titled("Robots learn to fold laundry").Build()),
            ("b2.md", new ArticleBuilder().From("beta.example", "Beta").PublishedOn(2024, 3, 5).WithQuality(90).WithTopics("AI", "Robotics")
                .Titled("Chipmakers and robot makers team up").Build()),
        };
        await _sqlite.Services.GetRequiredService<ArticleImporter>().ImportAsync(ImportSource.FromTexts(files), files.Count);

        var cs = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        _postgres = new DashboardFactory(settings: new Dictionary<string, string> { ["ConnectionStrings:News"] = cs });
        _postgresClient = _postgres.CreateClient(); // starts the app: migrates the PostgreSQL database
        await StoreCopy.CopyAsync(_sqlite.Services.GetRequiredService<IDbContextFactory<NewsDbContext>>(),
            _postgres.Services.GetRequiredService<IDbContextFactory<NewsDbContext>>());
    }

    public async Task DisposeAsync()
    {
        if (_sqlite is not null)
            await _sqlite.DisposeAsync();
        if (_postgres is not null)
            await _postgres.DisposeAsync();
    }

    private static async Task<string> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        return body;
    }

    [PostgresFact]
    public async Task Stores_SameCorpus_GiveTheSameApiAnswers()
    {
        Assert.Equal("PostgreSQL", _postgres.Services.GetRequiredService<INewsStore>().Kind);
        await _postgres.Services.GetRequiredService<Core.Queries.ArticleFactsCache>().GetFreshAsync();
        string[] urls =
        [
            "/api/articles?pageSize=50",
            "/api/articles?pageSize=50&sort=title",
            "/api/articles?q=chip*",
            "/api/articles?q=regulators%20OR%20robots",
            "/api/articles?q=ai%20-robots",
            "/api/articles?provider=beta.example&from=2024-02-01",
            "/api/stats/timeline?interval=month",
            "/api/stats/topics",
            "/api/stats/providers",
            "/api/stats/topics/heatmap",
            "/api/stats/providers/alpha.example",
            "/api/graph/clusters",
        ];
        foreach (var url in urls)
        {
            var expected = await GetAsync(_sqliteClient, url);
            var actual = await GetAsync(_postgresClient, url);
            Assert.True(expected == actual, $"{url} differs:\nSQLite:     {expected}\nPostgreSQL: {actual}");
            Assert.NotEqual("[]", expected); // a comparison of two empty answers would prove nothing
        }
        // The search narrowed the list in both (equal answers to a search that matched all or nothing would prove little).
        int Total(string body) => JsonDocument.Parse(body).RootElement.GetProperty("total").GetInt32();
        var chips = Total(await GetAsync(_postgresClient, "/api/articles?q=chip*"));
        Assert.InRange(chips, 1, Total(await GetAsync(_postgresClient, "/api/articles?pageSize=50")) - 1);
    }
}
