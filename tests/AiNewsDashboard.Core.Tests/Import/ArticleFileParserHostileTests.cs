using System.Text;
using System.Text.Json;
using AiNewsDashboard.Core.Import;
using static AiNewsDashboard.Core.Tests.Import.TestDocs;

namespace AiNewsDashboard.Core.Tests.Import;

/// <summary>Rule 6: hostile input is rejected cleanly and quickly; nothing escapes, nothing is instantiated.</summary>
public class ArticleFileParserHostileTests
{
    private static readonly ArticleFileParser Parser = new();

    // ---- tags -----------------------------------------------------------------------------------------

    [Fact]
    public void Parse_PythonObjectTag_IgnoredAndReadAsPlainData()
    {
        ParseResult result = Parse(Valid(
            "category: !!python/object/apply:os.system [\"echo pwned\"]",
            "type: !!python/object:__main__.Exploit article",
            "payload: !!python/object/new:subprocess.Popen {args: [id]}"));

        ArticleFile a = Accepted(result);
        Assert.Equal("article", a.Type);
        Assert.Null(a.Category); // a list where text is expected: warned, stored as unknown
        Assert.Contains(result.Problems, p => p.Message.Contains("category", StringComparison.Ordinal));
        using JsonDocument json = JsonDocument.Parse(a.ExtraJson!);
        Assert.Equal("id", json.RootElement.GetProperty("payload").GetProperty("args")[0].GetString());
    }

    [Fact]
    public void Parse_DotNetTypeTag_IgnoredAndReadAsPlainData()
    {
        ArticleFile a = Accepted(Parse(Valid(
            "excerpt: !<tag:yaml.org,2002:System.IO.FileInfo> /etc/passwd",
            "quality: !!int \"42\"",
            "extra: !<tag:yaml.org,2002:System.Diagnostics.Process> {StartInfo: {FileName: calc.exe}}",
            "heat: !custom 7")));

        Assert.Equal("/etc/passwd", a.Excerpt);
        Assert.Equal(42, a.Quality);
        Assert.Equal(7, a.Heat);
        Assert.Equal("{\"extra\":{\"StartInfo\":{\"FileName\":\"calc.exe\"}}}", a.ExtraJson);
    }

    // ---- aliases --------------------------------------------------------------------------------------

    private static string BillionLaughs()
    {
        string[] names = { "a", "b", "c", "d", "e", "f", "g", "h", "i" };
        var lines = new List<string> { "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]" };
        for (int k = 1; k < names.Length; k++)
        {
            string refs = string.Join(",", Enumerable.Repeat("*" + names[k - 1], 9));
            lines.Add($"{names[k]}: &{names[k]} [{refs}]");
        }

        return Valid(lines.ToArray());
    }

    [Fact]
    public async Task Parse_BillionLaughs_RejectedAsAliasExpansionTooLarge()
    {
        ParseResult result = await ParseGuardedAsync(() => Parser.ParseText(BillionLaughs()));

        ParseProblem e = SingleError(result);
        Assert.Contains("Alias expansion is too large", e.Message);
        Assert.NotNull(e.Line);
    }

    [Fact]
    public async Task Parse_AliasesOfAHugeString_RejectedAsAliasExpansionTooLarge()
    {
        string big = new('x', 500_000);
        string refs = string.Join(",", Enumerable.Repeat("*s", 200));
        string text = Valid("s: &s \"" + big + "\"", "t: [" + refs + "]");

        ParseProblem e = SingleError(await ParseGuardedAsync(() => Parser.ParseText(text)));

        Assert.Contains("Alias expansion is too large", e.Message);
    }

    [Fact]
    public void Parse_ModestAliases_ExpandedIntoTheArticle()
    {
        ArticleFile a = Accepted(Parse(Valid(
            "provider: &p {name: Reuters, domain: reuters.com}",
            "shared: &t [AI, ML]",
            "topics: *t",
            "related:",
            "  - webUrl: https://example.org/1",
            "    provider: *p",
            "copy: *t")));

        Assert.Equal(new[] { "AI", "ML" }, a.Topics);
        Assert.Equal(new ProviderInfo("Reuters", "reuters.com"), Assert.Single(a.Related).Provider);
        Assert.Equal("{\"shared\":[\"AI\",\"ML\"],\"copy\":[\"AI\",\"ML\"]}", a.ExtraJson);
    }

