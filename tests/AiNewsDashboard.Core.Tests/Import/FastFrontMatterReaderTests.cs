using System.Text;
using AiNewsDashboard.Core.Import;
using Xunit.Abstractions;
using static AiNewsDashboard.Core.Tests.Import.TestDocs;

namespace AiNewsDashboard.Core.Tests.Import;

/// <summary>
/// The fast front-matter reader against YamlDotNet (see <see cref="Differential"/>): whatever it accepts it must read
/// exactly as the YamlDotNet path does, and it must accept the files real importers see.
/// </summary>
public class FastFrontMatterReaderTests
{
    private readonly ITestOutputHelper output;

    public FastFrontMatterReaderTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    private static string TestFile(params string[] parts) => Path.Combine(new[] { AppContext.BaseDirectory }.Concat(parts).ToArray());

    // ---- corpora --------------------------------------------------------------------------------------------

    [Fact]
    public void Samples_FastReaderAcceptsAndMatches()
    {
        foreach (string file in Directory.GetFiles(TestFile("Samples"), "*.txt"))
        {
            byte[] bytes = File.ReadAllBytes(file);
            Assert.True(Differential.Check(bytes, Path.GetFileName(file)), "declined " + file);
            string text = Encoding.UTF8.GetString(bytes);
            Assert.True(Differential.Check(text.Replace("\n", "\r\n", StringComparison.Ordinal), "CRLF " + file));
            Assert.True(Differential.Check("\uFEFF" + text, "BOM " + file));
        }
    }

