using AiNewsDashboard.Core.Syndication;

namespace AiNewsDashboard.Core.Queries;

/// <summary>
/// Resolves a <see cref="DashboardFilter"/> to the rows of the current <see cref="ArticleFacts"/> snapshot that match
/// it, in one pass: the date range is a contiguous slice of the date-sorted rows (binary search), every other
/// condition is a table lookup per row, and full text comes from FTS5 as a bit set over rows.
/// </summary>
/// <remarks>
/// Semantics: values within one list are alternatives (any of the providers, topics, categories); different
/// conditions must all hold. A condition excludes articles whose value is unknown (no date, unknown quality, ...).
/// Providers are matched by domain, topics by their case-insensitive key, categories case-insensitively. References
/// are left out unless <see cref="DashboardFilter.IncludeReferences"/>; copies of an earlier article (Syndication) are
/// left out when <see cref="DashboardFilter.CopiesOnce"/>. Text that has no searchable word ("&amp;"), or
/// that can't be read as a search (a syntax error, reported by <see cref="DashboardQuery"/>), does not filter at all.
/// </remarks>
public sealed class ArticleMatcher(ArticleFactsCache factsCache, IFullTextSearch search, SyndicationService syndication)
{
    private volatile CopyRows? _copyRows;

    private const int TextCacheSize = 16;

    // The rows a full-text query matched, per snapshot: a page asks for several charts with the same filter, and a
    // common word can match half the corpus (a few hundred milliseconds to read out of FTS5).
    private readonly Lock _textGate = new();
    private readonly LinkedList<(ArticleFacts Facts, string Match, ulong[] Rows)> _textCache = new();

    public ArticleFactsCache Facts => factsCache;

    /// <summary>The copy groups the answers leave copies out by.</summary>
    public SyndicationService Copies => syndication;

    /// <summary>The snapshot and copy groups every answer is computed from now (loading either on first use).</summary>
    public async Task<DataState> GetStateAsync(CancellationToken ct = default) =>
        new(await factsCache.GetAsync(ct), await syndication.GetAsync(ct));

    internal async Task<ArticleSelection> SelectAsync(DashboardFilter filter, CancellationToken ct) =>
        await SelectAsync(await factsCache.GetAsync(ct), filter, ct);

    internal async Task<ArticleSelection> SelectAsync(ArticleFacts facts, DashboardFilter filter, CancellationToken ct)
    {
        ulong[]? textRows = null;
        if (filter.Search is { } query)
            textRows = await TextRowsAsync(facts, search.ExpressionFor(query), ct);
        var copies = filter.CopiesOnce ? (await CopyRowsAsync(facts, ct)).Copies : null;
        return ArticleSelection.Create(facts, filter, textRows, copies);
    }

    /// <summary>The copy groups over this snapshot, kept while neither changes.</summary>
    internal async Task<CopyRows> CopyRowsAsync(ArticleFacts facts, CancellationToken ct)
    {
        var groups = await syndication.GetAsync(ct);
        if (_copyRows is { } cached && ReferenceEquals(cached.Facts, facts) && ReferenceEquals(cached.Groups, groups))
            return cached;
        var rows = CopyRows.Of(facts, groups);
        _copyRows = rows;
        return rows;
    }

    private async Task<ulong[]> TextRowsAsync(ArticleFacts facts, string match, CancellationToken ct)
    {
        lock (_textGate)
        {
            for (var node = _textCache.First; node is not null; node = node.Next)
            {
                if (ReferenceEquals(node.Value.Facts, facts) && node.Value.Match == match)
                {
                    _textCache.Remove(node);
                    _textCache.AddFirst(node);
                    return node.Value.Rows;
                }
            }
        }
        var rows = new ulong[(facts.Count + 63) / 64];
        await search.ForEachMatchAsync(match, id =>
        {
            // Articles the snapshot doesn't know yet (imported since) are left out until the next snapshot.
            if (facts.RowOf(id) is var row and >= 0)
                rows[row >> 6] |= 1UL << row;
        }, ct);
        lock (_textGate)
        {
            // Entries for other snapshots go: they would keep a replaced snapshot (tens of MB) alive.
            for (var node = _textCache.First; node is not null;)
            {
                var next = node.Next;
                if (!ReferenceEquals(node.Value.Facts, facts))
                    _textCache.Remove(node);
                node = next;
            }
            _textCache.AddFirst((facts, match, rows));
            while (_textCache.Count > TextCacheSize)
                _textCache.RemoveLast();
        }
        return rows;
    }
}

/// <summary>
/// The rows of a snapshot that match a filter, ascending (so newest first). Rents its array from <see cref="RowBuffers"/>:
/// dispose it.
/// </summary>
internal sealed class ArticleSelection : IDisposable
{
    private int[]? _rows;

    private ArticleSelection(ArticleFacts facts, int[] rows, int count)
    {
        Facts = facts;
        _rows = rows;
        Count = count;
    }

    public ArticleFacts Facts { get; }
    public int Count { get; }
    public ReadOnlySpan<int> Rows => _rows.AsSpan(0, Count);

