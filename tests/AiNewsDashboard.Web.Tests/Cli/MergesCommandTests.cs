using System.Text.Json;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Cli;

namespace AiNewsDashboard.Web.Tests.Cli;

/// <summary>The <c>merges</c> verb's contract: output, --json, exit codes and messages.</summary>
public sealed class MergesCommandTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private string Db => _dir.PathOf("merges.db");

    public async Task InitializeAsync()
    {
        var corpus = _dir.PathOf("corpus");
        Directory.CreateDirectory(corpus);
        await File.WriteAllTextAsync(Path.Combine(corpus, "a.md"),
            new ArticleBuilder().From("huffingtonpost.example", "Huffington Post").WithTopics("U.S. News").Build());
        await File.WriteAllTextAsync(Path.Combine(corpus, "b.md"),
            new ArticleBuilder().From("huffingtonpost.example", "Huffington Post").WithTopics("U.S. News").Build());
        await File.WriteAllTextAsync(Path.Combine(corpus, "c.md"), new ArticleBuilder().From("huffpost.example", "HuffPost").WithTopics("US news").Build());
        Assert.Equal(0, (await CliRunner.RunAsync("import", corpus, "--db", Db)).ExitCode);
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
        return Task.CompletedTask;
    }

    private Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync([.. args, "--db", Db]);

    [Fact]
    public async Task AddListRemove_AProviderByName_ReportsEachStepAndListsTheRule()
    {
        var added = await RunAsync("merges", "add", "provider", "HuffPost", "--into", "huffingtonpost.example");
        var list = await RunAsync("merges", "list");
        var removed = await RunAsync("merges", "remove", "provider", "huffpost.example");
        var empty = await RunAsync("merges", "list");

        Assert.Equal((0, ""), (added.ExitCode, added.Stderr));
        Assert.Equal("Merged: provider \"HuffPost\" (huffpost.example) -> \"Huffington Post\" (huffingtonpost.example)", added.Stdout.Trim());
        Assert.Equal("provider \"HuffPost\" (huffpost.example) -> \"Huffington Post\" (huffingtonpost.example)", list.Stdout.Trim());
        Assert.Equal(0, removed.ExitCode);
        Assert.StartsWith("Removed: provider \"HuffPost\"", removed.Stdout);
        Assert.Equal("No merge rules. See 'merges suggest' for candidates.", empty.Stdout.Trim());
    }

    [Fact]
    public async Task Json_EveryVerb_PrintsExactlyOneJsonObject()
    {
        var suggest = await RunAsync("merges", "suggest", "--json");
        var add = await RunAsync("merges", "add", "topic", "us news", "--into", "U.S. News", "--json");
        var list = await RunAsync("merges", "list", "--json");
        var remove = await RunAsync("merges", "remove", "topic", "US news", "--json");

        var suggestions = JsonDocument.Parse(suggest.Stdout).RootElement;
        Assert.Equal("/usr/share/publicsuffix/public_suffix_list.dat", suggestions.GetProperty("publicSuffixList").GetString());
        var topic = suggestions.GetProperty("suggestions").EnumerateArray().Single(s => s.GetProperty("kind").GetString() == "topic");
        Assert.Equal(("topic:u.s. news", 2, "us news"), (topic.GetProperty("id").GetString(), topic.GetProperty("canonical").GetProperty("articles").GetInt32(),
            topic.GetProperty("aliases")[0].GetProperty("key").GetString()));
        var provider = suggestions.GetProperty("suggestions").EnumerateArray().Single(s => s.GetProperty("kind").GetString() == "provider");
        Assert.Equal("\"HuffPost\" is a contraction of \"Huffington Post\"", provider.GetProperty("reasons")[0].GetString());

        Assert.Equal("U.S. News", JsonDocument.Parse(add.Stdout).RootElement.GetProperty("added").GetProperty("canonicalName").GetString());
        var rule = JsonDocument.Parse(list.Stdout).RootElement.GetProperty("rules").EnumerateArray().Single();
        Assert.Equal(("topic", "us news", "u.s. news"), (rule.GetProperty("kind").GetString(), rule.GetProperty("alias").GetString(),
            rule.GetProperty("canonical").GetString()));
        Assert.Equal("us news", JsonDocument.Parse(remove.Stdout).RootElement.GetProperty("removed").GetProperty("alias").GetString());
    }

    [Fact]
    public async Task Suggest_Text_ShowsEachGroupWithTheCommandThatMergesIt()
    {
        var result = await RunAsync("merges", "suggest");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("provider \"Huffington Post\" (huffingtonpost.example), 2 articles", result.Stdout);
        Assert.Contains("merges add provider huffpost.example --into huffingtonpost.example", result.Stdout);
        Assert.Contains("merges add topic 'us news' --into 'u.s. news'", result.Stdout);
    }

    [Theory]
    [InlineData(new[] { "merges", "add", "provider", "nowhere.example", "--into", "huffpost.example" }, "error: There is no provider with the domain or name 'nowhere.example'.")]
    [InlineData(new[] { "merges", "add", "topic", "US news", "--into", "us NEWS" }, "error: 'US news' and 'us NEWS' are the same topic (us news).")]
    [InlineData(new[] { "merges", "remove", "topic", "AI" }, "error: No rule merges the topic 'AI' into another (see 'merges list').")]
    public async Task Refused_ExplainsAndExits1(string[] args, string message)
    {
        var result = await RunAsync(args);

        Assert.Equal((CommandLine.SomeRejected, ""), (result.ExitCode, result.Stdout));
        Assert.Equal(message, result.Stderr.Trim());
    }

    [Theory]
    [InlineData(new[] { "merges", "add", "source", "a", "--into", "b" }, "kind must be provider or topic, not 'source'.")]
    [InlineData(new[] { "merges", "add", "provider", "a" }, "Option '--into' is required")]
    [InlineData(new[] { "merges", "rename" }, "Unrecognized command or argument 'rename'")]
    public async Task BadUsage_ExplainsAndExits2(string[] args, string message)
    {
        var result = await RunAsync(args);

        Assert.Equal(CommandLine.UsageError, result.ExitCode);
        Assert.Contains(message, result.Stderr);
    }

    [Fact]
    public async Task Help_NamesTheVerbs()
    {
        var result = await CliRunner.RunAsync("merges", "--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var verb in new[] { "list", "add", "remove", "suggest" })
            Assert.Contains(verb, result.Stdout);
    }
}
