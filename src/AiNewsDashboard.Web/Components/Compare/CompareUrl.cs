using System.Buffers.Text;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Views;

namespace AiNewsDashboard.Web.Components.Compare;

/// <summary>One query of the comparison as the page edits it: a name, a colour (#rrggbb) and a full filter.</summary>
public sealed record CompareQuerySpec(string Name, string Color, DashboardFilter Filter)
{
    public CompareQuery ToQuery() => new(Name, Filter);
}

/// <summary>
/// A comparison in the URL: one parameter per query, <c>q1</c> to <c>q5</c>, each holding that query's fields as
/// <c>key:value</c> pairs separated by <c>;</c>, lists separated by <c>,</c>:
/// <c>n</c> name, <c>c</c> colour (six hex digits), <c>s</c> search (the filter's <c>q</c>), <c>p</c> providers, <c>t</c> topics,
/// <c>k</c> categories, <c>f</c> from, <c>u</c> to (until), <c>lo</c> and <c>hi</c> quality, <c>pb</c> published, <c>r</c> references, <c>cp</c> copies (once).
/// A name or colour left at its default (Query N, the N-th colour) is left out. Each value is read by
/// <see cref="DashboardQuery.ReadFilter"/>, the one reader of every filter, so a query means what the same filter means on any page.
/// When the readable form would not fit in <see cref="MaxUrlLength"/>, the queries travel deflated in one parameter <c>z</c>
/// (base64url); past even that, the page offers to save the comparison as a view.
/// </summary>
public static class CompareUrl
{
    public const string Path = SavedView.ComparisonPage;

    /// <summary>The longest URL (origin included) the comparison keeps in the address bar: what browsers, proxies and chat tools keep whole.</summary>
    public const int MaxUrlLength = 2000;

    /// <summary>Longest name a query keeps.</summary>
    public const int MaxNameLength = 60;

    /// <summary>The parameter holding the deflated queries.</summary>
    public const string Compressed = "z";

    private const int MaxInflatedLength = 64 * 1024;

    /// <summary>Ends the deflated text, so a link cut short (which may still inflate to a shorter text) is told from a whole one.</summary>
    private const char End = '\n';

    /// <summary>Each query's colour unless chosen: distinct in light and dark mode, and for the common colour blindnesses.</summary>
    public static readonly IReadOnlyList<string> Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"];

    public static string ParameterOf(int index) => $"q{index + 1}";

    public static string DefaultName(int index) => $"Query {index + 1}";

    public static string DefaultColor(int index) => Palette[index % Palette.Count];

    /// <summary>A new query at <paramref name="index"/>: default name and colour.</summary>
    public static CompareQuerySpec New(int index, DashboardFilter filter) => new(DefaultName(index), DefaultColor(index), filter);

    /// <summary>The query string (without '?') of these queries and view parameters: readable when it fits, deflated when not.</summary>
    public static string ToQueryString(IReadOnlyList<CompareQuerySpec> queries, params (string Name, string? Value)[] view)
    {
        var readable = Readable(queries);
        var viewPart = string.Join('&', view.Where(v => v.Value is not null).Select(v => $"{Uri.EscapeDataString(v.Name)}={Uri.EscapeDataString(v.Value!)}"));
        var query = Join(readable, viewPart);
        // A margin for the origin, which the page does not know when it writes a link.
        if (Path.Length + 1 + query.Length + 100 <= MaxUrlLength)
            return query;
        return Join($"{Compressed}={Deflate(readable)}", viewPart);
    }

    /// <summary>The page's URL (path and query) for these queries.</summary>
    public static string For(IReadOnlyList<CompareQuerySpec> queries, params (string Name, string? Value)[] view) =>
        $"{Path}?{ToQueryString(queries, view)}";

    /// <summary>
    /// "Compare with…": a comparison whose first query is <paramref name="filter"/> and whose second, ready to edit, has
    /// only its dates (so both lie on the same axis).
    /// </summary>
    public static IReadOnlyList<CompareQuerySpec> StartingWith(DashboardFilter filter) =>
        [New(0, filter), New(1, new DashboardFilter { From = filter.From, To = filter.To })];

