using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Core.Syndication;
using AiNewsDashboard.Store.Postgres;
using AiNewsDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Postgres;

/// <summary>Copy detection's index in PostgreSQL: the same lookups (an array parameter), inserts (ON CONFLICT DO NOTHING) and caps as on SQLite.</summary>
public sealed class PostgresCopyKeysTests
{
    private static ArticleBuilder Copy(int i) =>
        new ArticleBuilder().From($"c{i}.example", $"c{i}").PublishedOn(2026, 3, 1 + i % 5, i % 24).Titled($"{WireStory.Title} - c{i}").WithExcerpt(WireStory.Excerpt);

    [PostgresFact]
    public async Task Keys_SharedByAHundredArticles_Keep64Each_AndARestartFindsACopyReadingOnlyItsCandidate()
    {
        var (services, factory) = await PostgresQueriesTests.StartAsync();
        await using var _ = services;
        var importer = new ArticleImporter(factory, new PostgresArticleStore(), services.GetRequiredService<StoreCommits>());
        var files = Enumerable.Range(0, 100).Select(i => ($"c{i}.md", Copy(i).Build())).ToArray();
        Assert.Equal(0, (await importer.ImportAsync(ImportSource.FromTexts(files), files.Length)).Rejected);

        var pass = await new SyndicationService(factory, new SyndicationSettings(), TimeProvider.System) { BatchSize = 30 }.UpdateAsync();

        Assert.Equal((100, 1), (pass.Checked, pass.Groups));
        await using (var db = await factory.CreateDbContextAsync())
        {
            var perKey = await db.CopyKeys.GroupBy(k => k.Key).Select(g => g.Count()).ToListAsync();
            Assert.Equal(13, perKey.Count);
            Assert.All(perKey, n => Assert.Equal(CopyDetector.MaxBucket, n));
        }

        // A new process: nothing read at start; a further copy is checked against its candidates, read back.
        var restarted = new SyndicationService(factory, new SyndicationSettings(), TimeProvider.System);
        var first = await restarted.UpdateAsync();
        Assert.Equal((0, 0), (first.Checked, first.TextsRead));
        Assert.Equal(0, (await importer.ImportAsync(ImportSource.FromTexts([("late.md", Copy(100).Build())]), 1)).Rejected);
        var late = await restarted.UpdateAsync();
        Assert.Equal(1, late.Checked);
        Assert.Equal(CopyDetector.MaxBucket, late.Matches);
        Assert.Equal(1 + CopyDetector.MaxBucket, late.TextsRead);
        Assert.Equal(101, Assert.Single((await restarted.GetAsync()).Groups).Members.Count);
    }

    [PostgresFact]
    public async Task ChangedSince_StartsItsIndexScanAtTheWatermark()
    {
        // Bug guarded: the watermark was only a filter, so every batch of the first pass at 10,000,000 articles scanned the
        // index from the oldest article (15 s a batch 15% in, growing).
        var (services, factory) = await PostgresQueriesTests.StartAsync();
        await using var _ = services;
        await using var db = await factory.CreateDbContextAsync();
        var plan = await ExplainAsync(db, SyndicationService.ChangedSince(db.Articles, (new DateTime(2026, 1, 1), 42)).Take(100).ToQueryString());

        Assert.Contains(plan, l => l.Contains("Index Cond: (\"UpdatedAt\" >=", StringComparison.Ordinal));
    }

    [PostgresFact]
    public async Task ArticlesWaitingForAPass_AreCountedFromTheIndexAlone()
    {
        // Bug guarded: counted with the watermark's tie-breaker, which needs each row's id, PostgreSQL read the whole table
        // (41 s for 9.5 million of 11.4 million articles), past a command's 30 s: the first pass failed at its start, every
        // 10 s, and the Signals page with it.
        var (services, factory) = await PostgresQueriesTests.StartAsync();
        await using var _ = services;
        await using var db = await factory.CreateDbContextAsync();
        var sql = SyndicationService.ChangedAfter(db.Articles, new DateTime(2026, 1, 1)).Select(a => a.UpdatedAt).ToQueryString();

        var plan = await ExplainAsync(db, sql, "SET enable_bitmapscan = off; ");

        Assert.Contains(plan, l => l.Contains("Index Only Scan", StringComparison.Ordinal));
    }

    /// <summary>PostgreSQL's plan for a query as ToQueryString gives it, its parameters put in, sequential scans off (the test's table is tiny).</summary>
    private static async Task<List<string>> ExplainAsync(NewsDbContext db, string sql, string settings = "")
    {
        await using var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var explain = connection.CreateCommand();
        explain.CommandText = "SET enable_seqscan = off; " + settings + "EXPLAIN " + sql[sql.IndexOf("SELECT", StringComparison.Ordinal)..];
        foreach (var line in sql[..sql.IndexOf("SELECT", StringComparison.Ordinal)].Split('\n', StringSplitOptions.RemoveEmptyEntries))
            explain.CommandText = explain.CommandText.Replace(Parameter(line).Name, Parameter(line).Value);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                plan.Add(reader.GetString(0));
        return plan;
    }

    /// <summary>One "-- @name='value' (DbType = …)" line of ToQueryString's header, as the name and an SQL literal.</summary>
    private static (string Name, string Value) Parameter(string line)
    {
        var m = System.Text.RegularExpressions.Regex.Match(line, @"^-- (@\w+)='([^']*)'");
        Assert.True(m.Success, line);
        return (m.Groups[1].Value, $"'{m.Groups[2].Value}'");
    }
}
