using System.Buffers;

namespace AiNewsDashboard.Core.Import;

/// <summary>
/// A hand-written reader for the plain block-style YAML that article files use: block mappings and sequences by
/// indentation, single-line plain, single-quoted and double-quoted scalars, blank lines and comment lines.
/// It builds exactly the <see cref="YNode"/> tree <see cref="YamlNodeReader"/> builds from YamlDotNet's events
/// (same kinds, values, styles, positions and sizes), so the mapper and the line numbers in problems are unchanged.
/// </summary>
/// <remarks>
/// It never reports an error: at the first thing outside its subset (flow collections, anchors, aliases, tags, block
/// scalars, multi-line scalars, tabs, control characters, complex or quoted keys, duplicate keys, directives,
/// document markers, unknown escapes, a limit reached, anything it is unsure about) it returns null and the caller
/// parses the file with YamlDotNet, which then gives the verdict and the message. One pass over the text, no
/// backtracking, no recursion: linear time, bounded stack.
/// </remarks>
internal static class FastFrontMatterReader
{
    /// <summary>Longer keys are left to YamlDotNet (YAML limits simple keys to 1024 characters).</summary>
    private const int MaxKeyLength = 256;

    /// <summary>Mappings up to this many pairs are checked for duplicate keys pairwise, larger ones with a set.</summary>
    private const int SmallMapPairs = 16;

    /// <summary>Characters that stop the scan of a plain scalar for a closer look.</summary>
    private static readonly SearchValues<char> PlainStops = SearchValues.Create(":#");

    /// <summary>Characters that stop the scan of a double-quoted scalar.</summary>
    private static readonly SearchValues<char> QuotedStops = SearchValues.Create("\"\\");

    /// <summary>Keys that real files use, shared instead of allocated (strings are immutable).</summary>
    private static readonly string[][] KnownKeysByLength = BuildKnownKeys(
        "category", "title", "excerpt", "publishedDateTime", "originalUrl", "webUrl", "type", "quality", "heat",
        "published", "provider", "topics", "images", "related", "secured", "name", "domain", "url", "width",
        "height", "isCached", "ampWebUrl", "cdnAmpWebUrl");

    /// <summary>
    /// Reads the front matter <paramref name="text"/>[<paramref name="start"/>..<paramref name="end"/>) into a node
    /// tree whose positions count from <paramref name="start"/>, or returns null when it is not in the subset.
    /// Limits as in <see cref="YamlNodeReader.Read"/>; reaching one also returns null (YamlDotNet then reports it).
    /// </summary>
    public static YamlReadOutcome? TryRead(string text, int start, int end, int maxDepth, int maxNodes, long maxChars)
    {
        var reader = new Reader(text, start, maxDepth, maxNodes, maxChars);
        YNode? root = reader.Run(end);
        return root is null ? null : new YamlReadOutcome { Root = root };
    }

    private static string[][] BuildKnownKeys(params string[] keys)
    {
        var byLength = new string[keys.Max(k => k.Length) + 1][];
        for (int length = 0; length < byLength.Length; length++)
        {
            byLength[length] = keys.Where(k => k.Length == length).ToArray();
        }

        return byLength;
    }

    /// <summary>The state of one read. A struct used through a local, so a read allocates only the nodes it makes.</summary>
    private struct Reader
    {
        private readonly string text;
        private readonly int start;
        private readonly int maxDepth;
        private readonly int maxNodes;
        private readonly long maxChars;

        /// <summary>Open collections, outermost first, and the column of their keys or dashes.</summary>
        private YNode[] frames;
        private int[] indents;
        private int depth;

        private long nodes;
        private long chars;
        private YNode? root;

        /// <summary>The top collection awaits a value ("key:" or "-" ended the last line); the position of the
        /// empty scalar it gets if no deeper block follows.</summary>
        private bool pending;
        private int pendingMark;

        /// <summary>The line being read: where it starts and where its content ends (before the line break).</summary>
        private int lineStart;
        private int eol;