    /// <summary>
    /// The queries with their provider collections resolved to providers (as every page and endpoint reads a filter); a
    /// collection that doesn't exist is named under the query's parameter and left out.
    /// </summary>
    public static async Task<IReadOnlyList<CompareQuerySpec>> ResolveAsync(IReadOnlyList<CompareQuerySpec> specs, FilterReader reader, QueryProblems problems,
        CancellationToken ct)
    {
        var resolved = new List<CompareQuerySpec>(specs.Count);
        for (var i = 0; i < specs.Count; i++)
        {
            var own = new QueryProblems();
            resolved.Add(specs[i] with { Filter = await reader.ResolveAsync(specs[i].Filter, own, ct) });
            foreach (var (field, message) in own.Entries)
                problems.Add(ParameterOf(i), $"{ParameterOf(i)} ({specs[i].Name}), {KeyOf(field)}: {message}");
        }
        return resolved;
    }

    /// <summary>Whether this address (origin included) is short enough to keep the comparison in the URL.</summary>
    public static bool Fits(string absoluteUrl) => absoluteUrl.Length <= MaxUrlLength;

    /// <summary>
    /// The queries of a URL's parameters (<c>q1</c>..<c>q5</c>, or <c>z</c>), as the framework decoded them once. Problems are
    /// named by the query's parameter (<c>q2</c>) and say which field was wrong. Empty parameters are skipped.
    /// </summary>
    public static IReadOnlyList<CompareQuerySpec> Read(Func<string, string?> parameter, QueryProblems problems)
    {
        if (parameter(Compressed) is { Length: > 0 } z)
        {
            if (Inflate(z) is not { } inflated)
            {
                problems.Add(Compressed, $"{Compressed}: the compressed comparison could not be read (the link may have been cut short)");
                return [];
            }
            var values = System.Web.HttpUtility.ParseQueryString(inflated);
            return ReadQueries(name => values[name], problems);
        }
        return ReadQueries(parameter, problems);
    }

    /// <summary>The queries of a raw query string ("a=1&amp;b=2", with or without '?').</summary>
    public static IReadOnlyList<CompareQuerySpec> FromQueryString(string query, QueryProblems problems)
    {
        var values = System.Web.HttpUtility.ParseQueryString(query);
        return Read(name => values[name], problems);
    }

    private static List<CompareQuerySpec> ReadQueries(Func<string, string?> parameter, QueryProblems problems)
    {
        var queries = new List<CompareQuerySpec>();
        for (var i = 0; i < CompareQueries.MaxQueries; i++)
        {
            if (parameter(ParameterOf(i)) is { } value && !string.IsNullOrWhiteSpace(value))
                queries.Add(ReadQuery(i, queries.Count, value, problems));
        }
        if (parameter(ParameterOf(CompareQueries.MaxQueries)) is { Length: > 0 })
            problems.Add(ParameterOf(CompareQueries.MaxQueries), $"{ParameterOf(CompareQueries.MaxQueries)}: a comparison holds at most {CompareQueries.MaxQueries} queries; q6 and later are ignored");
        return queries;
    }

