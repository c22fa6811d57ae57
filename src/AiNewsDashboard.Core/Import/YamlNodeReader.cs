using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AiNewsDashboard.Core.Import;

internal enum YNodeKind : byte
{
    Scalar,
    Sequence,
    Mapping,
}

/// <summary>
/// One node of a parsed YAML document: plain data only (tags are dropped, nothing is ever instantiated).
/// An alias is not copied: the parent simply refers to the anchored node a second time.
/// </summary>
internal sealed class YNode
{
    public YNode(YNodeKind kind, int index)
    {
        Kind = kind;
        Index = index;
    }

    public YNodeKind Kind { get; }

    /// <summary>Character offset of the node's start in the text given to the reader.</summary>
    public int Index { get; }

    /// <summary>Scalar text ("" for collections).</summary>
    public string Value { get; init; } = "";

    /// <summary>True for a plain (unquoted, non-block) scalar.</summary>
    public bool IsPlain { get; init; }

    /// <summary>Sequence items, or mapping keys and values alternating (key0, value0, key1, value1...).</summary>
    public List<YNode>? Items { get; set; }

    /// <summary>Nodes this node expands to (itself included, aliases counted at full size).</summary>
    public long Size { get; set; } = 1;

    /// <summary>Scalar characters this node expands to (aliases counted at full size).</summary>
    public long Chars { get; set; }

    /// <summary>Collection levels this node expands to: 0 for a scalar, 1 for a flat list or mapping.</summary>
    public int Height { get; set; }

    public bool IsScalar => Kind == YNodeKind.Scalar;

    /// <summary>A plain scalar meaning null in YAML ("", "~", "null").</summary>
    public bool IsNull => Kind == YNodeKind.Scalar && IsPlain && IsNullText(Value);

    public int Count => Items?.Count ?? 0;

    private static bool IsNullText(string v) =>
        v.Length == 0 || v == "~" || v == "null" || v == "Null" || v == "NULL";
}

/// <summary>What <see cref="YamlNodeReader.Read"/> produced: a root node, or an error with its position.</summary>
internal sealed class YamlReadOutcome
{
    public YNode? Root { get; init; }

    public string? Error { get; init; }

    /// <summary>Character offset of the error in the text given to the reader, or -1 when unknown.</summary>
    public int ErrorIndex { get; init; } = -1;

    /// <summary>Non-fatal findings (index, message), or null when there are none.</summary>
    public List<(int Index, string Message)>? Warnings { get; init; }
}

/// <summary>
/// Builds a bounded <see cref="YNode"/> tree from YamlDotNet's low-level event stream.
/// Iterative (explicit stack), stops as soon as a limit is passed, never resolves tags.
/// </summary>
internal static class YamlNodeReader
{
    private const int SmallMapPairs = 12;

