using AiNewsDashboard.TestSupport;
using Microsoft.Data.Sqlite;

namespace AiNewsDashboard.Web.Tests.Cli;

/// <summary>The `backup` command: a checked copy, never over an existing file unless --force.</summary>
public sealed class BackupCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private string Db => _dir.PathOf("live.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task Backup_Database_WritesACopyWithEveryArticle()
    {
        _dir.Write("in/a.md", new ArticleBuilder().Build());
        _dir.Write("in/b.md", new ArticleBuilder().Build());
        Assert.Equal(0, (await CliRunner.RunAsync("import", _dir.PathOf("in"), "--db", Db)).ExitCode);

        var result = await CliRunner.RunAsync("backup", "--db", Db, "--out", _dir.PathOf("copies/copy.db"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("integrity ok", result.Stdout);
        var check = await CliRunner.RunAsync("import", _dir.PathOf("in"), "--db", _dir.PathOf("copies/copy.db"), "--json");
        Assert.Contains("\"unchanged\":2", check.Stdout); // the copy holds both articles, whole
    }

    [Fact]
    public async Task Backup_OutExists_RefusesWithoutForceAndOverwritesWithIt()
    {
        Assert.Equal(0, (await CliRunner.RunAsync("import", _dir.Write("a.md", new ArticleBuilder().Build()), "--db", Db)).ExitCode);
        var existing = _dir.Write("old.db", "an older backup");

        var refused = await CliRunner.RunAsync("backup", "--db", Db, "--out", existing);
        var forced = await CliRunner.RunAsync("backup", "--db", Db, "--out", existing, "--force");

        Assert.Equal(3, refused.ExitCode);
        Assert.Contains($"{existing} already exists", refused.Stderr);
        Assert.Contains("--force", refused.Stderr);
        Assert.Equal(0, forced.ExitCode);
        Assert.StartsWith("SQLite format 3", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(existing), 0, 15));
    }

    [Fact]
    public async Task Backup_WithoutOut_IsAUsageError()
    {
        var result = await CliRunner.RunAsync("backup", "--db", Db);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Option '--out' is required", result.Stderr);
    }
}
