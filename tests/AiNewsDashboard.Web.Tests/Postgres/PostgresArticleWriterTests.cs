using System.Security.Cryptography;
using System.Text;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Store.Postgres;
using AiNewsDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace AiNewsDashboard.Web.Tests.Postgres;

/// <summary>
/// The PostgreSQL writer's tricky cases, on a private cluster (the everyday ones are compared with SQLite's writer in
/// <see cref="StoreContractTests"/>): what it buffers for COPY must answer exactly as if each row were written at once.
/// </summary>
public sealed class PostgresArticleWriterTests
{
    private static readonly ArticleFileParser Parser = new();

    private static async Task<PooledDbContextFactory<NewsDbContext>> DatabaseAsync()
    {
        var store = new PostgresStore(await (await PostgresServer.GetAsync()).CreateDatabaseAsync());
        var options = new DbContextOptionsBuilder<NewsDbContext>();
        store.Configure(options);
        var factory = new PooledDbContextFactory<NewsDbContext>(options.Options);
        await store.InitializeAsync(factory);
        return factory;
    }

    internal static (PreparedArticle, SourceFile) File(string path, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var parsed = Parser.Parse(bytes);
        return (PreparedArticle.Of(parsed.Article!), new SourceFile(Convert.ToHexStringLower(SHA256.HashData(bytes)), path, path, bytes.Length));
    }

    internal static FileOutcome Write(IArticleWriter writer, (PreparedArticle Article, SourceFile Source) file, out ImportProblem? lost) =>
        writer.Write(file.Article, file.Source, demo: false, DateTime.UtcNow, out lost);

    private static async Task<Article> LoadAsync(NewsDbContext db, string url) =>
        await db.Articles.AsNoTracking().Include(a => a.Related).Include(a => a.Topics).SingleAsync(a => a.Url == url);

    [PostgresFact]
    public async Task Write_TwoFilesForOneUrlInOneBatch_KeepsTheLaterDatedOneAndWarnsAboutTheOther()
    {
        var factory = await DatabaseAsync();
        await using var db = await factory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var first = File("a.md", new ArticleBuilder().At("https://news.example/a").PublishedOn(2024, 1, 1).Titled("First").WithTopics("AI").Build());
        var later = File("copy/a.md", new ArticleBuilder().At("https://news.example/a").PublishedOn(2024, 1, 2).Titled("Later").WithTopics("Chips").Build());

        FileOutcome a, b, again;
        ImportProblem? lost;
        using (var writer = new PostgresArticleStore().OpenWriter(db))
        {
            writer.BeginBatch();
            a = Write(writer, first, out _);
            b = Write(writer, later, out lost);
            again = Write(writer, first, out var lostAgain); // the earlier-dated file again: it loses, and stores nothing
            Assert.Equal("a.md", lostAgain!.File);
            Assert.Contains("copy/a.md", lostAgain.Message);
            writer.CommitBatch();
        }

        Assert.Equal((FileOutcome.Imported, FileOutcome.Updated, FileOutcome.Unchanged), (a, b, again));
        Assert.Equal("a.md", lost!.File);
        var stored = await LoadAsync(db, "https://news.example/a");
        Assert.Equal(("Later", "copy/a.md"), (stored.Title, stored.SourcePath));
        Assert.Equal(1, await db.Articles.CountAsync());
        Assert.Equal(["Chips"], await db.ArticleTopics.Select(t => t.Topic!.Name).ToListAsync());
    }

    [PostgresFact]
    public async Task Import_FileWithTextPostgresCantStore_IsRejectedAndTheBatchReplayedWithoutIt()
    {
        // A YAML escape gives a NUL character: SQLite stores it, PostgreSQL refuses it. The file is a file error, so the
        // batch is rolled back and its earlier files (a reference made and upgraded in it) written again.
        var factory = await DatabaseAsync();
        var target = new ArticleBuilder().At("https://news.example/target").Titled("Own title");
        var files = new[]
        {
            ("1.md", new ArticleBuilder().At("https://news.example/1").RelatedTo(target.Url, title: "As the list says").Build()),
            ("2.md", target.Build()),
            ("bad.md", new ArticleBuilder().At("https://news.example/bad").RelatedTo(target.Url).Build().Replace("title: \"Story", "title: \"Nul\\0 story")),
            ("3.md", new ArticleBuilder().At("https://news.example/3").RelatedTo(target.Url).Build()),
        };
        var importer = new ArticleImporter(factory, store: new PostgresArticleStore());

        var report = await importer.ImportAsync(ImportSource.FromTexts(files), files.Length);

        Assert.Equal((4, 3, 1, 3, 0), (report.Files, report.Imported, report.Rejected, report.Articles, report.References));
        var problem = Assert.Single(report.Problems);
        Assert.Equal("bad.md", problem.File);
        Assert.Contains("NUL character", problem.Message);
        await using var db = await factory.CreateDbContextAsync();
        var upgraded = await LoadAsync(db, target.Url);
        Assert.Equal(("Own title", false), (upgraded.Title, upgraded.IsReference));
        Assert.Equal(upgraded.Id, Assert.Single((await LoadAsync(db, "https://news.example/1")).Related).TargetArticleId);
        Assert.Equal(upgraded.Id, Assert.Single((await LoadAsync(db, "https://news.example/3")).Related).TargetArticleId);
        Assert.False(await db.Articles.AnyAsync(a => a.Url.Contains("bad")));
    }

