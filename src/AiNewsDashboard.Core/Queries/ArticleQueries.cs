using System.Runtime.CompilerServices;
using AiNewsDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Queries;

public enum ArticleSortKey
{
    Date,
    Quality,
    Heat,
    Title,
    Provider,
}

/// <summary>
/// How the article list is ordered; the default is newest first. Unknown values (no date, quality, heat, title or
/// provider) come last in both directions. Ties are broken by article id in the same direction, so paging is stable and
/// ascending order is descending order reversed (unknowns aside). Titles compare case-insensitively (upper-cased, then by
/// code point: <see cref="Data.TitleKeys"/>), providers by name.
/// </summary>
public readonly record struct ArticleSort(ArticleSortKey Key, bool Ascending = false);

/// <summary>
/// One page of the article list: <paramref name="Total"/> rows, <paramref name="Items"/> from <paramref name="Skip"/>.
/// <paramref name="CollapsedCopies"/> matching articles are not rows of their own: they are copies of an article in the
/// list (Syndication), which shows them as "+N copies".
/// </summary>
public sealed record ArticlePage(int Total, int Skip, int Take, IReadOnlyList<ArticleListItem> Items, int CollapsedCopies = 0)
{
    /// <summary>Sorted by title: where the next page starts (<see cref="TitleCursor"/>); null after the last page and for other sorts.</summary>
    public TitleCursor? Next { get; init; }
}

/// <summary>An article as the list and the CSV export show it. Dates are UTC; topics in the article's own order.</summary>
public sealed record ArticleListItem(int Id, string Url, string? Title, string? ProviderDomain, string? ProviderName, DateTime? PublishedAt,
    string? Category, int? Quality, int? Heat, bool? Published, IReadOnlyList<string> Topics, bool IsReference)
{
    /// <summary>Matching copies of this article folded into its row (the list's "+N copies"); 0 in exports, which list every article.</summary>
    public int Copies { get; init; }
}

/// <summary>Everything stored about one article.</summary>
public sealed record ArticleDetail(int Id, string Url, string? WebUrl, string? OriginalUrl, string? AmpWebUrl, string? CdnAmpWebUrl,
    string? Title, string? Excerpt, string? Category, string? Type, DateTime? PublishedAt, int? Quality, int? Heat, bool? Published,
    string? Secured, string? ExtraJson, string? ProviderDomain, string? ProviderName, bool IsReference, bool IsDemo, string? ContentHash,
    string? SourcePath, DateTime ImportedAt, DateTime UpdatedAt, IReadOnlyList<string> Topics, IReadOnlyList<string> Urls,
    IReadOnlyList<ArticleDetailImage> Images, IReadOnlyList<ArticleDetailLink> Related);

public sealed record ArticleDetailImage(string? Url, int? Width, int? Height, bool? IsCached);

/// <summary>One entry of the article's related list, as its file stated it; <paramref name="TargetArticleId"/> when the URL is a known article.</summary>
public sealed record ArticleDetailLink(int Position, int? TargetArticleId, string? Title, string? Excerpt, DateTime? PublishedAt, string? WebUrl,
    string? AmpWebUrl, string? CdnAmpWebUrl, string? Type, string? ProviderName, string? ProviderDomain, int? Quality, string? ImagesJson, string? ExtraJson);

/// <summary>
/// The article list: which articles come from the snapshot, and so does their order (a partial sort, never a full sort
/// of a million rows for one page), except by title, whose order comes from the store's index (<see cref="TitleOrder"/>);
/// what they say comes from the store, for just the rows shown.
/// </summary>
public sealed class ArticleQueries(ArticleMatcher matcher, IFullTextSearch search, IDbContextFactory<NewsDbContext> dbFactory)
{
    public const int MaxTake = 1000;
    private const int StreamChunk = 500;
    private readonly TitleOrder _titles = new(dbFactory);

