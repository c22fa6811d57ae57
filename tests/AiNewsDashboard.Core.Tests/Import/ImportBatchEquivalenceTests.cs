using System.Text;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Demo;
using AiNewsDashboard.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Tests.Import;

/// <summary>
/// The writer keeps the references a batch creates in memory until the batch ends, so that one upgraded a few files
/// later is written once. That must not show: importing the same files one per batch (every reference written at
/// once, then upgraded by an UPDATE) and in one large batch must leave byte-for-byte the same rows, ids and
/// timestamps included.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ImportBatchEquivalenceTests
{
    [Fact]
    public async Task Import_OneFilePerBatchOrAllInOne_LeavesTheSameRows()
    {
        var files = Corpus();

        var onePerBatch = await ImportAsync(files, batchSize: 1, new TickingClock());
        var allInOne = await ImportAsync(files, batchSize: 10_000, new TickingClock());

        Assert.Equal(onePerBatch, allInOne);
        // The corpus does exercise the cases: references upgraded in the batch that made them, and ones left over.
        Assert.Contains("Own title of the target", allInOne);
        Assert.Contains("|IsReference=1|", allInOne);
    }

    [Fact]
    public async Task Import_FileFailingAfterReferencesWereMade_ReplaysTheBatchToTheSameRows()
    {
        // The failed file rolls the batch back and the writer replays its earlier files: the references kept in memory
        // are dropped with it and made again. Replayed files are stamped with the time of the replay, so the clock
        // stands still here.
        var files = Corpus();
        files.Insert(files.Count / 2, ("poisoned.md", new ArticleBuilder().At("https://poison.example/x").WithTopics("Only in the bad file")
            .RelatedTo("https://ref.example/only-in-the-bad-file").RelatedTo("https://ref.example/p", title: "poison").Build()));
        var clock = new TickingClock(step: TimeSpan.Zero);

        var onePerBatch = await ImportAsync(files, batchSize: 1, clock, poison: true);
        var allInOne = await ImportAsync(files, batchSize: 10_000, clock, poison: true);

        Assert.Equal(onePerBatch, allInOne);
        Assert.DoesNotContain("only-in-the-bad-file", allInOne);
    }

    /// <summary>A demo corpus (story clusters: most references are upgraded a few files later) and the awkward cases.</summary>
    private static List<(string Name, string Text)> Corpus()
    {
        var files = new DemoCorpusGenerator(seed: 11).Generate(600).Select(a => (a.RelativePath, a.Text)).ToList();
        var target = new ArticleBuilder().At("https://news.example/target").WithOriginalUrl("https://news.example/target-original")
            .Titled("Own title of the target");
        files.AddRange(
        [
            // A reference described twice: the first description wins, the second only fills what is missing (the AMP URL).
            ("t1.md", new ArticleBuilder().At("https://news.example/t1").RelatedTo(target.Url, title: "First description").Build()),
            ("t2.md", new ArticleBuilder().At("https://news.example/t2")
                .RelatedTo(target.Url, title: "Second description", ampUrl: "https://amp.example/target").Build()),
            // A file whose second version, in the same batch, drops its link: the reference it made goes.
            ("v1.md", new ArticleBuilder().At("https://news.example/v").Titled("v1").RelatedTo("https://ref.example/dropped").Build()),
            ("v2.md", new ArticleBuilder().At("https://news.example/v").Titled("v2").RelatedTo("https://ref.example/kept").Build()),
            // Two references, then one file that is known by both their URLs: it becomes the first; the second stays.
            ("p1.md", new ArticleBuilder().At("https://news.example/p1").RelatedTo("https://ref.example/a").RelatedTo("https://ref.example/b").Build()),
            ("ab.md", new ArticleBuilder().At("https://ref.example/a").WithOriginalUrl("https://ref.example/b").Build()),
            // The target's own file upgrades it, then a later file links to the upgraded article.
            ("target.md", target.Build()),
            ("t3.md", new ArticleBuilder().At("https://news.example/t3").RelatedTo("https://amp.example/target", title: "Via its AMP URL").Build()),
            // A file linking to itself.
            ("self.md", new ArticleBuilder().At("https://news.example/self").RelatedTo("https://news.example/self").Build()),
        ]);
        files.AddRange(new DemoCorpusGenerator(seed: 12).Generate(300).Select(a => ("more/" + a.RelativePath, a.Text)));
        return files;
    }

    private static async Task<string> ImportAsync(List<(string Name, string Text)> files, int batchSize, TimeProvider clock, bool poison = false)
    {
        await using var db = await TestDatabase.CreateAsync();
        if (poison)
        {
            await using var ctx = await db.ContextAsync();
            await ctx.Database.ExecuteSqlRawAsync(
                "CREATE TRIGGER poison BEFORE INSERT ON RelatedLinks WHEN NEW.Title = 'poison' BEGIN SELECT RAISE(ABORT, 'poisoned link'); END;");
        }
        var importer = new ArticleImporter(db.Factory, new SqliteArticleStore(), clock: clock);
        var report = await importer.ImportAsync(ImportSource.FromTexts(files), files.Count, new ImportOptions { BatchSize = batchSize });
        Assert.Equal(poison ? 1 : 0, report.Rejected);
        Assert.Equal("ok", await DatabaseOracle.ValueAsync(db.FilePath, "PRAGMA integrity_check"));
        Assert.Null(await DatabaseOracle.ValueAsync(db.FilePath, "PRAGMA foreign_key_check"));
        await db.AssertStoreInvariantsAsync();
        return await DumpAsync(db.FilePath);
    }

    /// <summary>Every row of the article tables, ids and timestamps included, and what full-text search finds.</summary>
    private static async Task<string> DumpAsync(string path)
    {
        string[] queries =
        [
            "SELECT * FROM Articles ORDER BY Id",
            "SELECT * FROM ArticleUrls ORDER BY Url",
            "SELECT * FROM ArticleTopics ORDER BY ArticleId, Position",
            // Image ids are not compared: a reference's images are written when its row is, at the batch's end.
            "SELECT ArticleId, Position, Url, Width, Height, IsCached FROM ArticleImages ORDER BY ArticleId, Position",
            "SELECT * FROM RelatedLinks ORDER BY Id",
            "SELECT * FROM Providers ORDER BY Id",
            "SELECT * FROM Topics ORDER BY Id",
            "SELECT name, seq FROM sqlite_sequence WHERE name <> 'ArticleImages' ORDER BY name",
            "SELECT rowid FROM ArticleSearch WHERE ArticleSearch MATCH 'title OR description OR story' ORDER BY rowid",
        ];
        var sb = new StringBuilder();
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        foreach (var sql in queries)
        {
            sb.AppendLine(sql);
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = sql;
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                    sb.Append('|').Append(reader.GetName(i)).Append('=').Append(reader.IsDBNull(i) ? "null" : reader.GetValue(i));
                sb.AppendLine();
            }
        }
        return sb.ToString();
    }

    /// <summary>Each reading is a second later than the last, so every file's timestamps differ.</summary>
    private sealed class TickingClock(TimeSpan? step = null) : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => _now += step ?? TimeSpan.FromSeconds(1);
    }
}
