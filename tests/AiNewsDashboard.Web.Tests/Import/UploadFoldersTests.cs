using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Hosting;
using AiNewsDashboard.Web.Import;
using AiNewsDashboard.Web.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Import;

/// <summary>Upload folders shared by instances on one database: each instance keeps its own, and takes over a stopped one's.</summary>
public sealed class UploadFoldersTests : IAsyncLifetime
{
    private readonly DashboardFactory _app = new();

    public Task InitializeAsync()
    {
        _app.CreateClient().Dispose(); // starts the app
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AnotherInstance_StartingBesideOne_LeavesItsArrivingUploadAlone()
    {
        var folder = await _app.Services.GetRequiredService<UploadFolders>().CreateAsync();
        File.WriteAllText(Path.Combine(folder, "half.md"), new ArticleBuilder().Build()); // still arriving: no job file yet
        await using var second = new DashboardFactory(settings: new Dictionary<string, string>
        {
            ["ConnectionStrings:News"] = SqliteStore.ConnectionStringForFile(_app.DatabasePath),
        });

        await second.Services.GetRequiredService<UploadFolders>().AdoptAsync();

        Assert.True(Directory.Exists(folder));
        Assert.True(File.Exists(Path.Combine(folder, "half.md")));
        Assert.Empty(second.Services.GetRequiredService<ImportJobs>().Snapshot());
    }

    [Fact]
    public async Task Upload_WhoseInstanceStoppedRenewingItsLease_IsImportedByAnotherOnceItLapses()
    {
        var folder = Path.Combine(Path.GetDirectoryName(_app.DatabasePath)!, "uploads", "waiting");
        var lease = new Lease { Name = "upload:" + folder, Holder = "another-machine:4242:0badcafe", ExpiresUtc = DateTime.UtcNow.AddMinutes(5) };
        await using (var db = await Instances().CreateDbContextAsync())
        {
            db.Leases.Add(lease); // taken before the folder appears, so this instance's own passes never see it free
            await db.SaveChangesAsync();
        }
        _app.Directory.Write("uploads/waiting/story.md", new ArticleBuilder().Titled("Uploaded on the other instance").Build());
        _app.Directory.Write($"uploads/waiting/{PendingUpload.FileName}", System.Text.Json.JsonSerializer.Serialize(new PendingUpload("upload", "story.md", "ann")));
        var uploads = _app.Services.GetRequiredService<UploadFolders>();
        var jobs = _app.Services.GetRequiredService<ImportJobs>();

        await uploads.AdoptAsync();
        Assert.Empty(jobs.Snapshot()); // its instance still holds it
        await using (var db = await Instances().CreateDbContextAsync())
            await db.Leases.Where(l => l.Name == lease.Name).ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresUtc, DateTime.UtcNow.AddSeconds(-1)));
        await uploads.AdoptAsync();

        await Wait.UntilAsync(() => jobs.Snapshot() is [{ IsDone: true }], "the taken-over upload");
        var job = jobs.Snapshot()[0];
        Assert.Equal((ImportJobState.Finished, "story.md (resumed after a restart)", 1, "ann"), (job.State, job.Source, job.Report!.Imported, job.StartedBy));
        Assert.False(Directory.Exists(folder));
        await using (var db = await Instances().CreateDbContextAsync())
            Assert.False(await db.Leases.AnyAsync(l => l.Name == lease.Name)); // given up once imported
    }

    [Fact]
    public async Task UploadFolder_Set_UploadsWaitInTheNamedFolderNotBesideTheDatabase()
    {
        // Instances on several machines share one folder; on PostgreSQL there is no database file to put it beside.
        using var shared = new TempDirectory();
        await using var app = new DashboardFactory(settings: new Dictionary<string, string> { ["Import:UploadFolder"] = shared.PathOf("uploads") });

        var folder = await app.Services.GetRequiredService<UploadFolders>().CreateAsync();

        Assert.Equal(shared.PathOf("uploads"), Path.GetDirectoryName(folder));
        Assert.False(Directory.Exists(Path.Combine(app.Directory.Path, "uploads")));
    }

    [Fact]
    public async Task Start_UploadFolderNotWritable_RefusesToStartNamingTheSettingAndTheFolder()
    {
        using var dir = new TempDirectory();
        var blocked = Path.Combine(dir.Write("not-a-folder", "a file where the folder should be"), "uploads");
        await using var app = DashboardHost.CreateBuilder(["--db", dir.PathOf("news.db"), $"--Import:UploadFolder={blocked}"]).Build();
        var stderr = new StringWriter();

        Assert.False(app.HasValidSettings(stderr)); // Program returns a usage error before serving anything

        Assert.Contains($"Import:UploadFolder: uploads can't be written to {blocked}", stderr.ToString());
    }

    private IDbContextFactory<InstancesDbContext> Instances() => _app.Services.GetRequiredService<IDbContextFactory<InstancesDbContext>>();
}
