using System.Text;
using System.Text.Json;
using AiNewsDashboard.Core.Import;

namespace AiNewsDashboard.Core.Tests.Import;

/// <summary>
/// Compares the fast front-matter reader with the YamlDotNet reader on one file: whenever the fast reader accepts,
/// both the node trees (kinds, values, styles, positions, sizes) and the final <see cref="ParseResult"/>s (deep,
/// through JSON: the article with its lists and ExtraJson, every problem with its line) must be equal; whenever it
/// declines, the combined parser must give exactly the YamlDotNet result.
/// </summary>
internal static class Differential
{
    /// <summary>Parses with the fast reader (falling back to YamlDotNet), the public default.</summary>
    public static readonly ArticleFileParser Combined = new();

    public static ArticleFileParser Reference(ParserOptions? options = null) => new(options, FrontMatterReaderChoice.YamlDotNetOnly);

    public static ArticleFileParser FastOnly(ParserOptions? options = null) => new(options, FrontMatterReaderChoice.FastOnly);

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Checks a text (as ParseText reads it); true when the fast reader accepted it.</summary>
    public static bool Check(string text, string name, ParserOptions? options = null)
    {
        ParseResult reference = Reference(options).ParseText(text);
        ParseResult fast = FastOnly(options).ParseText(text);
        ParseResult combined = options is null ? Combined.ParseText(text) : new ArticleFileParser(options).ParseText(text);
        return Compare(text, name, options, reference, fast, combined);
    }

    /// <summary>Checks raw bytes (as Parse reads them); true when the fast reader accepted them.</summary>
    public static bool Check(byte[] bytes, string name, ParserOptions? options = null)
    {
        ParseResult reference = Reference(options).Parse(bytes);
        ParseResult fast = FastOnly(options).Parse(bytes);
        ParseResult combined = options is null ? Combined.Parse(bytes) : new ArticleFileParser(options).Parse(bytes);
        string? text = null;
        try
        {
            ReadOnlySpan<byte> span = bytes;
            if (span.StartsWith("\uFEFF"u8))
            {
                span = span[3..];
            }

            text = StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException)
        {
        }

        return Compare(text, name, options, reference, fast, combined);
    }

    private static bool Compare(string? text, string name, ParserOptions? options, ParseResult reference, ParseResult fast, ParseResult combined)
    {
        string expected = Json(reference);
        if (Json(combined) != expected)
        {
            Assert.Fail($"{name}: the combined parser differs from YamlDotNet.\n  yaml: {expected}\n  comb: {Json(combined)}\n{Show(text)}");
        }

        if (ReferenceEquals(fast, ArticleFileParser.FastPathDeclined))
        {
            return false;
        }

        if (Json(fast) != expected)
        {
            Assert.Fail($"{name}: the fast reader's result differs from YamlDotNet's.\n  yaml: {expected}\n  fast: {Json(fast)}\n{Show(text)}");
        }

        if (text is not null && ArticleFileParser.ReadBothWays(text, options) is var (fastTree, yamlTree) && fastTree is not null)
        {
            Assert.Null(yamlTree.Error);
            Assert.Null(yamlTree.Warnings);
            string? difference = FirstDifference(fastTree.Root!, yamlTree.Root!);
            if (difference is not null)
            {
                Assert.Fail($"{name}: the node trees differ at {difference}\n{Show(text)}");
            }
        }

        return true;
    }

    public static string Json(ParseResult result) => JsonSerializer.Serialize(result);

    private static string Show(string? text) =>
        text is null ? "(not UTF-8)" : "  text: " + JsonSerializer.Serialize(text.Length > 3000 ? text[..3000] + "…" : text);

    /// <summary>The path to the first difference between two node trees, or null when they are equal.</summary>
    public static string? FirstDifference(YNode a, YNode b)
    {
        var stack = new Stack<(YNode A, YNode B, string Path)>();
        stack.Push((a, b, "root"));
        while (stack.Count > 0)
        {
            (YNode x, YNode y, string path) = stack.Pop();
            if (x.Kind != y.Kind || x.Index != y.Index || x.Value != y.Value || x.IsPlain != y.IsPlain || x.Size != y.Size
                || x.Chars != y.Chars || x.Height != y.Height || x.Count != y.Count)
            {
                return $"{path}: fast {Describe(x)} vs yaml {Describe(y)}";
            }

            for (int i = x.Count - 1; i >= 0; i--)
            {
                stack.Push((x.Items![i], y.Items![i], $"{path}[{i}]"));
            }
        }

        return null;
    }

    private static string Describe(YNode n) =>
        $"{n.Kind}@{n.Index} plain={n.IsPlain} value={JsonSerializer.Serialize(n.Value)} size={n.Size} chars={n.Chars} height={n.Height} count={n.Count}";
}
