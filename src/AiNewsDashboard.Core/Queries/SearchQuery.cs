using System.Text;

namespace AiNewsDashboard.Core.Queries;

/// <summary>
/// A search as analysts write it (the <c>q</c> parameter), parsed into a tree that any store renders in its own
/// dialect (<see cref="IFullTextSearch.ExpressionFor"/>: an FTS5 match on SQLite, a tsquery on PostgreSQL); user text never reaches a
/// store's query syntax as it is.
/// </summary>
/// <remarks>
/// The syntax, in one table (the search box's help and the API's description of <c>q</c> say the same):
/// <list type="bullet">
/// <item><c>chip memory</c>: both words (<c>AND</c> between them is optional).</item>
/// <item><c>chip OR wafer</c>: either. <c>AND</c> binds tighter than <c>OR</c>: <c>a b OR c</c> is <c>(a b) OR c</c>.</item>
/// <item><c>-memory</c> or <c>NOT memory</c>: without the word. A search must include something to exclude from, so
/// <c>-memory</c> alone (or <c>a OR -b</c>) is an error, not "everything except".</item>
/// <item><c>"memory chip"</c>: the words in this order; <c>chip*</c>: words that start with "chip".</item>
/// <item><c>( )</c>: grouping. <c>OR</c>, <c>AND</c> and <c>NOT</c> are operators only in capitals; in lower case they are words.</item>
/// </list>
/// A word without a letter or digit ("&amp;", "-") is left out. A mistake is a <see cref="SearchSyntaxError"/> naming
/// what is wrong and where (from 1, in the text as given).
/// </remarks>
public sealed class SearchQuery
{
    /// <summary>Deepest nesting of parentheses.</summary>
    public const int MaxDepth = 16;

    /// <summary>Most words and phrases in one search.</summary>
    public const int MaxTerms = 100;

    private SearchQuery(string text, SearchNode root)
    {
        Text = text;
        Root = root;
    }

    /// <summary>The search as written.</summary>
    public string Text { get; }

    public SearchNode Root { get; }

    /// <summary>
    /// Reads <paramref name="text"/>: a query, or the first mistake in it. Text with nothing to search for (blank, or
    /// only symbols) is neither: both are null.
    /// </summary>
    public static SearchParseResult Parse(string? text)
    {
        if (text is null)
            return default;
        for (var i = 0; i < text.Length; i++)
        {
            // A control character can't be typed into the search box; named before anything else, wherever it is.
            if (char.IsControl(text[i]))
                return new(null, new SearchSyntaxError(i + 1, $"character U+{(int)text[i]:X4} at position {i + 1} is not allowed"));
        }
        try
        {
            var tokens = Tokenize(text);
            if (tokens.Count == 0)
                return default;
            var root = new Parser(tokens).ParseQuery();
            return new(new SearchQuery(text, root), null);
        }
        catch (SyntaxException e)
        {
            return new(null, e.Error);
        }
    }

    /// <summary>The tree in a compact, store-independent form, e.g. <c>AND(chip*, OR("memory chip", wafer), NOT(price))</c>.</summary>
    public override string ToString() => Root.ToString();

    private enum Kind { Word, Phrase, Open, Close, Or, And, Not }

    private sealed record Token(Kind Kind, int Position, string Text = "", bool Prefix = false)
    {
        /// <summary>How the message names the token: as written.</summary>
        public string Shown => Kind switch
        {
            Kind.Open => "'('",
            Kind.Close => "')'",
            Kind.Not when Text == "-" => "'-'",
            Kind.Or or Kind.And or Kind.Not => Text,
            _ => $"'{Text}'",
        };

        public bool StartsOperand => Kind is Kind.Word or Kind.Phrase or Kind.Open or Kind.Not;
    }

    private sealed class SyntaxException(SearchSyntaxError error) : Exception(error.Message)
    {
        public SearchSyntaxError Error { get; } = error;
    }

