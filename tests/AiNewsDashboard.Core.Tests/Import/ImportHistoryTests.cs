using AiNewsDashboard.Core.Import;
using AiNewsDashboard.TestSupport;

namespace AiNewsDashboard.Core.Tests.Import;

/// <summary>The import history table: what the import page lists and its CSV download reads back.</summary>
public sealed class ImportHistoryTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private ImportHistory History => _db.Get<ImportHistory>();

    [Fact]
    public async Task Record_ImportWithARejectedFile_KeepsCountsAndTheReasons()
    {
        var report = await _db.ImportTextsAsync(("good.md", new ArticleBuilder().Build()), ("bad.md", "---\ntitle: no date\n---\n"));
        var started = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

        var id = await History.RecordAsync("watch", "/srv/inbox", null, started, started.AddSeconds(2), report);

        var run = Assert.Single(await History.RecentAsync(10));
        Assert.Equal((id, "watch", "/srv/inbox", 2, 1, 1, false), (run.Id, run.Kind, run.Source, run.Files, run.Imported, run.Rejected, run.Cancelled));
        Assert.Null(run.StartedBy);
        Assert.Equal(started.AddSeconds(2), run.FinishedAt);
        var (_, problems) = (await History.GetAsync(id))!.Value;
        Assert.All(problems, p => Assert.Equal(("bad.md", ProblemSeverity.Error), (p.File, p.Severity)));
        Assert.Contains(problems, p => p.Message.Contains("publishedDateTime", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Record_MoreProblemsThanKept_StoresTheFirstAndTheTotal()
    {
        var problems = Enumerable.Range(0, ImportHistory.MaxStoredProblems + 5)
            .Select(i => new ImportProblem($"f{i}.md", ProblemSeverity.Error, i, "bad")).ToList();
        var report = new ImportReport(problems.Count, 0, 0, 0, problems.Count, 0, 0, 0, problems, TimeSpan.FromSeconds(1));

        var id = await History.RecordAsync("upload", "many.zip", null, DateTime.UtcNow, DateTime.UtcNow, report);

        var (run, stored) = (await History.GetAsync(id))!.Value;
        Assert.Equal(ImportHistory.MaxStoredProblems + 5, run.Problems);
        Assert.Equal(ImportHistory.MaxStoredProblems, stored.Count);
        Assert.Equal(("f0.md", 0), (stored[0].File, stored[0].Line));
    }

    [Fact]
    public async Task Get_UnknownId_ReturnsNull()
    {
        Assert.Null(await History.GetAsync(12345));
    }
}