    public Task<ArticlePage> GetPageAsync(DashboardFilter filter, ArticleSort sort = default, int skip = 0, int take = 50, CancellationToken ct = default) =>
        GetPageAsync(filter, sort, after: null, skip, take, ct);

    /// <summary>
    /// Rows [skip, skip + take) of the list, counted from the start or, sorted by title, from just after
    /// <paramref name="after"/> (a previous page's <see cref="ArticlePage.Next"/>).
    /// </summary>
    public async Task<ArticlePage> GetPageAsync(DashboardFilter filter, ArticleSort sort, TitleCursor? after, int skip, int take, CancellationToken ct = default)
    {
        if (after is not null && sort.Key != ArticleSortKey.Title)
            throw new ArgumentException("A cursor continues a list sorted by title only.", nameof(after));
        skip = Math.Max(0, skip);
        take = Math.Clamp(take, 0, MaxTake);
        int total, collapsed;
        int[] ids;
        TitleCursor? next = null;
        ArticleFacts facts;
        Dictionary<int, int> copiesOfRow;
        using (var matching = await matcher.SelectAsync(filter, ct))
        {
            facts = matching.Facts;
            (var selection, copiesOfRow) = await CollapseCopiesAsync(matching, ct);
            using (selection)
            {
                total = selection.Count;
                collapsed = matching.Count - selection.Count;
                if (sort.Key == ArticleSortKey.Title)
                    (ids, next) = await _titles.PageAsync(selection, sort.Ascending, after, skip, take, ct);
                else
                    ids = ArticleOrder.Page(selection, sort, skip, take);
            }
        }
        var items = await LoadItemsAsync(facts, ids, ct);
        if (copiesOfRow.Count > 0)
            items = items.Select(i => copiesOfRow.GetValueOrDefault(facts.RowOf(i.Id)) is var n and > 0 ? i with { Copies = n } : i).ToList();
        return new ArticlePage(total, skip, take, items, collapsed) { Next = next };
    }

    /// <summary>
    /// The list's rows: a copy whose first publisher is in the selection folds into that row (which counts it); a copy
    /// whose first publisher isn't stays a row of its own.
    /// </summary>
    private async Task<(ArticleSelection Rows, Dictionary<int, int> CopiesOfRow)> CollapseCopiesAsync(ArticleSelection selection, CancellationToken ct)
    {
        var copies = await matcher.CopyRowsAsync(selection.Facts, ct);
        var counts = new Dictionary<int, int>();
        if (copies.Groups.CopyCount == 0)
            return (selection.Copy(), counts);
        // The selection's copies whose first publisher is selected too, found a part per core for a long selection;
        // the copies fold in row order.
        var selected = selection.Bits();
        var found = selection.InParts(() => new List<(int Row, int First)>(), (rows, list) =>
        {
            foreach (var r in rows)
                if (copies.IsCopy(r) && copies.FirstRowOf(r) is var first and >= 0 && (selected[first >> 6] & (1UL << first)) != 0)
                    list.Add((r, first));
        });
        var folded = new List<int>();
        foreach (var part in found)
        {
            foreach (var (r, first) in part)
            {
                counts[first] = counts.GetValueOrDefault(first) + 1;
                folded.Add(r);
            }
        }
        return (selection.Without(folded), counts);
    }

