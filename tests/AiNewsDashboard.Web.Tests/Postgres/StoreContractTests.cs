using System.Net;
using System.Text.Json;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Demo;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Postgres;

/// <summary>
/// One corpus imported into both stores through the real importer, in the same runs: the same import reports, the
/// same rows (ids included), the same API answers; a second import of the same files, an update and undos answer the
/// same too. Any difference is a difference between the two stores' writers or reads.
/// </summary>
public sealed class StoreContractTests : IAsyncLifetime
{
    private DashboardFactory _sqlite = null!;
    private DashboardFactory _postgres = null!;
    private HttpClient _sqliteClient = null!;
    private HttpClient _postgresClient = null!;

    private static readonly ArticleBuilder Upgraded = new ArticleBuilder().At("https://ref.example/upgraded").From("ref.example", "Ref")
        .PublishedOn(2024, 2, 1).Titled("The reference's own file").WithTopics("AI");

    /// <summary>
    /// Small batches (<see cref="BatchSize"/>) so every case crosses one: references filled and upgraded in the batch
    /// that made them and in later ones, two files for one URL, a topic named twice, a rejected file, and the demo corpus.
    /// </summary>
    private static List<(string, string)> Corpus()
    {
        var files = new List<(string, string)>
        {
            ("a1.md", new ArticleBuilder().At("https://alpha.example/a1").From("alpha.example", "Alpha").PublishedOn(2024, 1, 10).WithQuality(80)
                .WithTopics("AI", "Chips").Titled("Chip makers race to build AI accelerators").WithImage("https://alpha.example/a1.png")
                .RelatedTo("https://ref.example/shared", title: "A shared story").RelatedTo(Upgraded.Url, title: "As the list says").Build()),
            ("a2.md", new ArticleBuilder().At("https://alpha.example/a2").From("alpha.example", "Alpha").PublishedOn(2024, 2, 10).WithQuality(60)
                .WithTopics("AI").Titled("Regulators weigh open source models")
                .RelatedTo("https://alpha.example/a1", title: "Chip makers").RelatedTo("https://ref.example/shared", ampUrl: "https://amp.example/shared").Build()),
            ("b1.md", new ArticleBuilder().At("https://beta.example/b1").From("beta.example", "Beta").PublishedOn(2024, 2, 20).WithQuality(20)
                .WithTopics("Robotics", "robotics").Titled("Robots learn to fold laundry").RelatedTo("https://ref.example/only-b1").Build()),
            ("upgraded.md", Upgraded.Build()),
            ("b2.md", new ArticleBuilder().At("https://beta.example/b2").From("beta.example", "Beta").PublishedOn(2024, 3, 5).WithQuality(90)
                .WithTopics("AI", "Robotics").Titled("Chipmakers and robot makers team up").RelatedTo("https://ref.example/shared", title: "Later title").Build()),
            ("bad.md", "---\ntitle: [unclosed\n---\n"),
            ("copies/a1-again.md", new ArticleBuilder().At("https://alpha.example/a1").From("alpha.example", "Alpha").PublishedOn(2024, 1, 11)
                .WithQuality(70).WithTopics("AI").Titled("Chip makers race to build AI accelerators (corrected)").Build()),
        };
        files.AddRange(new DemoCorpusGenerator().Generate(120).Select(a => ($"demo/{a.RelativePath}", a.Text)));
        return files;
    }

    private const int BatchSize = 3;

    public async Task InitializeAsync()
    {
        if (PostgresServer.SkipReason is not null)
            return;
        _sqlite = new DashboardFactory();
        _sqliteClient = _sqlite.CreateClient();
        var cs = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        _postgres = new DashboardFactory(settings: new Dictionary<string, string> { ["ConnectionStrings:News"] = cs });
        _postgresClient = _postgres.CreateClient(); // starts the app: migrates the PostgreSQL database
    }

    public async Task DisposeAsync()
    {
        if (_sqlite is not null)
            await _sqlite.DisposeAsync();
        if (_postgres is not null)
            await _postgres.DisposeAsync();
    }

