using System.Globalization;
using System.Text;

namespace AiNewsDashboard.Core.Queries;

/// <summary>
/// The one filter every page, chart and API endpoint shares. Its query-string form is the URL state of the dashboard
/// (a copied link reopens the same view) and the API's parameters:
/// <c>from</c>, <c>to</c> (dates, both inclusive, UTC), <c>provider</c> (domain, repeatable), <c>topic</c> (repeatable,
/// case-insensitive), <c>category</c> (repeatable), <c>q</c> (full text), <c>minQuality</c>, <c>maxQuality</c>,
/// <c>published</c> (true/false), <c>references</c> (include/exclude; default exclude).
/// </summary>
public sealed record DashboardFilter
{
    public static DashboardFilter All { get; } = new();

    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public IReadOnlyList<string> Providers { get; init; } = [];
    public IReadOnlyList<string> Topics { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];
    public string? Text { get; init; }
    public int? MinQuality { get; init; }
    public int? MaxQuality { get; init; }
    public bool? Published { get; init; }
    public bool IncludeReferences { get; init; }

    public bool IsEmpty => this == All;

    /// <summary>Start of the range as a UTC instant (inclusive), or null for "since the beginning".</summary>
    public DateTime? FromUtc => From?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>End of the range as an exclusive UTC instant (the day after <see cref="To"/>), or null.</summary>
    public DateTime? ToUtcExclusive => To?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>The period of equal length just before this one (for "change against the previous period").</summary>
    public DashboardFilter? PreviousPeriod()
    {
        if (From is not { } from || To is not { } to)
            return null;
        var days = to.DayNumber - from.DayNumber + 1;
        return this with { From = from.AddDays(-days), To = from.AddDays(-1) };
    }

    // Equality over the lists' contents, so two filters built from the same URL are equal.
    public bool Equals(DashboardFilter? other) =>
        other is not null && From == other.From && To == other.To && Text == other.Text && MinQuality == other.MinQuality &&
        MaxQuality == other.MaxQuality && Published == other.Published && IncludeReferences == other.IncludeReferences &&
        Providers.SequenceEqual(other.Providers) && Topics.SequenceEqual(other.Topics) && Categories.SequenceEqual(other.Categories);

    public override int GetHashCode() => HashCode.Combine(From, To, Text, MinQuality, MaxQuality, Published, IncludeReferences,
        HashCode.Combine(Providers.Count, Topics.Count, Categories.Count));

    /// <summary>
    /// Reads a filter from query-string values. Anything malformed is reported in <paramref name="errors"/> with the
    /// parameter name and ignored, never guessed at.
    /// </summary>
    public static DashboardFilter Parse(Func<string, IReadOnlyList<string>> values, List<string>? errors = null)
    {
        string? One(string name) => values(name) is { Count: > 0 } v && !string.IsNullOrWhiteSpace(v[^1]) ? v[^1].Trim() : null;
        IReadOnlyList<string> Many(string name, bool lower) => values(name)
            .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(v => lower ? v.ToLowerInvariant() : v)
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToArray();

        DateOnly? Date(string name)
        {
            if (One(name) is not { } s)
                return null;
            if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                return d;
            errors?.Add($"{name}: '{s}' is not a date (expected YYYY-MM-DD)");
            return null;
        }

        int? Quality(string name)
        {
            if (One(name) is not { } s)
                return null;
            if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var q) && q is >= 0 and <= 100)
                return q;
            errors?.Add($"{name}: '{s}' is not a quality between 0 and 100");
            return null;
        }

        bool? published = One("published") switch
        {
            null => null,
            var s when s.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
            var s when s.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
            var s => Error<bool?>($"published: '{s}' is not true or false"),
        };
        var references = One("references") switch
        {
            null => false,
            var s when s.Equals("include", StringComparison.OrdinalIgnoreCase) => true,
            var s when s.Equals("exclude", StringComparison.OrdinalIgnoreCase) => false,
            var s => Error<bool>($"references: '{s}' is not include or exclude"),
        };

        var filter = new DashboardFilter
        {
            From = Date("from"),
            To = Date("to"),
            Providers = Many("provider", lower: true),
            Topics = Many("topic", lower: false),
            Categories = Many("category", lower: true),
            Text = One("q"),
            MinQuality = Quality("minQuality"),
            MaxQuality = Quality("maxQuality"),
            Published = published,
            IncludeReferences = references,
        };
        if (filter is { From: { } f, To: { } t } && f > t)
        {
            errors?.Add($"from: {f:yyyy-MM-dd} is after to: {t:yyyy-MM-dd}");
            filter = filter with { From = null, To = null };
        }
        if (filter is { MinQuality: { } lo, MaxQuality: { } hi } && lo > hi)
        {
            errors?.Add($"minQuality: {lo} is above maxQuality: {hi}");
            filter = filter with { MinQuality = null, MaxQuality = null };
        }
        return filter;

        T Error<T>(string message)
        {
            errors?.Add(message);
            return default!;
        }
    }

    /// <summary>The query-string form (without '?'), parameters in a fixed order, defaults left out.</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (value is not null)
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
        }
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        foreach (var p in Providers) Add("provider", p);
        foreach (var t in Topics) Add("topic", t);
        foreach (var c in Categories) Add("category", c);
        Add("q", Text);
        Add("minQuality", MinQuality?.ToString(CultureInfo.InvariantCulture));
        Add("maxQuality", MaxQuality?.ToString(CultureInfo.InvariantCulture));
        Add("published", Published is { } b ? (b ? "true" : "false") : null);
        Add("references", IncludeReferences ? "include" : null);
        return string.Join('&', parts);
    }

    /// <summary>Parses a raw query string ("a=1&amp;b=2", with or without '?').</summary>
    public static DashboardFilter FromQueryString(string query, List<string>? errors = null)
    {
        var map = QueryValues(query);
        return Parse(name => map.TryGetValue(name, out var v) ? v : [], errors);
    }

    /// <summary>Every parameter of a raw query string with its values in order (names case-insensitive, '+' as space).</summary>
    public static Dictionary<string, List<string>> QueryValues(string query)
    {
        var map = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            var key = Uri.UnescapeDataString((eq < 0 ? pair : pair[..eq]).Replace('+', ' '));
            var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            if (!map.TryGetValue(key, out var list))
                map[key] = list = [];
            list.Add(value);
        }
        return map;
    }

    public override string ToString()
    {
        var sb = new StringBuilder(nameof(DashboardFilter)).Append(" { ").Append(ToQueryString()).Append(" }");
        return sb.ToString();
    }
}