    [Theory]
    [InlineData("x: *nowhere")]
    [InlineData("x: &self [1, *self]")]
    public void Parse_UnknownOrRecursiveAlias_RejectedWithLine(string line)
    {
        ParseProblem e = SingleError(Parse(Valid(line)));

        Assert.Contains("alias", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(5, e.Line);
    }

    [Fact]
    public async Task Parse_NestingDeepenedThroughAliases_Rejected()
    {
        // Each level nests the previous anchor 40 levels deeper: the expanded depth passes 64 at the second.
        string open = new('[', 40), close = new(']', 40);
        string text = Valid("a: &a " + open + "x" + close, "b: &b " + open + "*a" + close, "c: &c " + open + "*b" + close);

        ParseProblem e = SingleError(await ParseGuardedAsync(() => Parser.ParseText(text)));

        Assert.Contains("too deep", e.Message);
    }

    [Fact]
    public async Task Parse_MoreNodesThanTheLimit_Rejected()
    {
        string text = Valid("big: [" + string.Join(",", Enumerable.Repeat("1", 2_000)) + "]");

        ParseResult result = await ParseGuardedAsync(() => new ArticleFileParser(new ParserOptions { MaxNodes = 1_000 }).ParseText(text));

        Assert.Contains("more than 1000 YAML nodes", SingleError(result).Message);
    }

    // ---- depth ----------------------------------------------------------------------------------------

    [Fact]
    public async Task Parse_20000NestedBrackets_RejectedWithoutStackOverflow()
    {
        string text = Valid("x: " + new string('[', 20_000) + new string(']', 20_000));

        ParseProblem e = SingleError(await ParseGuardedAsync(() => Parser.ParseText(text)));

        Assert.Contains("deeper than the limit of 64", e.Message);
        Assert.Equal(5, e.Line);
    }

    [Theory]
    [InlineData('[')]
    [InlineData('{')]
    public async Task Parse_100000NestedFlowCollections_RejectedQuickly(char bracket)
    {
        string text = Doc(new string(bracket, 100_000));

        ParseProblem e = SingleError(await ParseGuardedAsync(() => Parser.ParseText(text)));

        Assert.Contains("deeper than the limit", e.Message);
    }

    [Fact]
    public async Task Parse_100000NestedBracketsOnSeparateLines_RejectedQuickly()
    {
        string text = Doc(string.Concat(Enumerable.Repeat("[\n", 100_000)).TrimEnd());

        Assert.Contains("deeper than the limit", SingleError(await ParseGuardedAsync(() => Parser.ParseText(text))).Message);
    }

    [Fact]
    public async Task Parse_DeepBlockSequence_RejectedQuickly()
    {
        string text = Doc(string.Concat(Enumerable.Repeat("- ", 200_000)) + "x");

        Assert.Contains("deeper than the limit", SingleError(await ParseGuardedAsync(() => Parser.ParseText(text))).Message);
    }

    [Fact]
    public async Task Parse_DeepIndentedMappings_RejectedQuickly()
    {
        var sb = new StringBuilder("---\n");
        for (int level = 0; level < 900; level++)
        {
            sb.Append(' ', 2 * level).Append('k').Append(level).Append(":\n");
        }

        sb.Append(' ', 1800).Append("leaf\n---\n");
        string text = sb.ToString();

        ParseProblem e = SingleError(await ParseGuardedAsync(() => Parser.ParseText(text)));

        Assert.Contains("deeper than the limit of 64", e.Message);
        Assert.Equal(66, e.Line); // the key whose value opens level 65
    }

    [Fact]
    public async Task Parse_MixedDeepNesting_RejectedQuickly()
    {
        string text = Doc(string.Concat(Enumerable.Repeat("- a: [{b: ", 30_000)));

        Assert.True((await ParseGuardedAsync(() => Parser.ParseText(text))).IsRejected);
    }

    [Fact]
    public void Parse_NestingAtTheLimit_Accepted()
    {
        // The root mapping is level 1, so 63 brackets reach exactly 64.
        ArticleFile a = Accepted(Parse(Valid("deep: " + new string('[', 63) + "x" + new string(']', 63))));

        Assert.StartsWith("{\"deep\":[[[", a.ExtraJson);
    }

    [Fact]
    public void Parse_CustomMaxDepth_Honoured()
    {
        ParseResult result = Parse(Valid("deep: [[[x]]]"), new ParserOptions { MaxDepth = 3 });

        Assert.Contains("deeper than the limit of 3", SingleError(result).Message);
    }

    // ---- size and encoding ----------------------------------------------------------------------------

    [Fact]
    public void Parse_FileOverTheSizeLimit_RejectedWithSizeAndLimit()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Valid("excerpt: \"" + new string('x', 1024 * 1024) + "\""));

