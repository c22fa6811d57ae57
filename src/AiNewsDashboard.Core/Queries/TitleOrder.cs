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
/// The snapshot knows each row's range of the title order (<see cref="TitleBuckets"/>, up to 255 ranges), so the
/// selection's rows are counted per range and the ranges without any are skipped. Within a range, two ways, chosen by
/// what each would read: where the selection is dense, the index is walked in order from the range's start, a chunk of
/// keys at a time after the last one read (keyset), keeping the rows the selection holds (the first page of a million
/// articles reads about 50 keys); where it is sparse, its rows' keys are read by id and sorted in memory. A walk that
/// reads more keys than the range's rows would have cost by id (the selection's rows bunched at the range's far end)
/// reads the rest by id. So the first page of two categories whose titles all start "Analysis:" or "I …" reads about a
/// range, not every title before theirs.
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
        var wanted = (int)Math.Min((long)skip + take + 1, int.MaxValue);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await new Reader(db, selection, ascending, after, wanted).NextAsync(wanted, ct);
        var end = (int)Math.Min((long)skip + take, rows.Count);
        if (skip >= end)
            return ([], null);
        var ids = rows.GetRange(skip, end - skip).ToArray();
        return (ids, rows.Count > end ? new TitleCursor(await KeyOfAsync(db, ids[^1], ct), ids[^1]) : null);
    }

    /// <summary>
    /// Every row of the selection in title order, a chunk of ids at a time (for export): the keys walked are dropped
    /// chunk by chunk, so at most a chunk, or a range's keys read by id, is in memory.
    /// </summary>
    public async IAsyncEnumerable<int[]> StreamAsync(ArticleSelection selection, bool ascending, int chunk,
        [EnumeratorCancellation] CancellationToken ct)
    {
        if (selection.Count == 0)
            yield break;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var reader = new Reader(db, selection, ascending, after: null, expected: selection.Count);
        while (true)
        {
            var rows = await reader.NextAsync(chunk, ct);
            if (rows.Count == 0)
                yield break;
            yield return rows.ToArray();
        }
    }

    /// <summary>
    /// The selection's rows in title order after a place, bucket by bucket (see the class remarks), handed out a number
    /// at a time.
    /// </summary>
    /// <param name="expected">How many rows the caller means to take in all: what each bucket's choice of way weighs.</param>
    private sealed class Reader(NewsDbContext db, ArticleSelection selection, bool ascending, TitleCursor? after, int expected)
    {
        private readonly ArticleFacts _facts = selection.Facts;
        private readonly ulong[] _members = selection.Bits();
        private readonly int[] _counts = CountPerBucket(selection);
        private readonly int _titled = Math.Max(1, selection.Facts.TitleBounds.Length);
        private int _position = StartPosition(selection.Facts, ascending, after);
        private readonly Queue<int> _sorted = new();
        private int _handedOut;

        // The walk: whether one is under way, where its next chunk starts (null: the end of the titled order it starts
        // from), the id to go on after when a chunk was left part-way, the keys read and the selected rows met in the
        // current bucket, and whether the walk saw the bucket from its start (so meeting all its rows ends it).
        private bool _walking;
        private TitleCursor? _cursor = after;
        private bool _fromCursor = after is not null;
        private int? _resumeAfter;
        private int _walked, _met;
        private bool _wholeBucket;

        private byte Bucket => _position < _titled ? (byte)(ascending ? _position : _titled - 1 - _position) : TitleBuckets.Untitled;

        public async Task<List<int>> NextAsync(int count, CancellationToken ct)
        {
            var found = new List<int>(Math.Min(count, 4096));
            while (found.Count < count)
            {
                if (_sorted.Count > 0)
                {
                    found.Add(_sorted.Dequeue());
                    continue;
                }
                if (_walking)
                {
                    await WalkAsync(found, count, ct);
                    continue;
                }
                if (_position > _titled)
                    break;
                var bucket = Bucket;
                if (_counts[bucket] == 0)
                    NextBucket();
                else if (bucket == TitleBuckets.Untitled)
                {
                    // Untitled rows go by id: the snapshot has them all, no key to read.
                    var ids = IdsIn(bucket);
                    ids.Sort();
                    if (!ascending)
                        ids.Reverse();
                    foreach (var id in ids)
                        if (_cursor is not { Key: null, Id: var afterId } || (ascending ? id > afterId : id < afterId))
                            _sorted.Enqueue(id);
                    NextBucket();
                }
                else if (ReadsLessById(bucket, expected - _handedOut - found.Count))
                    await ReadByIdAsync(bucket, ct);
                else
                {
                    _walking = true;
                    (_walked, _met, _wholeBucket) = (0, 0, !_fromCursor);
                    if (!_fromCursor)
                        _cursor = StartOf(bucket);
                }
            }
            _handedOut += found.Count;
            return found;
        }

        /// <summary>
        /// Whether reading the bucket's selected rows (those not met yet) by id costs less than walking to the
        /// <paramref name="need"/>-th of them, if they are spread evenly over what is left of the bucket.
        /// </summary>
        private bool ReadsLessById(byte bucket, int need)
        {
            var left = Math.Max(_counts[bucket] - _met, 1);
            var size = Math.Max(_facts.TitleBucketSizes[bucket] - _walked, 1);
            return (long)left * LookupCost < Math.Min((double)Math.Max(need, 1) * size / left, size);
        }

        /// <summary>
        /// Reads the next chunk of the index, keeping the selected rows, until <paramref name="found"/> holds
        /// <paramref name="count"/>. The walk goes on into the next buckets as it meets their rows, and stops where
        /// jumping ahead, or reading by id, reads less: at a bucket without selected rows, at the end of a bucket whose
        /// rows it has all met, or when what is left of a bucket is cheaper by id.
        /// </summary>
        private async Task WalkAsync(List<int> found, int count, CancellationToken ct)
        {
            if (_resumeAfter is { } resume)
            {
                _cursor = new TitleCursor(await KeyOfAsync(db, resume, ct), resume);
                _resumeAfter = null;
            }
            var bucket = Bucket;
            var share = Math.Max(_counts[bucket] - _met, 1) / (double)Math.Max(_facts.TitleBucketSizes[bucket] - _walked, 1);
            // Enough keys to find what is wanted if the bucket's rows are spread evenly, and a little more, within bounds.
            var chunk = (int)Math.Clamp((expected - _handedOut - found.Count) / share * 1.2 + 16, MinChunk, MaxChunk);
            var keys = await ReadAfterAsync(db, ascending, _cursor, chunk, ct);
            for (var k = 0; k < keys.Count; k++)
            {
                var id = keys[k];
                var row = _facts.RowOf(id);
                // Rows the snapshot doesn't hold yet, or holds under an older title, belong to no bucket here.
                if (row < 0 || _facts.TitleBuckets[row] is var b && b == TitleBuckets.Untitled)
                    continue;
                var position = ascending ? b : _titled - 1 - b;
                if (position != _position)
                {
                    if (position < _position)
                        continue;
                    // Into a further bucket (from its start: the buckets are ranges of this order).
                    _position = position;
                    (_walked, _met, _wholeBucket) = (0, 0, true);
                    bucket = b;
                }
                _walked++;
                if ((_members[row >> 6] & (1UL << row)) == 0)
                    continue;
                _met++;
                found.Add(id);
                if (found.Count == count && k + 1 < keys.Count)
                {
                    // Enough, part-way through the chunk: a next call goes on after this id (its key read then, if ever).
                    _resumeAfter = id;
                    return;
                }
            }
            if (keys.Count < chunk)
            {
                // The titled order ends here.
                _walking = false;
                _position = _titled - 1;
                NextBucket();
                return;
            }
            if (_counts[bucket] == 0 || (_wholeBucket && _met >= _counts[bucket]))
            {
                // Nothing more to find in this bucket: jump to the next that has some.
                _walking = false;
                NextBucket();
                return;
            }
            if (found.Count == count)
            {
                _resumeAfter = keys[^1];
                return;
            }
            _cursor = new TitleCursor(await KeyOfAsync(db, keys[^1], ct), keys[^1]);
            if (_walked > (long)(_counts[bucket] - _met) * LookupCost && ReadsLessById(bucket, expected - _handedOut - found.Count))
            {
                // The bucket's rows are bunched further on than its share promised: what is left of them is read by id.
                _walking = false;
                _fromCursor = true;
                await ReadByIdAsync(bucket, ct);
            }
        }

        private void NextBucket()
        {
            _position++;
            _fromCursor = false;
            _cursor = null;
            _resumeAfter = null;
            (_walked, _met) = (0, 0);
        }

        /// <summary>The bucket's selected rows after the cursor (when it starts there), their keys read by id and sorted here.</summary>
        private async Task ReadByIdAsync(byte bucket, CancellationToken ct)
        {
            var ids = IdsIn(bucket).ToArray();
            // One array parameter (json_each on SQLite, = ANY on PostgreSQL), not thousands of scalar ones.
            var rows = (await db.Articles.AsNoTracking().Where(a => EF.Parameter(ids).Contains(a.Id)).Select(a => new { a.Id, a.TitleKey })
                .ToListAsync(ct)).ConvertAll(a => (a.Id, a.TitleKey));
            var order = Comparer<(int Id, string? Key)>.Create((x, y) => Compare(x, y, ascending));
            rows.Sort(order);
            var start = 0;
            if (_fromCursor && _cursor is { } c)
            {
                var at = rows.BinarySearch((c.Id, c.Key), order);
                start = at >= 0 ? at + 1 : ~at;
            }
            for (var k = start; k < rows.Count; k++)
                _sorted.Enqueue(rows[k].Id);
            NextBucket();
        }

        /// <summary>The ids of the selection's rows in a bucket.</summary>
        private List<int> IdsIn(byte bucket)
        {
            var ids = new List<int>(_counts[bucket]);
            var buckets = _facts.TitleBuckets;
            foreach (var r in selection.Rows)
                if (buckets[r] == bucket)
                    ids.Add(_facts.Ids[r]);
            return ids;
        }

        /// <summary>Where a walk of a titled bucket starts: just before its bound (ascending) or at the next bucket's (descending).</summary>
        private TitleCursor? StartOf(byte bucket)
        {
            var bounds = _facts.TitleBounds;
            if (ascending)
                return bucket == 0 || bucket >= bounds.Length ? null : bounds[bucket] with { Id = bounds[bucket].Id - 1 };
            return bucket + 1 >= bounds.Length ? null : bounds[bucket + 1];
        }

        private static int[] CountPerBucket(ArticleSelection selection)
        {
            var buckets = selection.Facts.TitleBuckets;
            var parts = selection.InParts(() => new int[TitleBuckets.Untitled + 1], (rows, counts) =>
            {
                foreach (var r in rows)
                    counts[buckets[r]]++;
            });
            var total = parts[0];
            for (var p = 1; p < parts.Length; p++)
                for (var b = 0; b < total.Length; b++)
                    total[b] += parts[p][b];
            return total;
        }

        /// <summary>The place in the sort's order of buckets (the titled ones either way, then the untitled) of the bucket that holds <paramref name="after"/>.</summary>
        private static int StartPosition(ArticleFacts facts, bool ascending, TitleCursor? after)
        {
            if (after is not { } c)
                return 0;
            var titled = Math.Max(1, facts.TitleBounds.Length);
            if (c.Key is null)
                return titled;
            var bucket = TitleBuckets.Of(facts.TitleBounds, c.Key, c.Id);
            return ascending ? bucket : titled - 1 - bucket;
        }
    }

    /// <summary>
    /// Up to <paramref name="count"/> titled articles' ids in order after <paramref name="after"/> (from the start when
    /// null): a range of the (TitleKey, Id) index.
    /// </summary>
    /// <remarks>
    /// Only ids are read (materialising each key as a string cost more than walking the index); the key of a chunk's
    /// last row, where the next chunk starts, is read by id.
    /// </remarks>
    private static async Task<List<int>> ReadAfterAsync(NewsDbContext db, bool ascending, TitleCursor? after, int count,
        CancellationToken ct)
    {
        var titled = db.Articles.AsNoTracking().Where(a => a.TitleKey != null);
        if (after is { Key: { } k, Id: var id })
            titled = ascending
                // The first condition is the index range; the second drops the equal keys up to the cursor's id.
                ? titled.Where(a => string.Compare(a.TitleKey, k) >= 0 && (string.Compare(a.TitleKey, k) > 0 || a.Id > id))
                : titled.Where(a => string.Compare(a.TitleKey, k) <= 0 && (string.Compare(a.TitleKey, k) < 0 || a.Id < id));
        var ordered = ascending
            ? titled.OrderBy(a => a.TitleKey).ThenBy(a => a.Id)
            : titled.OrderByDescending(a => a.TitleKey).ThenByDescending(a => a.Id);
        return await ordered.Take(count).Select(a => a.Id).ToListAsync(ct);
    }

    private static Task<string?> KeyOfAsync(NewsDbContext db, int id, CancellationToken ct) =>
        db.Articles.Where(a => a.Id == id).Select(a => a.TitleKey).FirstOrDefaultAsync(ct);

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