    /// <param name="input">The front matter text.</param>
    /// <param name="maxDepth">Deepest nesting of lists/mappings, aliases expanded.</param>
    /// <param name="maxNodes">Most nodes, aliases counted at their expanded size.</param>
    /// <param name="maxChars">Most scalar characters, aliases counted at their expanded size.</param>
    /// <param name="shield">Placeholders standing for U+0085/U+2028/U+2029 in the input, to put back in scalars; or null.</param>
    public static YamlReadOutcome Read(TextReader input, int maxDepth, int maxNodes, long maxChars, LineBreakShield? shield = null)
    {
        var scanner = new Scanner(input, skipComments: true);
        var parser = new Parser(scanner);
        var stack = new List<YNode>(8);
        var stackAnchors = new List<string?>(8);
        // Where each open flow collection ("[", "{") began: an unclosed one is named there, not where the scanner gave up.
        var openFlows = new List<(int Index, long Line, char Bracket)>(2);
        Dictionary<string, YNode>? anchors = null;
        List<(int, string)>? warnings = null;
        YNode? root = null;
        long totalNodes = 0;
        long totalChars = 0;
        int documents = 0;
        int lastIndex = 0;

        try
        {
            while (parser.MoveNext())
            {
                ParsingEvent ev = parser.Current!;
                int index = ToIndex(ev.Start);
                lastIndex = index;

                switch (ev)
                {
                    case Scalar scalar:
                    {
                        string value = shield is null ? scalar.Value : shield.Restore(scalar.Value);
                        var node = new YNode(YNodeKind.Scalar, index)
                        {
                            Value = value,
                            IsPlain = scalar.Style == ScalarStyle.Plain,
                            Chars = value.Length,
                        };
                        totalNodes++;
                        totalChars += value.Length;
                        if (totalNodes > maxNodes)
                        {
                            return TooManyNodes(maxNodes, index);
                        }

                        if (totalChars > maxChars)
                        {
                            return Fail($"The front matter holds more than {maxChars} characters of text.", index);
                        }

                        if (!Attach(node, stack, ref root))
                        {
                            return Fail("The front matter holds more than one YAML node at the top level.", index);
                        }

                        AddToParent(stack, node);
                        if (!scalar.Anchor.IsEmpty)
                        {
                            (anchors ??= new Dictionary<string, YNode>(StringComparer.Ordinal))[scalar.Anchor.Value] = node;
                        }

                        break;
                    }

                    case SequenceStart or MappingStart:
                    {
                        if (stack.Count + 1 > maxDepth)
                        {
                            // Stop right here: the rest of the stream is never read.
                            return Fail($"The front matter nests lists/mappings deeper than the limit of {maxDepth} levels.", index);
                        }

                        var kind = ev is MappingStart ? YNodeKind.Mapping : YNodeKind.Sequence;
                        var node = new YNode(kind, index) { Items = new List<YNode>(kind == YNodeKind.Mapping ? 8 : 4), Height = 1 };
                        totalNodes++;
                        if (totalNodes > maxNodes)
                        {
                            return TooManyNodes(maxNodes, index);
                        }

                        // Attach now so the parent keeps document order; sizes are added when the node ends.
                        if (!Attach(node, stack, ref root))
                        {
                            return Fail("The front matter holds more than one YAML node at the top level.", index);
                        }

                        var anchor = ((NodeEvent)ev).Anchor;
                        stack.Add(node);
                        stackAnchors.Add(anchor.IsEmpty ? null : anchor.Value);
                        if (ev is SequenceStart { Style: SequenceStyle.Flow } or MappingStart { Style: MappingStyle.Flow })
                            openFlows.Add((index, ev.Start.Line, ev is MappingStart ? '{' : '['));
                        break;
                    }

                    case SequenceEnd or MappingEnd:
                    {
                        int top = stack.Count - 1;
                        YNode node = stack[top];
                        string? anchor = stackAnchors[top];
                        stack.RemoveAt(top);
                        stackAnchors.RemoveAt(top);
                        if (openFlows.Count > 0 && openFlows[^1].Index == node.Index)
                            openFlows.RemoveAt(openFlows.Count - 1);

                        if (node.Kind == YNodeKind.Mapping)
                        {
                            RemoveDuplicateKeys(node, ref warnings);
                        }

                        AddToParent(stack, node);

                        // Registered only once complete: an alias inside its own anchor ("&a [*a]") is unknown.
                        if (anchor is not null)
                        {
                            (anchors ??= new Dictionary<string, YNode>(StringComparer.Ordinal))[anchor] = node;
                        }

                        break;
                    }

                    case AnchorAlias alias:
                    {
                        if (anchors is null || !anchors.TryGetValue(alias.Value.Value, out YNode? target))
                        {
                            return Fail($"The alias '*{Preview(alias.Value.Value)}' refers to an anchor that is not defined before it (or to itself).", index);
                        }

                        totalNodes += target.Size;
                        totalChars += target.Chars;
                        if (totalNodes > maxNodes)
                        {
                            return Fail($"Alias expansion is too large: the front matter expands to more than {maxNodes} YAML nodes.", index);
                        }

                        if (totalChars > maxChars)
                        {
                            return Fail($"Alias expansion is too large: the front matter expands to more than {maxChars} characters of text.", index);
                        }

                        if (stack.Count + target.Height > maxDepth)
                        {
                            return Fail($"Alias expansion is too deep: it nests lists/mappings deeper than the limit of {maxDepth} levels.", index);
                        }

                        if (!Attach(target, stack, ref root))
                        {
                            return Fail("The front matter holds more than one YAML node at the top level.", index);
                        }

                        AddToParent(stack, target);
                        break;
                    }

                    case DocumentStart:
                        documents++;
                        if (documents > 1)
                        {
                            return Fail("The front matter holds more than one YAML document.", index);
                        }

                        break;
                }
            }
        }
        catch (YamlException ex) when (ex.Message.Contains("tab character", StringComparison.Ordinal))
        {
            // Its start is the value before the line the tab is on; its end is that line.
            return Fail(TabIndent, ToIndex(ex.End));
        }
        catch (YamlException ex) when (ex.Message.Contains("invalid tab", StringComparison.Ordinal))
        {
            // "While scanning a mapping, found invalid tab as indentation": both its marks are where the mapping
            // starts; the scanner stopped on the tab's line.
            return Fail(TabIndent, ToIndex(scanner.CurrentPosition));
        }
        catch (YamlException ex) when (openFlows.Count > 0 && ex.Start.Line > openFlows[^1].Line
                                       && ex.Message.StartsWith("While parsing a flow", StringComparison.Ordinal))
        {
            // "While parsing a flow sequence, did not find expected ',' or ']'" on a line after the bracket's: the front
            // matter ended (its closing fence named) with the bracket still open.
            return Unclosed(openFlows[^1]);
        }
        catch (YamlException ex)
        {
            return Fail("YAML syntax error: " + ex.Message, ToIndex(ex.Start));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && openFlows.Count > 0)
        {
            // YamlDotNet fails this way (e.g. InvalidOperationException) when the text ends inside a flow collection.
            return Unclosed(openFlows[^1]);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // YamlDotNet occasionally fails with a non-YAML exception on malformed input (e.g. an unclosed
            // flow sequence gives InvalidOperationException): report where the scanner stopped.
            int at;
            try
            {
                at = ToIndex(scanner.CurrentPosition);
            }
            catch (Exception)
            {
                at = lastIndex;
            }

            // The exception's own words ("Operation is not valid due to the current state of the object") say nothing
            // to whoever wrote the file; what usually causes it does.
            return Fail("YAML syntax error: the front matter cannot be read from here on; look for a bracket, brace or quote " +
                        "that is opened and never closed.", at);
        }

        return new YamlReadOutcome { Root = root, Warnings = warnings };
    }