    /// <summary>
    /// Where the filter's search matched each of these articles (a page of the list), by id; empty when the filter has
    /// no search.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, SearchHighlight>> HighlightAsync(DashboardFilter filter, IReadOnlyCollection<int> ids,
        CancellationToken ct = default) =>
        filter.Search is { } query ? await search.HighlightAsync(query, ids, ct) : new Dictionary<int, SearchHighlight>();

    /// <summary>
    /// Every matching article in list order, for export. Only the order (4 bytes an article) is held in memory, and by
    /// title not even that: the store's title order is walked a chunk at a time. Rows are read from the store 500 at a
    /// time as the caller consumes them.
    /// </summary>
    public async IAsyncEnumerable<ArticleListItem> StreamAsync(DashboardFilter filter, ArticleSort sort = default,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        using var selection = await matcher.SelectAsync(filter, ct);
        var facts = selection.Facts;
        var chunks = sort.Key == ArticleSortKey.Title
            ? _titles.StreamAsync(selection, sort.Ascending, StreamChunk, ct)
            : ArticleOrder.Page(selection, sort, 0, selection.Count).Chunk(StreamChunk).ToAsyncEnumerable();
        await foreach (var chunk in chunks)
        {
            foreach (var item in await LoadItemsAsync(facts, chunk, ct))
                yield return item;
        }
    }

    /// <summary>
    /// One article with every stored field, its topics, URLs, images and related list (in order); null when unknown.
    /// Its provider and topics are named as every view names them (merge rules applied); the related list stays exactly
    /// as its file stated it.
    /// </summary>
    public async Task<ArticleDetail?> GetArticleAsync(int id, CancellationToken ct = default)
    {
        var facts = await matcher.Facts.GetAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var a = await db.Articles.AsNoTracking().Include(a => a.Provider).Include(a => a.Topics).ThenInclude(t => t.Topic)
            .Include(a => a.Images).Include(a => a.Related).Include(a => a.Urls).AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == id, ct);
        if (a is null)
            return null;
        var (domain, name) = ShownProvider(facts, a.Provider?.Domain, a.Provider?.Name);
        return new ArticleDetail(a.Id, a.Url, a.WebUrl, a.OriginalUrl, a.AmpWebUrl, a.CdnAmpWebUrl, a.Title, a.Excerpt, a.Category, a.Type,
            Utc(a.PublishedAt), a.Quality, a.Heat, a.Published, a.Secured, a.ExtraJson, domain, name, a.IsReference,
            a.IsDemo, a.ContentHash, a.SourcePath, Utc(a.ImportedAt), Utc(a.UpdatedAt),
            ShownTopics(facts, a.Topics.OrderBy(t => t.Position).Select(t => (t.Topic!.Key, t.Topic.Name))),
            a.Urls.Select(u => u.Url).Order(StringComparer.Ordinal).ToArray(),
            a.Images.OrderBy(i => i.Position).Select(i => new ArticleDetailImage(i.Url, i.Width, i.Height, i.IsCached)).ToArray(),
            a.Related.OrderBy(r => r.Position).Select(r => new ArticleDetailLink(r.Position, r.TargetArticleId, r.Title, r.Excerpt, Utc(r.PublishedAt),
                r.WebUrl, r.AmpWebUrl, r.CdnAmpWebUrl, r.Type, r.ProviderName, r.ProviderDomain, r.Quality, r.ImagesJson, r.ExtraJson)).ToArray());
    }

    /// <summary>
    /// The rows for these ids, in this order; an article removed since the snapshot is left out. Providers and topics are
    /// named as the snapshot names them, merge rules applied.
    /// </summary>
    private async Task<IReadOnlyList<ArticleListItem>> LoadItemsAsync(ArticleFacts facts, int[] ids, CancellationToken ct)
    {
        if (ids.Length == 0)
            return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Articles.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new
            {
                a.Id, a.Url, a.Title, Domain = a.Provider!.Domain, Name = a.Provider.Name, a.PublishedAt, a.Category, a.Quality, a.Heat,
                a.Published, a.IsReference,
            })
            .ToListAsync(ct);
        var topics = (await db.ArticleTopics.AsNoTracking().Where(t => ids.Contains(t.ArticleId))
                .Select(t => new { t.ArticleId, t.Position, t.Topic!.Key, t.Topic.Name }).ToListAsync(ct))
            .GroupBy(t => t.ArticleId)
            .ToDictionary(g => g.Key, g => ShownTopics(facts, g.OrderBy(t => t.Position).Select(t => (t.Key, t.Name))));
        var byId = rows.ToDictionary(r => r.Id);
        var items = new List<ArticleListItem>(ids.Length);
        foreach (var id in ids)
        {
            if (!byId.TryGetValue(id, out var r))
                continue;
            var (domain, name) = ShownProvider(facts, r.Domain, r.Name);
            items.Add(new ArticleListItem(r.Id, r.Url, r.Title, domain, name, Utc(r.PublishedAt), r.Category, r.Quality, r.Heat, r.Published,
                topics.GetValueOrDefault(id) ?? [], r.IsReference));
        }
        return items;
    }

    /// <summary>The provider as the snapshot shows it (the canonical one when merged); as stored when the snapshot doesn't know it yet.</summary>
    private static (string? Domain, string? Name) ShownProvider(ArticleFacts facts, string? domain, string? name) =>
        facts.ProviderFor(domain) is { } p ? (p.Domain, p.Name) : (domain, name);

    /// <summary>Topics in the article's order, each as the snapshot names it; two spellings merged into one are listed once.</summary>
    private static IReadOnlyList<string> ShownTopics(ArticleFacts facts, IEnumerable<(string Key, string Name)> topics)
    {
        var shown = new List<string>();
        foreach (var (key, name) in topics)
        {
            var n = facts.TopicFor(key)?.Name ?? name;
            if (!shown.Contains(n, StringComparer.Ordinal))
                shown.Add(n);
        }
        return shown;
    }

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
    private static DateTime? Utc(DateTime? value) => value is { } v ? Utc(v) : null;
}

