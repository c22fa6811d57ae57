using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Tests.Import;

/// <summary>
/// Two files for one article (the same URL after normalisation). Bug guarded: re-importing a folder holding such a
/// pair reported both files "updated" and rewrote the article each time, whichever came last winning
/// (seen on real data: 2 pairs gave "updated 4" on every run).
/// </summary>
public sealed class DuplicateFileImportTests
{
    private const string Url = "https://news.example/2025/03/01/the-story";

    private static string Version(string title, int day = 1, string? excerpt = null, string? date = null)
    {
        var text = new ArticleBuilder().At(Url).Titled(title).PublishedOn(2025, 3, day).WithExcerpt(excerpt ?? "The excerpt.").WithTopics("AI").Build();
        return date is null ? text : text.Replace($"publishedDateTime: 2025-03-{day:D2}T12:00:00Z", $"publishedDateTime: {date}", StringComparison.Ordinal);
    }

    /// <summary>A fresh database with each group of files imported as one run; what is stored and every run's report.</summary>
    private static async Task<(string Snapshot, Article Stored, List<ImportReport> Reports)> ImportRunsAsync(params (string Name, string Text)[][] runs)
    {
        await using var db = await TestDatabase.CreateAsync();
        var reports = new List<ImportReport>();
        foreach (var run in runs)
            reports.Add(await db.ImportTextsAsync(run)); // checks the store's rules after each run
        await using var ctx = await db.ContextAsync();
        var stored = await ctx.Articles.AsNoTracking().SingleAsync(a => !a.IsReference);
        return (await DatabaseSnapshot.CaptureAsync(db.Factory), stored, reports);
    }

    private static ImportProblem LossWarning(ImportReport report) =>
        Assert.Single(report.Problems, p => p.Message.StartsWith("not stored: another file for the same URL wins", StringComparison.Ordinal));