    [PostgresFact]
    public async Task RemoveArticles_ArticleLinkedFromOutside_StaysAsTheReferenceTheWriterWouldHaveMade()
    {
        var factory = await DatabaseAsync();
        await using var db = await factory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var linking = File("a.md", new ArticleBuilder().At("https://news.example/a").RelatedTo("https://news.example/b", title: "B as listed").Build());
        var linked = File("b.md", new ArticleBuilder().At("https://news.example/b").Titled("B itself").WithTopics("Only B").InCategory("news")
            .RelatedTo("https://ref.example/only-b").Build());
        using (var writer = new PostgresArticleStore().OpenWriter(db))
        {
            writer.BeginBatch();
            Write(writer, linking, out _);
            Write(writer, linked, out _);
            writer.CommitBatch();
        }
        var b = await LoadAsync(db, "https://news.example/b");

        (int Removed, IReadOnlyList<int> Kept) result;
        using (var writer = new PostgresArticleStore().OpenWriter(db))
        {
            writer.BeginBatch();
            result = writer.RemoveArticles([b.Id]);
            writer.CommitBatch();
        }

        // b stays (a links to it) but loses what only its own file gave; the reference only b named goes.
        Assert.Equal(1, result.Removed);
        Assert.Equal([b.Id], result.Kept);
        db.ChangeTracker.Clear();
        var kept = await LoadAsync(db, "https://news.example/b");
        Assert.Equal((true, "B itself", (string?)null, (string?)null, (string?)null), (kept.IsReference, kept.Title, kept.Category, kept.ContentHash, kept.SourcePath));
        Assert.Empty(kept.Topics);
        Assert.Empty(kept.Related);
        Assert.Equal(kept.ImportedAt, kept.UpdatedAt);
        Assert.Equal(b.Id, Assert.Single((await LoadAsync(db, "https://news.example/a")).Related).TargetArticleId);
        Assert.False(await db.Articles.AnyAsync(a => a.Url == "https://ref.example/only-b"));
        Assert.Equal(["AI"], await db.Topics.Select(t => t.Name).ToListAsync()); // a's topic stays, b's only topic goes
    }