    private static SyntaxException Error(int position, string message) => new(new SearchSyntaxError(position, message));

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var terms = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var position = i + 1;
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '(' || c == ')')
            {
                tokens.Add(new Token(c == '(' ? Kind.Open : Kind.Close, position));
                i++;
            }
            else if (c == '-' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]) && text[i + 1] is not (')' or '-'))
            {
                // "-word", "-\"a phrase\"", "-(a OR b)": a minus that starts a word excludes it; inside a word
                // ("e-mail"), on its own ("Q&A - news") or doubled ("--") it is just a character.
                tokens.Add(new Token(Kind.Not, position, "-"));
                i++;
            }
            else if (c == '"')
            {
                var close = text.IndexOf('"', i + 1);
                if (close < 0)
                    throw Error(position, $"the quote at position {position} is never closed");
                var phrase = text[(i + 1)..close];
                i = close + 1;
                var prefix = i < text.Length && text[i] == '*';
                if (prefix)
                    i++;
                if (HasWordCharacter(phrase))
                {
                    if (++terms > MaxTerms)
                        throw Error(position, $"more than {MaxTerms} words and phrases (the next starts at position {position})");
                    tokens.Add(new Token(Kind.Phrase, position, phrase, prefix));
                }
                else if (prefix)
                    throw Error(close + 2, $"'*' at position {close + 2} needs letters before it, as in chip*");
            }
            else
            {
                var end = i;
                while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not ('(' or ')'))
                    end++;
                var word = text[i..end];
                i = end;
                switch (word)
                {
                    case "OR":
                        tokens.Add(new Token(Kind.Or, position, word));
                        continue;
                    case "AND":
                        tokens.Add(new Token(Kind.And, position, word));
                        continue;
                    case "NOT":
                        tokens.Add(new Token(Kind.Not, position, word));
                        continue;
                }
                var stem = word.TrimEnd('*');
                var prefix = stem.Length < word.Length;
                if (stem.IndexOf('*') is var star and >= 0)
                    throw Error(position + star, $"'*' at position {position + star} can only end a word, as in chip*");
                if (!HasWordCharacter(stem))
                {
                    if (prefix)
                        throw Error(position + stem.Length, $"'*' at position {position + stem.Length} needs letters before it, as in chip*");
                    continue; // "&", "--": nothing to search for
                }
                if (++terms > MaxTerms)
                    throw Error(position, $"more than {MaxTerms} words and phrases (the next starts at position {position})");
                tokens.Add(new Token(Kind.Word, position, stem, prefix));
            }
        }
        return tokens;
    }

    private static bool HasWordCharacter(string s)
    {
        foreach (var c in s)
            if (char.IsLetterOrDigit(c))
                return true;
        return false;
    }

    /// <summary>
    /// Recursive descent: query = any; any = all ("OR" all)*; all = unary (["AND"] unary)*; unary = ("NOT" | "-")* primary;
    /// primary = word | phrase | "(" any ")".
    /// </summary>
    private sealed class Parser(List<Token> tokens)
    {
        private int _next;
        private int _depth;

        private Token? Peek => _next < tokens.Count ? tokens[_next] : null;

        public SearchNode ParseQuery()
        {
            var root = ParseAny();
            if (Peek is { } extra)
                throw extra.Kind == Kind.Close
                    ? Error(extra.Position, $"')' at position {extra.Position} closes a parenthesis that was never opened")
                    : Error(extra.Position, $"{extra.Shown} at position {extra.Position} is not expected here");
            return root;
        }

        private SearchNode ParseAny()
        {
            var parts = new List<SearchNode> { ParseAll() };
            while (Peek is { Kind: Kind.Or } or)
            {
                _next++;
                if (Peek is not { StartsOperand: true })
                    throw Error(or.Position, $"OR at position {or.Position} has nothing after it");
                parts.Add(ParseAll());
            }
            var flat = parts.SelectMany(p => p is SearchAny any ? any.Parts : [p]).ToArray();
            return flat.Length == 1 ? flat[0] : new SearchAny(flat);
        }

        private SearchNode ParseAll()
        {
            var include = new List<SearchNode>();
            var exclude = new List<SearchNode>();
            Token? firstNot = null;
            while (true)
            {
                if (Peek is { Kind: Kind.And } and)
                {
                    if (include.Count + exclude.Count == 0)
                        throw Error(and.Position, $"AND at position {and.Position} has nothing before it");
                    _next++;
                    if (Peek is not { StartsOperand: true })
                        throw Error(and.Position, $"AND at position {and.Position} has nothing after it");
                }
                if (Peek is not { StartsOperand: true } start)
                    break;
                var (node, negated) = ParseUnary();
                if (negated)
                {
                    firstNot ??= start;
                    exclude.Add(node);
                }
                else if (node is SearchAll all)
                {
                    // "a (b -c)" is "a b -c".
                    include.AddRange(all.Include);
                    exclude.AddRange(all.Exclude);
                }
                else
                    include.Add(node);
            }
            if (include.Count + exclude.Count == 0)
            {
                var at = Peek!; // the callers only come here before an operand, AND or OR
                throw at.Kind switch
                {
                    Kind.Or => Error(at.Position, $"OR at position {at.Position} has nothing before it"),
                    Kind.Close => Error(at.Position, $"')' at position {at.Position} closes a parenthesis that was never opened"),
                    _ => Error(at.Position, $"{at.Shown} at position {at.Position} is not expected here"),
                };
            }
            if (include.Count == 0)
                throw Error(firstNot!.Position,
                    $"{firstNot.Shown} at position {firstNot.Position} has nothing to exclude from: search for something as well, as in chip -memory");
            return include.Count == 1 && exclude.Count == 0 ? include[0] : new SearchAll(include, exclude);
        }

        private (SearchNode Node, bool Negated) ParseUnary()
        {
            var negated = false;
            while (Peek is { Kind: Kind.Not } not)
            {
                _next++;
                if (Peek is not { Kind: Kind.Word or Kind.Phrase or Kind.Open or Kind.Not })
                    throw Error(not.Position, $"{not.Shown} at position {not.Position} has nothing after it");
                negated = !negated;
            }
            return (ParsePrimary(), negated);
        }

        private SearchNode ParsePrimary()
        {
            var token = tokens[_next++];
            if (token.Kind is Kind.Word or Kind.Phrase)
                return new SearchTerm(token.Text, token.Kind == Kind.Phrase, token.Prefix);
            // An opening parenthesis: the only other token that starts an operand once NOTs are read.
            if (++_depth > MaxDepth)
                throw Error(token.Position, $"'(' at position {token.Position} nests parentheses deeper than {MaxDepth}");
            if (Peek is null or { Kind: Kind.Close })
                throw Peek is null
                    ? Error(token.Position, $"'(' at position {token.Position} is never closed")
                    : Error(token.Position, $"the parentheses at position {token.Position} are empty");
            var inner = ParseAny();
            if (Peek is not { Kind: Kind.Close })
                throw Error(token.Position, $"'(' at position {token.Position} is never closed");
            _next++;
            _depth--;
            return inner;
        }
    }
}