    /// <param name="index">The query's parameter number (from 0): problems name it.</param>
    /// <param name="position">Its place among the queries read: defaults (name, colour) follow it.</param>
    private static CompareQuerySpec ReadQuery(int index, int position, string value, QueryProblems problems)
    {
        var parameter = ParameterOf(index);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in value.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = item.IndexOf(':');
            var key = colon < 0 ? item : item[..colon];
            if (!Keys.Contains(key))
            {
                problems.Add(parameter, $"{parameter}: '{Unescape(key)}' is not a field of a query (expected {string.Join(", ", Keys)})");
                continue;
            }
            fields[key] = colon < 0 ? "" : item[(colon + 1)..];
        }
        string? One(string key) => fields.TryGetValue(key, out var v) ? Unescape(v) : null;
        string[]? Many(string key) => fields.TryGetValue(key, out var v) ? v.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Unescape).ToArray() : null;

        var filterProblems = new QueryProblems();
        var filter = DashboardQuery.ReadFilter(new FilterParameters(One("f"), One("u"), Many("p"), Many("t"), Many("k"), One("s"), One("lo"), One("hi"),
            One("pb"), One("r"), Collection: Many("o"), Copies: One("cp")), filterProblems);
        var name = One("n")?.Trim() is { Length: > 0 } n ? n : DefaultName(position);
        foreach (var (field, message) in filterProblems.Entries)
            problems.Add(parameter, $"{parameter} ({name}), {KeyOf(field)}: {message}");
        if (name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            problems.Add(parameter, $"{parameter}, n: a name is at most {MaxNameLength} characters, without line breaks or control characters");
            name = DefaultName(position);
        }
        var color = DefaultColor(position);
        if (One("c") is { } c)
        {
            if (IsColor(c))
                color = "#" + c.ToLowerInvariant();
            else
                problems.Add(parameter, $"{parameter} ({name}), c: '{c}' is not a colour (expected six hex digits, e.g. 1f77b4)");
        }
        return new CompareQuerySpec(name, color, filter);
    }

    private static readonly string[] Keys = ["n", "c", "s", "o", "p", "t", "k", "f", "u", "lo", "hi", "pb", "r", "cp"];

    /// <summary>The URL field a filter parameter travels in, so a problem names what the link holds.</summary>
    private static string KeyOf(string filterParameter) => filterParameter switch
    {
        "from" => "f", "to" => "u", "provider" => "p", "topic" => "t", "category" => "k", "q" => "s",
        "minQuality" => "lo", "maxQuality" => "hi", "published" => "pb", "references" => "r", "collection" => "o", "copies" => "cp",
        _ => filterParameter,
    };

    private static bool IsColor(string s) => s.Length == 6 && s.All(char.IsAsciiHexDigit);

    private static string Readable(IReadOnlyList<CompareQuerySpec> queries) =>
        string.Join('&', queries.Select((q, i) => $"{ParameterOf(i)}={Outer(Encode(q, i))}"));

    /// <summary>One query's fields, each value escaped so its own ; : , % can't be read as separators.</summary>
    internal static string Encode(CompareQuerySpec query, int index)
    {
        var parts = new List<string>();
        void Add(string key, string? value)
        {
            if (value is not null)
                parts.Add($"{key}:{Inner(value)}");
        }
        void AddMany(string key, IReadOnlyList<string> values)
        {
            if (values.Count > 0)
                parts.Add($"{key}:{string.Join(',', values.Select(Inner))}");
        }
        var f = query.Filter;
        Add("n", query.Name == DefaultName(index) ? null : query.Name);
        Add("c", string.Equals(query.Color, DefaultColor(index), StringComparison.OrdinalIgnoreCase) ? null : query.Color.TrimStart('#'));
        Add("s", f.Text);
        AddMany("o", f.Collections);
        AddMany("p", f.Providers);
        AddMany("t", f.Topics);
        AddMany("k", f.Categories);
        Add("f", f.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("u", f.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("lo", f.MinQuality?.ToString(CultureInfo.InvariantCulture));
        Add("hi", f.MaxQuality?.ToString(CultureInfo.InvariantCulture));
        Add("pb", f.Published is { } p ? (p ? "true" : "false") : null);
        Add("r", f.IncludeReferences ? "include" : null);
        Add("cp", f.CopiesOnce ? "once" : null);
        // An empty query still needs a parameter, or the next ones would move up a place.
        return parts.Count == 0 ? "n:" : string.Join(';', parts);
    }

    private static string Inner(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace(";", "%3B", StringComparison.Ordinal)
             .Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    private static string Unescape(string value) => Uri.UnescapeDataString(value);

    /// <summary>The URL form of a query's value: the separators ; : , stay as they are (legal in a query), everything else is escaped.</summary>
    private static string Outer(string value) =>
        Uri.EscapeDataString(value).Replace("%3B", ";", StringComparison.Ordinal).Replace("%3A", ":", StringComparison.Ordinal)
            .Replace("%2C", ",", StringComparison.Ordinal);

    private static string Deflate(string text)
    {
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
            deflate.Write(Encoding.UTF8.GetBytes(text + End));
        return Base64Url.EncodeToString(buffer.ToArray());
    }

    private static string? Inflate(string z)
    {
        try
        {
            var bytes = Base64Url.DecodeFromChars(z.Trim());
            using var deflate = new DeflateStream(new MemoryStream(bytes), CompressionMode.Decompress);
            var output = new byte[MaxInflatedLength];
            var n = 0;
            int read;
            while (n < output.Length && (read = deflate.Read(output, n, output.Length - n)) > 0)
                n += read;
            if (n == output.Length && deflate.ReadByte() >= 0)
                return null; // far more than five queries need: not a link this page wrote
            var text = Encoding.UTF8.GetString(output, 0, n);
            return text.EndsWith(End) ? text[..^1] : null;
        }
        catch (Exception e) when (e is FormatException or InvalidDataException)
        {
            return null;
        }
    }

    private static string Join(string a, string b) => a.Length == 0 ? b : b.Length == 0 ? a : $"{a}&{b}";
}