        public Reader(string text, int start, int maxDepth, int maxNodes, long maxChars)
        {
            this.text = text;
            this.start = start;
            this.maxDepth = maxDepth;
            this.maxNodes = maxNodes;
            this.maxChars = maxChars;
            frames = new YNode[8];
            indents = new int[8];
            depth = 0;
            nodes = 0;
            chars = 0;
            root = null;
            pending = false;
            pendingMark = 0;
            lineStart = 0;
            eol = 0;
        }

        /// <summary>The root mapping, or null when the text is not in the subset.</summary>
        public YNode? Run(int end)
        {
            int pos = start;
            while (pos < end)
            {
                ReadOnlySpan<char> rest = text.AsSpan(pos, end - pos);
                int length = rest.IndexOfAny('\n', '\r');
                int next;
                if (length < 0)
                {
                    length = rest.Length;
                    next = end;
                }
                else if (rest[length] == '\n')
                {
                    next = pos + length + 1;
                }
                else if (length + 1 < rest.Length && rest[length + 1] == '\n')
                {
                    next = pos + length + 2;
                }
                else
                {
                    return null; // a lone '\r' as a line break
                }

                ReadOnlySpan<char> line = rest[..length];
                int odd = line.IndexOfAnyExceptInRange(' ', '~');
                if (odd >= 0 && !OnlyOrdinaryText(line[odd..]))
                {
                    return null;
                }

                int indent = line.IndexOfAnyExcept(' ');
                if (indent >= 0 && line[indent] != '#')
                {
                    lineStart = pos;
                    eol = pos + length;
                    if (!ReadLine(pos + indent, indent))
                    {
                        return null;
                    }
                }

                pos = next;
            }

            if (pending)
            {
                pending = false;
                if (!AddScalar(pendingMark, "", plain: true))
                {
                    return null;
                }
            }

            while (depth > 0)
            {
                if (!Close())
                {
                    return null;
                }
            }

            return root;
        }