    [PostgresFact]
    public async Task Writers_InParallelOnOneDatabase_TakeTurnsWithDistinctIdsAndSeeEachOthersArticles()
    {
        // Two writers (two app instances, or the command line and an app) on one database: each batch waits for the
        // other's, ids never clash, and an article one writer stored is one the other finds (unchanged, not a second row).
        var factory = await DatabaseAsync();
        var shared = Enumerable.Range(0, 30).Select(i => File($"shared/{i}.md",
            new ArticleBuilder().At($"https://shared.example/{i}").RelatedTo($"https://ref.example/{i % 7}").Build())).ToList();

        async Task<List<FileOutcome>> RunAsync(string name)
        {
            await using var db = await factory.CreateDbContextAsync();
            await db.Database.OpenConnectionAsync();
            var outcomes = new List<FileOutcome>();
            using var writer = new PostgresArticleStore().OpenWriter(db);
            for (var batch = 0; batch < 6; batch++)
            {
                writer.BeginBatch();
                for (var i = 0; i < 5; i++)
                {
                    var n = batch * 5 + i;
                    Write(writer, File($"{name}/{n}.md", new ArticleBuilder().At($"https://{name}.example/{n}")
                        .RelatedTo($"https://ref.example/{n % 7}").RelatedTo($"https://shared.example/{n}").Build()), out _);
                    outcomes.Add(Write(writer, shared[n], out _));
                }
                writer.CommitBatch();
                await Task.Yield();
            }
            return outcomes;
        }

        var results = await Task.WhenAll(Task.Run(() => RunAsync("one")), Task.Run(() => RunAsync("two")));

        var all = results.SelectMany(r => r).ToList();
        Assert.Equal(30, all.Count(o => o == FileOutcome.Imported));
        Assert.Equal(30, all.Count(o => o == FileOutcome.Unchanged));
        await using var check = await factory.CreateDbContextAsync();
        Assert.Equal(90, await check.Articles.CountAsync(a => !a.IsReference));
        Assert.Equal(7, await check.Articles.CountAsync(a => a.IsReference));
        Assert.Equal(await check.ArticleUrls.CountAsync(), await check.ArticleUrls.Select(u => u.ArticleId).Distinct().CountAsync());
        // Every link found its article: none to a second row for one URL.
        Assert.Equal(0, await check.RelatedLinks.CountAsync(l => l.TargetArticleId == null));
        Assert.Equal(60 * 2 + 30, await check.RelatedLinks.CountAsync());
        // The identity sequence knows the writers' ids: a row added without an id gets a fresh one.
        var maxId = await check.Articles.MaxAsync(a => a.Id);
        check.Providers.Add(new Provider { Domain = "later.example", Name = "Later" });
        await check.SaveChangesAsync();
        check.Articles.Add(new Article { Url = "https://later.example/x", ProviderId = (await check.Providers.SingleAsync(p => p.Domain == "later.example")).Id,
            ImportedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow });
        await check.SaveChangesAsync();
        Assert.True(await check.Articles.MaxAsync(a => a.Id) > maxId);
    }

    [PostgresFact]
    public async Task Write_AnotherWriterCommittedBetweenBatches_FindsWhatItStored()
    {
        // Bug guarded: a writer keeps what it knows of the store between its batches; one that kept it after another
        // writer's commit took that writer's article for new, and its second row for one URL broke the batch.
        var factory = await DatabaseAsync();
        await using var dbA = await factory.CreateDbContextAsync();
        await using var dbB = await factory.CreateDbContextAsync();
        await dbA.Database.OpenConnectionAsync();
        await dbB.Database.OpenConnectionAsync();
        var x = File("x.md", new ArticleBuilder().At("https://news.example/x").RelatedTo("https://ref.example/r").Build());
        using var a = new PostgresArticleStore().OpenWriter(dbA);
        using var b = new PostgresArticleStore().OpenWriter(dbB);

        b.BeginBatch();
        Write(b, File("y.md", new ArticleBuilder().At("https://news.example/y").Build()), out _);
        b.CommitBatch();
        a.BeginBatch();
        var byA = Write(a, x, out _);
        a.CommitBatch();
        b.BeginBatch();
        var byB = Write(b, x, out _);
        var linkByB = Write(b, File("z.md", new ArticleBuilder().At("https://news.example/z").RelatedTo("https://ref.example/r").Build()), out _);
        b.CommitBatch();

        Assert.Equal((FileOutcome.Imported, FileOutcome.Unchanged, FileOutcome.Imported), (byA, byB, linkByB));
        await using var check = await factory.CreateDbContextAsync();
        Assert.Equal(4, await check.Articles.CountAsync());
        Assert.Equal(1, await check.Articles.CountAsync(r => r.IsReference));
    }

