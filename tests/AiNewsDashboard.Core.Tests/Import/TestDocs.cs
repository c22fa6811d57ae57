using AiNewsDashboard.Core.Import;

namespace AiNewsDashboard.Core.Tests.Import;

/// <summary>Small builders and helpers shared by the parser tests.</summary>
internal static class TestDocs
{
    public const string Title = "title: Hello world";
    public const string Date = "publishedDateTime: 2021-12-14T23:46:00Z";
    public const string WebUrl = "webUrl: https://example.com/a";

    /// <summary>A file: opening fence, the given YAML lines, closing fence ('\n' line ends).</summary>
    public static string Doc(params string[] lines) => "---\n" + string.Join("\n", lines) + "\n---\n";

    /// <summary>A valid minimal article (title, date, webUrl on lines 2-4) plus the given lines from line 5 on.</summary>
    public static string Valid(params string[] extraLines) =>
        Doc(new[] { Title, Date, WebUrl }.Concat(extraLines).ToArray());

    public static ParseResult Parse(string text, ParserOptions? options = null) =>
        new ArticleFileParser(options).ParseText(text);

    public static ArticleFile Accepted(ParseResult result)
    {
        Assert.False(result.IsRejected, "expected the file to be accepted, got: " + Describe(result));
        return result.Article!;
    }

    public static ParseProblem SingleError(ParseResult result)
    {
        Assert.True(result.IsRejected, "expected a rejection");
        Assert.Null(result.Article);
        return Assert.Single(result.Problems, p => p.Severity == ProblemSeverity.Error);
    }

    public static ParseProblem SingleWarning(ParseResult result)
    {
        Assert.False(result.IsRejected, "expected the file to be accepted, got: " + Describe(result));
        return Assert.Single(result.Problems, p => p.Severity == ProblemSeverity.Warning);
    }

    public static string Describe(ParseResult result) =>
        string.Join(" | ", result.Problems.Select(p => $"{p.Severity} L{p.Line}: {p.Message}"));

    /// <summary>Runs the parse on the thread pool and fails (instead of hanging) when it takes over 10 s.</summary>
    public static async Task<ParseResult> ParseGuardedAsync(Func<ParseResult> parse)
    {
        Task<ParseResult> task = Task.Run(parse);
        return await task.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
