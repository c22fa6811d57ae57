using System.Collections.Specialized;
using System.Globalization;
using AiNewsDashboard.Core.Queries.Graph;

namespace AiNewsDashboard.Core.Queries;

/// <summary>
/// What was wrong with a request's query parameters, by parameter name. Each message starts with the parameter's name
/// and says what was wrong and where, so it reads on its own in a page's warning as in the API's ProblemDetails.
/// </summary>
public sealed class QueryProblems
{
    private readonly Dictionary<string, List<string>> _byName = new(StringComparer.Ordinal);

    public bool IsEmpty => _byName.Count == 0;

    /// <summary>The parameters with a problem, in the order they were found.</summary>
    public IEnumerable<string> Names => _byName.Keys;

    public IEnumerable<string> Messages => _byName.Values.SelectMany(m => m);

    /// <summary>Every message with the parameter it is about, in the order found.</summary>
    public IEnumerable<(string Name, string Message)> Entries => _byName.SelectMany(p => p.Value.Select(m => (p.Key, m)));

    public void Add(string name, string message)
    {
        if (!_byName.TryGetValue(name, out var messages))
            _byName[name] = messages = [];
        messages.Add(message);
    }

    /// <summary>The <c>errors</c> of a ProblemDetails answer: messages keyed by parameter name.</summary>
    public Dictionary<string, string[]> ToDictionary() => _byName.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
}

/// <summary>
/// The shared filter's query parameters as the URL carries them, before they are read (see <see cref="DashboardFilter"/>).
/// The API binds them with <c>[AsParameters]</c>, the pages with <c>[SupplyParameterFromQuery]</c>; both read them with
/// <see cref="DashboardQuery.ReadFilter"/>.
/// </summary>
public sealed record FilterParameters(
    string? From = null, string? To = null, IReadOnlyList<string>? Provider = null, IReadOnlyList<string>? Topic = null,
    IReadOnlyList<string>? Category = null, string? Q = null, string? MinQuality = null, string? MaxQuality = null,
    string? Published = null, string? References = null, string? Range = null, IReadOnlyList<string>? Collection = null, string? Copies = null)
{
    /// <summary>
    /// From a raw query string ("a=1&amp;b=2", with or without '?'), for components that are not pages (the filter bar, the
    /// layout). A parameter given twice reads as its values joined by commas, as the API and the pages bind it.
    /// </summary>
    public static FilterParameters FromQueryString(string query)
    {
        var values = System.Web.HttpUtility.ParseQueryString(query);
        return new(values["from"], values["to"], Many(values, "provider"), Many(values, "topic"), Many(values, "category"), values["q"],
            values["minQuality"], values["maxQuality"], values["published"], values["references"], values["range"], Many(values, "collection"),
            values["copies"]);
    }

    private static string[] Many(NameValueCollection values, string name) => values.GetValues(name) ?? [];
}

/// <summary>
/// The article list's own parameters: <c>page</c>, <c>pageSize</c>, <c>sort</c>, <c>dir</c>, and <c>after</c> (a cursor a
/// page sorted by title gave out: the page that follows it, instead of a page number).
/// </summary>
public sealed record ArticleListParameters(string? Page = null, string? PageSize = null, string? Sort = null, string? Dir = null, string? After = null);

/// <summary>
/// The timeline's own parameters: <c>granularity</c> (automatic when absent), <c>stack</c>, <c>view</c> (bars, line or
/// share; bars when absent) and <c>scale</c> (linear or log; linear when absent).
/// </summary>
public sealed record TimelineParameters(string? Granularity = null, string? Stack = null, string? View = null, string? Scale = null);

/// <summary>
/// The graph's own parameters: <c>focus</c>, <c>hops</c>, <c>expand</c> (ids, comma-separated or repeated), <c>cluster</c>,
/// <c>limit</c>, <c>stories</c> (how many top stories, or <c>all</c>).
/// </summary>
public sealed record GraphParameters(string? Focus = null, string? Hops = null, IReadOnlyList<string>? Expand = null, string? Cluster = null,
    string? Limit = null, string? Stories = null);

