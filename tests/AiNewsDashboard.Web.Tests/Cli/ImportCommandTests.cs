using System.Text.Json;
using AiNewsDashboard.Demo;
using AiNewsDashboard.TestSupport;

namespace AiNewsDashboard.Web.Tests.Cli;

/// <summary>The `import` command's contract: one JSON object with --json, and its exit codes.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private string Db => _dir.PathOf("cli.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task Import_Json_PrintsExactlyOneObjectWithTheContractFields()
    {
        var good = _dir.Write("in/good.md", new ArticleBuilder().RelatedTo("https://ref.example/r").Build());
        var warned = _dir.Write("in/warned.md", new ArticleBuilder().WithLine("extra: 1").Build().Replace("quality: 50", "quality: 150"));

        var result = await CliRunner.RunAsync("import", _dir.PathOf("in"), "--db", Db, "--json");

        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout); // throws if there is anything but one JSON value
        var root = doc.RootElement;
        Assert.Equal(["run", "files", "imported", "updated", "unchanged", "rejected", "warnings", "articles", "references", "problems"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, root.GetProperty("run").GetInt32()); // the history's number, for 'import undo'
        Assert.Equal((2, 2, 0, 0, 0, 1, 2, 1), (root.GetProperty("files").GetInt32(), root.GetProperty("imported").GetInt32(),
            root.GetProperty("updated").GetInt32(), root.GetProperty("unchanged").GetInt32(), root.GetProperty("rejected").GetInt32(),
            root.GetProperty("warnings").GetInt32(), root.GetProperty("articles").GetInt32(), root.GetProperty("references").GetInt32()));
        var problem = Assert.Single(root.GetProperty("problems").EnumerateArray());
        Assert.Equal(warned, problem.GetProperty("file").GetString());
        Assert.Equal("warning", problem.GetProperty("severity").GetString());
        Assert.Equal(JsonValueKind.Number, problem.GetProperty("line").ValueKind);
        Assert.Contains("quality", problem.GetProperty("message").GetString());
        Assert.DoesNotContain(good, result.Stdout);
    }

    [Fact]
    public async Task Import_SomeFilesRejected_ExitsOneAndImportsTheRest()
    {
        _dir.Write("in/good.md", new ArticleBuilder().Build());
        var bad = _dir.Write("in/bad.md", "---\ntitle: [unclosed\n---\n");

        var result = await CliRunner.RunAsync("import", _dir.PathOf("in"), "--db", Db, "--json");

        Assert.Equal(1, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.Equal(1, doc.RootElement.GetProperty("imported").GetInt32());
        Assert.Equal(1, doc.RootElement.GetProperty("rejected").GetInt32());
        var error = doc.RootElement.GetProperty("problems").EnumerateArray().Single(p => p.GetProperty("severity").GetString() == "error");
        Assert.Equal(bad, error.GetProperty("file").GetString());
    }

    [Fact]
    public async Task Import_Twice_SecondRunReportsUnchanged()
    {
        _dir.Write("in/a.md", new ArticleBuilder().Build());
        await CliRunner.RunAsync("import", _dir.PathOf("in"), "--db", Db, "--json");

        var again = await CliRunner.RunAsync("import", _dir.PathOf("in"), "--db", Db, "--json");

        using var doc = JsonDocument.Parse(again.Stdout);
        Assert.Equal((0, 1, 1), (doc.RootElement.GetProperty("imported").GetInt32(), doc.RootElement.GetProperty("unchanged").GetInt32(),
            doc.RootElement.GetProperty("articles").GetInt32()));
    }

    [Fact]
    public async Task Import_WithoutJson_PrintsSummaryAndProblemsWithLocation()
    {
        var bad = _dir.Write("in/bad.md", "---\ntitle: \"x\"\npublishedDateTime: 2021-02-30T10:00:00Z\nwebUrl: \"https://a.example/x\"\n---\n");

        var result = await CliRunner.RunAsync("import", bad, "--db", Db);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("1 file in", result.Stdout);
        Assert.Contains("1 rejected", result.Stdout);
        Assert.Contains($"error   {bad}:3:", result.Stdout);
        Assert.Contains("publishedDateTime", result.Stdout);
    }

    [Theory]
    [InlineData("import")]                                   // no paths
    [InlineData("import", "x.md", "--bogus", "1")]           // unknown option
    [InlineData("import", "x.md", "--db")]                   // option without value
    [InlineData("generate", "--articles", "many", "--out", "x")]
    [InlineData("generate", "--articles", "5", "--out", "x", "--shape", "bogus")]
    [InlineData("demo")]
    public async Task Run_UsageError_ExitsTwoWithMessage(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Generate_ThenImport_ProducesTheRequestedCorpus()
    {
        var gen = await CliRunner.RunAsync("generate", "--articles", "250", "--out", _dir.PathOf("corpus"));
        Assert.Equal(0, gen.ExitCode);

        var result = await CliRunner.RunAsync("import", _dir.PathOf("corpus"), "--db", Db, "--json");

        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.Equal((0, 250, 250, 0), (result.ExitCode, doc.RootElement.GetProperty("files").GetInt32(),
            doc.RootElement.GetProperty("imported").GetInt32(), doc.RootElement.GetProperty("rejected").GetInt32()));
        Assert.True(doc.RootElement.GetProperty("references").GetInt32() > 0);
    }

    [Fact]
    public async Task Generate_ShapeReal_WritesTheRealWorldCorpus()
    {
        var gen = await CliRunner.RunAsync("generate", "--articles", "300", "--out", _dir.PathOf("real"), "--shape", "real");

        Assert.Equal(0, gen.ExitCode);
        Assert.Contains("shape RealWorld", gen.Stdout);
        var expected = new DemoCorpusGenerator(DemoCorpusGenerator.DefaultSeed, DemoShape.RealWorld).Generate(300).ToList();
        Assert.All(expected, a => Assert.Equal(a.Text, File.ReadAllText(Path.Combine(_dir.PathOf("real"), a.RelativePath))));
        Assert.Equal(300, Directory.EnumerateFiles(_dir.PathOf("real"), "*.md", SearchOption.AllDirectories).Count());
    }

    // Guards: a zip with a corrupt central directory crashed the CLI (exit 134, a stack trace, no JSON) and rolled
    // back the good folder named beside it. The attack as the probe ran it: the real executable, as a process.
    [Fact]
    public async Task Import_CorruptArchiveBesideAGoodFolder_RejectsTheArchiveAndImportsTheFolder()
    {
        _dir.Write("good/one.md", new ArticleBuilder().Build());
        _dir.Write("good/two.md", new ArticleBuilder().Build());
        var bytes = System.IO.File.ReadAllBytes(_dir.Write("seed.md", new ArticleBuilder().Build()));
        var bad = _dir.PathOf("bad.zip");
        using (var zip = System.IO.Compression.ZipFile.Open(bad, System.IO.Compression.ZipArchiveMode.Create))
            for (var i = 0; i < 2; i++)
                using (var entry = zip.CreateEntry($"{i}.md").Open())
                    entry.Write(bytes);
        var archive = System.IO.File.ReadAllBytes(bad);
        // The second central directory header loses its signature: the archive opens, its entries don't.
        var headers = Enumerable.Range(0, archive.Length - 3).Where(i => BitConverter.ToUInt32(archive, i) == 0x02014b50).ToArray();
        archive[headers[1]] = 0xFF;
        System.IO.File.WriteAllBytes(bad, archive);

        using var child = CliRunner.StartProcess("import", _dir.PathOf("good"), bad, "--db", Db, "--json");
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(child.ExitCode == 1, $"exit {child.ExitCode}: {await stderr}");
        using var doc = JsonDocument.Parse(await stdout);
        Assert.Equal((2, 1), (doc.RootElement.GetProperty("imported").GetInt32(), doc.RootElement.GetProperty("rejected").GetInt32()));
        var problem = Assert.Single(doc.RootElement.GetProperty("problems").EnumerateArray());
        Assert.Equal(bad, problem.GetProperty("file").GetString());
        Assert.StartsWith("cannot open the zip archive", problem.GetProperty("message").GetString());
    }
}
