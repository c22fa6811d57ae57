using System.Text.Json;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Cli;

namespace AiNewsDashboard.Web.Tests.Cli;

/// <summary>The command line as a whole: help for every verb, typo suggestions, which arguments start the server, exit codes.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Theory]
    [InlineData("import", "<paths>...", "--json")]
    [InlineData("generate", "--articles <N>", "--seed <S>")]
    [InlineData("demo remove", "--db <file>", "--db <file>")]
    [InlineData("backup", "--out <file>", "--force")]
    [InlineData("users add", "<name>", "--role <Viewer|Editor|Admin>")]
    [InlineData("users list", "--db <file>", "--db <file>")]
    [InlineData("users remove", "<name>", "--db <file>")]
    public async Task Help_EveryVerb_PrintsItsUsageAndOptionsAndExitsZero(string verb, string argument, string option)
    {
        foreach (var args in new string[][] { [.. verb.Split(' '), "--help"], ["help", .. verb.Split(' ')], [.. verb.Split(' '), "-h"] })
        {
            var result = await CliRunner.RunAsync(args);

            Assert.Equal((0, ""), (result.ExitCode, result.Stderr));
            Assert.Matches($@"Usage:\n  \S+ {verb} ", result.Stdout.ReplaceLineEndings("\n")); // the executable's name, then the verb
            Assert.Contains(argument, result.Stdout);
            Assert.Contains(option, result.Stdout);
            Assert.DoesNotContain("--password", result.Stdout); // there only to be refused with its reason
        }
    }

    [Fact]
    public async Task Help_NoVerb_ListsEveryVerbTheServerAndTheExitCodes()
    {
        var result = await CliRunner.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var verb in new[] { "import", "generate", "demo", "backup", "users" })
            Assert.Matches($@"(?m)^\s+{verb}\b", result.Stdout);
        Assert.Contains("--urls <url>", result.Stdout);
        Assert.Contains("Exit codes: 0 ok; 1 some files rejected; 2 usage error; 3 failure (database or I/O); 130 interrupted.", result.Stdout);
    }

    [Theory]
    [InlineData("import", new[] { "imprt", "x.md" })]
    [InlineData("import", new[] { "improt" })]
    [InlineData("backup", new[] { "bakup", "--out", "x.db" })]
    [InlineData("users", new[] { "user", "list" })]
    [InlineData("add", new[] { "users", "ad", "bob" })]
    [InlineData("--json", new[] { "import", "x.md", "--jsn" })]
    public async Task Run_MistypedWord_ExitsTwoWithASuggestion(string suggested, string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal((2, ""), (result.ExitCode, result.Stdout));
        Assert.Contains($"did you mean {suggested}?", result.Stderr);
        Assert.Contains("--help' for usage", result.Stderr);
    }

    [Fact]
    public async Task Run_UnknownWordWithNothingClose_ExitsTwoWithoutAGuess()
    {
        var result = await CliRunner.RunAsync("serve-everything");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unrecognized command or argument 'serve-everything'", result.Stderr);
        Assert.DoesNotContain("did you mean", result.Stderr);
    }

    [Theory]
    [InlineData(true, new[] { "import", "x.md" })]
    [InlineData(true, new[] { "imprt" })]                     // a typo is a usage error, never a server started by mistake
    [InlineData(true, new[] { "help" })]
    [InlineData(true, new[] { "--help" })]
    [InlineData(true, new[] { "-h" })]
    [InlineData(false, new string[0])]
    [InlineData(false, new[] { "--urls", "http://localhost:5001" })]
    [InlineData(false, new[] { "--db", "x.db", "--no-demo" })]
    [InlineData(false, new[] { "--no-demo" })]
    [InlineData(false, new[] { "--Auth:Mode=Accounts" })]
    [InlineData(false, new[] { "urls=http://localhost:5001" })] // ASP.NET's key=value form
    public void IsCommand_FirstArgument_DecidesBetweenCommandAndServer(bool command, string[] args) =>
        Assert.Equal(command, CommandLine.IsCommand(args));

    [Fact]
    public async Task Process_MistypedVerb_ExitsTwoInsteadOfServing()
    {
        // Bug guarded: "imprt" used to start the web server, which then sat there serving an empty database.
        using var app = CliRunner.StartProcess("imprt", _dir.PathOf("in"), "--db", _dir.PathOf("typo.db"));
        var stderr = app.StandardError.ReadToEndAsync();

        await app.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, app.ExitCode);
        Assert.Contains("did you mean import?", await stderr);
        Assert.False(File.Exists(_dir.PathOf("typo.db")));
    }

    [Fact]
    public async Task Process_BadSetting_ServerExitsTwoNamingTheKeyBeforeTouchingTheDatabase()
    {
        using var app = CliRunner.StartProcess("--urls", "http://127.0.0.1:0", "--db", _dir.PathOf("bad.db"), "--no-demo", "--Graph:NodeLimit=0");
        var stderr = app.StandardError.ReadToEndAsync();

        await app.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, app.ExitCode);
        Assert.Contains("Graph:NodeLimit: must be a number of nodes from 1 to 50000 (was '0')", await stderr);
        Assert.False(File.Exists(_dir.PathOf("bad.db")));
    }

    [Fact]
    public async Task Import_BadSetting_ExitsTwoNamingTheKeyAndImportsNothing()
    {
        _dir.Write("in/a.md", new ArticleBuilder().Build());

        var result = await CliRunner.RunAsync("import", _dir.PathOf("in"), "--db", _dir.PathOf("cli.db"), "--Import:MaxFileBytes=0");

        Assert.Equal((2, ""), (result.ExitCode, result.Stdout));
        Assert.Contains("Import:MaxFileBytes: must be a number of bytes from 1 to 2147483647 (was '0')", result.Stderr);
        Assert.False(File.Exists(_dir.PathOf("cli.db")));
    }

    [Fact]
    public async Task Import_SettingOnTheCommandLine_IsUsedByTheImport()
    {
        var big = _dir.Write("in/big.md", new ArticleBuilder().Build() + new string('x', 4096));

        var result = await CliRunner.RunAsync("import", big, "--db", _dir.PathOf("cli.db"), "--json", "--Import:MaxFileBytes=1024");

        Assert.Equal(1, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.Contains("the limit is 1 KiB", doc.RootElement.GetProperty("problems")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task Import_DatabaseCannotBeOpened_ExitsThree()
    {
        Directory.CreateDirectory(_dir.PathOf("a-folder.db"));

        var result = await CliRunner.RunAsync("import", _dir.Write("in/a.md", new ArticleBuilder().Build()), "--db", _dir.PathOf("a-folder.db"));

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("error: ", result.Stderr);
    }

    [Fact]
    public async Task Import_Interrupted_ExitsOneHundredThirty()
    {
        _dir.Write("in/a.md", new ArticleBuilder().Build());
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await CommandLine.RunAsync(["import", _dir.PathOf("in"), "--db", _dir.PathOf("cli.db")], stdout, stderr,
            new CancellationToken(canceled: true));

        Assert.Equal(CommandLine.Interrupted, code);
    }
}