    /// <summary>The first and last day with matching articles; false when none has a date.</summary>
    public bool TryGetDayRange(out int first, out int last)
    {
        var rows = Rows;
        var days = Facts.Days;
        first = last = 0;
        if (Count == 0 || days[rows[0]] == ArticleFacts.UnknownDay)
            return false;
        last = days[rows[0]];
        var i = Count - 1;
        while (days[rows[i]] == ArticleFacts.UnknownDay)
            i--;
        first = days[rows[i]];
        return true;
    }

    /// <summary>The rows matching the filter; <paramref name="textRows"/> (a bit per row) those its search matched, <paramref name="rowsOut"/> those left out whatever else holds.</summary>
    public static ArticleSelection Create(ArticleFacts facts, DashboardFilter filter, ulong[]? textRows, ulong[]? rowsOut = null)
    {
        var (lo, hi) = RowRange(facts, filter.From, filter.To);
        var rows = RowBuffers.Rent(hi - lo);

        var providerAllowed = filter.FiltersProviders
            ? Allowed([.. filter.AllProviders], facts.ProviderIndexByDomain, facts.ProviderTable.Length) ?? new bool[facts.ProviderTable.Length]
            : null;
        var categoryAllowed = Allowed(filter.Categories, facts.CategoryIndexByName, facts.CategoryNames.Length);
        var topicAllowed = Allowed(filter.Topics, facts.TopicIndexByKey, facts.TopicTable.Length);
        var checkQuality = filter.MinQuality is not null || filter.MaxQuality is not null;
        var minQuality = filter.MinQuality ?? 0;
        var maxQuality = filter.MaxQuality ?? 100;
        sbyte published = filter.Published is { } p ? (sbyte)(p ? 1 : 0) : ArticleFacts.UnknownPublished;
        var includeReferences = filter.IncludeReferences;

        var isReference = facts.IsReference;
        var providers = facts.Providers;
        var qualities = facts.Qualities;
        var publishedFlags = facts.Published;
        var offsets = facts.TopicOffsets;
        var topics = facts.TopicIndices;

        var n = 0;
        for (var r = lo; r < hi; r++)
        {
            if (!includeReferences && isReference[r])
                continue;
            if (providerAllowed is not null && (providers[r] < 0 || !providerAllowed[providers[r]]))
                continue;
            if (categoryAllowed is not null && (facts.CategoryOf(r) is var category && (category < 0 || !categoryAllowed[category])))
                continue;
            if (checkQuality && (qualities[r] < 0 || qualities[r] < minQuality || qualities[r] > maxQuality))
                continue;
            if (published >= 0 && publishedFlags[r] != published)
                continue;
            if (textRows is not null && (textRows[r >> 6] & (1UL << r)) == 0)
                continue;
            if (rowsOut is not null && (rowsOut[r >> 6] & (1UL << r)) != 0)
                continue;
            if (topicAllowed is not null)
            {
                var any = false;
                for (var t = offsets[r]; t < offsets[r + 1] && !any; t++)
                    any = topicAllowed[topics[t]];
                if (!any)
                    continue;
            }
            rows[n++] = r;
        }
        return new ArticleSelection(facts, rows, n);
    }

    /// <summary>This selection without the rows for which <paramref name="leaveOut"/> says so (a new selection; dispose both).</summary>
    public ArticleSelection Except(Func<int, bool> leaveOut)
    {
        var rows = RowBuffers.Rent(Count);
        var n = 0;
        foreach (var r in Rows)
            if (!leaveOut(r))
                rows[n++] = r;
        return new ArticleSelection(Facts, rows, n);
    }

    /// <summary>Rows whose day is in [from, to]: a slice, because rows are sorted by date descending (undated last).</summary>
    internal static (int Lo, int Hi) RowRange(ArticleFacts facts, DateOnly? from, DateOnly? to)
    {
        if (from is null && to is null)
            return (0, facts.Count);
        var days = facts.Days.AsSpan(0, facts.DatedCount);
        var lo = to is { } t ? FirstAtOrBefore(days, ArticleFacts.DayOf(t)) : 0;
        var hi = from is { } f ? FirstAtOrBefore(days, ArticleFacts.DayOf(f) - 1) : days.Length;
        return (lo, Math.Max(lo, hi));
    }

    /// <summary>Index of the first row whose day is at or before <paramref name="day"/> (days descending).</summary>
    private static int FirstAtOrBefore(ReadOnlySpan<int> daysDescending, int day)
    {
        int lo = 0, hi = daysDescending.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (daysDescending[mid] > day)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }

    private static bool[]? Allowed(IReadOnlyList<string> values, Dictionary<string, int> index, int size)
    {
        if (values.Count == 0)
            return null;
        var allowed = new bool[size];
        foreach (var v in values)
            if (index.TryGetValue(v.Trim(), out var i))
                allowed[i] = true;
        return allowed;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _rows, null) is { } rows)
            RowBuffers.Return(rows);
    }
}

/// <summary>
/// What every answer is computed from: the query snapshot and the copy groups. Either moves alone: a commit to the
/// articles brings a new snapshot, a pass of copy detection only new groups (its commit touches nothing the snapshot
/// reads). Whatever is kept per snapshot and depends on copies (the story graph and what uses it, the leaderboard's
/// originality, counts with copies once) is kept per state instead, and whatever watches for new data watches this.
/// Two states are equal when they hold the very same snapshot and groups.
/// </summary>
public readonly record struct DataState(ArticleFacts Facts, CopyGroups Copies);
