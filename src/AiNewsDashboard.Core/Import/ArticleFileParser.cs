using System.Text;

namespace AiNewsDashboard.Core.Import;

/// <summary>
/// Parses one article file (YAML front matter between '---' lines, body ignored) into an <see cref="ArticleFile"/>.
/// Pure and safe on hostile input: bounded size, depth and alias expansion; YAML tags never instantiate anything;
/// every failure becomes a <see cref="ParseProblem"/>. Thread-safe: an instance holds only its options.
/// </summary>
public sealed class ArticleFileParser
{
    private const int MaxWarnings = 100;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ParserOptions options;
    private readonly FrontMatterReaderChoice readerChoice;

    public ArticleFileParser(ParserOptions? options = null)
        : this(options, FrontMatterReaderChoice.Auto)
    {
    }

    /// <summary>For tests and measurements: which front-matter reader(s) to use.</summary>
    internal ArticleFileParser(ParserOptions? options, FrontMatterReaderChoice readerChoice)
    {
        this.options = options ?? ParserOptions.Default;
        this.readerChoice = readerChoice;
    }

    /// <summary>What <see cref="FrontMatterReaderChoice.FastOnly"/> returns (this very instance) when the fast
    /// reader declines the front matter. Never returned otherwise.</summary>
    internal static ParseResult FastPathDeclined { get; } =
        new(null, new[] { new ParseProblem(ProblemSeverity.Error, null, "The fast front-matter reader declined this file.") });

    /// <summary>Parses raw file bytes (UTF-8, optional BOM).</summary>
    public ParseResult Parse(ReadOnlySpan<byte> bytes)
    {
        try
        {
            if (bytes.Length > options.MaxFileBytes)
            {
                return TooLarge(bytes.Length);
            }

            int nul = bytes.IndexOf((byte)0);
            if (nul >= 0)
            {
                return NotText(LineOfByte(bytes, nul), "it contains a NUL byte");
            }

            if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
            {
                bytes = bytes[3..];
            }

            string text;
            try
            {
                text = StrictUtf8.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                return NotText(LineOfByte(bytes, FirstInvalidUtf8(bytes)), "it contains bytes that are not valid UTF-8");
            }

            return ParseCore(text, 0);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Reject(null, "The file could not be parsed: " + ex.Message);
        }
    }

    /// <summary>Parses already-decoded text; the size limit applies to its UTF-8 byte count.</summary>
    public ParseResult ParseText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            if (text.Length > options.MaxFileBytes)
            {
                // Every char is at least one UTF-8 byte.
                return TooLarge(Encoding.UTF8.GetByteCount(text));
            }

            int byteCount;
            try
            {
                byteCount = StrictUtf8.GetByteCount(text);
            }
            catch (EncoderFallbackException)
            {
                return NotText(null, "it contains unpaired surrogate characters");
            }

            if (byteCount > options.MaxFileBytes)
            {
                return TooLarge(byteCount);
            }

            int nul = text.IndexOf('\0', StringComparison.Ordinal);
            if (nul >= 0)
            {
                return NotText(new Context(text, 0).LineOfAbs(nul), "it contains a NUL character");
            }

