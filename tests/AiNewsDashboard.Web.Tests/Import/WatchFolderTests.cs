using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Import;

/// <summary>The watch folder with real files on disk and the real app (hosted services running).</summary>
public sealed class WatchFolderTests : IAsyncLifetime
{
    private readonly TempDirectory _inbox = new();
    private DashboardFactory _app = null!;

    public Task InitializeAsync() => Task.CompletedTask;

    private ImportHistory History => _app.Services.GetRequiredService<ImportHistory>();

    private void Start() =>
        _app = new DashboardFactory(false, new Dictionary<string, string> { ["Import:WatchFolder"] = _inbox.Path, ["Import:WatchDebounceMs"] = "200" });

    [Fact]
    public async Task Start_FolderAlreadyHoldsFiles_ImportsThemAndRecordsTheRun()
    {
        _inbox.Write("a.md", new ArticleBuilder().Build());
        _inbox.Write("sub/b.md", new ArticleBuilder().Build());
        _inbox.Write(".partial/c.md", new ArticleBuilder().Build()); // a copy tool's temporary folder: skipped
        Start();

        var run = await WaitForRunAsync(r => r.Files > 0);

        Assert.Equal(("watch", _inbox.Path, 2, 2, 0), (run.Kind, run.Source, run.Files, run.Imported, run.Rejected));
    }

