namespace AiNewsDashboard.Core.Syndication;

/// <summary>Why two articles were taken for copies of one text (any that held); in JSON the names, comma-separated.</summary>
[Flags]
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<CopyReasons>))]
public enum CopyReasons
{
    None = 0,
    /// <summary>Title and excerpt share most of their word shingles (Jaccard at or above the threshold), and the titles agree.</summary>
    SimilarText = 1,
    /// <summary>They show the same image (not a logo: few articles show it) and their texts are alike.</summary>
    SharedImage = 2,
    /// <summary>The same title after normalisation (long enough, excerpts not contradicting it).</summary>
    SameTitle = 4,
}

/// <summary>Two articles found to be copies: <see cref="ArticleId"/> joined the group through <see cref="MatchedId"/>.</summary>
public sealed record CopyMatch(int ArticleId, int MatchedId, CopyReasons Reasons, double Similarity);

/// <summary>The rules that decide, on the articles' prints (their exact shingles, title and images), whether a candidate pair is a pair of copies. Symmetric.</summary>
internal static class CopyRules
{
    public static (CopyReasons Reasons, double Similarity) Compare(CopyPrint a, CopyPrint b, CopyIndex index)
    {
        var s = index.Settings;
        if (CopyPrint.DaysApart(a, b) > s.MaxLagDays)
            return (CopyReasons.None, 0);
        var similarity = CopyPrint.Similarity(a, b);
        var reasons = CopyReasons.None;
        if (similarity >= s.JaccardThreshold && CopyPrint.TitleSimilarity(a, b) >= s.MinTitleSimilarity)
            reasons |= CopyReasons.SimilarText;
        if (a.TitleWordCount >= s.MinTitleWords && a.TitleHash == b.TitleHash
            && (a.Excerpt.Length == 0 || b.Excerpt.Length == 0 || CopyPrint.ExcerptSimilarity(a, b) >= s.MinExcerptSimilarity))
            reasons |= CopyReasons.SameTitle;
        if (similarity >= s.SharedImageJaccard && SharesImage(a, b, index))
            reasons |= CopyReasons.SharedImage;
        return (reasons, similarity);
    }

    private static bool SharesImage(CopyPrint a, CopyPrint b, CopyIndex index)
    {
        foreach (var image in a.Images)
            if (b.Images.BinarySearch(image) >= 0 && !index.IsLogo(image))
                return true;
        return false;
    }
}

/// <summary>
/// Finds copies incrementally: each batch of new articles is added to the LSH index of the articles seen before, and
/// only their candidates are checked, in memory, on the prints the index keeps (<see cref="CopyPrint"/>), on every
/// core. The store is asked only whether the earlier articles matched are still there (<c>present</c>): one removed
/// since it was indexed (an undone import) is no copy of anything.
/// </summary>
public sealed class CopyDetector(SyndicationSettings settings)
{
    private readonly CopyIndex _index = new(settings);

    public SyndicationSettings Settings => settings;

    /// <summary>Entries in the index and the bytes its arrays and prints take.</summary>
    public (int Entries, long Bytes) Size => (_index.Entries, _index.Bytes);

    /// <summary>
    /// Adds articles to the index without looking for their copies (rebuilding the index of articles already checked,
    /// after a start). On one core: it runs for minutes at a million articles, beside the app's first requests.
    /// </summary>
    public void AddKnown(IEnumerable<CopyCandidate> articles)
    {
        foreach (var a in articles)
            _index.Add(CopyText.Of(a, settings.ShingleSize));
    }

    /// <summary>
    /// Adds a batch and returns every pair of copies it makes, with the batch or with articles seen before; each pair
    /// once, the later article (by publication, then id) as <see cref="CopyMatch.ArticleId"/>. <paramref name="present"/>
    /// answers which of the given earlier articles are still in the store (not removed, not demoted to references).
    /// </summary>
    public async Task<List<CopyMatch>> AddAsync(IReadOnlyList<CopyCandidate> batch,
        Func<IReadOnlyCollection<int>, CancellationToken, Task<IReadOnlySet<int>>> present, CancellationToken ct = default)
    {
        var texts = new Dictionary<int, CopyText>(batch.Count);
        foreach (var t in Prepare(batch))
            texts[t.Id] = t;
        // All of the batch first, so an image's count (logo or not) includes it.
        foreach (var t in texts.Values)
            _index.Add(t);

        // Each article's candidates and their verdicts, on every core; the index is only read from here on.
        var order = texts.Values.ToArray();
        var found = new List<(int Other, CopyReasons Reasons, double Similarity)>?[order.Length];
        Parallel.For(0, order.Length, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var set = new HashSet<int>();
            _index.AddCandidates(order[i], set);
            List<(int, CopyReasons, double)>? verdicts = null;
            foreach (var other in set)
            {
                if (_index.PrintOf(other) is not { } b)
                    continue;
                var (reasons, similarity) = CopyRules.Compare(order[i].Print, b, _index);
                if (reasons != CopyReasons.None)
                    (verdicts ??= []).Add((other, reasons, similarity));
            }
            found[i] = verdicts;
        });

        var earlier = new HashSet<int>();
        foreach (var verdicts in found)
            foreach (var (other, _, _) in verdicts ?? [])
                if (!texts.ContainsKey(other))
                    earlier.Add(other);
        var still = earlier.Count > 0 ? await present(earlier, ct) : new HashSet<int>();

        // In the batch's order, each pair once (the rules are symmetric: either side's verdict is the pair's).
        var matches = new List<CopyMatch>();
        var seen = new HashSet<(int, int)>();
        for (var i = 0; i < order.Length; i++)
        {
            var a = order[i];
            foreach (var (other, reasons, similarity) in found[i] ?? [])
            {
                if (!texts.ContainsKey(other) && !still.Contains(other))
                    continue;
                if (!seen.Add((Math.Min(a.Id, other), Math.Max(a.Id, other))))
                    continue;
                var b = _index.PrintOf(other)!.Value;
                var laterIsA = IsEarlier(other, b.PublishedAt, a.Id, a.Article.PublishedAt);
                matches.Add(laterIsA ? new CopyMatch(a.Id, other, reasons, similarity) : new CopyMatch(other, a.Id, reasons, similarity));
            }
        }
        return matches;
    }

    /// <summary>The articles' texts prepared for the index, on every core.</summary>
    private CopyText[] Prepare(IReadOnlyList<CopyCandidate> articles)
    {
        var texts = new CopyText[articles.Count];
        Parallel.For(0, articles.Count, i => texts[i] = CopyText.Of(articles[i], settings.ShingleSize));
        return texts;
    }

    /// <summary>Publication order: by date (undated last), then id.</summary>
    private static bool IsEarlier(int a, DateTime? aAt, int b, DateTime? bAt) =>
        (aAt ?? DateTime.MaxValue, a).CompareTo((bAt ?? DateTime.MaxValue, b)) < 0;
}