    /// <summary>Imports <paramref name="files"/> into both stores as one recorded run each; asserts both reports say the same and returns the run id.</summary>
    private async Task<int> ImportIntoBothAsync(IReadOnlyList<(string, string)> files)
    {
        var runs = new List<int>();
        var reports = new List<string>();
        foreach (var app in new[] { _sqlite, _postgres })
        {
            var history = app.Services.GetRequiredService<ImportHistory>();
            var run = await history.BeginAsync("upload", "contract corpus", null, DateTime.UtcNow);
            var report = await app.Services.GetRequiredService<ArticleImporter>().ImportAsync(ImportSource.FromTexts(files), files.Count,
                new ImportOptions { BatchSize = BatchSize, RunId = run });
            await history.FinishAsync(run, DateTime.UtcNow, report);
            runs.Add(run);
            reports.Add(JsonSerializer.Serialize(report with { Elapsed = TimeSpan.Zero }));
        }
        Assert.True(reports[0] == reports[1], $"the import reports differ:\nSQLite:     {reports[0]}\nPostgreSQL: {reports[1]}");
        Assert.Equal(runs[0], runs[1]);
        return runs[0];
    }

    private Task AssertSameRowsAsync() => AssertSameRowsAsync(
        _sqlite.Services.GetRequiredService<IDbContextFactory<NewsDbContext>>(), _postgres.Services.GetRequiredService<IDbContextFactory<NewsDbContext>>());

