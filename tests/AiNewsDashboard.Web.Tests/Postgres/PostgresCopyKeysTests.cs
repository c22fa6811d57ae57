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
}