/// <summary>A page of the article list, read from <see cref="ArticleListParameters"/>.</summary>
public sealed record ArticleListRequest(ArticleSort Sort, int Page, int PageSize)
{
    /// <summary>Where the page starts (sorted by title only); null: at <see cref="Page"/>.</summary>
    public TitleCursor? After { get; init; }

    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public int Skip => (int)Math.Min((Page - 1L) * PageSize, int.MaxValue);

    /// <summary>
    /// The query parameters that name this page of the list, as <see cref="DashboardQuery.ReadArticleList"/> reads them;
    /// one at its default (newest first, the first page, <see cref="DefaultPageSize"/> rows) has no value.
    /// </summary>
    public (string Name, string? Value)[] ToParameters() =>
    [
        ("sort", Sort.Key == ArticleSortKey.Date ? null : Sort.Key.ToString().ToLowerInvariant()),
        ("dir", Sort.Ascending ? "asc" : null),
        ("page", Page > 1 ? Page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null),
        ("pageSize", PageSize != DefaultPageSize ? PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture) : null),
    ];
}

/// <summary>The timeline's view, read from <see cref="TimelineParameters"/>.</summary>
public sealed record TimelineRequest(TimeGranularity? Granularity, TimelineStack Stack, TimelineView View = TimelineView.Bars,
    TimelineScale Scale = TimelineScale.Linear);

/// <summary>How a timeline is drawn.</summary>
public enum TimelineView
{
    /// <summary>Articles per period as bars (stacked when split).</summary>
    Bars,
    /// <summary>Articles per period as a line (one per series when split).</summary>
    Line,
    /// <summary>
    /// Each period's matching articles as a share of all its articles (see <see cref="TimelineQueries.ShareBasisOf"/>), as
    /// bars: a search or a provider shows how much of the period's news it is, not how much news there was.
    /// </summary>
    Share,
}

/// <summary>The count axis of a timeline: linear, or logarithmic so thin years stay visible beside one dense spring.</summary>
public enum TimelineScale
{
    Linear,
    Log,
}

/// <summary>
/// The one reader of the dashboard's query parameters, for the API, the pages and the graph alike, so the same URL gets
/// the same verdict everywhere. A value it can't read is reported in <see cref="QueryProblems"/> under its parameter's
/// name and left at its default, never guessed at: "1" is not an enum value, " 5 " is 5, an empty value is no value.
/// </summary>
public static class DashboardQuery
{
    public static DashboardFilter ReadFilter(FilterParameters p, QueryProblems problems)
    {
        var filter = new DashboardFilter
        {
            From = Date(p.From, "from", problems),
            To = Date(p.To, "to", problems),
            Providers = Many(p.Provider, lower: true),
            Topics = Many(p.Topic, lower: false),
            Categories = Many(p.Category, lower: true),
            Text = Text(p.Q, "q", problems),
            MinQuality = Int(p.MinQuality, "minQuality", 0, 100, problems, "a quality between 0 and 100"),
            MaxQuality = Int(p.MaxQuality, "maxQuality", 0, 100, problems, "a quality between 0 and 100"),
            Published = Choice(p.Published, "published", "true", "false", problems),
            IncludeReferences = Choice(p.References, "references", "include", "exclude", problems) ?? false,
            Collections = Many(p.Collection, lower: false),
            CopiesOnce = Choice(p.Copies, "copies", "once", "each", problems) ?? false,
        };
        if (Enum<RelativeRange>(p.Range, "range", problems) is { } range)
        {
            if (filter.From is not null || filter.To is not null)
                problems.Add("range", $"range: {RelativeRanges.Name(range)} can't be combined with from or to; give either a range or dates");
            else
                filter = filter with { Range = range };
        }
        if (filter is { From: { } f, To: { } t } && f > t)
        {
            problems.Add("from", $"from: {f:yyyy-MM-dd} is after to: {t:yyyy-MM-dd}");
            filter = filter with { From = null, To = null };
        }
        if (filter is { MinQuality: { } lo, MaxQuality: { } hi } && lo > hi)
        {
            problems.Add("minQuality", $"minQuality: {lo} is above maxQuality: {hi}");
            filter = filter with { MinQuality = null, MaxQuality = null };
        }
        return filter;
    }