    [PostgresFact]
    public async Task Write_StoreTooLargeToReadWhole_AsksPerFileAndWritesTheSameRows()
    {
        // Above PostgresArticleWriter.PreloadUrlLimit stored URLs the writer asks for each file's URLs instead of
        // reading them all: the same outcomes and rows either way, through references, upgrades, copies and new versions.
        var files = new List<(string, string)>
        {
            ("a.md", new ArticleBuilder().At("https://news.example/a").RelatedTo("https://ref.example/r").RelatedTo("https://news.example/b").Build()),
            ("b.md", new ArticleBuilder().At("https://news.example/b").PublishedOn(2024, 1, 1).RelatedTo("https://ref.example/r", ampUrl: "https://amp.example/r").Build()),
            ("copy/b.md", new ArticleBuilder().At("https://news.example/b").PublishedOn(2024, 1, 2).Titled("Later copy").Build()),
            ("c.md", new ArticleBuilder().At("https://news.example/c").WithOriginalUrl("https://amp.example/r").Build()),
            ("a.md", new ArticleBuilder().At("https://news.example/a").Titled("New version").RelatedTo("https://ref.example/s").Build()),
            ("b.md", new ArticleBuilder().At("https://news.example/b").PublishedOn(2024, 1, 1).Build()),
        };
        files.AddRange(new AiNewsDashboard.Demo.DemoCorpusGenerator().Generate(40).Select(a => (a.RelativePath, a.Text)));
        var prepared = files.Select(f => File(f.Item1, f.Item2)).ToList();

        async Task<(string Outcomes, string Rows)> WriteAllAsync(long preloadUrlLimit)
        {
            var factory = await DatabaseAsync();
            await using var db = await factory.CreateDbContextAsync();
            await db.Database.OpenConnectionAsync();
            var outcomes = new List<string>();
            using (var writer = new PostgresArticleWriter((NpgsqlConnection)db.Database.GetDbConnection(), runId: null, preloadUrlLimit))
            {
                for (var i = 0; i < prepared.Count; i++)
                {
                    if (i % 3 == 0)
                        writer.BeginBatch();
                    outcomes.Add($"{Write(writer, prepared[i], out var lost)} {lost?.File} {lost?.Message}");
                    if (i % 3 == 2 || i == prepared.Count - 1)
                        writer.CommitBatch();
                }
            }
            return (string.Join("\n", outcomes), await DatabaseSnapshot.CaptureAsync(factory));
        }

        var whole = await WriteAllAsync(PostgresArticleWriter.PreloadUrlLimit);
        var perFile = await WriteAllAsync(preloadUrlLimit: -1);

        Assert.Equal(whole.Outcomes, perFile.Outcomes);
        Assert.Equal(whole.Rows, perFile.Rows);
        Assert.Contains("Updated", whole.Outcomes);
        Assert.Contains("Unchanged b.md", whole.Outcomes, StringComparison.Ordinal); // the earlier-dated b.md lost to copy/b.md
    }

    [PostgresFact]
    public async Task CommitBatch_CopiedRows_NotifyTheChangeFeed()
    {
        var cs = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        var store = new PostgresStore(cs);
        var options = new DbContextOptionsBuilder<NewsDbContext>();
        store.Configure(options);
        var factory = new PooledDbContextFactory<NewsDbContext>(options.Options);
        await store.InitializeAsync(factory);
        using var feed = new PostgresChangeFeed(store);
        await Wait.UntilAsync(() => feed.CurrentVersion() is not null, "the change feed listens");
        var before = feed.CurrentVersion();
        await using var db = await factory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();

        using (var writer = new PostgresArticleStore().OpenWriter(db))
        {
            writer.BeginBatch();
            Write(writer, File("a.md", new ArticleBuilder().At("https://news.example/a").Build()), out _);
            writer.CommitBatch();
        }

        await Wait.UntilAsync(() => feed.CurrentVersion() > before, "the COPY's commit reaches the change feed", seconds: 10);
    }