    [Fact]
    public async Task Import_TwoFilesForOneUrlInOneRun_StoresTheLaterOneWhateverTheOrder()
    {
        // The older file is the larger one: the date decides first.
        var older = ("a/older.md", Version("Old", day: 1, excerpt: "A much longer excerpt than the newer version has."));
        var newer = ("b/newer.md", Version("New", day: 2));

        var forward = await ImportRunsAsync([older, newer]);
        var backward = await ImportRunsAsync([newer, older]);

        Assert.Equal(forward.Snapshot, backward.Snapshot);
        Assert.Equal(("New", "b/newer.md", "b/newer.md"), (forward.Stored.Title, forward.Stored.SourcePath, forward.Stored.SourceRelativePath));
        Assert.Equal(("New", "b/newer.md"), (backward.Stored.Title, backward.Stored.SourcePath));
        Assert.Equal(forward.Stored.Id, backward.Stored.Id);
        foreach (var report in new[] { forward.Reports[0], backward.Reports[0] })
        {
            Assert.Equal((2, 1, 0), (report.Files, report.Imported, report.Rejected));
            var warning = LossWarning(report);
            Assert.Equal("a/older.md", warning.File);
            Assert.Contains("b/newer.md", warning.Message, StringComparison.Ordinal);
            Assert.Contains("later", warning.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Import_TwoFilesForOneUrlInSeparateRuns_StoresTheSameOneWhateverTheOrder()
    {
        var older = ("older.md", Version("Old", day: 1));
        var newer = ("newer.md", Version("New", day: 2));

        var forward = await ImportRunsAsync([older], [newer]);
        var backward = await ImportRunsAsync([newer], [older]);

        Assert.Equal(forward.Snapshot, backward.Snapshot);
        Assert.Equal(("New", "newer.md"), (forward.Stored.Title, forward.Stored.SourcePath));
        Assert.Equal(("New", "newer.md"), (backward.Stored.Title, backward.Stored.SourcePath));
        Assert.Equal((0, 1, 0), (forward.Reports[1].Imported, forward.Reports[1].Updated, forward.Reports[1].Unchanged));
        // Only the losing file, later: unchanged, and said why.
        Assert.Equal((0, 0, 1), (backward.Reports[1].Imported, backward.Reports[1].Updated, backward.Reports[1].Unchanged));
        Assert.Equal("older.md", LossWarning(backward.Reports[1]).File);
    }

    [Fact]
    public async Task Reimport_BothFilesOfAPair_ReportsEveryFileUnchangedAndWritesNothing()
    {
        await using var db = await TestDatabase.CreateAsync();
        (string, string)[] files = [("x/one.md", Version("One", day: 2)), ("y/two.md", Version("Two", day: 1)), ("z/other.md", new ArticleBuilder().Build())];
        await db.ImportTextsAsync(files);
        var before = await DatabaseSnapshot.CaptureAsync(db.Factory);
        var stamps = await StampsAsync(db);

        var again = await db.ImportTextsAsync(files);
        var reversed = await db.ImportTextsAsync([.. files.Reverse()]);

        foreach (var report in new[] { again, reversed })
        {
            Assert.Equal((3, 0, 0, 3, 0), (report.Files, report.Imported, report.Updated, report.Unchanged, report.Rejected));
            Assert.Equal("y/two.md", LossWarning(report).File);
        }
        Assert.Equal(before, await DatabaseSnapshot.CaptureAsync(db.Factory));
        Assert.Equal(stamps, await StampsAsync(db));
    }

    [Fact]
    public async Task Import_OnlyTheLosingFileLater_ReportsUnchangedAndChangesNothing()
    {
        await using var db = await TestDatabase.CreateAsync();
        var winner = ("2025/story.md", Version("Winner", day: 2));
        var loser = ("2024/story.md", Version("Loser", day: 1));
        await db.ImportTextsAsync(winner, loser);
        var before = await DatabaseSnapshot.CaptureAsync(db.Factory);
        var stamps = await StampsAsync(db);

        var report = await db.ImportTextsAsync(loser);

        Assert.Equal((1, 0, 0, 1), (report.Files, report.Imported, report.Updated, report.Unchanged));
        var warning = LossWarning(report);
        Assert.Equal(("2024/story.md", true), (warning.File, warning.Message.Contains("2025/story.md", StringComparison.Ordinal)));
        Assert.Equal(before, await DatabaseSnapshot.CaptureAsync(db.Factory));
        Assert.Equal(stamps, await StampsAsync(db));
    }

    [Fact]
    public async Task Import_OneFileWithAnImplausibleDate_LosesWhateverTheOrderAndSize()
    {
        var dated = ("a.md", Version("Dated"));
        var undated = ("b.md", Version("Undated, and larger", excerpt: "A much longer excerpt than the dated version has.", date: "9999-12-31T00:00:00Z"));

        var forward = await ImportRunsAsync([dated, undated]);
        var backward = await ImportRunsAsync([undated], [dated]);

        Assert.Equal(forward.Snapshot, backward.Snapshot);
        Assert.Equal(("Dated", "Dated"), (forward.Stored.Title, backward.Stored.Title));
        Assert.Equal("b.md", LossWarning(forward.Reports[0]).File);
        Assert.Equal("b.md", LossWarning(backward.Reports[1]).File);
    }

    [Fact]
    public async Task Import_EqualDates_TheLargerFileWinsWhateverTheOrder()
    {
        var small = ("b.md", Version("Short"));
        var large = ("a.md", Version("A longer title"));

        var forward = await ImportRunsAsync([small, large]);
        var backward = await ImportRunsAsync([large], [small]);

        Assert.Equal(forward.Snapshot, backward.Snapshot);
        Assert.Equal(("A longer title", "A longer title"), (forward.Stored.Title, backward.Stored.Title));
        Assert.Contains("larger", LossWarning(forward.Reports[0]).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_EqualDatesAndSizes_ThePathSortingLastWinsWhateverTheOrder()
    {
        var first = ("feed/2025-03-01/story.md", Version("Version A"));
        var last = ("feed/2025-03-02/story.md", Version("Version B"));
        Assert.Equal(first.Item2.Length, last.Item2.Length);

        var forward = await ImportRunsAsync([first, last]);
        var backward = await ImportRunsAsync([last, first]);
        var separate = await ImportRunsAsync([last], [first]);

        Assert.Equal(forward.Snapshot, backward.Snapshot);
        Assert.Equal(forward.Snapshot, separate.Snapshot);
        Assert.Equal(("Version B", "Version B", "Version B"), (forward.Stored.Title, backward.Stored.Title, separate.Stored.Title));
        Assert.Equal(first.Item1, LossWarning(separate.Reports[1]).File);
    }

    [Fact]
    public async Task Import_EditedFileAtTheSamePath_ReplacesTheStoredVersionEvenWhenOlderAndSmaller()
    {
        // The rule is for two files; a file's own new version always replaces it, as an edit should.
        var (_, stored, reports) = await ImportRunsAsync([("story.md", Version("A long first title", day: 2))], [("story.md", Version("Fixed", day: 1))]);

        Assert.Equal("Fixed", stored.Title);
        Assert.Equal((1, 0), (reports[1].Updated, reports[1].Warnings));
    }

    [Fact]
    public async Task ImportFolder_RecordsEachFilesPathRelativeToTheFolderNamed()
    {
        await using var db = await TestDatabase.CreateAsync();
        db.Directory.Write("in/2025/a.md", Version("Winner", day: 2));
        db.Directory.Write("in/2024/a.md", Version("Loser", day: 1));

        var report = await db.ImportAsync(db.Directory.PathOf("in"));

        await using var ctx = await db.ContextAsync();
        var stored = await ctx.Articles.SingleAsync(a => !a.IsReference);
        Assert.Equal(("Winner", "2025/a.md", db.Directory.PathOf("in/2025/a.md")), (stored.Title, stored.SourceRelativePath, stored.SourcePath));
        Assert.Equal(db.Directory.PathOf("in/2024/a.md"), LossWarning(report).File);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ImportNamedFiles_EqualDatesAndSizes_DecidesByTheirNamesNotWhereTheyLie(bool reversed)
    {
        // A named file's path relative to its import root is its name: story-2.md sorts last, though z/ sorts after a/.
        await using var db = await TestDatabase.CreateAsync();
        var one = db.Directory.Write("z/story-1.md", Version("Version A"));
        var two = db.Directory.Write("a/story-2.md", Version("Version B"));

        var report = await db.ImportAsync(reversed ? [two, one] : [one, two]);

        await using var ctx = await db.ContextAsync();
        var stored = await ctx.Articles.SingleAsync(a => !a.IsReference);
        Assert.Equal(("Version B", "story-2.md", two), (stored.Title, stored.SourceRelativePath, stored.SourcePath));
        Assert.Equal(one, LossWarning(report).File);
    }

    [Fact]
    public async Task ImportZip_TwoEntriesForOneUrl_DecidesByTheEntryPathWithinTheArchive()
    {
        await using var db = await TestDatabase.CreateAsync();
        var zipPath = db.Directory.PathOf("batch.zip");
        using (var zip = System.IO.Compression.ZipFile.Open(zipPath, System.IO.Compression.ZipArchiveMode.Create))
        {
            foreach (var (name, text) in new[] { ("b/story.md", Version("Version B")), ("a/story.md", Version("Version A")) })
            {
                using var w = new StreamWriter(zip.CreateEntry(name).Open());
                w.Write(text);
            }
        }

        var first = await db.ImportAsync(zipPath);
        var again = await db.ImportAsync(zipPath);

        await using var ctx = await db.ContextAsync();
        var stored = await ctx.Articles.SingleAsync(a => !a.IsReference);
        Assert.Equal(("Version B", "batch.zip!b/story.md"), (stored.Title, stored.SourceRelativePath));
        Assert.Equal($"{zipPath}!a/story.md", LossWarning(first).File);
        Assert.Equal((0, 0, 2), (again.Imported, again.Updated, again.Unchanged));
    }

    private static async Task<List<string>> StampsAsync(TestDatabase db)
    {
        await using var ctx = await db.ContextAsync();
        var rows = await ctx.Articles.OrderBy(a => a.Id).Select(a => new { a.Id, a.SourcePath, a.ImportedAt, a.UpdatedAt }).ToListAsync();
        return rows.Select(r => $"{r.Id} {r.SourcePath} {r.ImportedAt:O} {r.UpdatedAt:O}").ToList();
    }
}
