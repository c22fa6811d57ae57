using System.Globalization;
using System.Text;

namespace AiNewsDashboard.Core.Syndication;

/// <summary>What detection needs of one article: its text, its images and when it appeared.</summary>
public sealed record CopyCandidate(int Id, string? Title, string? Excerpt, IReadOnlyList<string> ImageUrls, DateTime? PublishedAt);

/// <summary>
/// An article's text prepared for comparison: normalised title, its words, and the sorted hashes of the word shingles
/// of title plus excerpt (and of the excerpt alone). Hashes are FNV-1a over the words, so they are the same in every
/// process and run.
/// </summary>
internal sealed class CopyText
{
    private CopyText(CopyCandidate article, string title, ulong[] titleWords, ulong[] shingles, ulong[] excerptShingles, ulong[] images)
    {
        Article = article;
        Title = title;
        TitleWords = titleWords;
        Shingles = shingles;
        ExcerptShingles = excerptShingles;
        Images = images;
        Print = CopyPrint.Of(this);
    }

    public CopyCandidate Article { get; }
    public int Id => Article.Id;
    /// <summary>The title in lower case, words joined by one space, a trailing " - Provider" or " | Provider" cut off.</summary>
    public string Title { get; }
    public int TitleWordCount => TitleWords.Length;
    public ulong[] TitleWords { get; }
    public ulong[] Shingles { get; }
    public ulong[] ExcerptShingles { get; }
    public ulong[] Images { get; }
    /// <summary>What the rules compare.</summary>
    public CopyPrint Print { get; }

    public static CopyText Of(CopyCandidate article, int shingleSize)
    {
        var titleWords = Words(StripSourceSuffix(article.Title ?? ""));
        var excerptWords = Words(article.Excerpt ?? "");
        var all = new List<string>(titleWords.Count + excerptWords.Count);
        all.AddRange(titleWords);
        all.AddRange(excerptWords);
        var images = article.ImageUrls.Where(u => !string.IsNullOrWhiteSpace(u)).Select(u => Hash(u.Trim())).Distinct().Order().ToArray();
        return new CopyText(article, string.Join(' ', titleWords), SortedDistinct(titleWords.Select(Hash)), Shingle(all, shingleSize),
            Shingle(excerptWords, shingleSize), images);
    }

    /// <summary>A title's trailing source name ("… - Reuters", "… | The Verge") is not part of the story.</summary>
    internal static string StripSourceSuffix(string title)
    {
        foreach (var separator in (ReadOnlySpan<string>)[" - ", " | ", " — ", " – "])
        {
            var at = title.LastIndexOf(separator, StringComparison.Ordinal);
            if (at > 0 && Words(title[(at + separator.Length)..]).Count is > 0 and <= 4 && Words(title[..at]).Count >= 3)
                return title[..at];
        }
        return title;
    }

    internal static List<string> Words(string text)
    {
        var words = new List<string>();
        var sb = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetterOrDigit(c))
                sb.Append(char.ToLowerInvariant(c));
            else if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            else if (c is '\'' or '’' && sb.Length > 0)
                continue; // "it's" and "its" are one word
            else if (sb.Length > 0)
            {
                words.Add(sb.ToString());
                sb.Clear();
            }
        }
        if (sb.Length > 0)
            words.Add(sb.ToString());
        return words;
    }

    private static ulong[] Shingle(List<string> words, int size)
    {
        if (words.Count == 0)
            return [];
        var hashes = new ulong[Math.Max(1, words.Count - size + 1)];
        for (var i = 0; i < hashes.Length; i++)
        {
            var h = Offset;
            for (var j = i; j < Math.Min(words.Count, i + size); j++)
                h = Fnv(Fnv(h, words[j]), " ");
            hashes[i] = h;
        }
        return SortedDistinct(hashes);
    }

    private static ulong[] SortedDistinct(IEnumerable<ulong> values)
    {
        var array = values.ToArray();
        Array.Sort(array);
        var n = 0;
        for (var i = 0; i < array.Length; i++)
            if (n == 0 || array[n - 1] != array[i])
                array[n++] = array[i];
        return array[..n];
    }

    private const ulong Offset = 14695981039346656037UL;

    internal static ulong Hash(string text) => Fnv(Offset, text);

    private static ulong Fnv(ulong h, string text)
    {
        foreach (var c in text)
        {
            h ^= c;
            h *= 1099511628211UL;
        }
        return h;
    }

    /// <summary>Jaccard similarity of two sorted, distinct hash sets; 0 when both are empty.</summary>
    public static double Jaccard(ulong[] a, ulong[] b)
    {
        if (a.Length == 0 && b.Length == 0)
            return 0;
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { common++; i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return (double)common / (a.Length + b.Length - common);
    }

    /// <summary>The MinHash signature of the shingles: for each of <paramref name="hashes"/> mixes, the least value.</summary>
    public uint[] Signature(int hashes)
    {
        var signature = new uint[hashes];
        Array.Fill(signature, uint.MaxValue);
        foreach (var s in Shingles)
        {
            for (var i = 0; i < hashes; i++)
            {
                var v = (uint)(Mix(s ^ Seeds[i]) >> 32);
                if (v < signature[i])
                    signature[i] = v;
            }
        }
        return signature;
    }

    private static readonly ulong[] Seeds = Enumerable.Range(1, 512).Select(i => Mix((ulong)i * 0x9E3779B97F4A7C15UL)).ToArray();

    /// <summary>SplitMix64's finaliser: a cheap, well-spread 64-bit mix.</summary>
    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
