using System.Net;
using AiNewsDashboard.Web.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Hosting;

/// <summary>
/// The backup button on a real server. Guards the probe's findings: an article image pointing at /admin/backup made an
/// administrator's browser write backups, and three plain GETs wrote 1.1 GB in 10 s.
/// </summary>
public sealed class BackupEndpointTests : IAsyncLifetime
{
    /// <summary>A disk with as much free space as the test says; it can hold a backup at its disk check until released.</summary>
    private sealed class TestDisk : DiskSpace
    {
        public long Free { get; set; } = long.MaxValue;
        /// <summary>When set, the free space is worked out at the moment the app asks, from what is on disk then.</summary>
        public Func<long>? FreeNow { get; set; }
        public TaskCompletionSource<bool>? Entered { get; set; }
        public TaskCompletionSource<bool>? Release { get; set; }

        public override long FreeBytes(string folder)
        {
            Entered?.TrySetResult(true);
            Release?.Task.Wait(TimeSpan.FromSeconds(30));
            return FreeNow?.Invoke() ?? Free;
        }
    }

    private readonly TestDisk _disk = new();
    private DashboardFactory _factory = null!;
    private WebApplicationFactory<Program> _app = null!;
    private string _url = "";

    private string Folder => _factory.Directory.PathOf("backups");
    private string[] Backups => Directory.Exists(Folder) ? Directory.GetFiles(Folder) : [];

    public Task InitializeAsync() => StartAsync();

    private Task StartAsync(params (string Key, string Value)[] settings)
    {
        _factory = new DashboardFactory(demo: true, settings: settings.ToDictionary(s => s.Key, s => s.Value));
        _app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<DiskSpace>(_disk)));
        _url = RealServer.Start(_app);
        return Task.CompletedTask;
    }

    private async Task RestartAsync(params (string Key, string Value)[] settings)
    {
        await DisposeAsync();
        await StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _factory.DisposeAsync();
    }

    /// <summary>The import page's backup form, submitted as the browser does.</summary>
    private async Task<HttpResponseMessage> PostBackupAsync(HttpClient client) =>
        await client.PostAsync("/admin/backup", RealServer.Form(await RealServer.TokenAsync(client, "/import")));

    [Fact]
    public async Task GetBackup_AsAnImageOrLinkWould_WritesNothing()
    {
        using var client = RealServer.Client(_url);

        for (var i = 0; i < 3; i++)
        {
            var response = await client.GetAsync("/admin/backup");
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"{(int)response.StatusCode}");
            Assert.NotEqual("application/vnd.sqlite3", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Empty(Backups);
    }

    [Fact]
    public async Task PostBackup_CrossSiteFormWithoutToken_Answers400AndWritesNothing()
    {
        using var client = RealServer.Client(_url);

        var response = await client.PostAsync("/admin/backup", RealServer.Form(null));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("antiforgery", await response.Content.ReadAsStringAsync());
        Assert.Empty(Backups);
    }

    [Fact]
    public async Task PostBackup_FromTheImportPage_DownloadsACopyKeptInTheBackupFolder()
    {
        using var client = RealServer.Client(_url);

        var response = await PostBackupAsync(client);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.sqlite3", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("SQLite format 3\0"u8.ToArray(), bytes[..16]);
        Assert.Equal(bytes.Length, new FileInfo(Assert.Single(Backups)).Length);
    }

    [Fact]
    public async Task PostBackup_WhileAnotherIsRunning_Answers409AndTheFirstFinishes()
    {
        using var first = RealServer.Client(_url);
        using var second = RealServer.Client(_url);
        var firstToken = await RealServer.TokenAsync(first, "/import");
        var secondToken = await RealServer.TokenAsync(second, "/import");
        _disk.Entered = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _disk.Release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        var running = first.PostAsync("/admin/backup", RealServer.Form(firstToken));
        await _disk.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var refused = await second.PostAsync("/admin/backup", RealServer.Form(secondToken));
        _disk.Release.SetResult(true);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("already running", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await running).StatusCode);
        Assert.Single(Backups);
    }

    [Fact]
    public async Task PostBackup_FreeSpaceBelowTwiceTheDatabase_RefusesSayingWhatIsNeeded()
    {
        // Measured when the app asks, right after it sized the database: a checkpoint before the request (the last
        // connection closing folds the WAL into the file and deletes it) can shrink what is on disk many times over.
        _disk.FreeNow = () =>
        {
            var database = new[] { _factory.DatabasePath, _factory.DatabasePath + "-wal" }.Select(f => new FileInfo(f)).Where(f => f.Exists).Sum(f => f.Length);
            return database + database / 2;
        };
        using var client = RealServer.Client(_url);

        var response = await PostBackupAsync(client);

        Assert.Equal(HttpStatusCode.InsufficientStorage, response.StatusCode);
        var message = await response.Content.ReadAsStringAsync();
        Assert.Contains("needs", message);
        Assert.Contains("twice the database", message);
        Assert.Contains(Folder, message);
        Assert.DoesNotContain(Backups, f => f.EndsWith(".db", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostBackup_MoreThanPerHour_Answers429WithAMessage()
    {
        await RestartAsync(("Backup:PerHour", "2"));
        using var client = RealServer.Client(_url);
        Assert.Equal(HttpStatusCode.OK, (await PostBackupAsync(client)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostBackupAsync(client)).StatusCode);

        var refused = await PostBackupAsync(client);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Backup:PerHour", await refused.Content.ReadAsStringAsync());
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    [Fact]
    public async Task PostBackup_WithOlderBackups_KeepsTheNewestSevenAndLeavesOtherFilesAlone()
    {
        Directory.CreateDirectory(Folder);
        for (var day = 1; day <= 9; day++)
            File.WriteAllText(Path.Combine(Folder, $"news-202601{day:00}-120000.db"), "old");
        File.WriteAllText(Path.Combine(Folder, "news-mine.db"), "the user's own file");
        using var client = RealServer.Client(_url);

        Assert.Equal(HttpStatusCode.OK, (await PostBackupAsync(client)).StatusCode);

        var left = Backups.Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(8, left.Count); // six old, the new one, and the user's file
        Assert.Contains("news-mine.db", left);
        Assert.DoesNotContain("news-20260101-120000.db", left);
        Assert.DoesNotContain("news-20260103-120000.db", left);
        Assert.Contains("news-20260104-120000.db", left);
    }
}
