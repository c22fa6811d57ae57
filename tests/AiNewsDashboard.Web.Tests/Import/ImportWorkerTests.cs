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

    /// <summary>
    /// An upload folder made as the Import page makes one: held by this instance, so the pass at start that adopts the
    /// folders left by a stop (running beside the test) does not take it over.
    /// </summary>
    private Task<string> NewUploadFolderAsync() => _app.Services.GetRequiredService<UploadFolders>().CreateAsync();

    [Trait("Category", "Slow")] // a corpus of 12,000 files
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
        var jobs = Jobs;
        var folder = await NewUploadFolderAsync();
        File.WriteAllText(Path.Combine(folder, "broken.md"), "---\ntitle: x\n---\n");

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

    // Guards: a FIFO in the watch folder blocked the one worker in open(2): uploads after it waited for ever.
    [Fact]
    public async Task Watch_FifoInTheFolder_IsSkippedAndTheNextUploadIsImported()
    {
        if (OperatingSystem.IsWindows())
            return; // no FIFOs in a Windows folder
        var jobs = Jobs;
        var inbox = _app.Directory.PathOf("inbox");
        _app.Directory.Write("inbox/a.md", new ArticleBuilder().Build());
        var fifo = Path.Combine(inbox, "pipe.md");
        Fifo.Make(fifo);
        var folder = await NewUploadFolderAsync();
        File.WriteAllText(Path.Combine(folder, "b.md"), new ArticleBuilder().Build());

        var watch = jobs.Enqueue("watch", inbox, [inbox]);
        var upload = jobs.Enqueue("upload", "b.md", [folder], tempFolder: folder);
        try
        {
            await Wait.UntilAsync(() => upload.IsDone, "the upload after the watch folder's job");
        }
        finally
        {
            Fifo.Unblock(fifo);
        }

        Assert.Equal((ImportJobState.Finished, 1, 1), (watch.State, watch.Report!.Imported, watch.Report.Warnings));
        Assert.Equal(fifo, Assert.Single(watch.Report.Problems).File);
        Assert.Equal((ImportJobState.Finished, 1), (upload.State, upload.Report!.Imported));
    }
}

/// <summary>An upload over Import:MaxUploadUncompressedBytes is refused, with the sizes, before anything is imported.</summary>
public sealed class ImportWorkerLimitTests : IAsyncLifetime
{
    private readonly DashboardFactory _app = new(settings: new Dictionary<string, string> { ["Import:MaxUploadUncompressedBytes"] = "100000" });

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Enqueue_UploadOverTheUncompressedLimit_FailsWithTheSizesAndImportsNothing()
    {
        var jobs = _app.Services.GetRequiredService<ImportJobs>();
        // Held by this instance, as the Import page's folders are: a folder made by hand could be adopted by the pass
        // at start (running beside the test) and imported a second time.
        var folder = await _app.Services.GetRequiredService<UploadFolders>().CreateAsync();
        var zip = Path.Combine(folder, "big.zip");
        using (var archive = System.IO.Compression.ZipFile.Open(zip, System.IO.Compression.ZipArchiveMode.Create))
            for (var i = 0; i < 3; i++)
            {
                using var w = new StreamWriter(archive.CreateEntry($"{i}.md").Open());
                w.Write(new ArticleBuilder().WithExcerpt(new string('x', 50_000)).Build());
            }

        var job = jobs.Enqueue("upload", "big.zip", [folder], tempFolder: folder);
        await Wait.UntilAsync(() => job.IsDone, "the end of the upload job");

        Assert.Equal(ImportJobState.Failed, job.State);
        Assert.Matches(@"these files hold 14\d\.\d+ KiB uncompressed, more than the limit of 97\.66 KiB per upload \(Import:MaxUploadUncompressedBytes\); nothing was imported", job.Error);
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<NewsDbContext>>().CreateDbContextAsync();
        Assert.False(await db.Articles.AnyAsync(a => !a.IsDemo)); // the bundled samples may be seeded meanwhile
        Assert.Equal(job.Error, (await db.ImportRuns.SingleAsync(r => r.Kind == "upload")).Error);
    }
}
