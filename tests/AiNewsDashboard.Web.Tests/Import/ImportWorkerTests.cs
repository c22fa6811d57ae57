using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Demo;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Import;
using AiNewsDashboard.Web.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Import;

/// <summary>The background import service: one job at a time, cancel keeps what was committed, every job in the history.</summary>
public sealed class ImportWorkerTests : IAsyncLifetime
{
    private readonly DashboardFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    private ImportJobs Jobs => _app.Services.GetRequiredService<ImportJobs>();

    [Fact]
    public async Task Cancel_RunningAndQueuedJobs_KeepsWholeCommittedFilesAndRecordsBothAsCancelled()
    {
        var corpus = _app.Directory.PathOf("corpus");
        new DemoCorpusGenerator(seed: 5).WriteTo(corpus, 12_000);
        var running = Jobs.Enqueue("watch", corpus, [corpus]);
        var queued = Jobs.Enqueue("upload", "later.md", [_app.Directory.Write("later/later.md", new ArticleBuilder().Build())]);
        await Wait.UntilAsync(() => running.Progress is { FilesDone: > 0 }, "progress of the first job");
        Assert.Equal(ImportJobState.Queued, queued.State); // one writer: the second job waits

        queued.Cancel();
        running.Cancel();
        await Wait.UntilAsync(() => running.IsDone && queued.IsDone, "the end of both jobs");

        Assert.Equal((ImportJobState.Cancelled, ImportJobState.Cancelled), (running.State, queued.State));
        Assert.True(running.Report!.Cancelled);
        Assert.InRange(running.Report.Files, 1, 11_999);
        Assert.Null(queued.Report);
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<NewsDbContext>>().CreateDbContextAsync();
        // Every file the report counts is stored, whole; nothing of the rest, nothing of the queued job.
        Assert.Equal(running.Report.Imported, await db.Articles.CountAsync(a => !a.IsReference && !a.IsDemo));
        Assert.False(await db.Articles.AnyAsync(a => !a.IsReference && !db.ArticleTopics.Any(t => t.ArticleId == a.Id)));
        var runs = await db.ImportRuns.OrderBy(r => r.Id).ToListAsync();
        Assert.Equal([("watch", true, running.Report.Files), ("upload", true, 0)], runs.Select(r => (r.Kind, r.Cancelled, r.Files)));
    }

    [Fact]
    public async Task Enqueue_Upload_ShowsFileNamesRelativeToItsFolderAndDeletesTheFolder()
    {
        var jobs = Jobs; // started first: at start the app clears its own uploads/ folder
        var folder = _app.Directory.PathOf("uploads/abc");
        _app.Directory.Write("uploads/abc/broken.md", "---\ntitle: x\n---\n");

        var job = jobs.Enqueue("upload", "broken.md", [folder], tempFolder: folder);
        await Wait.UntilAsync(() => job.IsDone, "the end of the upload job");

        Assert.Equal(ImportJobState.Finished, job.State);
        Assert.All(job.Report!.Problems, p => Assert.Equal("broken.md", p.File));
        Assert.False(Directory.Exists(folder));
        Assert.NotNull(job.HistoryId);
    }

    [Fact]
    public async Task Start_UploadsLeftWaitingByAStop_AreImportedAndAnUnfinishedUploadIsCleared()
    {
        // Bug guarded: uploads queued behind a running import were dropped when the app stopped (SIGTERM), their files deleted at the next start.
        var article = new ArticleBuilder().Titled("Uploaded before the restart");
        _app.Directory.Write("uploads/aaa/story.md", article.Build());
        _app.Directory.Write($"uploads/aaa/{PendingUpload.FileName}", System.Text.Json.JsonSerializer.Serialize(new PendingUpload("upload", "story.md", "ann")));
        _app.Directory.Write("uploads/bbb/half.md", new ArticleBuilder().Build()); // no job file: it never finished arriving

        var jobs = Jobs; // starts the app
        await Wait.UntilAsync(() => jobs.Snapshot().Any(j => j.IsDone), "the resumed upload");

        var job = Assert.Single(jobs.Snapshot());
        Assert.Equal((ImportJobState.Finished, "story.md (resumed after a restart)", 1), (job.State, job.Source, job.Report!.Imported));
        Assert.False(Directory.Exists(_app.Directory.PathOf("uploads/aaa")));
        Assert.False(Directory.Exists(_app.Directory.PathOf("uploads/bbb")));
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<NewsDbContext>>().CreateDbContextAsync();
        Assert.Equal(["Uploaded before the restart"], await db.Articles.Where(a => !a.IsReference && !a.IsDemo).Select(a => a.Title).ToListAsync());
        var run = await db.ImportRuns.SingleAsync();
        Assert.Equal(("upload", "ann"), (run.Kind, run.StartedBy));
    }

    [Fact]
    public void Enqueue_ResumedUpload_KeepsTheJobFileItWasSavedWith()
    {
        // Bug guarded: each restart rewrote the job file with the source it was resumed under, so every further
        // restart added "(resumed after a restart)" once more.
        var folder = _app.Directory.PathOf("uploads/ccc");
        Directory.CreateDirectory(folder);
        var manifest = Path.Combine(folder, PendingUpload.FileName);
        var saved = System.Text.Json.JsonSerializer.Serialize(new PendingUpload("upload", "story.md", "ann"));
        File.WriteAllText(manifest, saved);

        var job = new ImportJobs().Enqueue("upload", "story.md (resumed after a restart)", [folder], tempFolder: folder, startedBy: "ann");

        Assert.Equal(saved, File.ReadAllText(manifest));
        Assert.Equal("story.md (resumed after a restart)", job.Source);
    }
}
