using System.Globalization;
using System.Text;

namespace AiNewsDashboard.Core.Queries;

/// <summary>
/// The one filter every page, chart and API endpoint shares. Its query-string form is the URL state of the dashboard
/// (a copied link reopens the same view) and the API's parameters:
/// <c>from</c>, <c>to</c> (dates, both inclusive, UTC), <c>provider</c> (domain, repeatable), <c>topic</c> (repeatable,
/// case-insensitive), <c>category</c> (repeatable), <c>q</c> (full-text search, see <see cref="SearchQuery"/>), <c>minQuality</c>, <c>maxQuality</c>,
/// <c>published</c> (true/false), <c>references</c> (include/exclude; default exclude). <see cref="DashboardQuery"/> reads it
/// from a URL; <see cref="ToQueryString"/> writes it.
/// </summary>
public sealed record DashboardFilter
{
    public static DashboardFilter All { get; } = new();

    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public IReadOnlyList<string> Providers { get; init; } = [];
    public IReadOnlyList<string> Topics { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];
    /// <summary>The search as written (the <c>q</c> parameter); see <see cref="SearchQuery"/> for its syntax.</summary>
    public string? Text { get; init; }

    /// <summary>
    /// <see cref="Text"/> parsed, or null when there is nothing to search for or its syntax is wrong (which
    /// <see cref="DashboardQuery"/> reports); computed on each use, so a copy made with <c>with</c> never carries a stale one.
    /// </summary>
    public SearchQuery? Search => SearchQuery.Parse(Text).Query;
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

    /// <summary>The filter of a raw query string ("a=1&amp;b=2", with or without '?'), read by <see cref="DashboardQuery.ReadFilter"/>.</summary>
    public static DashboardFilter FromQueryString(string query, QueryProblems? problems = null) =>
        DashboardQuery.ReadFilter(FilterParameters.FromQueryString(query), problems ?? new QueryProblems());

    public override string ToString()
    {
        var sb = new StringBuilder(nameof(DashboardFilter)).Append(" { ").Append(ToQueryString()).Append(" }");
        return sb.ToString();
    }
}
