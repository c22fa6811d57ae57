using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using AiNewsDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Queries;

/// <summary>
/// A place in title order: just after the article <paramref name="Id"/> whose title key is <paramref name="Key"/>
/// (null: an article without a title, which come after every titled one). The API hands it out as an opaque string
/// (<see cref="Encode"/>) with each page sorted by title, so the next page starts from there instead of counting rows.
/// </summary>
public readonly record struct TitleCursor(string? Key, int Id)
{
    private const string Titled = "t", Untitled = "u";

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Key is null
            ? $"{Untitled}:{Id.ToString(CultureInfo.InvariantCulture)}"
            : $"{Titled}:{Id.ToString(CultureInfo.InvariantCulture)}:{Key}"));

    /// <summary>Reads a cursor made by <see cref="Encode"/>; false for anything else.</summary>
    public static bool TryDecode(string? text, out TitleCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length > 8192 || !Base64Url.IsValid(text))
            return false;
        string s;
        try
        {
            s = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(text));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            return false;
        }
        var parts = s.Split(':', 3);
        if (parts.Length < 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return false;
        switch (parts[0])
        {
            case Untitled when parts.Length == 2:
                cursor = new TitleCursor(null, id);
                return true;
            case Titled when parts.Length == 3:
                cursor = new TitleCursor(parts[2], id);
                return true;
            default:
                return false;
        }
    }
}

/// <summary>
/// The article list sorted by title, with titles left in the store: the filter's selection comes from the snapshot,
/// the order from the store's (TitleKey, Id) index (<see cref="TitleKeys"/>). Ascending is A to Z, ties by id; descending
/// is its reverse; articles without a title come last both ways (by id in the sort's direction), as for every sort key.
/// </summary>
/// <remarks>
/// Two ways, chosen per request by what each would read. A broad selection walks the index in order, a chunk of keys at
/// a time after the last one read (keyset), keeping the rows the selection holds until the page is full: the first page
/// of a million articles reads about 50 keys. A narrow one (one small provider, a rare word) would have to walk far for
/// each row it keeps, so its rows' keys are read by id and sorted in memory instead.
/// </remarks>
internal sealed class TitleOrder(IDbContextFactory<NewsDbContext> dbFactory)
{
    /// <summary>
    /// Reading (and sorting) one key by id costs about this many keys walked in order: on SQLite at a million articles,
    /// 14,000 keys read by id took 65 ms (4.5 µs each), 42,000 keys walked 85 ms (2 µs each).
    /// </summary>
    internal const int LookupCost = 2;
    private const int MinChunk = 256, MaxChunk = 20_000;

    /// <summary>
    /// Ids of the rows [skip, skip + take) after <paramref name="after"/> (from the start when null), and the cursor
    /// just after the last of them when more rows follow (null when the list ends there).
    /// </summary>
    public async Task<(int[] Ids, TitleCursor? Next)> PageAsync(ArticleSelection selection, bool ascending, TitleCursor? after,
        int skip, int take, CancellationToken ct)
    {
        if (take <= 0 || selection.Count == 0)
            return ([], null);
        // One more row than asked for tells whether a next page exists.
        var wanted = (long)skip + take + 1;
        List<int> rows;
        if (WalkCost(selection, wanted) > (long)selection.Count * LookupCost)
            rows = (await SortedAsync(selection, ascending, after, ct)).ConvertAll(r => r.Id);
        else
            rows = await WalkAsync(selection.Facts, selection.Bits(), selection.Count, ascending, after, (int)Math.Min(wanted, int.MaxValue), ct);
        var end = (int)Math.Min((long)skip + take, rows.Count);
        if (skip >= end)
            return ([], null);
        var ids = rows.GetRange(skip, end - skip).ToArray();
        return (ids, rows.Count > end ? await CursorAfterAsync(ids[^1], ct) : null);
    }

    /// <summary>
    /// Every row of the selection in title order, a chunk of ids at a time (for export): the keys walked are dropped
    /// chunk by chunk, so at most one chunk of titles is in memory.
    /// </summary>
    public async IAsyncEnumerable<int[]> StreamAsync(ArticleSelection selection, bool ascending, int chunk,
        [EnumeratorCancellation] CancellationToken ct)
    {
        if (selection.Count == 0)
            yield break;
        if (WalkCost(selection, selection.Count) > (long)selection.Count * LookupCost)
        {
            var sorted = await SortedAsync(selection, ascending, null, ct);
            for (var i = 0; i < sorted.Count; i += chunk)
                yield return sorted.Skip(i).Take(chunk).Select(r => r.Id).ToArray();
            yield break;
        }
        var members = selection.Bits();
        TitleCursor? after = null;
        var left = selection.Count;
        while (left > 0)
        {
            var rows = await WalkAsync(selection.Facts, members, left, ascending, after, Math.Min(chunk, left), ct);
            if (rows.Count == 0)
                yield break;
            left -= rows.Count;
            after = await CursorAfterAsync(rows[^1], ct);
            yield return rows.ToArray();
        }
    }

    /// <summary>Keys the index walk would read to find <paramref name="wanted"/> rows of the selection (it holds a share of all rows).</summary>
    private static long WalkCost(ArticleSelection selection, long wanted) =>
        (long)Math.Min((double)wanted * selection.Facts.Count / selection.Count, selection.Facts.Count);