    [Fact]
    public async Task Write_NewGoodAndBadFiles_ImportsTheGoodOnesAndKeepsTheBadOneWithItsReason()
    {
        Start();
        var jobs = _app.Services.GetRequiredService<AiNewsDashboard.Web.Import.ImportJobs>();
        await Wait.UntilAsync(() => jobs.Snapshot() is [{ IsDone: true }], "the catch-up of the empty folder (not in the history)");

        _inbox.Write("new/one.md", new ArticleBuilder().Build());
        _inbox.Write("new/two.md", new ArticleBuilder().Build());
        var bad = _inbox.Write("broken.md", "---\ntitle: no date and no url\n---\n");
        var run = await WaitForRunAsync(r => r.Imported + r.Rejected == 3, r => r.Imported + r.Rejected > 0 && r.Imported + r.Rejected < 3);

        Assert.Equal((2, 1), (run.Imported, run.Rejected));
        Assert.True(File.Exists(bad)); // failed files stay where they are
        var (_, problems) = (await History.GetAsync(run.Id))!.Value;
        Assert.Contains(problems, p => p.File == bad && p.Severity == ProblemSeverity.Error && p.Message.Contains("publishedDateTime", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Write_ChangedFile_UpdatesItsArticle()
    {
        var article = new ArticleBuilder().Titled("First title");
        var path = _inbox.Write("story.md", article.Build());
        Start();
        await WaitForRunAsync(r => r.Imported == 1);

        await File.WriteAllTextAsync(path, article.Titled("Second title").Build());
        var run = await WaitForRunAsync(r => r.Updated == 1);

        Assert.Equal(1, run.Files);
        await using var db = await _app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<NewsDbContext>>().CreateDbContextAsync();
        Assert.Equal(["Second title"], db.Articles.Where(a => !a.IsReference && !a.IsDemo).Select(a => a.Title).ToList());
    }

    [Fact]
    public async Task TwoInstances_OneDatabaseOneFolder_OneImportsAndTheOtherTakesOverWhenItStops()
    {
        Start();
        var firstJobs = _app.Services.GetRequiredService<AiNewsDashboard.Web.Import.ImportJobs>();
        await Wait.UntilAsync(() => firstJobs.Snapshot() is [{ IsDone: true }], "the first instance's catch-up of the empty folder");
        var firstHolder = _app.Services.GetRequiredService<InstanceLeases>().Holder;
        await using var second = new DashboardFactory(false, new Dictionary<string, string>
        {
            ["ConnectionStrings:News"] = AiNewsDashboard.Core.Data.Sqlite.SqliteStore.ConnectionStringForFile(_app.DatabasePath),
            ["Import:WatchFolder"] = _inbox.Path,
            ["Import:WatchDebounceMs"] = "200",
        });
        var secondWatch = second.Services.GetRequiredService<AiNewsDashboard.Web.Import.WatchFolder>();
        var secondJobs = second.Services.GetRequiredService<AiNewsDashboard.Web.Import.ImportJobs>();
        await secondWatch.RenewLeaseAsync();
        Assert.Equal(firstHolder, secondWatch.ImportedBy);

        _inbox.Write("one.md", new ArticleBuilder().Titled("Only once").Build());
        await WaitForRunAsync(r => r.Imported == 1);
        await Task.Delay(3 * 200); // past the second instance's debounce, which must drop what it saw

        Assert.Empty(secondJobs.Snapshot());
        // The first instance stops watching (as when it shuts down), which gives the lease up.
        var firstWatch = _app.Services.GetRequiredService<AiNewsDashboard.Web.Import.WatchFolder>();
        await firstWatch.StopAsync(CancellationToken.None);
        await firstWatch.Stopped;
        await secondWatch.RenewLeaseAsync();

        Assert.Null(secondWatch.ImportedBy);
        await Wait.UntilAsync(() => secondJobs.Snapshot() is [{ IsDone: true }], "the second instance's catch-up after taking over");
        var runs = await second.Services.GetRequiredService<ImportHistory>().RecentAsync(20);
        Assert.Equal((1, 0, 1), (runs[0].Files, runs[0].Imported, runs[0].Unchanged)); // the file the first imported, found unchanged
        Assert.Single(runs, r => r.Imported == 1);
    }

    [Fact]
    public async Task FolderSetWhileRunning_FileLandsAtOnce_ImportedOnceWithoutWaitingForTheNextLeaseRenewal()
    {
        _app = new DashboardFactory(false, new Dictionary<string, string> { ["Import:WatchDebounceMs"] = "200" });
        var watch = _app.Services.GetRequiredService<AiNewsDashboard.Web.Import.WatchFolder>();
        var leases = _app.Services.GetRequiredService<InstanceLeases>();
        var instances = _app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<InstancesDbContext>>();
        bool HoldsLease()
        {
            using var db = instances.CreateDbContext();
            return db.Leases.Any(l => l.Name == "watch-folder:" + _inbox.Path && l.Holder == leases.Holder);
        }

        // As the import page does: another folder, and a file in it before the lease has been asked for.
        Assert.Null(watch.Watch(_inbox.Path));
        _inbox.Write("early.md", new ArticleBuilder().Titled("Landed before the lease").Build());

        // The folder's lease is asked for at once, not at the next renewal a third of the lease later.
        await Wait.UntilAsync(HoldsLease, "this instance to hold the new folder's lease", seconds: (int)(AiNewsDashboard.Web.Import.WatchFolder.LeaseDuration / 3).TotalSeconds - 1);
        var run = await WaitForRunAsync(r => r.Imported == 1);
        Assert.Equal(("watch", _inbox.Path), (run.Kind, run.Source));
        await Task.Delay(3 * 200); // past the debounce: the file seen while the lease was asked for is not imported twice
        Assert.Single(await History.RecentAsync(20), r => r.Imported == 1);
        Assert.Null(watch.ImportedBy);
    }

    /// <summary>Waits for a run in the history that matches; a debounce that split one write into two runs would fail <paramref name="notAllowed"/>.</summary>
    private async Task<ImportRun> WaitForRunAsync(Func<ImportRun, bool> match, Func<ImportRun, bool>? notAllowed = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var runs = await History.RecentAsync(20);
            if (notAllowed is not null)
                Assert.DoesNotContain(runs, r => notAllowed(r));
            if (runs.FirstOrDefault(match) is { } run)
                return run;
            await Task.Delay(50);
        }
        throw new TimeoutException($"no matching import in the history: {string.Join("; ", (await History.RecentAsync(20)).Select(r => $"{r.Files} files, {r.Imported} imported, {r.Updated} updated, {r.Rejected} rejected"))}");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
        _inbox.Dispose();
    }
}