            return ParseCore(text, text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Reject(null, "The file could not be parsed: " + ex.Message);
        }
    }

    private ParseResult TooLarge(long size) =>
        Reject(null, $"The file is {size} bytes, larger than the limit of {options.MaxFileBytes} bytes; it was not parsed.");

    private static ParseResult NotText(int? line, string why) =>
        Reject(line, $"The file is not UTF-8 text: {why}.");

    private static ParseResult Reject(int? line, string message) =>
        new(null, new[] { new ParseProblem(ProblemSeverity.Error, line, message) });

    private ParseResult ParseCore(string text, int start)
    {
        var ctx = new Context(text, start);

        // Opening fence: the very first line must be '---'.
        int firstEnd = LineEnd(text, start);
        if (!IsFenceLine(text, start, firstEnd))
        {
            return Reject(1, "The file does not start with a '---' line, so it has no YAML front matter.");
        }

        int yamlStart = NextLineStart(text, firstEnd);
        int close = FindClosingFence(text, yamlStart);
        if (close < 0)
        {
            return Reject(null, "The front matter opened by '---' on line 1 is never closed: no closing '---' line was found.");
        }

        ctx.YamlStart = yamlStart;
        long maxChars = Math.Max(4L * options.MaxFileBytes, 1L << 20);

        // The plain block-style YAML of real files is read by a hand-written reader that builds the same node
        // tree; anything else (and anything it is unsure about) goes to YamlDotNet.
        YamlReadOutcome? outcome = null;
        if (readerChoice != FrontMatterReaderChoice.YamlDotNetOnly)
        {
            try
            {
                outcome = FastFrontMatterReader.TryRead(text, yamlStart, close, options.MaxDepth, options.MaxNodes, maxChars);
            }
            catch (Exception ex) when (readerChoice == FrontMatterReaderChoice.Auto && ex is not OutOfMemoryException)
            {
                // Defensive only (the differential tests run FastOnly, where this is not caught): a fault in the
                // fast reader must cost speed, never a file.
                outcome = null;
            }

            if (outcome is null && readerChoice == FrontMatterReaderChoice.FastOnly)
            {
                return FastPathDeclined;
            }
        }

        outcome ??= ReadWithYamlDotNet(text, yamlStart, close, options.MaxDepth, options.MaxNodes, maxChars);

        if (outcome.Warnings is not null)
        {
            foreach ((int index, string message) in outcome.Warnings)
            {
                ctx.Warn(ctx.LineOfYaml(index), message);
            }
        }

        if (outcome.Error is not null)
        {
            int? line = outcome.ErrorIndex >= 0 ? ctx.LineOfYaml(Math.Min(outcome.ErrorIndex, close - yamlStart)) : null;
            return ctx.Rejected(line, outcome.Error);
        }

        YNode? root = outcome.Root;
        if (root is null || root.IsNull)
        {
            return ctx.Rejected(ctx.LineOfAbs(yamlStart), "The front matter is empty: expected a mapping of fields (key: value).");
        }

        if (root.Kind != YNodeKind.Mapping)
        {
            string what = root.Kind == YNodeKind.Sequence ? "a list" : "a single value";
            return ctx.Rejected(ctx.LineOf(root), $"The front matter must be a mapping of fields (key: value), not {what}.");
        }

        return new ArticleMapper(ctx, options).Map(root);
    }

    private static YamlReadOutcome ReadWithYamlDotNet(string text, int yamlStart, int close, int maxDepth, int maxNodes, long maxChars)
    {
        (string? shielded, LineBreakShield? shield) = LineBreakShield.Apply(text.AsSpan(yamlStart, close - yamlStart));
        TextReader reader = shielded is null
            ? new StringSliceReader(text, yamlStart, close)
            : new StringSliceReader(shielded, 0, shielded.Length);
        return YamlNodeReader.Read(reader, maxDepth, maxNodes, maxChars, shield);
    }

    /// <summary>
    /// For tests: the front matter of <paramref name="text"/> (BOM allowed) read by both readers, as
    /// <see cref="ParseCore"/> would read it; null when the text has no closed front matter.
    /// </summary>
    internal static (YamlReadOutcome? Fast, YamlReadOutcome YamlDotNet)? ReadBothWays(string text, ParserOptions? options = null)
    {
        options ??= ParserOptions.Default;
        int start = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        int firstEnd = LineEnd(text, start);
        if (!IsFenceLine(text, start, firstEnd))
        {
            return null;
        }

        int yamlStart = NextLineStart(text, firstEnd);
        int close = FindClosingFence(text, yamlStart);
        if (close < 0)
        {
            return null;
        }

        long maxChars = Math.Max(4L * options.MaxFileBytes, 1L << 20);
        return (FastFrontMatterReader.TryRead(text, yamlStart, close, options.MaxDepth, options.MaxNodes, maxChars),
            ReadWithYamlDotNet(text, yamlStart, close, options.MaxDepth, options.MaxNodes, maxChars));
    }

    // ---- front matter fences -------------------------------------------------------------------------------

    private static int LineEnd(string text, int from)
    {
        int i = text.AsSpan(from).IndexOfAny('\n', '\r');
        return i < 0 ? text.Length : from + i;
    }

    private static int NextLineStart(string text, int lineEnd)
    {
        if (lineEnd >= text.Length)
        {
            return text.Length;
        }

        if (text[lineEnd] == '\r' && lineEnd + 1 < text.Length && text[lineEnd + 1] == '\n')
        {
            return lineEnd + 2;
        }

        return lineEnd + 1;
    }

    /// <summary>"---" optionally followed by spaces or tabs.</summary>
    private static bool IsFenceLine(string text, int start, int end)
    {
        if (end - start < 3 || text[start] != '-' || text[start + 1] != '-' || text[start + 2] != '-')
        {
            return false;
        }

        for (int i = start + 3; i < end; i++)
        {
            if (text[i] != ' ' && text[i] != '\t')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Start index of the first fence line at or after <paramref name="from"/> (a line start), or -1.</summary>
    private static int FindClosingFence(string text, int from)
    {
        int pos = from;
        while (pos < text.Length)
        {
            int i = text.AsSpan(pos).IndexOf("---", StringComparison.Ordinal);
            if (i < 0)
            {
                return -1;
            }

            int at = pos + i;
            if ((at == from || text[at - 1] == '\n' || text[at - 1] == '\r') && IsFenceLine(text, at, LineEnd(text, at)))
            {
                return at;
            }

            pos = at + 1;
        }

        return -1;
    }

    // ---- byte-level helpers (error paths only) -------------------------------------------------------------

    private static int LineOfByte(ReadOnlySpan<byte> bytes, int index)
    {
        if (index < 0)
        {
            return 1;
        }

        int line = 1;
        for (int i = 0; i < index && i < bytes.Length; i++)
        {
            byte b = bytes[i];
            if (b == (byte)'\n' || (b == (byte)'\r' && (i + 1 >= bytes.Length || bytes[i + 1] != (byte)'\n')))
            {
                line++;
            }
        }

        return line;
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        int i = 0;
        while (i < bytes.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[i..], out _, out int consumed) != System.Buffers.OperationStatus.Done)
            {
                return i;
            }

            i += consumed;
        }

        return -1;
    }

    // ---- per-call state ------------------------------------------------------------------------------------

    /// <summary>State of one Parse call: the text, line numbering and the problems found.</summary>
    internal sealed class Context
    {
        private int[]? lineStarts;
        private int warnings;

        public Context(string text, int start)
        {
            Text = text;
            Start = start;
        }

        public string Text { get; }

        /// <summary>Index of the first character after the BOM (line 1 starts here).</summary>
        public int Start { get; }

        public int YamlStart { get; set; }

        public List<ParseProblem>? Problems { get; private set; }

        public bool HasErrors { get; private set; }

        public int? LineOf(YNode? node) => node is null ? null : LineOfYaml(node.Index);

        public int LineOfYaml(int yamlIndex) => LineOfAbs(YamlStart + yamlIndex);

        /// <summary>1-based line of a character index: '\n', '\r\n' and a lone '\r' each end a line.</summary>
        public int LineOfAbs(int index)
        {
            lineStarts ??= BuildLineStarts(Text, Start);
            int found = Array.BinarySearch(lineStarts, index);
            return found >= 0 ? found + 1 : ~found;
        }

        public void Warn(int? line, string message)
        {
            warnings++;
            if (warnings > MaxWarnings)
            {
                if (warnings == MaxWarnings + 1)
                {
                    Add(new ParseProblem(ProblemSeverity.Warning, null, $"More than {MaxWarnings} warnings; the rest are not listed."));
                }

                return;
            }

            Add(new ParseProblem(ProblemSeverity.Warning, line, message));
        }

        public void Warn(YNode? node, string message) => Warn(LineOf(node), message);

        public void Error(int? line, string message)
        {
            HasErrors = true;
            Add(new ParseProblem(ProblemSeverity.Error, line, message));
        }

        public ParseResult Rejected(int? line, string message)
        {
            Error(line, message);
            return new ParseResult(null, Problems!);
        }

        public IReadOnlyList<ParseProblem> ProblemList => Problems is null ? Array.Empty<ParseProblem>() : Problems;

        private void Add(ParseProblem problem) => (Problems ??= new List<ParseProblem>(4)).Add(problem);

        private static int[] BuildLineStarts(string text, int start)
        {
            var starts = new List<int>(64) { start };
            for (int i = start; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '\n')
                {
                    starts.Add(i + 1);
                }
                else if (c == '\r')
                {
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    starts.Add(i + 1);
                }
            }

            return starts.ToArray();
        }
    }

    /// <summary>A TextReader over part of a string, without copying it.</summary>
    private sealed class StringSliceReader : TextReader
    {
        private readonly string text;
        private readonly int end;
        private int pos;

        public StringSliceReader(string text, int start, int end)
        {
            this.text = text;
            pos = start;
            this.end = end;
        }

        public override int Peek() => pos < end ? text[pos] : -1;

        public override int Read() => pos < end ? text[pos++] : -1;

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            int n = Math.Min(buffer.Length, end - pos);
            if (n <= 0)
            {
                return 0;
            }

            text.AsSpan(pos, n).CopyTo(buffer);
            pos += n;
            return n;
        }

        public override int ReadBlock(Span<char> buffer) => Read(buffer);

        public override int ReadBlock(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override string ReadToEnd()
        {
            string s = text.Substring(pos, end - pos);
            pos = end;
            return s;
        }
    }
}

/// <summary>Which front-matter reader <see cref="ArticleFileParser"/> uses (internal: tests and measurements).</summary>
internal enum FrontMatterReaderChoice
{
    /// <summary>The fast reader, and YamlDotNet whenever it declines (what the public constructor uses).</summary>
    Auto,

    /// <summary>YamlDotNet only: the reference the fast reader is compared with.</summary>
    YamlDotNetOnly,

    /// <summary>The fast reader only: returns <see cref="ArticleFileParser.FastPathDeclined"/> when it declines.</summary>
    FastOnly,
}