    /// <summary>The front matter ended, or broke, inside a list or mapping written in brackets or braces.</summary>
    private static YamlReadOutcome Unclosed((int Index, long Line, char Bracket) open)
    {
        var (what, close) = open.Bracket == '[' ? ("list", ']') : ("mapping", '}');
        return Fail($"YAML syntax error: the {what} that opens with '{open.Bracket}' on this line is never closed with '{close}' " +
                    $"(put a value starting with '{open.Bracket}' in quotes).", open.Index);
    }

    /// <summary>Adds a node to the open collection (or makes it the root); false when a second root appears.</summary>
    private static bool Attach(YNode node, List<YNode> stack, ref YNode? root)
    {
        int count = stack.Count;
        if (count == 0)
        {
            if (root is not null)
            {
                return false;
            }

            root = node;
            return true;
        }

        stack[count - 1].Items!.Add(node);
        return true;
    }

    /// <summary>Adds a finished child's expanded size to its parent (the open collection, if any).</summary>
    private static void AddToParent(List<YNode> stack, YNode child)
    {
        int count = stack.Count;
        if (count == 0)
        {
            return;
        }

        YNode parent = stack[count - 1];
        parent.Size += child.Size;
        parent.Chars += child.Chars;
        if (child.Height + 1 > parent.Height)
        {
            parent.Height = child.Height + 1;
        }
    }

    /// <summary>YAML keys must be unique; when a mapping repeats one, the last value wins and a warning says so.</summary>
    private static void RemoveDuplicateKeys(YNode map, ref List<(int, string)>? warnings)
    {
        List<YNode> items = map.Items!;
        int pairs = items.Count / 2;
        if (pairs < 2)
        {
            return;
        }

        List<int>? drop = null;
        if (pairs <= SmallMapPairs)
        {
            for (int i = 0; i < pairs - 1; i++)
            {
                YNode key = items[2 * i];
                if (!key.IsScalar)
                {
                    continue;
                }

                for (int j = i + 1; j < pairs; j++)
                {
                    YNode other = items[2 * j];
                    if (other.IsScalar && string.Equals(key.Value, other.Value, StringComparison.Ordinal))
                    {
                        (drop ??= new List<int>()).Add(i);
                        (warnings ??= new List<(int, string)>()).Add((other.Index,
                            $"The key '{Preview(key.Value)}' appears more than once in the same mapping; the last value is used."));
                        break;
                    }
                }
            }
        }
        else
        {
            // Walk backwards so the last occurrence is the one kept.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int i = pairs - 1; i >= 0; i--)
            {
                YNode key = items[2 * i];
                if (key.IsScalar && !seen.Add(key.Value))
                {
                    (drop ??= new List<int>()).Add(i);
                    (warnings ??= new List<(int, string)>()).Add((key.Index,
                        $"The key '{Preview(key.Value)}' appears more than once in the same mapping; the last value is used."));
                }
            }

            drop?.Sort();
        }

        if (drop is null)
        {
            return;
        }

        var kept = new List<YNode>(items.Count - 2 * drop.Count);
        int d = 0;
        for (int i = 0; i < pairs; i++)
        {
            if (d < drop.Count && drop[d] == i)
            {
                d++;
                continue;
            }

            kept.Add(items[2 * i]);
            kept.Add(items[2 * i + 1]);
        }

        map.Items = kept;
    }