    public static ArticleListRequest ReadArticleList(ArticleListParameters p, QueryProblems problems)
    {
        var key = Enum<ArticleSortKey>(p.Sort, "sort", problems) ?? ArticleSortKey.Date;
        var ascending = One(p.Dir) switch
        {
            null or "desc" => false,
            "asc" => true,
            var s => Problem(problems, "dir", $"dir: '{s}' is not asc or desc", false),
        };
        var page = Int(p.Page, "page", 1, int.MaxValue, problems) ?? 1;
        TitleCursor? after = null;
        if (One(p.After) is { } text)
        {
            if (key != ArticleSortKey.Title)
                problems.Add("after", "after: a cursor continues a list sorted by title only (sort=title)");
            else if (page != 1)
                problems.Add("after", "after: give either a cursor or a page number, not both");
            else if (TitleCursor.TryDecode(text, out var cursor))
                after = cursor;
            else
                problems.Add("after", "after: not a cursor this API gave out (use the 'next' of a page sorted by title)");
        }
        return new ArticleListRequest(new ArticleSort(key, ascending), page,
            Int(p.PageSize, "pageSize", 1, ArticleListRequest.MaxPageSize, problems) ?? ArticleListRequest.DefaultPageSize) { After = after };
    }

    /// <summary>
    /// The leaderboard's page, order and name search. Without <c>dir</c> a column sorts its natural way (names A to Z,
    /// numbers highest first); the search is free text like <c>q</c>, at most <see cref="ProviderListRequest.MaxSearchLength"/> characters.
    /// </summary>
    public static ProviderListRequest ReadProviderList(ProviderListParameters p, QueryProblems problems)
    {
        var key = Enum<ProviderSortKey>(p.Sort, "sort", problems) ?? ProviderSortKey.Score;
        var ascending = One(p.Dir) switch
        {
            null => ProviderListRequest.AscendingByDefault(key),
            "desc" => false,
            "asc" => true,
            var s => Problem(problems, "dir", $"dir: '{s}' is not asc or desc", ProviderListRequest.AscendingByDefault(key)),
        };
        var search = Text(p.Search, "search", problems);
        if (search is { Length: > ProviderListRequest.MaxSearchLength })
        {
            problems.Add("search", $"search: {search.Length} characters is more than the {ProviderListRequest.MaxSearchLength} allowed");
            search = null;
        }
        return new ProviderListRequest(new ProviderSort(key, ascending),
            Int(p.Page, "page", 1, int.MaxValue, problems) ?? 1,
            Int(p.PageSize, "pageSize", 1, ProviderListRequest.MaxPageSize, problems) ?? ProviderListRequest.DefaultPageSize,
            search);
    }

    /// <summary>A share is drawn on a linear axis: <c>scale=log</c> with <c>view=share</c> is reported and read as linear.</summary>
    public static TimelineRequest ReadTimeline(TimelineParameters p, QueryProblems problems)
    {
        var view = Enum<TimelineView>(p.View, "view", problems) ?? TimelineView.Bars;
        var scale = Enum<TimelineScale>(p.Scale, "scale", problems) ?? TimelineScale.Linear;
        if (view == TimelineView.Share && scale == TimelineScale.Log)
            scale = Problem(problems, "scale", "scale: log does not apply to view=share (shares are drawn on a linear scale)", TimelineScale.Linear);
        return new(Enum<TimeGranularity>(p.Granularity, "granularity", problems), Enum<TimelineStack>(p.Stack, "stack", problems) ?? TimelineStack.None,
            view, scale);
    }