        ParseProblem e = SingleError(Parser.Parse(bytes));

        Assert.Contains(bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
        Assert.Contains("1048576", e.Message);
        Assert.Null(e.Line);
    }

    [Fact]
    public void ParseText_OverTheLimitInUtf8Bytes_Rejected()
    {
        // 400 000 chars but 1 200 000 UTF-8 bytes.
        string text = Valid("excerpt: \"" + new string('\u20AC', 400_000) + "\"");

        ParseProblem e = SingleError(Parse(text));

        Assert.Contains("1048576", e.Message);
        Assert.Contains(Encoding.UTF8.GetByteCount(text).ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
    }

    [Fact]
    public void Parse_CustomSizeLimit_Honoured()
    {
        ParseResult result = new ArticleFileParser(new ParserOptions { MaxFileBytes = 50 }).Parse(Encoding.UTF8.GetBytes(Valid()));

        Assert.Contains("limit of 50 bytes", SingleError(result).Message);
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xE2, 0x82 })]
    public void Parse_InvalidUtf8_RejectedAsNotUtf8Text(byte[] bad)
    {
        byte[] head = Encoding.UTF8.GetBytes("---\ntitle: x");
        byte[] tail = Encoding.UTF8.GetBytes("\n" + Date + "\n" + WebUrl + "\n---\n");

        ParseProblem e = SingleError(Parser.Parse(head.Concat(bad).Concat(tail).ToArray()));

        Assert.Contains("not UTF-8 text", e.Message);
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void Parse_Utf16File_RejectedAsNotUtf8Text()
    {
        byte[] utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Valid())).ToArray();

        Assert.Contains("not UTF-8 text", SingleError(Parser.Parse(utf16)).Message);
    }

    [Fact]
    public void Parse_NulByte_RejectedAsNotUtf8Text()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(Valid("excerpt: a\0b"));

        ParseProblem e = SingleError(Parser.Parse(bytes));

        Assert.Contains("not UTF-8 text", e.Message);
        Assert.Equal(5, e.Line);
    }

    [Fact]
    public void ParseText_NulCharacter_RejectedAsNotUtf8Text()
    {
        Assert.Contains("not UTF-8 text", SingleError(Parse(Valid() + "body\0")).Message);
    }

    [Fact]
    public void ParseText_LoneSurrogate_RejectedAsNotUtf8Text()
    {
        Assert.Contains("not UTF-8 text", SingleError(Parse(Valid("excerpt: \"a\uD800b\""))).Message);
    }

    // ---- structure ------------------------------------------------------------------------------------

    [Theory]
    [InlineData("")]
    [InlineData("title: x\n---\n")]
    [InlineData("\n---\ntitle: x\n---\n")]
    [InlineData(" ---\ntitle: x\n---\n")]
    [InlineData("--- \n")]
    [InlineData("----\ntitle: x\n---\n")]
    public void Parse_NoOpeningFence_Rejected(string text)
    {
        ParseProblem e = SingleError(Parse(text));

        Assert.True(e.Message.Contains("does not start with a '---' line", StringComparison.Ordinal)
            || e.Message.Contains("never closed", StringComparison.Ordinal), e.Message);
    }

    [Fact]
    public void Parse_FileWithoutOpeningFence_SaysSo()
    {
        ParseProblem e = SingleError(Parse("title: x\n"));

        Assert.Contains("does not start with a '---' line", e.Message);
        Assert.Equal(1, e.Line);
    }

    [Theory]
    [InlineData("---\ntitle: x\n")]
    [InlineData("---")]
    [InlineData("---\ntitle: x\n--- trailing\n")]
    [InlineData("---\ntitle: x\n ---\n")]
    public void Parse_NoClosingFence_Rejected(string text)
    {
        Assert.Contains("never closed", SingleError(Parse(text)).Message);
    }

    [Theory]
    [InlineData("title: [unclosed", 2)]
    [InlineData("title: x\n  bad: indent", 3)]
    [InlineData("title: \"unterminated", 2)]
    [InlineData("title: x\nquality: 1\n\t- tab", 4)]
    [InlineData("a: \"\\ud800\"", 2)]
    [InlineData("a: b: c", 2)]
    [InlineData("%YAML 1.2\na: b", 3)]
    public void Parse_YamlSyntaxError_RejectedWithMessageAndLine(string yaml, int line)
    {
        ParseProblem e = SingleError(Parse("---\n" + yaml + "\n---\n"));

        Assert.StartsWith("YAML syntax error", e.Message);
        Assert.NotNull(e.Line);
        Assert.InRange(e.Line!.Value, 2, line + 1);
    }

    [Fact]
    public void Parse_UnclosedFlowSequenceFollowedByMore_RejectedNotThrown()
    {
        // YamlDotNet 18.1 throws InvalidOperationException (not a YamlException) for this one.
        ParseProblem e = SingleError(Parse(Doc("a: 1", "b: [1, 2", "c: 3")));

        Assert.StartsWith("YAML syntax error", e.Message);
        Assert.Contains("never closed", e.Message);
        Assert.DoesNotContain("current state of the object", e.Message); // the reader's exception, which helps nobody
        Assert.NotNull(e.Line);
    }

    // Bug guarded: the error named the line where the reader gave up (the next key, or the closing fence), not the
    // line that opened the bracket.
    [Theory]
    [InlineData("b: [1, 2", "YAML syntax error: the list that opens with '[' on this line is never closed with ']' (put a value starting with '[' in quotes).")]
    [InlineData("b: {x: 1", "YAML syntax error: the mapping that opens with '{' on this line is never closed with '}' (put a value starting with '{' in quotes).")]
    [InlineData("b: [1, [2, 3]", "YAML syntax error: the list that opens with '[' on this line is never closed with ']' (put a value starting with '[' in quotes).")]
    public void Parse_UnclosedFlowCollection_NamesTheLineThatOpensIt(string line, string message)
    {
        ParseProblem e = SingleError(Parse(Doc("a: 1", line, "c: 3", "d: 4")));

        Assert.Equal((message, 3), (e.Message, e.Line));
    }

    // Bug guarded: on the front matter's last line the bracket's error named the closing fence, in YamlDotNet's words
    // ("broken.md:4: While parsing a flow sequence, did not find expected ',' or ']'").
    [Theory]
    [InlineData("url: [unclosed", "list", '[', ']')]
    [InlineData("b: [1, 2", "list", '[', ']')]
    [InlineData("b: {x: 1", "mapping", '{', '}')]
    public void Parse_UnclosedFlowCollectionOnTheLastLine_NamesTheLineThatOpensIt(string line, string what, char open, char close)
    {
        ParseProblem e = SingleError(Parse(Doc("a: 1", line)));

        Assert.Equal(($"YAML syntax error: the {what} that opens with '{open}' on this line is never closed with '{close}' (put a value starting with '{open}' in quotes).", 3),
            (e.Message, e.Line));
    }

    // Bug guarded: YamlDotNet names the value before the tab's line, in its own words ("found a tab character that
    // violate indentation"); under a key that opens a mapping it named the line before that key ("While scanning a
    // mapping, found invalid tab as indentation").
    [Theory]
    [InlineData("title: Tabs", "\twebUrl: https://z.example/c", "c: 3")]
    [InlineData("provider:", "\tname: Tabs", "c: 3")]
    [InlineData("provider:", "\tname: Tabs", "  url: https://z.example")]
    [InlineData("topics:", "\t- AI", "c: 3")]
    public void Parse_TabIndent_NamesItsLine(string before, string tabbed, string after)
    {
        ParseProblem e = SingleError(Parse(Doc("a: 1", before, tabbed, after)));

        Assert.Equal(("YAML syntax error: a tab indents this line; YAML indents with spaces only.", 4), (e.Message, e.Line));
    }

    [Theory]
    [InlineData("- title: x\n- b", "not a list")]
    [InlineData("just text", "not a single value")]
    [InlineData("\"quoted\"", "not a single value")]
    public void Parse_FrontMatterNotAMapping_Rejected(string yaml, string reason)
    {
        ParseProblem e = SingleError(Parse("---\n" + yaml + "\n---\n"));

        Assert.Contains("must be a mapping", e.Message);
        Assert.Contains(reason, e.Message);
        Assert.Equal(2, e.Line);
    }

    [Theory]
    [InlineData("---\n---\n")]
    [InlineData("---\n\n# only a comment\n---\n")]
    [InlineData("---\n~\n---\n")]
    public void Parse_EmptyFrontMatter_Rejected(string text)
    {
        Assert.Contains("empty", SingleError(Parse(text)).Message);
    }

    [Fact]
    public void Parse_SecondYamlDocumentInFrontMatter_Rejected()
    {
        Assert.Contains("more than one YAML document", SingleError(Parse(Valid("...", "title: again"))).Message);
    }

    // ---- robustness -----------------------------------------------------------------------------------

    [Fact]
    public async Task Parse_RandomMutationsOfTheSamples_NeverThrow()
    {
        byte[][] samples = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Samples"), "*.txt")
            .Select(File.ReadAllBytes).ToArray();
        byte[] alphabet = Encoding.UTF8.GetBytes("-:[]{}&*!|>'\"#%@`?,\n\r\t \\~0a");

        int rejected = await Task.Run(() =>
        {
            var random = new Random(12345);
            int count = 0;
            for (int i = 0; i < 3_000; i++)
            {
                byte[] doc = (byte[])samples[i % samples.Length].Clone();
                int edits = 1 + random.Next(8);
                for (int k = 0; k < edits; k++)
                {
                    int at = random.Next(doc.Length);
                    doc[at] = random.Next(4) == 0 ? (byte)random.Next(256) : alphabet[random.Next(alphabet.Length)];
                }

                ParseResult r = Parser.Parse(doc); // must not throw
                Assert.Equal(r.Article is null, r.Problems.Any(p => p.Severity == ProblemSeverity.Error));
                if (r.IsRejected)
                {
                    count++;
                }
            }

            return count;
        }).WaitAsync(TimeSpan.FromSeconds(120));

        Assert.InRange(rejected, 1, 3_000);
    }

    [Fact]
    public async Task Parse_RandomBytes_NeverThrow()
    {
        await Task.Run(() =>
        {
            var random = new Random(777);
            for (int i = 0; i < 2_000; i++)
            {
                byte[] doc = new byte[random.Next(0, 400)];
                random.NextBytes(doc);
                if (i % 2 == 0 && doc.Length > 8)
                {
                    "---\n"u8.CopyTo(doc);
                    "\n---\n"u8.CopyTo(doc.AsSpan(doc.Length - 5));
                }

                ParseResult r = Parser.Parse(doc);
                Assert.True(r.IsRejected || r.Article is not null);
            }
        }).WaitAsync(TimeSpan.FromSeconds(60));
    }
}
