using System.Text.Json;
using AiNewsDashboard.TestSupport;

namespace AiNewsDashboard.Web.Tests.Cli;

/// <summary>The contract of <c>import undo &lt;runId&gt; [--dry-run] [--json]</c>: its JSON, its text and its exit codes.</summary>
public sealed class ImportUndoCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private string Db => _dir.PathOf("cli.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private async Task<int> ImportAsync(string folder)
    {
        var result = await CliRunner.RunAsync("import", _dir.PathOf(folder), "--db", Db, "--json");
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        return doc.RootElement.GetProperty("run").GetInt32();
    }

    [Fact]
    public async Task UndoDryRunJson_PrintsOneObjectWithThePlan_AndChangesNothing()
    {
        var cited = new ArticleBuilder().Titled("Cited later");
        _dir.Write("first/a.md", cited.Build());
        _dir.Write("first/b.md", new ArticleBuilder().Titled("Alone").RelatedTo("https://ref.example/only-b").Build());
        var run = await ImportAsync("first");
        _dir.Write("second/c.md", new ArticleBuilder().RelatedTo(cited).Build());
        await ImportAsync("second");

        var preview = await CliRunner.RunAsync("import", "undo", run.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dry-run", "--json", "--db", Db);
        var again = await CliRunner.RunAsync("import", "undo", $"{run}", "--dry-run", "--json", "--db", Db);

        Assert.Equal(0, preview.ExitCode);
        using var doc = JsonDocument.Parse(preview.Stdout);
        var root = doc.RootElement;
        Assert.Equal(["run", "dryRun", "undone", "undoRun", "refusal", "problem", "articlesRemoved", "referencesRemoved", "keptAsReferences",
            "keptUpdatedLater", "updatedNotReverted", "note", "removed", "keptReferences", "updatedLater", "updated"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal((run, true, false, 1, 1, 1), (root.GetProperty("run").GetInt32(), root.GetProperty("dryRun").GetBoolean(),
            root.GetProperty("undone").GetBoolean(), root.GetProperty("articlesRemoved").GetInt32(), root.GetProperty("referencesRemoved").GetInt32(),
            root.GetProperty("keptAsReferences").GetInt32()));
        Assert.Equal("Alone", root.GetProperty("removed")[0].GetProperty("title").GetString());
        Assert.Equal("Cited later", root.GetProperty("keptReferences")[0].GetProperty("title").GetString());
        Assert.Equal(preview.Stdout, again.Stdout); // the dry run removed nothing
    }

    [Fact]
    public async Task Undo_Text_SaysWhatWentAndWhatStays_ThenASecondUndoFailsWithWhy()
    {
        var a = new ArticleBuilder().Titled("Version one");
        _dir.Write("first/a.md", a.Build());
        await ImportAsync("first");
        _dir.Write("first/a.md", new ArticleBuilder().At(a.Url).Titled("Version two").Build());
        _dir.Write("first/new.md", new ArticleBuilder().Titled("Brand new").Build());
        var run = await ImportAsync("first");

        var undo = await CliRunner.RunAsync("import", "undo", $"{run}", "--db", Db);
        var twice = await CliRunner.RunAsync("import", "undo", $"{run}", "--db", Db);

        Assert.Equal(0, undo.ExitCode);
        Assert.StartsWith($"Undid import #{run} (cli, {_dir.PathOf("first")}): removed 1 article and 0 references.", undo.Stdout);
        Assert.Contains("Brand new", undo.Stdout);
        Assert.Contains("This run also updated 1 article; those changes are not reverted.", undo.Stdout);
        Assert.Equal(3, twice.ExitCode);
        Assert.StartsWith($"error: import #{run} was already undone, by #", twice.Stderr);
    }

    [Theory]
    [InlineData("abc", 2, "runId must be an import's number in the history")]
    [InlineData("0", 2, "runId must be an import's number in the history")]
    [InlineData("42", 2, "there is no import #42 in the history")]
    public async Task Undo_BadOrUnknownRun_IsAUsageErrorSayingWhat(string runId, int exitCode, string message)
    {
        _dir.Write("in/a.md", new ArticleBuilder().Build());
        await ImportAsync("in");

        var result = await CliRunner.RunAsync("import", "undo", runId, "--db", Db);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(message, result.Stderr);
        Assert.Equal("", result.Stdout);
    }
}
