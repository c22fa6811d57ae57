using AiNewsDashboard.Core.Data;

namespace AiNewsDashboard.Core.Queries;

/// <summary>
/// The snapshot's coarse title order, a byte a row (<see cref="ArticleFacts.TitleBuckets"/>): the store's (TitleKey, Id)
/// order cut into up to 255 consecutive ranges, of about equal size when the snapshot is read whole, each starting at
/// its bound (<see cref="ArticleFacts.TitleBounds"/>); untitled rows are in bucket <see cref="Untitled"/>. The title sort
/// (<see cref="TitleOrder"/>) counts a selection's rows per bucket, so it skips the ranges that hold none of them and
/// chooses, range by range, between walking the store's index and reading the selection's own keys.
/// </summary>
/// <remarks>
/// A snapshot updated from commits (<see cref="ArticleFactsDelta"/>) keeps its bounds and places each new or changed
/// article by its key (<see cref="Of"/>), so buckets may grow unevenly until the next full read; they stay ranges of the
/// order, which is all the title sort relies on.
/// </remarks>
internal static class TitleBuckets
{
    /// <summary>The bucket of rows without a title (they come after every titled row, by id).</summary>
    public const byte Untitled = byte.MaxValue;

    /// <summary>Buckets for titled rows: one a row up to this many titled rows, then this many.</summary>
    public const int MaxTitled = byte.MaxValue;

    /// <summary>How many buckets <paramref name="titled"/> titled rows are cut into.</summary>
    public static int CountFor(int titled) => Math.Min(MaxTitled, titled);

    /// <summary>The bucket of the row at <paramref name="rank"/> in title order (0-based) among <paramref name="titled"/>.</summary>
    public static byte OfRank(int rank, int titled, int buckets) => (byte)((long)rank * buckets / titled);

    /// <summary>The rank of the first row of <paramref name="bucket"/>: the inverse of <see cref="OfRank"/>.</summary>
    public static int FirstRank(int bucket, int titled, int buckets) => (int)(((long)bucket * titled + buckets - 1) / buckets);

    /// <summary>
    /// The bucket of an article by its key: the last bound at or before (key, id); bucket 0 also takes what sorts before
    /// its bound, so every key has a bucket. <see cref="Untitled"/> without a key.
    /// </summary>
    public static byte Of(TitleCursor[] bounds, string? key, int id)
    {
        if (key is null)
            return Untitled;
        int lo = 1, hi = bounds.Length - 1, found = 0;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Compare(bounds[mid], key, id) <= 0)
                (found, lo) = (mid, mid + 1);
            else
                hi = mid - 1;
        }
        return (byte)found;
    }

    private static int Compare(TitleCursor bound, string key, int id) =>
        TitleKeys.Compare(bound.Key!, key) is var c and not 0 ? c : bound.Id.CompareTo(id);

    /// <summary>Rows per bucket (256 counters, <see cref="Untitled"/> last).</summary>
    public static int[] Sizes(ReadOnlySpan<byte> buckets)
    {
        var sizes = new int[Untitled + 1];
        foreach (var b in buckets)
            sizes[b]++;
        return sizes;
    }
}