    [PostgresFact]
    public async Task Write_AsARoleThatMayOrMayNotSkipTheRowTriggers_StoresTheSameRows()
    {
        // The superuser copies without the foreign keys' row triggers and checks the parents itself; a plain role
        // copies with them. Same files, same rows: references made, filled and upgraded, topics, images, links.
        var server = await PostgresServer.GetAsync();
        var files = new[]
        {
            File("a.md", new ArticleBuilder().At("https://news.example/a").From("news.example", "News").Titled("A").WithTopics("AI", "Chips")
                .WithImage("https://img.example/a.png").RelatedTo("https://ref.example/r", "Told elsewhere", "ref.example").Build()),
            File("b.md", new ArticleBuilder().At("https://news.example/b").From("other.example").Titled("B").WithTopics("AI")
                .RelatedTo("https://news.example/a", "A again").RelatedTo("https://ref.example/r", "Told again", "ref.example").Build()),
            File("r.md", new ArticleBuilder().At("https://ref.example/r").From("ref.example", "Ref").Titled("Its own file").WithTopics("Policy").Build()),
        };

        async Task<(bool SkipsRowTriggers, string Rows)> ImportAsync(bool plainRole)
        {
            var cs = await server.CreateDatabaseAsync();
            var store = new PostgresStore(cs);
            var options = new DbContextOptionsBuilder<NewsDbContext>();
            store.Configure(options);
            var factory = new PooledDbContextFactory<NewsDbContext>(options.Options);
            await store.InitializeAsync(factory);
            if (plainRole)
            {
                var role = "plain_" + Guid.NewGuid().ToString("N")[..8];
                await using (var admin = new NpgsqlConnection(cs))
                {
                    await admin.OpenAsync();
                    await using var grant = new NpgsqlCommand($"""
                        CREATE ROLE {role} LOGIN;
                        GRANT ALL ON SCHEMA public TO {role};
                        GRANT ALL ON ALL TABLES IN SCHEMA public TO {role};
                        GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {role};
                        """, admin);
                    await grant.ExecuteNonQueryAsync();
                }
                var asRole = new NpgsqlConnectionStringBuilder(cs) { Username = role }.ConnectionString;
                options = new DbContextOptionsBuilder<NewsDbContext>();
                new PostgresStore(asRole).Configure(options);
                factory = new PooledDbContextFactory<NewsDbContext>(options.Options);
            }
            bool skips;
            await using (var db = await factory.CreateDbContextAsync())
            {
                await db.Database.OpenConnectionAsync();
                skips = PostgresArticleWriter.ChecksParentsItself((NpgsqlConnection)db.Database.GetDbConnection());
                using var writer = new PostgresArticleStore().OpenWriter(db);
                writer.BeginBatch();
                Write(writer, files[0], out _);
                Write(writer, files[1], out _);
                writer.CommitBatch();
                writer.BeginBatch();
                Write(writer, files[2], out _); // upgrades the reference two articles link to
                writer.CommitBatch();
            }
            return (skips, await DatabaseSnapshot.CaptureAsync(factory));
        }

        var superuser = await ImportAsync(plainRole: false);
        var plain = await ImportAsync(plainRole: true);

        Assert.Equal((true, false), (superuser.SkipsRowTriggers, plain.SkipsRowTriggers));
        Assert.Contains("Its own file", superuser.Rows);
        Assert.Equal(superuser.Rows, plain.Rows);
    }

    /// <summary>A database holding one article with one topic, written by the writer, its connection open.</summary>
    private static async Task<NewsDbContext> OneArticleAsync()
    {
        var db = await (await DatabaseAsync()).CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        using var writer = new PostgresArticleStore().OpenWriter(db);
        writer.BeginBatch();
        Write(writer, File("a.md", new ArticleBuilder().At("https://news.example/a").WithTopics("AI").Build()), out _);
        writer.CommitBatch();
        return db;
    }

    [PostgresFact]
    public async Task CheckParents_ParentsTheStoreLacks_FailTheBatchAsAForeignKeyViolationNamingThem()
    {
        await using var db = await OneArticleAsync();
        var article = await db.Articles.AsNoTracking().SingleAsync();
        var topic = await db.Topics.AsNoTracking().SingleAsync();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var transaction = await connection.BeginTransactionAsync();

        var present = new PostgresArticleWriter.Parents();
        present.Articles.Add(article.Id);
        present.Topics.Add(topic.Id);
        present.Providers.Add(article.ProviderId!.Value);
        PostgresArticleWriter.CheckParents(connection, transaction, present);

        var lacking = new PostgresArticleWriter.Parents();
        lacking.Articles.Add(article.Id);
        lacking.Topics.UnionWith([topic.Id, topic.Id + 100, topic.Id + 7]);
        var e = Assert.Throws<PostgresException>(() => PostgresArticleWriter.CheckParents(connection, transaction, lacking));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, e.SqlState);
        Assert.Equal($"rows name 2 Topics that the store does not hold (id {topic.Id + 7}, {topic.Id + 100})", e.MessageText);
    }

    [PostgresFact]
    public async Task CheckParents_HoldsTheParentsUntilTheCommit_AsTheRowTriggersWould()
    {
        await using var db = await OneArticleAsync();
        var topic = await db.Topics.AsNoTracking().SingleAsync();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var transaction = await connection.BeginTransactionAsync();
        var parents = new PostgresArticleWriter.Parents();
        parents.Topics.Add(topic.Id);
        PostgresArticleWriter.CheckParents(connection, transaction, parents);

        // Another session's delete of that topic waits for this transaction (and gives up here after 300 ms); without
        // the lock it would go ahead and fail only on the article's link to it (23503).
        await using var other = new NpgsqlConnection(connection.ConnectionString);
        await other.OpenAsync();
        await using var delete = new NpgsqlCommand($"""SET lock_timeout = '300ms'; DELETE FROM "Topics" WHERE "Id" = {topic.Id}""", other);
        var e = await Assert.ThrowsAsync<PostgresException>(() => delete.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.LockNotAvailable, e.SqlState);
    }
}