    private static YamlReadOutcome TooManyNodes(int maxNodes, int index) =>
        Fail($"The front matter has more than {maxNodes} YAML nodes.", index);

    private const string TabIndent = "YAML syntax error: a tab indents this line; YAML indents with spaces only.";

    private static YamlReadOutcome Fail(string message, int index) =>
        new() { Error = message, ErrorIndex = index };

    private static int ToIndex(Mark mark) =>
        mark.Index < 0 ? -1 : mark.Index > int.MaxValue ? int.MaxValue : (int)mark.Index;

    /// <summary>A short, single-line, printable excerpt of untrusted text for messages.</summary>
    internal static string Preview(string value, int max = 60)
    {
        bool clean = value.Length <= max;
        if (clean)
        {
            foreach (char c in value)
            {
                if (char.IsControl(c))
                {
                    clean = false;
                    break;
                }
            }
        }

        if (clean)
        {
            return value;
        }

        int take = Math.Min(value.Length, max);
        if (take < value.Length && take > 0 && char.IsHighSurrogate(value[take - 1]))
        {
            take--;
        }

        var chars = new char[take];
        for (int i = 0; i < take; i++)
        {
            char c = value[i];
            chars[i] = char.IsControl(c) ? '?' : c;
        }

        return take < value.Length ? new string(chars) + "…" : new string(chars);
    }
}

/// <summary>
/// YamlDotNet follows YAML 1.1 and ends a line at U+0085 (NEL), U+2028 and U+2029, so one of them inside a title
/// (scraped text has them) breaks the scalar or the indentation. YAML 1.2 treats them as ordinary characters.
/// This swaps them for noncharacters absent from the text before parsing and swaps them back in scalar values;
/// each swap is one char for one char, so positions are unchanged.
/// </summary>
internal sealed class LineBreakShield
{
    private static readonly char[] Breaks = { '\u0085', '\u2028', '\u2029' };

    private readonly char[] placeholders;

    private LineBreakShield(char[] placeholders)
    {
        this.placeholders = placeholders;
    }

    /// <summary>The shielded text and its shield, or (null, null) when the text has none of these characters
    /// (or, absurdly, already holds every candidate placeholder, in which case YamlDotNet's reading stands).</summary>
    public static (string? Text, LineBreakShield? Shield) Apply(ReadOnlySpan<char> yaml)
    {
        if (yaml.IndexOfAny(Breaks) < 0)
        {
            return (null, null);
        }

        var chosen = new char[Breaks.Length];
        int found = 0;
        for (char c = '\uFDD0'; c <= '\uFDEF' && found < chosen.Length; c++)
        {
            if (yaml.IndexOf(c) < 0)
            {
                chosen[found++] = c;
            }
        }

        if (found < chosen.Length)
        {
            return (null, null);
        }

        char[] copy = yaml.ToArray();
        for (int i = 0; i < copy.Length; i++)
        {
            int k = Array.IndexOf(Breaks, copy[i]);
            if (k >= 0)
            {
                copy[i] = chosen[k];
            }
        }

        return (new string(copy), new LineBreakShield(chosen));
    }

    public string Restore(string value)
    {
        if (value.AsSpan().IndexOfAny(placeholders) < 0)
        {
            return value;
        }

        for (int k = 0; k < placeholders.Length; k++)
        {
            value = value.Replace(placeholders[k], Breaks[k]);
        }

        return value;
    }
}
