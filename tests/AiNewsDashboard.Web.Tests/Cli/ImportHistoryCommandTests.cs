using AiNewsDashboard.Core.Import;
using AiNewsDashboard.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Cli;

/// <summary>A CLI import lands in the same history as the app's own imports.</summary>
public sealed class ImportHistoryCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task Import_FromTheCommandLine_RecordsTheRunWithItsPathsAndCounts()
    {
        var folder = _dir.PathOf("in");
        _dir.Write("in/a.md", new ArticleBuilder().Build());
        _dir.Write("in/bad.md", "---\ntitle: only a title\n---\n");
        var db = _dir.PathOf("cli.db");

        var result = await CliRunner.RunAsync("import", folder, "--db", db);

        Assert.Equal(1, result.ExitCode);
        await using var services = KillAndRerunTests.Open(db);
        var history = new ImportHistory(services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Core.Data.NewsDbContext>>());
        var run = Assert.Single(await history.RecentAsync(10));
        Assert.Equal(("cli", folder, 2, 1, 1), (run.Kind, run.Source, run.Files, run.Imported, run.Rejected));
        Assert.NotNull(run.FinishedAt);
    }
}