    /// <summary>
    /// Walks the index after <paramref name="after"/> until <paramref name="wanted"/> rows of the selection
    /// (<paramref name="members"/>, <paramref name="selected"/> of the snapshot's rows) are found or the articles end.
    /// </summary>
    /// <remarks>
    /// Only ids are read (materialising each key as a string cost more than walking the index); the key of a chunk's
    /// last row, where the next chunk starts, is read by id.
    /// </remarks>
    private async Task<List<int>> WalkAsync(ArticleFacts facts, ulong[] members, int selected, bool ascending,
        TitleCursor? after, int wanted, CancellationToken ct)
    {
        var found = new List<int>(Math.Min(wanted, 4096));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var share = Math.Max(selected, 1) / (double)Math.Max(facts.Count, 1);
        while (found.Count < wanted)
        {
            // Enough keys to fill the page if the selection is spread evenly, and a little more, within bounds.
            var chunk = (int)Math.Clamp((wanted - found.Count) / share * 1.2 + 16, MinChunk, MaxChunk);
            var keys = await ReadAfterAsync(db, ascending, after, chunk, ct);
            foreach (var id in keys)
            {
                var row = facts.RowOf(id);
                if (row >= 0 && (members[row >> 6] & (1UL << row)) != 0)
                {
                    found.Add(id);
                    if (found.Count == wanted)
                        return found;
                }
            }
            if (keys.Count == chunk)
                after = new TitleCursor(await KeyOfAsync(db, keys[^1], ct), keys[^1]);
            else if (after is not { Key: null })
                after = new TitleCursor(null, ascending ? 0 : int.MaxValue); // the titled articles are done: the untitled follow, by id
            else
                break;
        }
        return found;
    }

    /// <summary>
    /// Up to <paramref name="count"/> articles' ids in order after <paramref name="after"/>: titled ones after a
    /// titled place (or from the start), untitled ones after an untitled place. Both read the (TitleKey, Id) index as a range.
    /// </summary>
    private static async Task<List<int>> ReadAfterAsync(NewsDbContext db, bool ascending, TitleCursor? after, int count,
        CancellationToken ct)
    {
        var articles = db.Articles.AsNoTracking();
        IQueryable<Article> ordered;
        if (after is { Key: null, Id: var afterId })
            ordered = ascending
                ? articles.Where(a => a.TitleKey == null && a.Id > afterId).OrderBy(a => a.Id)
                : articles.Where(a => a.TitleKey == null && a.Id < afterId).OrderByDescending(a => a.Id);
        else
        {
            var titled = articles.Where(a => a.TitleKey != null);
            if (after is { Key: { } k, Id: var id })
                titled = ascending
                    // The first condition is the index range; the second drops the equal keys up to the cursor's id.
                    ? titled.Where(a => string.Compare(a.TitleKey, k) >= 0 && (string.Compare(a.TitleKey, k) > 0 || a.Id > id))
                    : titled.Where(a => string.Compare(a.TitleKey, k) <= 0 && (string.Compare(a.TitleKey, k) < 0 || a.Id < id));
            ordered = ascending
                ? titled.OrderBy(a => a.TitleKey).ThenBy(a => a.Id)
                : titled.OrderByDescending(a => a.TitleKey).ThenByDescending(a => a.Id);
        }
        return await ordered.Take(count).Select(a => a.Id).ToListAsync(ct);
    }

    private static Task<string?> KeyOfAsync(NewsDbContext db, int id, CancellationToken ct) =>
        db.Articles.Where(a => a.Id == id).Select(a => a.TitleKey).FirstOrDefaultAsync(ct);

    /// <summary>The place just after this article in title order.</summary>
    private async Task<TitleCursor> CursorAfterAsync(int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return new TitleCursor(await KeyOfAsync(db, id, ct), id);
    }

    /// <summary>The selection's rows in title order after <paramref name="after"/>, their keys read by id and sorted here.</summary>
    private async Task<List<(int Id, string? Key)>> SortedAsync(ArticleSelection selection, bool ascending, TitleCursor? after,
        CancellationToken ct)
    {
        var facts = selection.Facts;
        var ids = new int[selection.Count];
        var i = 0;
        foreach (var r in selection.Rows)
            ids[i++] = facts.Ids[r];
        List<(int Id, string? Key)> rows;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            // One array parameter (json_each on SQLite, = ANY on PostgreSQL), not thousands of scalar ones.
            rows = await ToPairsAsync(db.Articles.AsNoTracking().Where(a => EF.Parameter(ids).Contains(a.Id)), ct);
        var order = Comparer<(int Id, string? Key)>.Create((x, y) => Compare(x, y, ascending));
        rows.Sort(order);
        if (after is { } c)
        {
            var start = rows.BinarySearch((c.Id, c.Key), order);
            rows.RemoveRange(0, start >= 0 ? start + 1 : ~start);
        }
        return rows;
    }

    private static async Task<List<(int Id, string? Key)>> ToPairsAsync(IQueryable<Article> articles, CancellationToken ct) =>
        (await articles.Select(a => new { a.Id, a.TitleKey }).ToListAsync(ct)).ConvertAll(a => (a.Id, a.TitleKey));

    /// <summary>The list's order: titled before untitled, then key and id, both in the sort's direction.</summary>
    internal static int Compare((int Id, string? Key) x, (int Id, string? Key) y, bool ascending)
    {
        if ((x.Key is null) != (y.Key is null))
            return x.Key is null ? 1 : -1;
        var c = x.Key is null ? 0 : TitleKeys.Compare(x.Key, y.Key!);
        if (c == 0)
            c = x.Id.CompareTo(y.Id);
        return ascending ? c : -c;
    }
}
