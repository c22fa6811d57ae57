using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Hosting;

/// <summary>The app keeps its snapshot in a file beside the database, and the next start answers from it.</summary>
public sealed class SnapshotFileTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private DashboardFactory Start(params (string Key, string Value)[] more) => new(demo: true, settings: new Dictionary<string, string>
    {
        ["ConnectionStrings:News"] = SqliteStore.ConnectionStringForFile(_folder.PathOf("news.db")),
        ["Snapshot:QuietFor"] = "00:00:01",
    }.Concat(more.Select(m => KeyValuePair.Create(m.Key, m.Value))).ToDictionary());

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
        var again = await second.CreateClient().GetStringAsync("/api/stats/timeline");

        var secondFile = second.Services.GetRequiredService<ArticleFactsFileStore>();
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
}
