using System.Globalization;
using System.Text;

namespace AiNewsDashboard.Core.Queries;

/// <summary>
/// The one filter every page, chart and API endpoint shares. Its query-string form is the URL state of the dashboard
/// (a copied link reopens the same view) and the API's parameters:
/// <c>from</c>, <c>to</c> (dates, both inclusive, UTC), <c>provider</c> (domain, repeatable), <c>topic</c> (repeatable,
/// case-insensitive), <c>category</c> (repeatable), <c>q</c> (full-text search, see <see cref="SearchQuery"/>), <c>minQuality</c>, <c>maxQuality</c>,
/// <c>published</c> (true/false), <c>references</c> (include/exclude; default exclude), <c>range</c> (a relative range such as
/// last30d, kept relative so a saved link rolls forward; see <see cref="RelativeRange"/>), <c>collection</c> (a provider
/// collection's name, repeatable: its providers join <c>provider</c>'s), <c>copies</c> (once/each; default each: see <see cref="CopiesOnce"/>). <see cref="DashboardQuery"/> reads it
/// from a URL; <see cref="ToQueryString"/> writes it.
/// </summary>
public sealed record DashboardFilter
{
    public static DashboardFilter All { get; } = new();

    private readonly DateOnly? _from, _to;

    /// <summary>First day. Setting it (or <see cref="To"/>) makes the range absolute: <see cref="Range"/> is cleared.</summary>
    public DateOnly? From { get => _from; init { _from = value; Range = null; } }

    public DateOnly? To { get => _to; init { _to = value; Range = null; } }

    /// <summary>
    /// A relative range, written to the URL instead of the dates so a kept link rolls forward. <see cref="FilterReader"/>
    /// resolves it to <see cref="From"/> and <see cref="To"/> when a request is read; set it after them (<see cref="WithRange"/>).
    /// </summary>
    public RelativeRange? Range { get; init; }

    public IReadOnlyList<string> Providers { get; init; } = [];

    /// <summary>Provider collections by name, as the URL carries them; their members are <see cref="CollectionProviders"/>.</summary>
    public IReadOnlyList<string> Collections { get; init; } = [];

    /// <summary>
    /// The domains of <see cref="Collections"/>, filled in by <see cref="FilterReader"/> (never written to the URL). The
    /// provider condition is <see cref="Providers"/> and these together.
    /// </summary>
    public IReadOnlyList<string> CollectionProviders { get; init; } = [];

    /// <summary>Whether providers are filtered at all: by name or by a collection (even an empty one, which matches nothing).</summary>
    public bool FiltersProviders => Providers.Count > 0 || Collections.Count > 0;

    /// <summary>The providers the filter lets through: <see cref="Providers"/> and the collections' members.</summary>
    public IEnumerable<string> AllProviders => Providers.Concat(CollectionProviders);

    /// <summary>This filter for the given providers only (collections set aside), e.g. one provider's drill-down.</summary>
    public DashboardFilter WithProvidersOnly(params IReadOnlyList<string> providers) =>
        this with { Providers = providers, Collections = [], CollectionProviders = [] };

    /// <summary>This filter with a relative range, resolved against <paramref name="anchor"/> (<see cref="RelativeRanges.Anchor"/>).</summary>
    public DashboardFilter WithRange(RelativeRange range, DateOnly anchor)
    {
        var (from, to) = RelativeRanges.Resolve(range, anchor);
        return this with { From = from, To = to, Range = range };
    }
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

    /// <summary>
    /// Count a text published several times once: articles that are copies of an earlier article (Syndication) are left
    /// out, their first publisher stays. Off by default: counts count articles.
    /// </summary>
    public bool CopiesOnce { get; init; }

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
        other is not null && From == other.From && To == other.To && Range == other.Range && Text == other.Text && MinQuality == other.MinQuality &&
        MaxQuality == other.MaxQuality && Published == other.Published && IncludeReferences == other.IncludeReferences && CopiesOnce == other.CopiesOnce &&
        Providers.SequenceEqual(other.Providers) && Topics.SequenceEqual(other.Topics) && Categories.SequenceEqual(other.Categories) &&
        Collections.SequenceEqual(other.Collections) && CollectionProviders.SequenceEqual(other.CollectionProviders);

    public override int GetHashCode() => HashCode.Combine(From, To, Text, MinQuality, MaxQuality, Published, IncludeReferences,
        HashCode.Combine(Providers.Count, Topics.Count, Categories.Count, Collections.Count, Range, CopiesOnce));

    /// <summary>The query-string form (without '?'), parameters in a fixed order, defaults left out.</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (value is not null)
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
        }
        if (Range is { } range)
            Add("range", RelativeRanges.Name(range));
        else
        {
            Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        foreach (var p in Providers) Add("provider", p);
        foreach (var c in Collections) Add("collection", c);
        foreach (var t in Topics) Add("topic", t);
        foreach (var c in Categories) Add("category", c);
        Add("q", Text);
        Add("minQuality", MinQuality?.ToString(CultureInfo.InvariantCulture));
        Add("maxQuality", MaxQuality?.ToString(CultureInfo.InvariantCulture));
        Add("published", Published is { } b ? (b ? "true" : "false") : null);
        Add("references", IncludeReferences ? "include" : null);
        Add("copies", CopiesOnce ? "once" : null);
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