    /// <summary>The demo generator's corpus: the shape of the files the importer sees most.</summary>
    [Trait("Category", "Slow")]
    [Fact]
    public void DemoCorpus20000_FastReaderAcceptsAtLeast99PercentAndMatches()
    {
        int total = 0, accepted = 0;
        foreach (var article in new AiNewsDashboard.Demo.DemoCorpusGenerator().Generate(20_000))
        {
            total++;
            if (Differential.Check(article.Text, article.RelativePath))
            {
                accepted++;
            }
        }

        output.WriteLine($"{total} demo files, {accepted} read by the fast reader.");
        Assert.Equal(20_000, total);
        Assert.True(accepted >= total * 0.99, $"the fast reader took only {accepted} of {total}");
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Synthetic20000_FastReaderAcceptsAtLeast99PercentAndMatches()
    {
        int total = 0, accepted = 0;
        foreach ((string name, string text) in SyntheticArticles.Generate(20_000, seed: 2026))
        {
            total++;
            if (Differential.Check(text, name))
            {
                accepted++;
            }
        }

        output.WriteLine($"{total} synthetic files, {accepted} read by the fast reader.");
        Assert.True(accepted >= total * 0.99, $"the fast reader took only {accepted} of {total}");
    }

    // ---- mutations ------------------------------------------------------------------------------------------

    [Trait("Category", "Slow")]
    [Fact]
    public async Task Mutations_WheneverTheFastReaderAccepts_ItMatchesYamlDotNet()
    {
        string[] seeds = Directory.GetFiles(TestFile("Samples"), "*.txt").Select(File.ReadAllText)
            .Concat(new AiNewsDashboard.Demo.DemoCorpusGenerator().Generate(8).Select(a => a.Text))
            .ToArray();
        string[] alphabet =
        {
            "-", ":", "[", "]", "{", "}", "&", "*", "!", "|", ">", "'", "\"", "#", "%", "@", "`", "?", ",", "\n", "\r", "\t",
            " ", "\\", "~", "0", "a", ": ", " #", "- ", "\\u", "\\x4", "\\U0001F600", "\\q", "''", "\u2028", "\u0085",
            "\uFEFF", "\u00A0", "é", "😀", "\r\n", "  ", "\n  ", "\n- ", "\n  - ", "null", "---", "...",
        };

        (int total, int accepted) = await Task.Run(() =>
        {
            var random = new Random(4242);
            int count = 0, fast = 0;
            for (int i = 0; i < 10_000; i++)
            {
                string doc = Mutate(random, seeds[i % seeds.Length], alphabet);
                count++;
                if (Differential.Check(doc, $"mutation #{i}"))
                {
                    fast++;
                }
            }

            return (count, fast);
        }).WaitAsync(TimeSpan.FromSeconds(300));

        output.WriteLine($"{total} mutated files, {accepted} read by the fast reader.");
        Assert.InRange(accepted, total / 5, total - 1); // it must take a good share, and decline some
    }

    /// <summary>Line shuffles, deletions, duplications, re-indentations, truncations and character edits.</summary>
    private static string Mutate(Random random, string seed, string[] alphabet)
    {
        var lines = seed.Split('\n').ToList();
        int edits = 1 + random.Next(3);
        for (int k = 0; k < edits; k++)
        {
            int a = 1 + random.Next(Math.Max(1, lines.Count - 3));
            int b = 1 + random.Next(Math.Max(1, lines.Count - 3));
            switch (random.Next(9))
            {
                case 0:
                    (lines[a], lines[b]) = (lines[b], lines[a]);
                    break;
                case 1:
                    lines.RemoveAt(a);
                    break;
                case 2:
                    lines.Insert(a, lines[b]);
                    break;
                case 3:
                    lines[a] = new string(' ', random.Next(7)) + lines[a].TrimStart(' ');
                    break;
                case 4:
                {
                    // Truncate the front matter (keeping the closing fence) or a line.
                    int close = lines.FindIndex(1, l => l.TrimEnd('\r') == "---");
                    if (close > a && random.Next(2) == 0)
                    {
                        lines.RemoveRange(a, close - a);
                    }
                    else
                    {
                        lines[a] = lines[a][..random.Next(lines[a].Length + 1)];
                    }

                    break;
                }

                default:
                {
                    string line = lines[a];
                    int at = random.Next(line.Length + 1);
                    string piece = random.Next(6) == 0 ? ((char)random.Next(1, 0x3000)).ToString() : alphabet[random.Next(alphabet.Length)];
                    bool replace = at < line.Length && random.Next(2) == 0;
                    lines[a] = line[..at] + piece + line[(replace ? at + 1 : at)..];
                    break;
                }
            }
        }

        return string.Join('\n', lines);
    }

    // ---- hand-written edge cases -----------------------------------------------------------------------------

    private static readonly Dictionary<string, string> AcceptedCases = new()
    {
        { "plain minimal", Valid() },
        { "CRLF", Valid("category: news", "topics:", "  - AI", "  - ML").Replace("\n", "\r\n", StringComparison.Ordinal) },
        { "BOM", "\uFEFF" + Valid("category: news") },
        { "comments everywhere", Doc("# head", "title: x # trailing", "  # indented comment", "publishedDateTime: 2021-12-14T23:46:00Z",
            "provider:", "# column 0", "    # deeper", "  name: A # c", "  domain: a.com", "webUrl: \"https://example.com/a\" # c", "# tail") },
        { "comment with odd characters", Valid("# : - [ { & * ! | > ' \" % @ ` ? , \u2028 😀") },
        { "key: then blank line then block", Valid("provider:", "", "  name: A", "", "  domain: a.com") },
        { "key: then blank line then nothing", Valid("provider:", "", "type: article") },
        { "key: at the end", Valid("provider:") },
        { "key: with trailing spaces", Valid("provider:   ", "  name: A") },
        { "empty list items", Valid("topics:", "  -", "  - AI", "  -   ", "  - ~", "  - null", "  - \"\"", "  - ''") },
        { "empty item then nested mapping", Valid("related:", "  -", "    webUrl: https://example.org/1", "    title: T") },
        { "quotes containing ': ' and ' #'", Valid("excerpt: \"a: b # c\"", "category: 'x: y # z'", "type: \"#1\"") },
        { "single quotes doubled", Valid("excerpt: 'it''s ''quoted'' '''", "category: ''''") },
        { "double-quoted escapes", Valid(@"excerpt: ""q\"" b\\ n\n t\t s\/ e\u00e9 x\x41 U\U0001F600 0\0 a\a b\b v\v f\f r\r e\e sp\ N\N _\_ L\L P\P""") },
        { "hex escapes in both cases", Valid(@"excerpt: ""\u00E9\u00e9\xFF\xff\U0010FFFF\uFFFD""") },
        { "unicode escape of a quote and a backslash", Valid(@"excerpt: ""\u0022\u005c\x22""") },
        { "U+2028, U+2029, U+0085 raw in quotes and plain", Valid("excerpt: \"a\u2028b\u2029c\u0085d\"", "category: a\u2028b", "type: x\u0085") },
        { "NBSP and emoji", Valid("excerpt: \u00A0lead", "category: \"😀 🚀\"", "type: é😀") },
        { "trailing spaces", Valid("category: news   ", "type: \"article\"   ", "quality: 5  ", "topics:  ", "  - AI  ") },
        { "several spaces after colon", Valid("category:     news", "quality:   7") },
        { "plain with inner colon and hash", Valid("excerpt: a:b c#d e:f", "category: https://x.com/#frag", "type: -x") },
        { "plain that stops at a comment", Valid("category: news # the kind", "quality: 5 #5") },
        { "negative and signed numbers", Valid("heat: -1", "quality: +7") },
        { "null spellings", Valid("category: ~", "type: null", "excerpt: Null", "heat: NULL", "quality:") },
        { "quoted null and numbers stay text", Valid("category: \"~\"", "type: 'null'", "quality: \"42\"", "published: 'true'") },
        { "booleans", Valid("published: True", "x: FALSE", "y: yes", "z: off") },
        { "very long plain line", Valid("excerpt: " + new string('p', 200_000)) },
        { "very long quoted line", Valid("excerpt: \"" + string.Concat(Enumerable.Repeat("ab\\\"c ", 30_000)) + "\"") },
        { "very long single-quoted line", Valid("excerpt: '" + string.Concat(Enumerable.Repeat("ab''c ", 30_000)) + "'") },
        { "four-space indentation", Valid("provider:", "    name: A", "    domain: a.com", "images:", "    -   url: https://e.com/i.png",
            "        width: 10", "related:", "    - title: T", "      provider:", "          name: B") },
        { "compact mapping with pending value", Valid("related:", "  - provider:", "      name: A", "    title: T", "  - images:",
            "      - url: https://e.com/i.png") },
        { "nested unknown fields", Valid("meta:", "  a:", "    b:", "      - x", "      - y: 1", "        z:", "      -", "  c: d") },
        { "unknown keys with spaces, dots, dashes", Valid("my key: v", "a.b: 1", "x-y: 2", "under_score: 3", "path/like: 4", "9lives: 5") },
        { "keys that look like values", Valid("true: a", "null: b", "1: c") },
        { "extra list of mappings", Valid("people:", "  - name: A", "    roles:", "      - x", "      - y", "  - name: B") },
        { "all real fields", File.ReadAllText(TestFile("Samples", "003_7cc2048ed152b767.txt")) },
        { "nested empty values at several levels", Valid("a:", "  b:", "    c:", "  d:", "e:") },
        { "empty quoted strings", Valid("category: \"\"", "type: ''", "excerpt: \"\" # c") },
        { "invalid values only warn", Valid("quality: lots", "heat: -5", "published: maybe", "images: text", "topics:", "  - a: b") },
        { "missing fields: errors with lines", Doc("title:", "publishedDateTime: soon", "webUrl: ftp://x") },
        { "mapping where text is expected", Valid("category:", "  a: b", "type:", "  - x") },
    };

    public static TheoryData<string> Accepted() => new(AcceptedCases.Keys);

    public static TheoryData<string> Declined() => new(DeclinedCases.Keys);

    [Theory]
    [MemberData(nameof(Accepted))]
    public void EdgeCase_FastReaderAcceptsAndMatches(string name)
    {
        string text = AcceptedCases[name];
        Assert.True(Differential.Check(text, name), "the fast reader declined: " + name);
        Assert.True(Differential.Check(Encoding.UTF8.GetBytes(text), name + " (bytes)"));
        if (!text.Contains('\r', StringComparison.Ordinal))
        {
            Assert.True(Differential.Check(text.Replace("\n", "\r\n", StringComparison.Ordinal), name + " (CRLF)"));
        }
    }

    private static readonly Dictionary<string, string> DeclinedCases = new()
    {
        { "flow sequence", Valid("topics: [AI, ML]") },
        { "flow mapping", Valid("provider: {name: A, domain: a.com}") },
        { "anchor", Valid("category: &c news") },
        { "alias", Valid("category: news", "x: *c") },
        { "tag", Valid("quality: !!int \"42\"") },
        { "literal block scalar", Valid("excerpt: |", "  one", "  two") },
        { "folded block scalar", Valid("excerpt: >-", "  one", "  two") },
        { "multi-line plain", Valid("excerpt: one", "  two") },
        { "multi-line double-quoted", Valid("excerpt: \"one", "  two\"") },
        { "multi-line single-quoted", Valid("excerpt: 'one", "  two'") },
        { "line continuation escape", Valid("excerpt: \"one\\", "  two\"") },
        { "scalar on the line after key:", Valid("excerpt:", "  one") },
        { "tab indentation", Valid("provider:", "\tname: A") },
        { "tab after a value", Valid("category: news\t") },
        { "tab inside quotes", Valid("category: \"a\tb\"") },
        { "complex key", Valid("? a", ": b") },
        { "document end marker", Valid("...", "x: y") },
        { "duplicate top-level key", Valid("category: a", "category: b") },
        { "duplicate nested key", Valid("provider:", "  name: A", "  name: B") },
        { "directive", "---\n%YAML 1.2\ntitle: x\n---\n" },
        { "value starting with @", Valid("category: @home") },
        { "value starting with backtick", Valid("category: `x`") },
        { "quoted key", Valid("\"category\": news") },
        { "single-quoted key", Valid("'category': news") },
        { "indentless sequence", Valid("topics:", "- AI", "- ML") },
        { "sequence in sequence on one line", Valid("x:", "  - - a") },
        { "unknown escape", Valid("excerpt: \"\\q\"") },
        { "surrogate escape", Valid("excerpt: \"\\ud83d\\ude00\"") },
        { "escape out of range", Valid("excerpt: \"\\U00110000\"") },
        { "short hex escape", Valid("excerpt: \"\\x4\"") },
        { "lone CR line break", Valid("category: news").Replace("category: news\n", "category: news\r", StringComparison.Ordinal) },
        { "key: value: more", Valid("category: a: b") },
        { "key ending the value line", Valid("category: a:") },
        { "space before colon", Valid("category : news") },
        { "control character", Valid("category: a\u0001b") },
        { "BOM inside", Valid("category: a\uFEFFb") },
        { "root not a mapping", "---\n- a\n- b\n---\n" },
        { "root scalar", "---\njust text\n---\n" },
        { "empty front matter", "---\n\n# nothing\n---\n" },
        { "indented root", "---\n  title: x\n  publishedDateTime: 2021-12-14T23:46:00Z\n---\n" },
        { "misindented line", Valid("provider:", "    name: A", "  domain: a.com") },
        { "text after closing quote", Valid("category: \"a\"b") },
        { "quoted value followed by colon", Valid("x:", "  - \"a\": b") },
        { "key followed by comment", Valid("provider: # none", "  name: A") },
        { "dash with comment", Valid("topics:", "  - # none") },
        { "very long key", Valid(new string('k', 2_000) + ": v") },
        { "explicit question-mark value", Valid("category: ?x") },
        { "comma-started value", Valid("category: ,x") },
        { "plain that starts with colon", Valid("category: :x") },
        { "dash alone as value", Valid("category: -") },
        { "noncharacter", Valid("category: a\uFDD0b") },
    };

    [Theory]
    [MemberData(nameof(Declined))]
    public void EdgeCase_FastReaderDeclinesAndYamlDotNetDecides(string name)
    {
        string text = DeclinedCases[name];
        Assert.False(Differential.Check(text, name), "the fast reader accepted: " + name);
    }

    // ---- limits ---------------------------------------------------------------------------------------------

    private static string Nested(int levels)
    {
        var sb = new StringBuilder("---\n" + Title + "\n" + Date + "\n" + WebUrl + "\n");
        for (int level = 0; level < levels; level++)
        {
            sb.Append(' ', 2 * level).Append('k').Append(level).Append(":\n");
        }

        sb.Append(' ', 2 * levels).Append("leaf: x\n---\n");
        return sb.ToString();
    }

    [Fact]
    public void Depth_UpToTheLimitAccepted_BeyondDeclinedAndYamlDotNetReportsIt()
    {
        var options = new ParserOptions { MaxDepth = 10 };

        // Root mapping + 9 nested mappings = 10 levels.
        Assert.True(Differential.Check(Nested(9), "depth 10", options));
        Assert.False(Differential.Check(Nested(10), "depth 11", options));
        Assert.Contains("deeper than the limit of 10", SingleError(new ArticleFileParser(options).ParseText(Nested(10))).Message);
    }

    [Fact]
    public void Nodes_UpToTheLimitAccepted_BeyondDeclinedAndYamlDotNetReportsIt()
    {
        // 1 root + 6 for the three required fields + key + list + n items.
        string List(int n) => Valid(new[] { "topics:" }.Concat(Enumerable.Range(0, n).Select(i => "  - t" + i)).ToArray());
        var options = new ParserOptions { MaxNodes = 100 };

        Assert.True(Differential.Check(List(91), "100 nodes", options));
        Assert.False(Differential.Check(List(92), "101 nodes", options));
        Assert.Contains("more than 100 YAML nodes", SingleError(new ArticleFileParser(options).ParseText(List(92))).Message);
    }

    [Fact]
    public void ManyKeysAndDeepIndentation_StayLinear()
    {
        // Work is measured as bytes allocated, at n and 4n: a linear reader allocates about 4x as much, a quadratic one
        // (a substring of the rest of the text per line, a copied list per key) about 16x. Allocation counts the same on
        // any machine, unlike time. n distinct keys (duplicate check by set) plus n list items; indentation n levels deep,
        // past the depth limit.
        static string Wide(int n) => Valid(Enumerable.Range(0, n).Select(i => "key" + i + ": v").Concat(new[] { "list:" })
            .Concat(Enumerable.Range(0, n).Select(_ => "  - item")).ToArray());
        static string Deep(int levels)
        {
            var sb = new StringBuilder("---\n");
            for (int level = 0; level < levels; level++)
                sb.Append(' ', level).Append('k').Append(":\n");
            return sb.Append("---\n").ToString();
        }

        Assert.True(Differential.Check(Wide(30_000), "wide"));
        Assert.False(Differential.Check(Deep(1_000), "deep"));
        Assert.Contains("deeper than the limit", SingleError(Differential.Combined.ParseText(Deep(1_000))).Message);

        AssertLinear("wide", Wide, 7_500);
        AssertLinear("deep", Deep, 250); // 4n = 1,000 levels, about 500,000 characters: under the file size limit
    }

    private void AssertLinear(string name, Func<int, string> document, int n)
    {
        string small = document(n), large = document(4 * n);
        Differential.Combined.ParseText(small); // JIT and static caches, so they don't count against the small size

        long smallBytes = AllocatedBy(() => Differential.Combined.ParseText(small));
        long largeBytes = AllocatedBy(() => Differential.Combined.ParseText(large));
        double ratio = (double)largeBytes / smallBytes;
        output.WriteLine($"{name}: {smallBytes:N0} bytes at n = {n:N0}, {largeBytes:N0} at 4n, ratio {ratio:F2}");

        Assert.True(ratio < 6, $"{name}: 4x the input allocated {ratio:F1}x the bytes ({smallBytes:N0} -> {largeBytes:N0}); linear is about 4x");
    }

    private static long AllocatedBy(Func<ParseResult> parse)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(parse());
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void ForcedYamlDotNet_AndFastOnly_AreAvailableForComparison()
    {
        string text = Valid("category: news");

        Assert.Same(ArticleFileParser.FastPathDeclined, Differential.FastOnly().ParseText(Valid("topics: [a]")));
        Assert.Equal(Differential.Json(Differential.Reference().ParseText(text)), Differential.Json(Differential.FastOnly().ParseText(text)));
    }
}