    public static GraphRequest ReadGraph(GraphParameters p, int defaultLimit, QueryProblems problems)
    {
        var expand = new List<int>();
        foreach (var part in (p.Expand ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (int.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                if (!expand.Contains(id))
                    expand.Add(id);
            }
            else
                problems.Add("expand", $"expand: '{part}' is not an article id");
        }
        if (expand.Count > GraphRequest.MaxExpand)
        {
            problems.Add("expand", $"expand: {expand.Count} articles is more than the {GraphRequest.MaxExpand} that can be expanded at once");
            expand.RemoveRange(GraphRequest.MaxExpand, expand.Count - GraphRequest.MaxExpand);
        }
        return new GraphRequest
        {
            Focus = Int(p.Focus, "focus", 1, int.MaxValue, problems),
            Hops = Int(p.Hops, "hops", 0, GraphRequest.MaxHops, problems) ?? 1,
            Expand = expand,
            Cluster = Int(p.Cluster, "cluster", 1, int.MaxValue, problems),
            Limit = Int(p.Limit, "limit", 1, GraphQueries.MaxLimit, problems) ?? defaultLimit,
            Stories = string.Equals(p.Stories?.Trim(), "all", StringComparison.OrdinalIgnoreCase) ? null
                : Int(p.Stories, "stories", 1, GraphRequest.MaxStories, problems, "a number of stories or 'all'"),
        };
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, or null when absent or unreadable.</summary>
    public static int? Int(string? value, string name, int min, int max, QueryProblems problems, string? expected = null)
    {
        if (One(value) is not { } s)
            return null;
        if (int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
            return n;
        problems.Add(name, $"{name}: '{s}' is not {expected ?? $"a whole number from {min} to {max}"}");
        return null;
    }

    /// <summary>One of <typeparamref name="T"/>'s names, any case; its number is not one of its names.</summary>
    public static T? Enum<T>(string? value, string name, QueryProblems problems) where T : struct, Enum
    {
        if (One(value) is not { } s)
            return null;
        if (System.Enum.GetNames<T>().FirstOrDefault(n => n.Equals(s, StringComparison.OrdinalIgnoreCase)) is { } match)
            return System.Enum.Parse<T>(match);
        problems.Add(name, $"{name}: '{s}' is not one of {string.Join(", ", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}");
        return null;
    }

    /// <summary>A value the URL carries, or null when it carries none (absent, empty or only spaces).</summary>
    private static string? One(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static IReadOnlyList<string> Many(IReadOnlyList<string>? values, bool lower) => (values ?? [])
        .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        .Select(v => lower ? v.ToLowerInvariant() : v)
        .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToArray();

    private static DateOnly? Date(string? value, string name, QueryProblems problems)
    {
        if (One(value) is not { } s)
            return null;
        if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return d;
        problems.Add(name, $"{name}: '{s}' is not a date (expected YYYY-MM-DD)");
        return null;
    }

    /// <summary>
    /// The search, read by <see cref="SearchQuery"/>: a mistake in its syntax is named with its position (from 1) in the
    /// value as sent. The text is kept as written even then, so the search box and the link keep what the analyst typed
    /// to correct it; <see cref="DashboardFilter.Search"/> is null for it, so it filters nothing, as the warning says.
    /// Only a control character (NUL, a tab, a line break...), which can't be typed into the box, is dropped.
    /// </summary>
    private static string? Text(string? value, string name, QueryProblems problems)
    {
        if (SearchQuery.Parse(value).Error is { } error)
        {
            problems.Add(name, $"{name}: {error.Message}");
            if (value!.Any(char.IsControl))
                return null;
        }
        return One(value);
    }

    private static bool? Choice(string? value, string name, string yes, string no, QueryProblems problems) => One(value) switch
    {
        null => null,
        var s when s.Equals(yes, StringComparison.OrdinalIgnoreCase) => true,
        var s when s.Equals(no, StringComparison.OrdinalIgnoreCase) => false,
        var s => Problem<bool?>(problems, name, $"{name}: '{s}' is not {yes} or {no}", null),
    };

    private static T Problem<T>(QueryProblems problems, string name, string message, T fallback)
    {
        problems.Add(name, message);
        return fallback;
    }
}
