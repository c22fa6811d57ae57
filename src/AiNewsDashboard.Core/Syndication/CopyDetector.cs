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

/// <summary>The rules that decide, on the exact texts, whether a candidate pair is a pair of copies.</summary>
internal static class CopyRules
{
    public static (CopyReasons Reasons, double Similarity) Compare(CopyText a, CopyText b, CopyIndex index)
    {
        var s = index.Settings;
        if (a.Article.PublishedAt is { } at && b.Article.PublishedAt is { } bt && Math.Abs((at - bt).TotalDays) > s.MaxLagDays)
            return (CopyReasons.None, 0);
        var similarity = CopyText.Jaccard(a.Shingles, b.Shingles);
        var titleSimilarity = CopyText.Jaccard(a.TitleWords, b.TitleWords);
        var reasons = CopyReasons.None;
        if (similarity >= s.JaccardThreshold && titleSimilarity >= s.MinTitleSimilarity)
            reasons |= CopyReasons.SimilarText;
        if (a.TitleWordCount >= s.MinTitleWords && a.Title == b.Title
            && (a.ExcerptShingles.Length == 0 || b.ExcerptShingles.Length == 0
                || CopyText.Jaccard(a.ExcerptShingles, b.ExcerptShingles) >= s.MinExcerptSimilarity))
            reasons |= CopyReasons.SameTitle;
        if (similarity >= s.SharedImageJaccard && SharesImage(a, b, index))
            reasons |= CopyReasons.SharedImage;
        return (reasons, similarity);
    }

    private static bool SharesImage(CopyText a, CopyText b, CopyIndex index)
    {
        foreach (var image in a.Images)
            if (Array.BinarySearch(b.Images, image) >= 0 && !index.IsLogo(image))
                return true;
        return false;
    }
}

/// <summary>
/// Finds copies incrementally: each batch of new articles is added to the LSH index of the articles seen before, and
/// only their candidates are read back and checked. The index keeps hashes only, so checking a candidate from an
/// earlier batch needs its text again: <c>load</c> reads it (from the store, or a test's list).
/// </summary>
public sealed class CopyDetector(SyndicationSettings settings)
{
    private readonly CopyIndex _index = new(settings);

    public SyndicationSettings Settings => settings;

    /// <summary>Entries in the index and the bytes its arrays take.</summary>
    public (int Entries, long Bytes) Size => (_index.Entries, _index.Bytes);

    /// <summary>Adds articles to the index without looking for their copies (rebuilding the index of articles already checked).</summary>
    public void AddKnown(IEnumerable<CopyCandidate> articles)
    {
        foreach (var a in articles)
            _index.Add(CopyText.Of(a, settings.ShingleSize));
    }

    /// <summary>
    /// Adds a batch and returns every pair of copies it makes, with the batch or with articles seen before; each pair
    /// once, the later article (by publication, then id) as <see cref="CopyMatch.ArticleId"/>.
    /// </summary>
    public async Task<List<CopyMatch>> AddAsync(IReadOnlyList<CopyCandidate> batch,
        Func<IReadOnlyCollection<int>, CancellationToken, Task<IReadOnlyList<CopyCandidate>>> load, CancellationToken ct = default)
    {
        var texts = new Dictionary<int, CopyText>(batch.Count);
        foreach (var a in batch)
            texts[a.Id] = CopyText.Of(a, settings.ShingleSize);
        // All of the batch first, so an image's count (logo or not) includes it.
        foreach (var t in texts.Values)
            _index.Add(t);

        var candidates = new Dictionary<int, HashSet<int>>();
        var missing = new HashSet<int>();
        foreach (var t in texts.Values)
        {
            ct.ThrowIfCancellationRequested();
            var set = new HashSet<int>();
            _index.AddCandidates(t, set);
            if (set.Count == 0)
                continue;
            candidates[t.Id] = set;
            foreach (var id in set)
                if (!texts.ContainsKey(id))
                    missing.Add(id);
        }
        if (missing.Count > 0)
            foreach (var a in await load(missing, ct))
                texts.TryAdd(a.Id, CopyText.Of(a, settings.ShingleSize));

        var matches = new List<CopyMatch>();
        var seen = new HashSet<(int, int)>();
        foreach (var (id, set) in candidates)
        {
            ct.ThrowIfCancellationRequested();
            var a = texts[id];
            foreach (var other in set)
            {
                // A candidate that is gone (removed since it was indexed) has no text.
                if (!texts.TryGetValue(other, out var b) || !seen.Add((Math.Min(id, other), Math.Max(id, other))))
                    continue;
                var (reasons, similarity) = CopyRules.Compare(a, b, _index);
                if (reasons == CopyReasons.None)
                    continue;
                var (later, earlier) = IsEarlier(b.Article, a.Article) ? (a, b) : (b, a);
                matches.Add(new CopyMatch(later.Id, earlier.Id, reasons, similarity));
            }
        }
        return matches;
    }

    /// <summary>Publication order: by date (undated last), then id.</summary>
    internal static bool IsEarlier(CopyCandidate a, CopyCandidate b) =>
        (a.PublishedAt ?? DateTime.MaxValue, a.Id).CompareTo((b.PublishedAt ?? DateTime.MaxValue, b.Id)) < 0;
}
