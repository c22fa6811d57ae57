using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Hosting;

/// <summary>The app keeps its snapshot in a file beside the database, and the next start answers from it.</summary>
public sealed class SnapshotFileTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private DashboardFactory Start(params (string Key, string Value)[] more) => Start(demo: true, more);

    /// <summary>The app on the folder's database; <paramref name="more"/> settings win over the defaults here.</summary>
    private DashboardFactory Start(bool demo, params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:News"] = SqliteStore.ConnectionStringForFile(_folder.PathOf("news.db")),
            ["Snapshot:QuietFor"] = "00:00:01",
        };
        foreach (var (key, value) in more)
            settings[key] = value;
        return new(demo, settings);
    }

    [Fact]
    public async Task Restart_AfterTheSnapshotWasSaved_AnswersFromTheFile()
    {
        string timeline;
        string path;
        await using (var first = Start())
        {
            timeline = await first.CreateClient().GetStringAsync("/api/stats/timeline");
            var file = first.Services.GetRequiredService<ArticleFactsFileStore>();
            path = file.Path!;
            await Wait.UntilAsync(() => file.Writes == 1, "the snapshot saved once it stayed the same for a second");
            Assert.Equal(0, file.Reads);
        }
        Assert.Equal(Path.Combine(_folder.Path, "snapshots"), Path.GetDirectoryName(path));
        Assert.True(new FileInfo(path).Length > 0);

        await using var second = Start();
        var secondFile = second.Services.GetRequiredService<ArticleFactsFileStore>(); // starts the app
        await Wait.UntilAsync(() => secondFile.Reads == 1, "the file read as the app starts, before any request");
        var again = await second.CreateClient().GetStringAsync("/api/stats/timeline");

        Assert.Equal(1, secondFile.Reads);
        Assert.Equal(timeline, again);
    }

    [Fact]
    public async Task Start_WithPersistOff_KeepsNoFile()
    {
        await using var app = Start(("Snapshot:Persist", "false"));
        await app.CreateClient().GetStringAsync("/api/stats/timeline");

        Assert.Null(app.Services.GetRequiredService<ArticleFactsFileStore>().Path);
        await app.DisposeAsync();
        Assert.False(Directory.Exists(_folder.PathOf("snapshots")));
    }

    [Fact]
    public async Task Start_WithNoFile_SavesTheFirstSnapshotAtOnce()
    {
        // Bug guarded: the file waited for the snapshot to stay unchanged; at 10 million articles copy detection's first
        // pass kept it changing, so a stop before it ended left no file and the next start read every article again.
        await using var app = Start(demo: false, ("Snapshot:QuietFor", "01:00:00"), ("Snapshot:SaveAtLeastEvery", "1.00:00:00"));
        await ImportAsync(app, 3);
        await app.CreateClient().GetStringAsync("/api/stats/timeline");

        var file = app.Services.GetRequiredService<ArticleFactsFileStore>();
        await Wait.UntilAsync(() => file.Writes == 1, "the first snapshot saved with no file to start from");
        Assert.True(File.Exists(file.Path));
    }

    [Fact]
    public async Task Store_ThatKeepsChanging_IsSavedAtLeastEverySaveAtLeastEvery()
    {
        await using var app = Start(demo: false, ("Snapshot:QuietFor", "01:00:00"), ("Snapshot:SaveAtLeastEvery", "00:00:02"));
        var client = app.CreateClient();
        var file = app.Services.GetRequiredService<ArticleFactsFileStore>();
        await client.GetStringAsync("/api/stats/timeline");
        await Wait.UntilAsync(() => file.Writes == 1, "the first snapshot saved");
        var first = file.FileVersion;

        // Never quiet for an hour: a new article every 200 ms, each read into the snapshot.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        for (var i = 0; file.Writes < 2 && DateTime.UtcNow < deadline; i++)
        {
            await ImportAsync(app, 1, $"more-{i}");
            await client.GetStringAsync("/api/stats/timeline");
            await Task.Delay(200);
        }

        Assert.Equal(2, file.Writes);
        Assert.True(file.FileVersion > first, $"the file was written at version {file.FileVersion}, after {first}");
    }

    [Fact]
    public async Task Stop_BeforeTheSnapshotWasQuiet_SavesItAndTheNextStartCatchesUpWithWhatCameAfter()
    {
        // Neither quiet for an hour nor a day old: only the save as the app stops can write the second snapshot.
        (string Key, string Value)[] settings = [("Snapshot:QuietFor", "01:00:00"), ("Snapshot:SaveAtLeastEvery", "1.00:00:00")];
        string path;
        long read;
        await using (var first = Start(demo: false, settings))
        {
            var client = first.CreateClient();
            var file = first.Services.GetRequiredService<ArticleFactsFileStore>();
            var cache = first.Services.GetRequiredService<ArticleFactsCache>();
            await ImportAsync(first, 3);
            await client.GetStringAsync("/api/stats/timeline");
            await Wait.UntilAsync(() => file.Writes == 1, "the first snapshot saved");
            var written = file.FileVersion!.Value;

            await ImportAsync(first, 2, "second");
            await client.GetStringAsync("/api/stats/timeline"); // starts the reload
            await Wait.UntilAsync(() => cache.Current!.DataVersion > written, "the snapshot with the second import");
            read = cache.Current!.DataVersion;
            await ImportAsync(first, 2, "third"); // may or may not be read before the app stops
            path = file.Path!;
        }

        await using (var stream = File.OpenRead(path))
            Assert.InRange(ArticleFactsFile.ReadStamp(stream, out _)!.Value.DataVersion, read, long.MaxValue);

        string fromStore;
        await using (var reading = Start(demo: false, [.. settings, ("Snapshot:Persist", "false")]))
            fromStore = await reading.CreateClient().GetStringAsync("/api/stats/timeline");
        await using var second = Start(demo: false, settings);
        var answer = await second.CreateClient().GetStringAsync("/api/stats/timeline");

        Assert.Equal(1, second.Services.GetRequiredService<ArticleFactsFileStore>().Reads);
        Assert.Equal(fromStore, answer);
        await using var db = await second.Services.GetRequiredService<IDbContextFactory<NewsDbContext>>().CreateDbContextAsync();
        Assert.Equal(2, await db.Articles.CountAsync(a => a.Title!.StartsWith("third"))); // the last import is in the store the answer matched
    }

    private static async Task ImportAsync(DashboardFactory app, int count, string prefix = "a")
    {
        var files = Enumerable.Range(0, count).Select(i => ($"{prefix}{i}.md",
            new ArticleBuilder().Titled($"{prefix} {i}").At($"https://example.com/{prefix}/{i}").PublishedOn(2026, 1, 5).Build())).ToList();
        await app.Services.GetRequiredService<ArticleImporter>().ImportAsync(ImportSource.FromTexts(files), files.Count);
    }
}