/// <summary>Orders a selection for the article list (see <see cref="ArticleSort"/>) by a snapshot key and cuts a page out of it.</summary>
internal static class ArticleOrder
{
    /// <summary>Article ids of rows [skip, skip + take) of the sorted selection; by any key but title (<see cref="TitleOrder"/>).</summary>
    public static int[] Page(ArticleSelection selection, ArticleSort sort, int skip, int take)
    {
        if (sort.Key == ArticleSortKey.Title)
            throw new ArgumentException("Title order comes from the store (TitleOrder).", nameof(sort));
        var facts = selection.Facts;
        var rows = selection.Rows;
        var end = (int)Math.Min((long)skip + take, rows.Length);
        if (skip >= end)
            return [];
        var ids = new int[end - skip];
        if (sort.Key == ArticleSortKey.Date)
        {
            // Rows are already newest first (ties by id descending, undated last): no sorting at all.
            var dated = selection.DatedCount;
            for (var i = skip; i < end; i++)
                ids[i - skip] = facts.Ids[sort.Ascending ? AscendingDateRow(rows, dated, i) : rows[i]];
            return ids;
        }

        var k = end;
        if (k > rows.Length / 8)
        {
            // Most of the list (deep pages, export): one numeric sort of every key beats a big heap.
            var keys = new long[rows.Length];
            var sorted = rows.ToArray();
            for (var i = 0; i < sorted.Length; i++)
                keys[i] = Key(facts, sort, sorted[i]);
            Array.Sort(keys, sorted);
            for (var i = skip; i < end; i++)
                ids[i - skip] = facts.Ids[sorted[i]];
            return ids;
        }

        // Top-k in each part of the rows (one per core for a long selection), then the k smallest of the parts' together.
        var parts = selection.InParts(() => new TopK(k), (part, top) => top.Add(facts, sort, part));
        var (heapKeys, heapRows, size) = parts.Length == 1 ? (parts[0].Keys, parts[0].Rows, parts[0].Size)
            : (parts.SelectMany(p => p.Keys.Take(p.Size)).ToArray(), parts.SelectMany(p => p.Rows.Take(p.Size)).ToArray(), parts.Sum(p => p.Size));
        Array.Sort(heapKeys, heapRows, 0, size);
        for (var i = skip; i < end; i++)
            ids[i - skip] = facts.Ids[heapRows[i]];
        return ids;
    }

