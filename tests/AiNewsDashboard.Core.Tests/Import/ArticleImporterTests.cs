using System.IO.Compression;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Demo;
using AiNewsDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Tests.Import;

/// <summary>The importer against a real SQLite file.</summary>
public sealed class ArticleImporterTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<ImportReport> ImportSamplesAsync() => _db.ImportTextsAsync(DemoData.Samples().ToArray());

    /// <summary>Loads an article by any URL it is known by (its own, or an alias such as an AMP URL).</summary>
    private async Task<Article> LoadAsync(string url)
    {
        await using var ctx = await _db.ContextAsync();
        var key = UrlNormalizer.Normalize(url);
        var id = await ctx.ArticleUrls.Where(u => u.Url == key).Select(u => u.ArticleId).SingleAsync();
        return await ctx.Articles.AsNoTracking().Include(a => a.Provider).Include(a => a.Topics).ThenInclude(t => t.Topic)
            .Include(a => a.Images).Include(a => a.Related).Include(a => a.Urls).AsSplitQuery()
            .SingleAsync(a => a.Id == id);
    }

    [Fact]
    public async Task Import_FirstSample_StoresEveryFieldAndReadsItBack()
    {
        var report = await ImportSamplesAsync();

        Assert.Equal((2, 2, 0, 0, 0), (report.Files, report.Imported, report.Updated, report.Unchanged, report.Rejected));
        var a = await LoadAsync("https://siliconangle.com/2021/12/14/mlcommons-releases-open-source-datasets-training-speech-recognition-models/");
        Assert.False(a.IsReference);
        Assert.Equal("news", a.Category);
        Assert.Equal("MLCommons releases open-source datasets for training speech recognition models", a.Title);
        Assert.StartsWith("The MLCommons Association, a nonprofit consortium", a.Excerpt);
        Assert.EndsWith("superior artificial intelligence models.", a.Excerpt);
        Assert.Equal(new DateTime(2021, 12, 14, 23, 46, 0, DateTimeKind.Utc), a.PublishedAt);
        Assert.Equal("https://siliconangle.com/2021/12/14/mlcommons-releases-open-source-datasets-training-speech-recognition-models/", a.OriginalUrl);
        Assert.Equal(a.OriginalUrl, a.WebUrl);
        Assert.Equal("article", a.Type);
        Assert.Equal(50, a.Quality);
        Assert.Equal(60, a.Heat);
        Assert.False(a.Published);
        Assert.Equal(("SiliconANGLE", "siliconangle.com"), (a.Provider!.Name, a.Provider.Domain));
        Assert.Equal(["Natural Language Processing", "AI"], a.Topics.OrderBy(t => t.Position).Select(t => t.Topic!.Name));
        var image = Assert.Single(a.Images);
        Assert.Equal(("https://d15shllkswkct0.cloudfront.net/wp-content/blogs.dir/1/files/2021/12/modern-microphone.jpg", 2000, 1333, true),
            (image.Url, image.Width, image.Height, image.IsCached));
        Assert.StartsWith("AY72LhWuvQhh7i3AsegctWlX", a.Secured);
        Assert.EndsWith(";JNJrwA80iWtsLiz014gG5A==", a.Secured);

        var related = Assert.Single(a.Related);
        Assert.Equal("MLCommons™ Association Unveils Open Datasets and Tools to Drive Democratization of Machine Learning", related.Title);
        Assert.StartsWith("The MLCommons Association, an open engineering consortium", related.Excerpt);
        Assert.Equal(new DateTime(2021, 12, 14, 18, 2, 0, DateTimeKind.Utc), related.PublishedAt);
        Assert.Equal("https://apnews.com/press-release/GlobeNewswire/technology-engineering-0260d4cc951788d865bdfc7dda966294", related.WebUrl);
        Assert.Equal("article", related.Type);
        Assert.Equal(("Associated Press", "apnews.com", 40), (related.ProviderName, related.ProviderDomain, related.Quality));
        Assert.Contains("\"url\":\"https://apnews.com/images/PaidContent3.png\"", related.ImagesJson);
        Assert.Contains("\"width\":700", related.ImagesJson);
        Assert.Contains("\"isCached\":true", related.ImagesJson);

        // The related entry became a reference article carrying what the list said about it.
        var reference = await LoadAsync(related.WebUrl!);
        Assert.Equal(reference.Id, related.TargetArticleId);
        Assert.True(reference.IsReference);
        Assert.Equal((related.Title, 40, "apnews.com"), (reference.Title, reference.Quality, reference.Provider!.Domain));
        Assert.Equal("https://apnews.com/images/PaidContent3.png", Assert.Single(reference.Images).Url);
    }

    [Fact]
    public async Task Import_SecondSample_KeepsUnknownHeatAmpAliasesAndRelatedOrder()
    {
        var report = await ImportSamplesAsync();

        Assert.Equal((2, 4), (report.Articles, report.References));
        var a = await LoadAsync("https://apnews.com/press-release/business-wire/technology-business-toronto-north-america-software-industry-759fd12740d94f46a3faa27c93149239");
        Assert.Null(a.Heat); // the file says -1: unknown
        Assert.Equal(39, a.Quality);
        Assert.Equal(["Machine Learning", "AI"], a.Topics.OrderBy(t => t.Position).Select(t => t.Topic!.Name));
        Assert.Equal(["TechCrunch", "HPCwire", "insideHPC"], a.Related.OrderBy(r => r.Position).Select(r => r.ProviderName));
        var first = a.Related.Single(r => r.Position == 0);
        Assert.Equal("https://techcrunch.com/2020/12/03/mlcommons-debuts-first-public-database-for-ai-researchers-with-86000-hours-of-speech/amp/", first.AmpWebUrl);
        Assert.StartsWith("https://techcrunch-com.cdn.ampproject.org/c/s/techcrunch.com/2020/12/03/", first.CdnAmpWebUrl);
        Assert.Null(a.Related.Single(r => r.Position == 2).ImagesJson); // insideHPC lists no images

        // AMP and CDN AMP URLs are aliases of the same reference article.
        var techCrunch = await LoadAsync(first.AmpWebUrl!);
        Assert.Equal(techCrunch.Id, (await LoadAsync(first.CdnAmpWebUrl!)).Id);
        Assert.Equal(techCrunch.Id, (await LoadAsync(first.WebUrl!)).Id);
        Assert.Equal(3, techCrunch.Urls.Count);
        Assert.Equal("https://techcrunch.com/2020/12/03/mlcommons-debuts-first-public-database-for-ai-researchers-with-86000-hours-of-speech?tpcc=ECTW2020", techCrunch.Url);
    }

    [Fact]
    public async Task Import_SameFilesTwice_ReportsUnchangedAndChangesNothing()
    {
        await ImportSamplesAsync();
        var before = await DatabaseSnapshot.CaptureAsync(_db.Factory);

        var again = await ImportSamplesAsync();

        Assert.Equal((2, 0, 0, 2, 0), (again.Files, again.Imported, again.Updated, again.Unchanged, again.Rejected));
        Assert.Equal(before, await DatabaseSnapshot.CaptureAsync(_db.Factory));
    }

    [Fact]
    public async Task Import_ChangedFileForKnownUrl_UpdatesTheArticle()
    {
        var article = new ArticleBuilder().At("https://news.example/a").Titled("First title").WithTopics("AI", "Chips");
        await _db.ImportTextsAsync(("a.md", article.Build()));
        var id = (await LoadAsync("https://news.example/a")).Id;

        var report = await _db.ImportTextsAsync(("a.md", article.Titled("Corrected title").WithTopics("Robotics").Build()));

        Assert.Equal((0, 1, 0), (report.Imported, report.Updated, report.Unchanged));
        var updated = await LoadAsync("https://news.example/a");
        Assert.Equal((id, "Corrected title"), (updated.Id, updated.Title));
        Assert.Equal(["Robotics"], updated.Topics.Select(t => t.Topic!.Name));
        Assert.Equal(1, report.Articles);
    }

    [Fact]
    public async Task Import_UrlVariantsOfOneArticle_UpdateInsteadOfDuplicating()
    {
        await _db.ImportTextsAsync(("a.md", new ArticleBuilder().At("https://News.Example/a/?utm_source=feed#top").Titled("One").Build()));

        // Published later, so it wins over a.md whatever the order (DuplicateFileRule).
        var report = await _db.ImportTextsAsync(("b.md", new ArticleBuilder().At("https://news.example/a").Titled("Two").PublishedOn(2025, 3, 2).Build()));

        Assert.Equal((0, 1, 1), (report.Imported, report.Updated, report.Articles));
        Assert.Equal("Two", (await LoadAsync("https://news.example/a")).Title);
    }

    [Fact]
    public async Task Import_OwnFileOfAReference_UpgradesItInPlaceAndKeepsLinks()
    {
        var target = new ArticleBuilder().At("https://second.example/b").Titled("Own title").From("second.example", "Second Source").WithQuality(90);
        var linking = new ArticleBuilder().At("https://first.example/a").RelatedTo(target.Url, title: "Title as the related list says", domain: "second.example", quality: 10);
        await _db.ImportTextsAsync(("a.md", linking.Build()));
        var reference = await LoadAsync(target.Url);
        Assert.True(reference.IsReference);
        Assert.Equal("Title as the related list says", reference.Title);

        var report = await _db.ImportTextsAsync(("b.md", target.Build()));

        Assert.Equal((1, 2, 0), (report.Imported, report.Articles, report.References));
        var upgraded = await LoadAsync(target.Url);
        Assert.Equal(reference.Id, upgraded.Id);
        Assert.False(upgraded.IsReference);
        Assert.Equal(("Own title", 90, "Second Source"), (upgraded.Title, upgraded.Quality, upgraded.Provider!.Name));
        Assert.Equal(upgraded.Id, Assert.Single((await LoadAsync(linking.Url)).Related).TargetArticleId);

        // A later related list describing it differently never overwrites what its own file said.
        var another = new ArticleBuilder().At("https://third.example/c").RelatedTo(target.Url, title: "Yet another title", quality: 1);
        await _db.ImportTextsAsync(("c.md", another.Build()));
        Assert.Equal(("Own title", 90), ((await LoadAsync(target.Url)).Title, (await LoadAsync(target.Url)).Quality));
    }

    [Fact]
    public async Task Import_ReferenceNamedTwice_KeepsFirstDescriptionAndFillsOnlyGaps()
    {
        await _db.ImportTextsAsync(
            ("a.md", new ArticleBuilder().RelatedTo("https://ref.example/x", title: "First description", quality: 30).Build()),
            ("b.md", new ArticleBuilder().RelatedTo("https://ref.example/x", title: "Second description", quality: 70, ampUrl: "https://ref.example/x/amp").Build()));

        var reference = await LoadAsync("https://ref.example/x");

        Assert.Equal(("First description", 30), (reference.Title, reference.Quality));
        Assert.Equal("https://ref.example/x/amp", reference.AmpWebUrl);
        Assert.Equal(reference.Id, (await LoadAsync("https://ref.example/x/amp")).Id);
    }

    [Fact]
    public async Task Import_ReferenceFoundByItsAmpUrl_GainsItsNewWebUrlAsAlias()
    {
        // The writer skips storing the URL a lookup matched; the entry's other URLs, before and after it, are new.
        await _db.ImportTextsAsync(("a.md", new ArticleBuilder().RelatedTo("https://ref.example/amp-first", ampUrl: "https://ref.example/y/amp").Build()));

        await _db.ImportTextsAsync(("b.md", new ArticleBuilder().RelatedTo("https://ref.example/y", ampUrl: "https://ref.example/y/amp").Build()));

        var reference = await LoadAsync("https://ref.example/y");
        Assert.Equal(reference.Id, (await LoadAsync("https://ref.example/y/amp")).Id);
        Assert.Equal(reference.Id, (await LoadAsync("https://ref.example/amp-first")).Id);
        Assert.Equal(3, reference.Urls.Count);
    }

    [Fact]
    public async Task Import_OwnFileFoundByItsOriginalUrl_GainsItsNewWebUrlAsAlias()
    {
        await _db.ImportTextsAsync(("a.md", new ArticleBuilder().RelatedTo("https://news.example/original").Build()));

        var report = await _db.ImportTextsAsync(
            ("b.md", new ArticleBuilder().At("https://news.example/web").WithOriginalUrl("https://news.example/original").Titled("Own").Build()));

        Assert.Equal((1, 2, 0), (report.Imported, report.Articles, report.References));
        var article = await LoadAsync("https://news.example/web");
        Assert.Equal(article.Id, (await LoadAsync("https://news.example/original")).Id);
        Assert.Equal(("Own", false), (article.Title, article.IsReference));
    }

    [Fact]
    public async Task Import_RelatedListChanged_RemovesReferencesNoLongerNamed()
    {
        var article = new ArticleBuilder().At("https://news.example/a").RelatedTo("https://ref.example/old");
        await _db.ImportTextsAsync(("a.md", article.Build()));

        var report = await _db.ImportTextsAsync(("a.md", new ArticleBuilder().At("https://news.example/a").RelatedTo("https://ref.example/new").Build()));

        Assert.Equal(1, report.References);
        await using var ctx = await _db.ContextAsync();
        Assert.False(await ctx.Articles.AnyAsync(x => x.Url == "https://ref.example/old"));
        Assert.False(await ctx.ArticleUrls.AnyAsync(x => x.Url == "https://ref.example/old"));
    }

    [Fact]
    public async Task Import_BadFileInsideGoodFolder_RejectsOnlyThatFileWithItsReason()
    {
        using var dir = new TempDirectory();
        dir.Write("in/a.md", new ArticleBuilder().Build());
        dir.Write("in/nested/b.md", new ArticleBuilder().Build());
        var bad = dir.Write("in/nested/c.md", "---\ntitle: \"No date or URL\"\n---\n");
        dir.Write("in/z.md", new ArticleBuilder().Build());

        var report = await _db.ImportAsync(dir.PathOf("in"));

        Assert.Equal((4, 3, 1, 3), (report.Files, report.Imported, report.Rejected, report.Articles));
        var problems = report.Problems.Where(p => p.Severity == ProblemSeverity.Error).ToList();
        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.Equal(bad, p.File));
        Assert.Contains(problems, p => p.Message.Contains("publishedDateTime", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Import_ZipArchive_ImportsEveryEntryAndNamesBadOnes()
    {
        using var dir = new TempDirectory();
        var zipPath = dir.PathOf("batch.zip");
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        {
            foreach (var (name, text) in new[] { ("x/one.md", new ArticleBuilder().Build()), ("two.md", new ArticleBuilder().Build()), ("broken.md", "no front matter") })
            {
                using var w = new StreamWriter(zip.CreateEntry(name).Open());
                w.Write(text);
            }
        }

        var report = await _db.ImportAsync(zipPath);

        Assert.Equal((3, 2, 1), (report.Files, report.Imported, report.Rejected));
        Assert.Equal($"{zipPath}!broken.md", Assert.Single(report.Problems, p => p.Severity == ProblemSeverity.Error).File);
    }

    [Fact]
    public async Task Import_CorruptZip_ReportsItInsteadOfFailing()
    {
        using var dir = new TempDirectory();
        var zip = dir.WriteBytes("bad.zip", [1, 2, 3, 4, 5]);
        var good = dir.Write("good.md", new ArticleBuilder().Build());

        var report = await _db.ImportAsync(zip, good);

        Assert.Equal((2, 1, 1), (report.Files, report.Imported, report.Rejected));
        Assert.Contains("zip", Assert.Single(report.Problems).Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Import_FileOverTheSizeLimit_IsRejectedWithSizeAndLimit()
    {
        using var dir = new TempDirectory();
        var big = dir.Write("big.md", new ArticleBuilder().WithExcerpt(new string('x', 3000)).Build());

        var report = await _db.Importer.ImportPathsAsync([big], new ImportOptions { Parser = new ParserOptions { MaxFileBytes = 1024 } });

        var problem = Assert.Single(report.Problems);
        Assert.Equal(1, report.Rejected);
        Assert.Contains("too large", problem.Message);
        Assert.Contains("1 KiB", problem.Message);
    }

    [Fact]
    public async Task Import_MissingPath_IsReportedAndTheRestImported()
    {
        using var dir = new TempDirectory();
        var good = dir.Write("good.md", new ArticleBuilder().Build());

        var report = await _db.ImportAsync(dir.PathOf("nope.md"), good);

        Assert.Equal((2, 1, 1), (report.Files, report.Imported, report.Rejected));
        Assert.Equal("no such file or folder", Assert.Single(report.Problems).Message);
    }

    [Fact]
    public async Task Import_WriteFailsHalfwayThroughAFile_LeavesNothingOfItAndKeepsTheRestOfTheBatch()
    {
        // The failure strikes after the file's article, provider and topics rows are written: the batch is rolled
        // back and its earlier files replayed, so nothing of the failed file may remain.
        await using (var ctx = await _db.ContextAsync())
            await ctx.Database.ExecuteSqlRawAsync(
                "CREATE TRIGGER poison BEFORE INSERT ON RelatedLinks WHEN NEW.Title = 'poison' BEGIN SELECT RAISE(ABORT, 'poisoned link'); END;");
        var files = new[]
        {
            ("1.md", new ArticleBuilder().At("https://news.example/1").RelatedTo("https://ref.example/shared").Build()),
            ("2.md", new ArticleBuilder().At("https://news.example/2").WithTopics("Kept topic").Build()),
            ("bad.md", new ArticleBuilder().At("https://poison.example/x").From("poison.example").WithTopics("Only in the bad file")
                .RelatedTo("https://ref.example/only-bad").RelatedTo("https://ref.example/p", title: "poison").Build()),
            ("3.md", new ArticleBuilder().At("https://news.example/3").RelatedTo("https://ref.example/shared").Build()),
        };

        var report = await _db.ImportTextsAsync(files);

        Assert.Equal((4, 3, 1, 3, 1), (report.Files, report.Imported, report.Rejected, report.Articles, report.References));
        var problem = Assert.Single(report.Problems);
        Assert.Equal("bad.md", problem.File);
        Assert.Contains("poisoned link", problem.Message);
        await using var check = await _db.ContextAsync();
        Assert.False(await check.Articles.AnyAsync(a => a.Url.Contains("poison") || a.Url.Contains("only-bad")));
        Assert.False(await check.Providers.AnyAsync(p => p.Domain == "poison.example"));
        Assert.False(await check.Topics.AnyAsync(t => t.Name == "Only in the bad file"));
        Assert.True(await check.Topics.AnyAsync(t => t.Name == "Kept topic"));
        Assert.Equal(2, await check.RelatedLinks.CountAsync(l => l.Target!.Url == "https://ref.example/shared"));
    }

    [Fact]
    public async Task Import_FileFailsAfterAReferenceWasUpgradedInTheSameBatch_ReplaysTheUpgradeKeepingTheLink()
    {
        // The batch's earlier files are replayed from their bytes after the failure: the reference that file 1 made
        // and file 2 upgraded must come out as one article, linked from file 1, with file 2's own data.
        await using (var ctx = await _db.ContextAsync())
            await ctx.Database.ExecuteSqlRawAsync(
                "CREATE TRIGGER poison BEFORE INSERT ON RelatedLinks WHEN NEW.Title = 'poison' BEGIN SELECT RAISE(ABORT, 'poisoned link'); END;");
        var target = new ArticleBuilder().At("https://news.example/target").Titled("Own title");
        var files = new[]
        {
            ("1.md", new ArticleBuilder().At("https://news.example/1").RelatedTo(target.Url, title: "As the list says").Build()),
            ("2.md", target.Build()),
            ("bad.md", new ArticleBuilder().At("https://news.example/bad").RelatedTo(target.Url, title: "poison").Build()),
            ("3.md", new ArticleBuilder().At("https://news.example/3").RelatedTo(target.Url).Build()),
        };

        var report = await _db.ImportTextsAsync(files);

        Assert.Equal((4, 3, 1, 3, 0), (report.Files, report.Imported, report.Rejected, report.Articles, report.References));
        var upgraded = await LoadAsync(target.Url);
        Assert.Equal(("Own title", false), (upgraded.Title, upgraded.IsReference));
        Assert.Equal(upgraded.Id, Assert.Single((await LoadAsync("https://news.example/1")).Related).TargetArticleId);
        Assert.Equal(upgraded.Id, Assert.Single((await LoadAsync("https://news.example/3")).Related).TargetArticleId);
    }

    [Fact]
    public async Task Import_ManyFilesAcrossChunksAndBatches_WritesInFileOrder()
    {
        // Bug guarded: parallel parsing must not reorder writes; the last version of a file wins.
        var files = new List<(string, string)>();
        for (var i = 0; i < 700; i++)
            files.Add(($"{i % 300:D4}.md", new ArticleBuilder().At($"https://news.example/{i % 300}").Titled($"version {i}").Build()));

        var report = await _db.Importer.ImportAsync(ImportSource.FromTexts(files), files.Count, new ImportOptions { BatchSize = 37 });

        Assert.Equal((700, 300, 400, 300), (report.Files, report.Imported, report.Updated, report.Articles));
        Assert.Equal("version 699", (await LoadAsync("https://news.example/99")).Title);
        Assert.Equal("version 600", (await LoadAsync("https://news.example/0")).Title);
    }

    [Fact]
    public async Task Import_Cancelled_KeepsWholeFilesAndAReRunFinishesTheJob()
    {
        var files = Enumerable.Range(0, 2000).Select(i => ($"{i}.md", new ArticleBuilder().At($"https://news.example/c{i}").Build())).ToArray();
        using var cts = new CancellationTokenSource();
        var progress = new CancelAfter(cts, filesDone: 500);

        var first = await _db.Importer.ImportAsync(ImportSource.FromTexts(files), files.Length, new ImportOptions { BatchSize = 100 }, progress, cts.Token);

        Assert.True(first.Cancelled);
        Assert.InRange(first.Imported, 500, 1999);
        Assert.Equal(first.Imported, first.Articles); // every counted file is stored whole, nothing half-written
        var second = await _db.Importer.ImportAsync(ImportSource.FromTexts(files), files.Length);
        Assert.Equal((first.Imported, 2000 - first.Imported, 2000), (second.Unchanged, second.Imported, second.Articles));
    }

    [Fact]
    public async Task Import_SourceFailsPartWay_ThrowsItsErrorAndKeepsNothingOfTheUnfinishedBatch()
    {
        // The files are enumerated and read on a thread of their own: its failure must reach the caller, not pass
        // for the end of the files.
        static IEnumerable<ImportItem> VanishingFolder()
        {
            foreach (var item in ImportSource.FromTexts(Enumerable.Range(0, 300)
                         .Select(i => ($"{i}.md", new ArticleBuilder().At($"https://news.example/v{i}").Build()))))
                yield return item;
            throw new IOException("the folder vanished");
        }

        var error = await Assert.ThrowsAsync<IOException>(() => _db.Importer.ImportAsync(VanishingFolder(), 301));

        Assert.Equal("the folder vanished", error.Message);
        Assert.Equal(0L, await DatabaseOracle.ScalarAsync(_db.FilePath, DatabaseOracle.Articles));
    }

    private sealed class CancelAfter(CancellationTokenSource cts, int filesDone) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            if (value.FilesDone >= filesDone)
                cts.Cancel();
        }
    }
}

/// <summary>The report's totals, counted after the import's batches committed.</summary>
public sealed class ArticleImporterTotalsTests
{
    /// <summary>Records the timeout each command that reads the Articles table runs with.</summary>
    private sealed class TimeoutRecorder : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        public readonly List<int> Timeouts = [];

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken ct = default)
        {
            if (command.CommandText.Contains("\"Articles\"", StringComparison.Ordinal))
                Timeouts.Add(command.CommandTimeout);
            return base.ReaderExecutingAsync(command, eventData, result, ct);
        }
    }

    [Fact]
    public async Task Totals_ReadEveryArticle_WithAMigrationsTime_NotTheContextsTimeout_WhichIsKeptForWhatFollows()
    {
        // At 10,000,000 articles on PostgreSQL the count passed the 30 s a command gets, and a whole import ended in an error.
        await using var db = await TestDatabase.CreateAsync();
        await db.ImportTextsAsync(DemoData.Samples().ToArray());
        var recorder = new TimeoutRecorder();
        var options = new DbContextOptionsBuilder<NewsDbContext>().UseSqlite(db.ConnectionString).AddInterceptors(recorder).Options;
        await using var context = new NewsDbContext(options);
        context.Database.SetCommandTimeout(30);

        var (articles, references) = await ArticleImporter.CountArticlesAsync(context, CancellationToken.None);

        Assert.Equal([(int)NewsDbContext.MigrationTimeout.TotalSeconds], recorder.Timeouts);
        Assert.Equal(30, context.Database.GetCommandTimeout());
        Assert.Equal((2, await context.Articles.CountAsync(a => a.IsReference)), (articles, references));
    }

    [Fact]
    public async Task Totals_AreCountedByDefault_AndLeftOutWhenTheRunSaysSo_WhileTheArticlesAreStoredAlike()
    {
        // The app's imports leave the count out: at 10,000,000 articles on PostgreSQL it read the whole table after each one.
        await using var db = await TestDatabase.CreateAsync();
        var first = await db.Importer.ImportAsync(ImportSource.FromTexts(DemoData.Samples()), 2);
        var second = await db.Importer.ImportAsync(ImportSource.FromTexts(
            [("third.md", new ArticleBuilder().At("https://news.example/third").Titled("A third").RelatedTo("https://elsewhere.example/x").Build())]),
            1, new ImportOptions { CountTotals = false });

        var articles = await DatabaseOracle.ScalarAsync(db.FilePath, "SELECT COUNT(*) FROM Articles WHERE IsReference = 0");
        var references = await DatabaseOracle.ScalarAsync(db.FilePath, "SELECT COUNT(*) FROM Articles WHERE IsReference = 1");
        Assert.Equal((2, 1), (first.Imported, second.Imported));
        Assert.Equal(2, first.Articles);
        // The third article and the reference its link made are stored all the same.
        Assert.Equal((3L, (long)first.References!.Value + 1), (articles, references));
        Assert.Equal(((int?)null, (int?)null), (second.Articles, second.References));
    }
}
