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

    /// <summary>How selections and their tallies cut long passes into parts for the cores (tests cut small snapshots too).</summary>
    internal RowParts Parts { get; set; } = RowParts.Default;

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
        return ArticleSelection.Create(facts, filter, textRows, copies, Parts);
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

    private ArticleSelection(ArticleFacts facts, int[] rows, int count, bool allButReferences = false)
    {
        Facts = facts;
        _rows = rows;
        Count = count;
        AllButReferences = allButReferences;
    }

    public ArticleFacts Facts { get; }

    /// <summary>
    /// Whether the selection holds every row between its first and last but references, so any run of its rows does
    /// too (see <see cref="ArticleFacts.TryGetTopicsOf"/>): the date range was the only condition besides references.
    /// </summary>
    public bool AllButReferences { get; }
    public int Count { get; }
    public ReadOnlySpan<int> Rows => _rows.AsSpan(0, Count);

    /// <summary>The first and last day with matching articles; false when none has a date.</summary>
    public bool TryGetDayRange(out int first, out int last)
    {
        var rows = Rows;
        var days = Facts.Days;
        first = last = 0;
        if (DatedCount == 0)
            return false;
        last = days[rows[0]];
        first = days[rows[DatedCount - 1]];
        return true;
    }

    private int _datedCount = -1;

    /// <summary>How many of the rows have a date: they come first, since rows without one sort last.</summary>
    public int DatedCount
    {
        get
        {
            if (_datedCount < 0)
            {
                var index = Rows.BinarySearch(Facts.DatedCount);
                _datedCount = index >= 0 ? index : ~index;
            }
            return _datedCount;
        }
    }

    /// <summary>
    /// The index of the first dated row whose day is before <paramref name="day"/> (<see cref="DatedCount"/> when none
    /// is): rows are newest first, so the rows on or after a day are a prefix.
    /// </summary>
    public int FirstBefore(int day)
    {
        var rows = Rows;
        var days = Facts.Days;
        int lo = 0, hi = DatedCount;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (days[rows[mid]] >= day)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }

    /// <summary>The rows matching the filter; <paramref name="textRows"/> (a bit per row) those its search matched, <paramref name="rowsOut"/> those left out whatever else holds.</summary>
    /// <remarks>
    /// One pass lists the rows of the date range that the search matched and that are not references (unless asked
    /// for), and each further condition then keeps those of the listed rows that meet it, in place: a loop per condition
    /// that does not branch on the data, so a condition costs about the same whatever it keeps. The topics come last,
    /// since an article has several. Rows stay in ascending order throughout. A long range is cut into
    /// <see cref="RowParts"/>, one per core, each listed and narrowed in its own stretch of the buffer side by side;
    /// the stretches are then moved together, in order.
    /// </remarks>
    /// <param name="parts">How long passes are cut into parts (<see cref="RowParts.Default"/> unless given; tests cut small snapshots).</param>
    public static ArticleSelection Create(ArticleFacts facts, DashboardFilter filter, ulong[]? textRows, ulong[]? rowsOut = null,
        RowParts? parts = null)
    {
        var (lo, hi) = RowRange(facts, filter.From, filter.To);
        var buffer = RowBuffers.Rent(hi - lo);
        var conditions = new Conditions(facts, filter, textRows, rowsOut);
        var plan = parts ?? RowParts.Default;
        var kept = new int[plan.For(hi - lo)];
        plan.Run(hi - lo, (k, start, end) => kept[k] = conditions.Fill(lo + start, lo + end, buffer.AsSpan(start, end - start)));
        // Each part's rows start where its stretch does: move them up behind the parts before.
        var n = kept[0];
        for (var k = 1; k < kept.Length; k++)
        {
            var (start, _) = RowParts.Bounds(hi - lo, kept.Length, k);
            buffer.AsSpan(start, kept[k]).CopyTo(buffer.AsSpan(n));
            n += kept[k];
        }
        var allButReferences = textRows is null && rowsOut is null && !filter.FiltersProviders && filter.Published is null &&
                               filter.Categories.Count == 0 && filter.MinQuality is null && filter.MaxQuality is null && filter.Topics.Count == 0;
        return new ArticleSelection(facts, buffer, n, allButReferences) { Parts = plan };
    }

    /// <summary>How this selection's tallies cut their passes (<see cref="InParts{T}"/>, <see cref="InBucketParts{T}"/>).</summary>
    internal RowParts Parts { get; private init; } = RowParts.Default;

    /// <summary>
    /// Runs <paramref name="tally"/> over the rows in consecutive parts, side by side on the cores for a long selection
    /// (see <see cref="RowParts"/>; one part for a short one), each part into its own state from <paramref name="create"/>.
    /// The states come back in row order, for the caller to add up.
    /// </summary>
    public T[] InParts<T>(Func<T> create, RowsTally<T> tally) =>
        InRanges(create, (start, end, state) => tally(_rows.AsSpan(start, end - start), state));

    /// <summary>
    /// A bit per row of the snapshot, set for this selection's rows: whether a row is selected, at a glance. Made in the
    /// parts of <see cref="InParts{T}"/>; two neighbouring parts may share a word, so those are set atomically.
    /// </summary>
    public ulong[] Bits()
    {
        var bits = new ulong[(Facts.Count + 63) / 64];
        InParts<object?>(() => null, (rows, _) =>
        {
            if (rows.IsEmpty)
                return;
            var (first, last) = (rows[0] >> 6, rows[^1] >> 6);
            foreach (var r in rows)
            {
                if (r >> 6 == first || r >> 6 == last)
                    Interlocked.Or(ref bits[r >> 6], 1UL << r);
                else
                    bits[r >> 6] |= 1UL << r;
            }
        });
        return bits;
    }

    /// <summary>
    /// Runs <paramref name="tally"/> over the buckets of a time axis (their rows between <paramref name="edges"/>, as
    /// <see cref="TimeBuckets.EdgesIn"/> gives them) in the parts of <see cref="InParts{T}"/>: each part gets, bucket by
    /// bucket, the bucket's rows that lie in it, so a dense period is shared between the cores like the rest. A bucket
    /// can thus reach two parts, each with some of its rows; the states come back in row order, for the caller to add up.
    /// </summary>
    public T[] InBucketParts<T>(int[] edges, int buckets, Func<T> create, BucketTally<T> tally) =>
        InRanges(create, (start, end, state) =>
        {
            // Buckets run backwards through the rows: bucket b is [edges[b + 1], edges[b]).
            for (var b = 0; b < buckets; b++)
            {
                var (lo, hi) = (Math.Max(edges[b + 1], start), Math.Min(edges[b], end));
                if (lo < hi)
                    tally(b, _rows.AsSpan(lo, hi - lo), state);
            }
        });

    /// <summary>The parts' ranges of the selection, [start, end), each run with its own state; the states in row order.</summary>
    private T[] InRanges<T>(Func<T> create, Action<int, int, T> body)
    {
        var states = new T[Parts.For(Count)];
        Parts.Run(Count, (k, start, end) =>
        {
            states[k] = create();
            body(start, end, states[k]);
        });
        return states;
    }

    /// <summary>A filter's conditions as lookup tables over one snapshot, made once and applied to any stretch of rows.</summary>
    private sealed class Conditions(ArticleFacts facts, DashboardFilter filter, ulong[]? textRows, ulong[]? rowsOut)
    {
        private readonly bool[]? _providers = filter.FiltersProviders
            ? Allowed([.. filter.AllProviders], facts.ProviderIndexByDomain, facts.ProviderTable.Length) ?? new bool[facts.ProviderTable.Length]
            : null;
        private readonly bool[]? _categories = Allowed(filter.Categories, facts.CategoryIndexByName, facts.CategoryNames.Length);
        private readonly bool[]? _topics = Allowed(filter.Topics, facts.TopicIndexByKey, facts.TopicTable.Length);

        /// <summary>The matching rows of [lo, hi) into <paramref name="rows"/> (at least hi - lo long); how many.</summary>
        public int Fill(int lo, int hi, Span<int> rows)
        {
            var n = textRows is not null
                ? ListMarked(textRows, facts.IsReference, filter.IncludeReferences, lo, hi, rows)
                : filter.IncludeReferences ? ListAll(lo, hi, rows) : ListNotMarked(facts.IsReference, lo, hi, rows);
            if (rowsOut is not null)
                n = KeepUnmarked(rows[..n], rowsOut);
            if (_providers is not null)
                n = KeepProviders(rows[..n], facts.Providers, _providers);
            if (filter.Published is { } published)
                n = KeepEqual(rows[..n], facts.Published, (sbyte)(published ? 1 : 0));
            if (_categories is not null)
                n = KeepCategories(rows[..n], facts.CategoryCodes, _categories);
            if (filter.MinQuality is not null || filter.MaxQuality is not null)
                n = KeepQualities(rows[..n], facts.Qualities, Math.Max(0, filter.MinQuality ?? 0), filter.MaxQuality ?? 100);
            if (_topics is not null)
                n = KeepTopics(rows[..n], facts.TopicOffsets, facts.TopicIndices, _topics);
            return n;
        }
    }

    /// <summary>Rows lo, lo + 1, ..., hi - 1.</summary>
    private static int ListAll(int lo, int hi, Span<int> rows)
    {
        for (var r = lo; r < hi; r++)
            rows[r - lo] = r;
        return hi - lo;
    }

    /// <summary>The rows of [lo, hi) whose flag is false, 64 at a time: a block without a flag set is copied whole.</summary>
    private static int ListNotMarked(bool[] flags, int lo, int hi, Span<int> rows)
    {
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(flags.AsSpan());
        var n = 0;
        for (var start = lo; start < hi; start += 64)
        {
            var length = Math.Min(64, hi - start);
            var block = bytes.Slice(start, length);
            if (length == 64 && !block.ContainsAnyExcept((byte)0))
            {
                for (var i = 0; i < 64; i++)
                    rows[n + i] = start + i;
                n += 64;
                continue;
            }
            for (var i = 0; i < length; i++)
            {
                rows[n] = start + i;
                n += 1 - block[i];
            }
        }
        return n;
    }

    /// <summary>The rows of [lo, hi) whose bit is set, leaving out those flagged as references unless <paramref name="withFlagged"/>.</summary>
    private static int ListMarked(ulong[] bits, bool[] flags, bool withFlagged, int lo, int hi, Span<int> rows)
    {
        var n = 0;
        if (lo >= hi)
            return 0;
        for (int w = lo >> 6, last = (hi - 1) >> 6; w <= last; w++)
        {
            var word = bits[w];
            if (w == lo >> 6)
                word &= ~0UL << (lo & 63);
            if (w == last && (hi & 63) != 0)
                word &= ~0UL >> (64 - (hi & 63));
            while (word != 0)
            {
                var r = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(word);
                word &= word - 1;
                rows[n] = r;
                n += withFlagged || !flags[r] ? 1 : 0;
            }
        }
        return n;
    }

    private static int KeepUnmarked(Span<int> rows, ulong[] bits)
    {
        var n = 0;
        foreach (var r in rows)
        {
            rows[n] = r;
            n += 1 - (int)((bits[r >> 6] >> r) & 1);
        }
        return n;
    }

    /// <param name="allowed">By provider index; a row without a provider (-1) is never kept.</param>
    private static int KeepProviders(Span<int> rows, int[] providers, bool[] allowed)
    {
        // Shifted by one so that "no provider" reads a slot that is always false.
        var keep = new byte[allowed.Length + 1];
        for (var i = 0; i < allowed.Length; i++)
            keep[i + 1] = allowed[i] ? (byte)1 : (byte)0;
        var n = 0;
        foreach (var r in rows)
        {
            rows[n] = r;
            n += keep[providers[r] + 1];
        }
        return n;
    }

    private static int KeepEqual(Span<int> rows, sbyte[] values, sbyte value)
    {
        var n = 0;
        foreach (var r in rows)
        {
            rows[n] = r;
            n += values[r] == value ? 1 : 0;
        }
        return n;
    }

    /// <param name="allowed">By category index; a row without a category (code 0) is never kept.</param>
    private static int KeepCategories(Span<int> rows, ushort[] codes, bool[] allowed)
    {
        var keep = new byte[allowed.Length + 1];
        for (var i = 0; i < allowed.Length; i++)
            keep[ArticleFacts.CategoryCode(i)] = allowed[i] ? (byte)1 : (byte)0;
        var n = 0;
        foreach (var r in rows)
        {
            rows[n] = r;
            n += keep[codes[r]];
        }
        return n;
    }

    /// <summary>Rows whose quality is known and within [min, max] (<paramref name="min"/> at least 0, so unknown, -1, is out).</summary>
    private static int KeepQualities(Span<int> rows, sbyte[] qualities, int min, int max)
    {
        if (max < min)
            return 0;
        var width = (uint)(max - min);
        var n = 0;
        foreach (var r in rows)
        {
            rows[n] = r;
            n += (uint)(qualities[r] - min) <= width ? 1 : 0;
        }
        return n;
    }

    private static int KeepTopics(Span<int> rows, int[] offsets, int[] topics, bool[] allowed)
    {
        var keep = new byte[allowed.Length];
        for (var i = 0; i < allowed.Length; i++)
            keep[i] = allowed[i] ? (byte)1 : (byte)0;
        var n = 0;
        foreach (var r in rows)
        {
            var any = 0;
            for (var t = offsets[r]; t < offsets[r + 1]; t++)
                any |= keep[topics[t]];
            rows[n] = r;
            n += any;
        }
        return n;
    }

    /// <summary>The same rows in a selection of their own (dispose both).</summary>
    public ArticleSelection Copy()
    {
        var rows = RowBuffers.Rent(Count);
        Rows.CopyTo(rows);
        return new ArticleSelection(Facts, rows, Count, AllButReferences) { Parts = Parts };
    }

    /// <summary>This selection without <paramref name="leaveOut"/>, rows of it in ascending order (a new selection; dispose both).</summary>
    public ArticleSelection Without(IReadOnlyList<int> leaveOut)
    {
        var rows = RowBuffers.Rent(Count);
        var from = Rows;
        int n = 0, at = 0;
        foreach (var row in leaveOut)
        {
            var index = from[at..].BinarySearch(row);
            if (index < 0)
                throw new ArgumentException($"Row {row} is not in the selection after the rows before it.", nameof(leaveOut));
            from.Slice(at, index).CopyTo(rows.AsSpan(n));
            n += index;
            at += index + 1;
        }
        from[at..].CopyTo(rows.AsSpan(n));
        n += from.Length - at;
        return new ArticleSelection(Facts, rows, n) { Parts = Parts };
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