/// <summary>What <see cref="SearchQuery.Parse"/> read: a query, or the first mistake, or neither when there is nothing to search for.</summary>
public readonly record struct SearchParseResult(SearchQuery? Query, SearchSyntaxError? Error);

/// <summary>A mistake in a search: where (from 1) and what, as a sentence that starts with what is wrong.</summary>
public sealed record SearchSyntaxError(int Position, string Message);

/// <summary>A node of a parsed search.</summary>
public abstract record SearchNode;

/// <summary>A word, or a phrase (its words in order); with <paramref name="IsPrefix"/>, its last word may go on ("chip*").</summary>
public sealed record SearchTerm(string Text, bool IsPhrase, bool IsPrefix) : SearchNode
{
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (IsPhrase)
            sb.Append('"').Append(Text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        else
            sb.Append(Text);
        return (IsPrefix ? sb.Append('*') : sb).ToString();
    }
}

/// <summary>
/// Every one of <paramref name="Include"/> and none of <paramref name="Exclude"/>. Include is never empty: a search
/// always says what to look for (see <see cref="SearchQuery"/>).
/// </summary>
public sealed record SearchAll(IReadOnlyList<SearchNode> Include, IReadOnlyList<SearchNode> Exclude) : SearchNode
{
    public override string ToString() =>
        $"AND({string.Join(", ", Include.Select(n => n.ToString()).Concat(Exclude.Select(n => $"NOT({n})")))})";
}

/// <summary>Any of <paramref name="Parts"/>.</summary>
public sealed record SearchAny(IReadOnlyList<SearchNode> Parts) : SearchNode
{
    public override string ToString() => $"OR({string.Join(", ", Parts.Select(n => n.ToString()))})";
}