        /// <summary>
        /// Printable characters YamlDotNet reads as ordinary text (the caller has checked ASCII ' '..'~').
        /// Refuses tabs, control characters, U+FEFF, noncharacters, and U+FDD0..U+FDEF (the placeholders
        /// <see cref="LineBreakShield"/> may use). U+0085, U+2028 and U+2029 are ordinary text, as with the shield.
        /// </summary>
        private static bool OnlyOrdinaryText(ReadOnlySpan<char> s)
        {
            foreach (char c in s)
            {
                if (c < '\u00A0')
                {
                    if ((c < ' ' || c > '~') && c != '\u0085')
                    {
                        return false;
                    }
                }
                else if (c >= '\uFDD0' && (c <= '\uFDEF' || c == '\uFEFF' || c >= '\uFFFE'))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>One line with content at <paramref name="p"/> (column <paramref name="column"/>).</summary>
        private bool ReadLine(int p, int column)
        {
            if (pending)
            {
                pending = false;
                if (column > indents[depth - 1])
                {
                    // The awaited value is a block collection starting on this line.
                    if (!Open(IsDash(p) ? YNodeKind.Sequence : YNodeKind.Mapping, p, column))
                    {
                        return false;
                    }
                }
                else if (!AddScalar(pendingMark, "", plain: true))
                {
                    return false;
                }
            }

            while (depth > 0 && indents[depth - 1] > column)
            {
                if (!Close())
                {
                    return false;
                }
            }

            if (depth == 0)
            {
                // The first content line opens the root, which must be a mapping at column 0.
                if (root is not null || column != 0 || IsDash(p) || !Open(YNodeKind.Mapping, p, 0))
                {
                    return false;
                }
            }

            if (indents[depth - 1] != column)
            {
                return false; // between two levels (or a continuation line): YamlDotNet decides
            }

            if (frames[depth - 1].Kind == YNodeKind.Sequence)
            {
                return IsDash(p) && SequenceEntry(p);
            }

            // A dash here would be an indentless sequence (or an error): left to YamlDotNet.
            return !IsDash(p) && MappingEntry(p, ScanKey(p));
        }

        /// <summary>"- " or a "-" that ends the line.</summary>
        private readonly bool IsDash(int p) => text[p] == '-' && (p + 1 == eol || text[p + 1] == ' ');

        /// <summary>"- item" with the dash at <paramref name="p"/>.</summary>
        private bool SequenceEntry(int p)
        {
            int i = SkipSpaces(p + 1);
            if (i == eol)
            {
                pending = true;
                pendingMark = p + 1 - start;
                return true;
            }

            if (IsDash(i))
            {
                return false; // "- - x": a sequence in a sequence on one line
            }

            int colon = ScanKey(i);
            if (colon >= 0)
            {
                // "- key: value" opens a mapping whose keys sit at this column.
                return Open(YNodeKind.Mapping, i, i - lineStart) && MappingEntry(i, colon);
            }

            return InlineValue(i);
        }

        /// <summary>"key: value" or "key:" with the key at <paramref name="p"/> and its ':' at <paramref name="colon"/>.</summary>
        private bool MappingEntry(int p, int colon)
        {
            if (colon < 0 || !AddScalar(p - start, KeyString(text.AsSpan(p, colon - p)), plain: true))
            {
                return false;
            }

            int i = SkipSpaces(colon + 1);
            if (i == eol)
            {
                pending = true;
                pendingMark = colon + 1 - start;
                return true;
            }

            return InlineValue(i);
        }

        /// <summary>
        /// The ':' ending a plain key at <paramref name="p"/>, or -1 when this is not a key the subset allows:
        /// an ASCII letter, digit or '_' first, then letters, digits and "_-./" or inner spaces, then ':' and a
        /// space or the end of the line.
        /// </summary>
        private readonly int ScanKey(int p)
        {
            if (!IsKeyStart(text[p]))
            {
                return -1;
            }

            int limit = Math.Min(eol, p + MaxKeyLength);
            for (int i = p + 1; i < limit; i++)
            {
                char c = text[i];
                if (c == ':')
                {
                    return (i + 1 == eol || text[i + 1] == ' ') && text[i - 1] != ' ' ? i : -1;
                }

                if (!IsKeyChar(c))
                {
                    return -1;
                }
            }

            return -1;
        }

        private static bool IsKeyStart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

        private static bool IsKeyChar(char c) =>
            char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '/' || c == ' ';

        private static string KeyString(ReadOnlySpan<char> key)
        {
            if (key.Length < KnownKeysByLength.Length)
            {
                foreach (string known in KnownKeysByLength[key.Length])
                {
                    if (key.SequenceEqual(known))
                    {
                        return known;
                    }
                }
            }

            return new string(key);
        }

        /// <summary>A scalar value that starts at <paramref name="i"/> and must end on this line.</summary>
        private bool InlineValue(int i)
        {
            char c = text[i];
            if (c == '"')
            {
                return DoubleQuoted(i);
            }

            if (c == '\'')
            {
                return SingleQuoted(i);
            }

            // Flow collections, anchors, aliases, tags, block scalars, directives, reserved indicators, complex
            // keys, a second dash: all left to YamlDotNet.
            if (c is '#' or '[' or ']' or '{' or '}' or '&' or '*' or '!' or '|' or '>' or '%' or '@' or '`' or ','
                or '?' or ':' || IsDash(i))
            {
                return false;
            }

            // Plain: up to a " #" comment, trailing spaces trimmed. ": " or a final ':' would be a mapping
            // (an error on a value line), and anything on the following lines would continue it: both are caught
            // elsewhere or here, and left to YamlDotNet.
            int stop = eol;
            int j = i + 1;
            while (j < stop)
            {
                int k = text.AsSpan(j, stop - j).IndexOfAny(PlainStops);
                if (k < 0)
                {
                    break;
                }

                k += j;
                if (text[k] == '#')
                {
                    if (text[k - 1] == ' ')
                    {
                        stop = k;
                        break;
                    }
                }
                else if (k + 1 == eol || text[k + 1] == ' ')
                {
                    return false;
                }

                j = k + 1;
            }

            int e = stop;
            while (text[e - 1] == ' ')
            {
                e--;
            }

            return AddScalar(i - start, text.Substring(i, e - i), plain: true);
        }

        /// <summary>A double-quoted scalar with its opening quote at <paramref name="q"/>, closed on this line.</summary>
        private bool DoubleQuoted(int q)
        {
            ReadOnlySpan<char> s = text.AsSpan(q + 1, eol - q - 1);
            int k = s.IndexOfAny(QuotedStops);
            if (k < 0)
            {
                return false; // continues on the next line
            }

            string value;
            int close;
            if (s[k] == '"')
            {
                value = new string(s[..k]);
                close = q + 1 + k;
            }
            else
            {
                char[] buffer = ArrayPool<char>.Shared.Rent(s.Length);
                try
                {
                    int length = Unescape(s, k, buffer, out int end);
                    if (length < 0)
                    {
                        return false;
                    }

                    value = new string(buffer, 0, length);
                    close = q + 1 + end;
                }
                finally
                {
                    ArrayPool<char>.Shared.Return(buffer);
                }
            }

            return EndsAfterQuote(close + 1) && AddScalar(q - start, value, plain: false);
        }

        /// <summary>
        /// Decodes the body of a double-quoted scalar whose first escape is at <paramref name="k"/>; returns the
        /// decoded length and the index of the closing quote, or -1 for anything not handled here (an escape
        /// YAML does not define, a line continuation, an unclosed quote, a surrogate or out-of-range code point).
        /// </summary>
        private static int Unescape(ReadOnlySpan<char> s, int k, char[] buffer, out int end)
        {
            end = -1;
            s[..k].CopyTo(buffer);
            int written = k;
            int i = k;
            while (true)
            {
                // s[i] is '\\' or '"'.
                if (s[i] == '"')
                {
                    end = i;
                    return written;
                }

                if (i + 1 >= s.Length)
                {
                    return -1;
                }

                char e = s[i + 1];
                i += 2;
                char decoded;
                switch (e)
                {
                    case '0': decoded = '\0'; break;
                    case 'a': decoded = '\a'; break;
                    case 'b': decoded = '\b'; break;
                    case 't': decoded = '\t'; break;
                    case 'n': decoded = '\n'; break;
                    case 'v': decoded = '\v'; break;
                    case 'f': decoded = '\f'; break;
                    case 'r': decoded = '\r'; break;
                    case 'e': decoded = '\u001B'; break;
                    case ' ': decoded = ' '; break;
                    case '"': decoded = '"'; break;
                    case '/': decoded = '/'; break;
                    case '\\': decoded = '\\'; break;
                    case 'N': decoded = '\u0085'; break;
                    case '_': decoded = '\u00A0'; break;
                    case 'L': decoded = '\u2028'; break;
                    case 'P': decoded = '\u2029'; break;
                    case 'x' or 'u' or 'U':
                    {
                        int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                        if (i + digits > s.Length || !TryHex(s.Slice(i, digits), out uint code)
                            || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF)
                        {
                            return -1;
                        }

                        i += digits;
                        if (code > 0xFFFF)
                        {
                            code -= 0x10000;
                            buffer[written++] = (char)(0xD800 + (code >> 10));
                            decoded = (char)(0xDC00 + (code & 0x3FF));
                        }
                        else
                        {
                            decoded = (char)code;
                        }

                        break;
                    }

                    default:
                        return -1;
                }

                buffer[written++] = decoded;
                int next = s[i..].IndexOfAny(QuotedStops);
                if (next < 0)
                {
                    return -1;
                }

                s.Slice(i, next).CopyTo(buffer.AsSpan(written));
                written += next;
                i += next;
            }
        }

        private static bool TryHex(ReadOnlySpan<char> digits, out uint value)
        {
            value = 0;
            foreach (char c in digits)
            {
                int d = char.IsAsciiDigit(c) ? c - '0' : c is >= 'a' and <= 'f' ? c - 'a' + 10 : c is >= 'A' and <= 'F' ? c - 'A' + 10 : -1;
                if (d < 0)
                {
                    return false;
                }

                value = (value << 4) | (uint)d;
            }

            return true;
        }

        /// <summary>A single-quoted scalar with its opening quote at <paramref name="q"/>, closed on this line.</summary>
        private bool SingleQuoted(int q)
        {
            int j = q + 1;
            System.Text.StringBuilder? unescaped = null;
            while (true)
            {
                int k = text.AsSpan(j, eol - j).IndexOf('\'');
                if (k < 0)
                {
                    return false; // continues on the next line
                }

                k += j;
                if (k + 1 < eol && text[k + 1] == '\'')
                {
                    (unescaped ??= new System.Text.StringBuilder(eol - q)).Append(text, j, k + 1 - j);
                    j = k + 2;
                    continue;
                }

                string value = unescaped is null ? text.Substring(q + 1, k - q - 1) : unescaped.Append(text, j, k - j).ToString();
                return EndsAfterQuote(k + 1) && AddScalar(q - start, value, plain: false);
            }
        }

        /// <summary>After a closing quote only spaces may follow, then the end of the line or a comment.</summary>
        private readonly bool EndsAfterQuote(int i)
        {
            if (i == eol)
            {
                return true;
            }

            if (text[i] != ' ')
            {
                return false; // "a"b, "key": value...
            }

            i = SkipSpaces(i);
            return i == eol || text[i] == '#';
        }

        private readonly int SkipSpaces(int i)
        {
            while (i < eol && text[i] == ' ')
            {
                i++;
            }

            return i;
        }

        /// <summary>Opens a collection at <paramref name="p"/> whose entries sit at <paramref name="column"/>.</summary>
        private bool Open(YNodeKind kind, int p, int column)
        {
            if (depth + 1 > maxDepth || ++nodes > maxNodes)
            {
                return false;
            }

            var node = new YNode(kind, p - start) { Items = new List<YNode>(kind == YNodeKind.Mapping ? 8 : 4), Height = 1 };
            if (depth == 0)
            {
                root = node;
            }
            else
            {
                frames[depth - 1].Items!.Add(node);
            }

            if (depth == frames.Length)
            {
                Array.Resize(ref frames, depth * 2);
                Array.Resize(ref indents, depth * 2);
            }

            frames[depth] = node;
            indents[depth] = column;
            depth++;
            return true;
        }

        /// <summary>Closes the innermost collection: refuses duplicate keys, adds its size to its parent.</summary>
        private bool Close()
        {
            YNode node = frames[--depth];
            frames[depth] = null!;
            if (node.Kind == YNodeKind.Mapping && HasDuplicateKeys(node.Items!))
            {
                return false; // YamlDotNet's path keeps the last value and warns
            }

            if (depth > 0)
            {
                YNode parent = frames[depth - 1];
                parent.Size += node.Size;
                parent.Chars += node.Chars;
                if (node.Height + 1 > parent.Height)
                {
                    parent.Height = node.Height + 1;
                }
            }

            return true;
        }

        /// <summary>Adds a scalar to the innermost collection.</summary>
        private bool AddScalar(int index, string value, bool plain)
        {
            chars += value.Length;
            if (++nodes > maxNodes || chars > maxChars)
            {
                return false;
            }

            YNode parent = frames[depth - 1];
            parent.Items!.Add(new YNode(YNodeKind.Scalar, index) { Value = value, IsPlain = plain, Chars = value.Length });
            parent.Size++;
            parent.Chars += value.Length;
            return true;
        }

        private static bool HasDuplicateKeys(List<YNode> items)
        {
            int pairs = items.Count / 2;
            if (pairs < 2)
            {
                return false;
            }

            if (pairs <= SmallMapPairs)
            {
                for (int i = 0; i < pairs - 1; i++)
                {
                    string key = items[2 * i].Value;
                    for (int j = i + 1; j < pairs; j++)
                    {
                        if (string.Equals(key, items[2 * j].Value, StringComparison.Ordinal))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            var seen = new HashSet<string>(pairs, StringComparer.Ordinal);
            for (int i = 0; i < pairs; i++)
            {
                if (!seen.Add(items[2 * i].Value))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
