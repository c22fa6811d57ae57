using System.Runtime.InteropServices;

namespace AiNewsDashboard.Core.Syndication;

/// <summary>
/// What <see cref="CopyRules"/> needs of an article, made for the batch checked and for its candidates (whose texts are
/// read back from the store): publication time, a hash of the normalised title, the title's words and the shingles as
/// 32-bit hashes, and the images. One array per article, about 4 bytes a shingle.
/// </summary>
/// <remarks>
/// The shingles of the excerpt alone are (for an excerpt of at least one shingle's words) the windows of title plus
/// excerpt that start past the title, so they are a subset of all shingles. Both sets are kept in one: the excerpt's
/// (<see cref="Excerpt"/>) and the rest of all shingles (<see cref="Own"/>), disjoint. When the excerpt is shorter than a
/// shingle, its one shingle is not among all shingles (<see cref="ExcerptInAll"/> is false). The 32-bit hashes are the
/// low halves of <see cref="CopyText"/>'s 64-bit ones: two distinct shingles of a pair collide with odds of about one
/// in a million, a rounding of the similarity far below any threshold's resolution.
/// </remarks>
internal readonly struct CopyPrint
{
    // [0..1] published ticks + 1 (0: undated), [2..3] title hash, [4] title words, [5] own, [6] excerpt, [7] flags, [8] images.
    private const int Header = 9;
    private readonly uint[] _data;

    private CopyPrint(uint[] data) => _data = data;

    public static CopyPrint Of(CopyText text)
    {
        var titleWords = Low(text.TitleWords);
        var all = Low(text.Shingles);
        var excerpt = Low(text.ExcerptShingles);
        var inAll = excerpt.All(e => Array.BinarySearch(all, e) >= 0);
        var own = inAll ? all.Where(s => Array.BinarySearch(excerpt, s) < 0).ToArray() : all;
        var data = new uint[Header + titleWords.Length + own.Length + excerpt.Length + 2 * text.Images.Length];
        var ticks = text.Article.PublishedAt is { } at ? (ulong)at.Ticks + 1 : 0;
        (data[0], data[1]) = ((uint)ticks, (uint)(ticks >> 32));
        var title = CopyText.Hash(text.Title);
        (data[2], data[3]) = ((uint)title, (uint)(title >> 32));
        (data[4], data[5], data[6], data[7], data[8]) = ((uint)titleWords.Length, (uint)own.Length, (uint)excerpt.Length, inAll ? 1u : 0, (uint)text.Images.Length);
        var at0 = Header;
        foreach (var part in (ReadOnlySpan<uint[]>)[titleWords, own, excerpt, MemoryMarshal.Cast<ulong, uint>(text.Images.AsSpan()).ToArray()])
        {
            part.CopyTo(data, at0);
            at0 += part.Length;
        }
        return new CopyPrint(data);
    }

    private static uint[] Low(ulong[] hashes)
    {
        var low = new uint[hashes.Length];
        for (var i = 0; i < low.Length; i++)
            low[i] = (uint)hashes[i];
        Array.Sort(low);
        var n = 0;
        for (var i = 0; i < low.Length; i++)
            if (n == 0 || low[n - 1] != low[i])
                low[n++] = low[i];
        return n == low.Length ? low : low[..n];
    }

    public long Bytes => 24 + (long)_data.Length * sizeof(uint);

    /// <summary>Publication time, when dated.</summary>
    public DateTime? PublishedAt => Ticks is var t and > 0 ? new DateTime((long)t - 1, DateTimeKind.Utc) : null;

    private ulong Ticks => _data[0] | (ulong)_data[1] << 32;

    public ulong TitleHash => _data[2] | (ulong)_data[3] << 32;
    public int TitleWordCount => (int)_data[4];
    public ReadOnlySpan<uint> TitleWords => _data.AsSpan(Header, (int)_data[4]);
    public ReadOnlySpan<uint> Own => _data.AsSpan(Header + (int)_data[4], (int)_data[5]);
    public ReadOnlySpan<uint> Excerpt => _data.AsSpan(Header + (int)_data[4] + (int)_data[5], (int)_data[6]);
    public bool ExcerptInAll => (_data[7] & 1) != 0;
    public int ShingleCount => (int)_data[5] + (ExcerptInAll ? (int)_data[6] : 0);

    public ReadOnlySpan<ulong> Images =>
        MemoryMarshal.Cast<uint, ulong>(_data.AsSpan(Header + (int)_data[4] + (int)_data[5] + (int)_data[6], 2 * (int)_data[8]));

    /// <summary>Days between the two publications; null when either is undated.</summary>
    public static double? DaysApart(CopyPrint a, CopyPrint b) =>
        a.Ticks > 0 && b.Ticks > 0 ? Math.Abs((double)((long)a.Ticks - (long)b.Ticks)) / TimeSpan.TicksPerDay : null;

    /// <summary>Jaccard similarity of all shingles (title and excerpt); 0 when both have none.</summary>
    public static double Similarity(CopyPrint a, CopyPrint b)
    {
        var (ea, eb) = (a.ExcerptInAll, b.ExcerptInAll);
        var common = Common(a.Own, b.Own)
                     + (eb ? Common(a.Own, b.Excerpt) : 0)
                     + (ea ? Common(a.Excerpt, b.Own) : 0)
                     + (ea && eb ? Common(a.Excerpt, b.Excerpt) : 0);
        return Jaccard(a.ShingleCount, b.ShingleCount, common);
    }

    public static double TitleSimilarity(CopyPrint a, CopyPrint b) =>
        Jaccard(a.TitleWords.Length, b.TitleWords.Length, Common(a.TitleWords, b.TitleWords));

    public static double ExcerptSimilarity(CopyPrint a, CopyPrint b) =>
        Jaccard(a.Excerpt.Length, b.Excerpt.Length, Common(a.Excerpt, b.Excerpt));

    private static double Jaccard(int a, int b, int common) => a == 0 && b == 0 ? 0 : (double)common / (a + b - common);

    /// <summary>Size of the intersection of two sorted, distinct sets.</summary>
    private static int Common(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { common++; i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return common;
    }
}