    private static async Task AssertSameRowsAsync(IDbContextFactory<NewsDbContext> sqlite, IDbContextFactory<NewsDbContext> postgres)
    {
        var expected = await DatabaseSnapshot.CaptureAsync(sqlite);
        Assert.Equal(expected, await DatabaseSnapshot.CaptureAsync(postgres));
        // The writer assigns ids itself: the same ones in both.
        async Task<string> IdsAsync(IDbContextFactory<NewsDbContext> factory)
        {
            await using var db = await factory.CreateDbContextAsync();
            var articles = await db.Articles.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id + " " + a.Url).ToListAsync();
            var runArticles = await db.ImportRunArticles.AsNoTracking().OrderBy(r => r.RunId).ThenBy(r => r.ArticleId)
                .Select(r => r.RunId + "/" + r.ArticleId + "/" + r.Change).ToListAsync();
            return string.Join("\n", articles.Concat(runArticles));
        }
        Assert.Equal(await IdsAsync(sqlite), await IdsAsync(postgres));
    }

    private static async Task<string> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        return body;
    }

    [Trait("Category", "Slow")] // two stores and every API answer: 9 s in the fast subset
    [PostgresFact]
    public async Task Stores_SameImport_GiveTheSameReportsRowsAndApiAnswers()
    {
        Assert.Equal("PostgreSQL", _postgres.Services.GetRequiredService<INewsStore>().Kind);
        var corpus = Corpus();
        await ImportIntoBothAsync(corpus);
        await AssertSameRowsAsync();

        foreach (var app in new[] { _sqlite, _postgres })
        {
            // Copy detection runs after each commit on a worker of its own: a pass here, so both answer with its groups.
            await app.Services.GetRequiredService<Core.Syndication.SyndicationService>().UpdateAsync();
            await app.Services.GetRequiredService<Core.Queries.ArticleFactsCache>().GetFreshAsync();
        }
        string[] urls =
        [
            "/api/articles?pageSize=50",
            "/api/articles?pageSize=50&sort=title",
            "/api/articles?pageSize=7&page=3&sort=title&dir=asc&references=include",
            "/api/articles?pageSize=5&sort=title&dir=asc&provider=beta.example",
            "/api/articles?q=chip*",
            "/api/articles?q=regulators%20OR%20robots",
            "/api/articles?q=ai%20-robots",
            "/api/articles?provider=beta.example&from=2024-02-01",
            "/api/articles?references=include&pageSize=50",
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
        // Title order from each store's index, followed by cursor: the same pages, and the same cursors.
        foreach (var dir in new[] { "asc", "desc" })
        {
            var url = $"/api/articles?pageSize=9&sort=title&dir={dir}&references=include";
            for (var pages = 0; pages < 100; pages++)
            {
                var expected = await GetAsync(_sqliteClient, url);
                Assert.Equal(expected, await GetAsync(_postgresClient, url));
                if (JsonDocument.Parse(expected).RootElement.GetProperty("next").GetString() is not { } next)
                    break;
                url = $"/api/articles?pageSize=9&sort=title&dir={dir}&references=include&after={Uri.EscapeDataString(next)}";
            }
        }
        // The search narrowed the list in both (equal answers to a search that matched all or nothing would prove little).
        int Total(string body) => JsonDocument.Parse(body).RootElement.GetProperty("total").GetInt32();
        var chips = Total(await GetAsync(_postgresClient, "/api/articles?q=chip*"));
        Assert.InRange(chips, 1, Total(await GetAsync(_postgresClient, "/api/articles?pageSize=50")) - 1);
    }

    [PostgresFact]
    public async Task Stores_ReimportUpdateAndUndo_AnswerTheSame()
    {
        var corpus = Corpus();
        var first = await ImportIntoBothAsync(corpus);
        var again = await ImportIntoBothAsync(corpus); // idempotent: the same report (all unchanged) from both
        var report = await _postgres.Services.GetRequiredService<ImportHistory>().GetAsync(again);
        Assert.Equal((0, 0), (report!.Value.Run.Imported, report.Value.Run.Updated));
        await AssertSameRowsAsync();

        // A new version of a2 drops its link to a1 and names a new reference; b1's only reference goes with b1's new version.
        var update = await ImportIntoBothAsync([
            ("a2.md", new ArticleBuilder().At("https://alpha.example/a2").From("alpha.example", "Alpha").PublishedOn(2024, 2, 10)
                .Titled("Regulators weigh open source models, updated").RelatedTo("https://ref.example/new").Build()),
            ("b1.md", new ArticleBuilder().At("https://beta.example/b1").From("beta.example", "Beta").PublishedOn(2024, 2, 20)
                .Titled("Robots learn to fold laundry").Build()),
            ("c1.md", new ArticleBuilder().At("https://gamma.example/c1").From("gamma.example").PublishedOn(2024, 4, 1)
                .RelatedTo("https://beta.example/b1").Build()),
        ]);
        await AssertSameRowsAsync();

        // Previews and undos of each run, in both stores: an update-only run, the first import (kept references, later
        // updates), the update run, and the first again (already undone).
        var answers = new List<string>[] { [], [] };
        foreach (var (run, undo) in new[] { (again, false), (first, false), (update, true), (first, true), (first, true) })
        {
            for (var store = 0; store < 2; store++)
            {
                var undoer = (store == 0 ? _sqlite : _postgres).Services.GetRequiredService<ImportUndo>();
                var plan = undo ? (await undoer.UndoAsync(run, "tester")).Plan : await undoer.PreviewAsync(run);
                answers[store].Add(JsonSerializer.Serialize(plan with { Run = null }));
            }
        }
        for (var i = 0; i < answers[0].Count; i++)
            Assert.True(answers[0][i] == answers[1][i], $"undo answer {i} differs:\nSQLite:     {answers[0][i]}\nPostgreSQL: {answers[1][i]}");
        Assert.Contains("\"Refusal\":0", answers[1][3]); // the undo of the first import ran
        Assert.Contains("\"Refusal\":3", answers[1][4]); // and the second was refused: already undone
        await AssertSameRowsAsync();
    }

    [Trait("Category", "Slow")] // seeds the demo corpus into both stores: 15 s
    [PostgresFact]
    public async Task Stores_DemoSeedAndRemoval_LeaveTheSameRows()
    {
        // The bundled corpus as a first start seeds it, then `demo remove` after a real article that links to one of it.
        var cs = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        await using var sqlite = new DashboardFactory(demo: true);
        await using var postgres = new DashboardFactory(demo: true, settings: new Dictionary<string, string> { ["ConnectionStrings:News"] = cs });
        sqlite.CreateClient();
        postgres.CreateClient(); // each start seeds its store
        var factories = new[] { sqlite, postgres }.Select(f => f.Services.GetRequiredService<IDbContextFactory<NewsDbContext>>()).ToArray();
        await using (var db = await factories[1].CreateDbContextAsync())
            Assert.True(await db.Articles.CountAsync(a => a.IsDemo) > DemoData.SyntheticArticleCount / 2);
        // One batch of 3,000 files: the PostgreSQL writer sends rows ahead while the batch goes on.
        await AssertSameRowsAsync(factories[0], factories[1]);

        string demoUrl;
        await using (var db = await factories[0].CreateDbContextAsync())
            demoUrl = await db.Articles.Where(a => a.IsDemo && !a.IsReference).OrderBy(a => a.Id).Select(a => a.Url).FirstAsync();
        var removed = new List<int>();
        var real = new ArticleBuilder().At("https://real.example/1").RelatedTo(demoUrl, title: "A demo story").Build();
        foreach (var app in new[] { sqlite, postgres })
        {
            await app.Services.GetRequiredService<ArticleImporter>().ImportAsync(ImportSource.FromTexts([("real.md", real)]), 1);
            removed.Add(await app.Services.GetRequiredService<DemoData>().RemoveAsync());
        }

        Assert.Equal(removed[0], removed[1]);
        await AssertSameRowsAsync(factories[0], factories[1]);
        await using (var db = await factories[1].CreateDbContextAsync())
        {
            Assert.False(await db.Articles.AnyAsync(a => a.IsDemo));
            Assert.True((await db.Articles.SingleAsync(a => a.Url == demoUrl)).IsReference); // kept: the real article links to it
        }
    }
}
