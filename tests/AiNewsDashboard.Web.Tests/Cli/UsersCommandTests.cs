using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Cli;

namespace AiNewsDashboard.Web.Tests.Cli;

/// <summary>The <c>users</c> verb: bootstrap accounts on the server; passwords never as arguments.</summary>
public sealed class UsersCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private string Db => _dir.PathOf("users.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private async Task<CliResult> RunAsync(string? stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CommandLine.RunAsync([.. args, "--db", Db], stdout, stderr, stdin: new StringReader(stdin ?? ""));
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task UsersAdd_PasswordOnStdin_AddsTheAccountWithItsRoleAndListShowsIt()
    {
        var added = await RunAsync("correct horse battery\n", "users", "add", "alice", "--role", "admin");
        var list = await RunAsync(null, "users", "list");

        Assert.Equal((0, ""), (added.ExitCode, added.Stderr));
        Assert.Contains("Added alice (Admin)", added.Stdout);
        Assert.Equal(0, list.ExitCode);
        Assert.Matches(@"alice\s+Admin\s+active", list.Stdout);
    }

    [Theory]
    [InlineData("--password", "secret-secret")]
    [InlineData("--password=secret-secret", "x")]
    public async Task UsersAdd_PasswordAsArgument_IsRefusedAndNothingIsCreated(string option, string value)
    {
        var result = await RunAsync("correct horse battery\n", "users", "add", "bob", "--role", "Viewer", option, value);

        Assert.Equal(CommandLine.UsageError, result.ExitCode);
        Assert.Contains("never taken as an argument", result.Stderr);
        Assert.Contains("No accounts", (await RunAsync(null, "users", "list")).Stdout);
    }

    [Theory]
    [InlineData("correct horse battery\n", new[] { "users", "add", "bob" }, "Option '--role' is required")]
    [InlineData("correct horse battery\n", new[] { "users", "add", "bob", "--role", "Owner" }, "'Owner' not recognized")]
    [InlineData("short\n", new[] { "users", "add", "bob", "--role", "Viewer" }, "at least 10 characters")]
    [InlineData("", new[] { "users", "add", "bob", "--role", "Viewer" }, "no password given")]
    [InlineData(null, new[] { "users", "rename", "bob" }, "Unrecognized command or argument 'rename'")]
    public async Task Users_BadUsage_ExplainsAndExits2(string? stdin, string[] args, string message)
    {
        var result = await RunAsync(stdin, args);

        Assert.Equal(CommandLine.UsageError, result.ExitCode);
        Assert.Contains(message, result.Stderr);
    }

    [Fact]
    public async Task UsersAdd_ExistingName_Exits1AndKeepsTheAccount()
    {
        await RunAsync("correct horse battery\n", "users", "add", "alice", "--role", "Viewer");

        var again = await RunAsync("another long password\n", "users", "add", "alice", "--role", "Admin");

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Stderr);
        Assert.Matches(@"alice\s+Viewer", (await RunAsync(null, "users", "list")).Stdout);
    }

    [Fact]
    public async Task UsersRemove_KnownAndUnknownName_RemovesOrExits1()
    {
        await RunAsync("correct horse battery\n", "users", "add", "alice", "--role", "Editor");

        var removed = await RunAsync(null, "users", "remove", "alice");
        var missing = await RunAsync(null, "users", "remove", "alice");

        Assert.Equal((0, "Removed alice."), (removed.ExitCode, removed.Stdout.Trim()));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no account 'alice'", missing.Stderr);
    }
}