    /// <summary>A max-heap of the k smallest keys seen; a million rows cost about a million key comparisons.</summary>
    private sealed class TopK(int k)
    {
        public readonly long[] Keys = new long[k];
        public readonly int[] Rows = new int[k];
        public int Size;

        public void Add(ArticleFacts facts, ArticleSort sort, ReadOnlySpan<int> rows)
        {
            var (heapKeys, heapRows) = (Keys, Rows);
            var size = Size;
            // Once the heap is full, a row whose value alone ranks after the heap's last one is passed over without its key.
            var lastValue = -1;
            foreach (var r in rows)
            {
                var value = Value(facts, sort.Key, r);
                if (size == k && lastValue >= 0 && (value < 0 || (sort.Ascending ? value > lastValue : value < lastValue)))
                    continue;
                var key = KeyOf(value, facts.Ids[r], sort.Ascending);
                if (size < k)
                {
                    heapKeys[size] = key;
                    heapRows[size] = r;
                    SiftUp(heapKeys, heapRows, size++);
                }
                else if (key < heapKeys[0])
                {
                    heapKeys[0] = key;
                    heapRows[0] = r;
                    SiftDown(heapKeys, heapRows, size);
                }
                else
                    continue;
                if (size == k)
                    lastValue = Value(facts, sort.Key, heapRows[0]);
            }
            Size = size;
        }
    }

    /// <summary>
    /// One number per row whose ascending order is the list order: unknown values after known ones (bit 62), then the
    /// value (31 bits), then the id (31 bits), both flipped for descending order.
    /// </summary>
    internal static long Key(ArticleFacts facts, ArticleSort sort, int row) => KeyOf(Value(facts, sort.Key, row), facts.Ids[row], sort.Ascending);

    private static long KeyOf(int value, int id, bool ascending)
    {
        if (value < 0)
            return (1L << 62) | (long)(ascending ? id : int.MaxValue - id);
        return ascending
            ? ((long)value << 31) | (uint)id
            : ((long)(int.MaxValue - value) << 31) | (uint)(int.MaxValue - id);
    }

    /// <summary>The value a row is sorted by (its id breaking ties), -1 when unknown.</summary>
    private static int Value(ArticleFacts facts, ArticleSortKey key, int row) => key switch
    {
        ArticleSortKey.Quality => facts.Qualities[row],
        ArticleSortKey.Heat => facts.HeatOf(row),
        ArticleSortKey.Provider => facts.Providers[row] is var p and >= 0 ? facts.ProviderNameRanks[p] : -1,
        _ => facts.Days[row] == ArticleFacts.UnknownDay ? -1 : facts.Count - 1 - row,
    };

    /// <summary>Oldest first: the dated rows reversed, then the undated ones reversed (id ascending).</summary>
    private static int AscendingDateRow(ReadOnlySpan<int> rows, int dated, int i) =>
        i < dated ? rows[dated - 1 - i] : rows[rows.Length - 1 - (i - dated)];

    private static void SiftUp(long[] keys, int[] rows, int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (keys[parent] >= keys[i])
                return;
            (keys[parent], keys[i]) = (keys[i], keys[parent]);
            (rows[parent], rows[i]) = (rows[i], rows[parent]);
            i = parent;
        }
    }

    private static void SiftDown(long[] keys, int[] rows, int size)
    {
        var i = 0;
        while (true)
        {
            var left = 2 * i + 1;
            if (left >= size)
                return;
            var largest = left + 1 < size && keys[left + 1] > keys[left] ? left + 1 : left;
            if (keys[i] >= keys[largest])
                return;
            (keys[i], keys[largest]) = (keys[largest], keys[i]);
            (rows[i], rows[largest]) = (rows[largest], rows[i]);
            i = largest;
        }
    }
}
