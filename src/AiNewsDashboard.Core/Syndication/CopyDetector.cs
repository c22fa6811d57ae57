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
    public static (CopyReasons Reasons, double Similarity) Compare(CopyPrint a, CopyPrint b, SyndicationSettings s, Func<ulong, bool> isLogo)
    {
        if (CopyPrint.DaysApart(a, b) > s.MaxLagDays)
            return (CopyReasons.None, 0);
        var similarity = CopyPrint.Similarity(a, b);
        var reasons = CopyReasons.None;
        if (similarity >= s.JaccardThreshold && CopyPrint.TitleSimilarity(a, b) >= s.MinTitleSimilarity)
            reasons |= CopyReasons.SimilarText;
        if (a.TitleWordCount >= s.MinTitleWords && a.TitleHash == b.TitleHash
            && (a.Excerpt.Length == 0 || b.Excerpt.Length == 0 || CopyPrint.ExcerptSimilarity(a, b) >= s.MinExcerptSimilarity))
            reasons |= CopyReasons.SameTitle;
        if (similarity >= s.SharedImageJaccard && SharesImage(a, b, isLogo))
            reasons |= CopyReasons.SharedImage;
        return (reasons, similarity);
    }

    private static bool SharesImage(CopyPrint a, CopyPrint b, Func<ulong, bool> isLogo)
    {
        foreach (var image in a.Images)
            if (b.Images.BinarySearch(image) >= 0 && !isLogo(image))
                return true;
        return false;
    }
}

/// <summary>
/// Where the LSH index and the earlier articles' texts are kept (the store: <see cref="StoredCopyKeys"/>). The
/// detector asks for the entries under a batch's keys once, and for the texts of the candidates it found; it never
/// holds more than one batch.
/// </summary>
internal interface ICopyKeyStore
{
    /// <summary>Every entry filed under one of <paramref name="keys"/>.</summary>
    Task<List<CopyKey>> EntriesAsync(IReadOnlyCollection<int> keys, CancellationToken ct);

    /// <summary>The articles among <paramref name="ids"/> that are still articles (not removed, not demoted to references), with their texts.</summary>
    Task<List<CopyCandidate>> ArticlesAsync(IReadOnlyCollection<int> ids, CancellationToken ct);
}

/// <summary>
/// What checking one batch found: its pairs of copies, and the index entries to store for it (within each key's cap);
/// and the date of each article in a pair, read with its text for the comparison (what a group member keeps).
/// </summary>
internal sealed record CopyCheck(List<CopyMatch> Matches, List<CopyKey> NewEntries, Dictionary<int, DateTime?> Published);

/// <summary>
/// Finds copies incrementally, one batch at a time, with an LSH index kept in the store (<see cref="CopyKey"/>): each
/// article is filed under its MinHash bands, its normalised title (when long enough to mean something) and its images.
/// A batch's keys are looked up in one query; the articles filed under them (and the batch's own, so copies within a
/// batch are found too) are its candidates, dropped when published too far apart or when they only share a logo; the
/// candidates' texts are then read from the store and every pair checked on exact prints (<see cref="CopyRules"/>), on
/// every core. Only the batch is in memory: the index and the texts stay in the store.
/// </summary>
public sealed class CopyDetector(SyndicationSettings settings)
{
    /// <summary>Most articles one band or title key keeps: the earliest are enough to join a group, and a boilerplate text can't make every lookup read thousands.</summary>
    internal const int MaxBucket = 64;

    public SyndicationSettings Settings => settings;

    /// <summary>
    /// Checks a batch against the articles filed before it and against itself, and returns every pair of copies, each
    /// pair once, the later article (by publication, then id) as <see cref="CopyMatch.ArticleId"/>; with the entries
    /// to file the batch under. With <paramref name="findCopies"/> false only the entries are worked out (filing
    /// articles already checked: no candidate is read).
    /// </summary>
    internal async Task<CopyCheck> CheckAsync(IReadOnlyList<CopyCandidate> batch, ICopyKeyStore store, bool findCopies = true, CancellationToken ct = default)
    {
        var texts = new Dictionary<int, CopyText>(batch.Count);
        foreach (var t in Prepare(batch))
            texts[t.Id] = t;
        var order = texts.Values.ToArray();
        var keysOf = order.Select(KeysOf).ToArray();

        var buckets = new Dictionary<int, List<(int Id, int Day)>>();
        List<(int Id, int Day)> Bucket(int key) => buckets.TryGetValue(key, out var b) ? b : buckets[key] = [];
        var wanted = keysOf.SelectMany(k => k).Select(k => k.Key).Distinct().ToList();
        foreach (var entry in await store.EntriesAsync(wanted, ct))
            Bucket(entry.Key).Add((entry.ArticleId, entry.Day));

        // All of the batch first, within each key's cap, so an image's count (logo or not) includes it and the batch's
        // articles are each other's candidates.
        var added = new List<CopyKey>();
        for (var i = 0; i < order.Length; i++)
        {
            var (id, day) = (order[i].Id, DayOf(order[i]));
            foreach (var (key, image) in keysOf[i])
            {
                var cap = image ? settings.MaxImageShare + 1 : MaxBucket;
                var bucket = Bucket(key);
                if (bucket.Count >= cap || bucket.Exists(e => e.Id == id))
                    continue;
                bucket.Add((id, day));
                added.Add(new CopyKey { Key = key, ArticleId = id, Day = day });
            }
        }
        if (!findCopies)
            return new CopyCheck([], added, []);

        bool IsLogo(ulong image) => buckets.TryGetValue(ImageKey(image), out var b) && b.Count > settings.MaxImageShare;

        // Each article's candidates, on every core; the buckets are only read from here on.
        var candidates = new HashSet<int>?[order.Length];
        Parallel.For(0, order.Length, new ParallelOptions { CancellationToken = ct }, i =>
        {
            var (id, day) = (order[i].Id, DayOf(order[i]));
            var set = new HashSet<int>();
            foreach (var (key, image) in keysOf[i])
            {
                if (image && buckets[key].Count > settings.MaxImageShare)
                    continue; // a logo

                // A day of slack: the rule compares exact times.
                foreach (var (other, otherDay) in buckets[key])
                    if (other != id && (day == 0 || otherDay == 0 || Math.Abs(otherDay - day) <= settings.MaxLagDays + 1))
                        set.Add(other);
            }
            candidates[i] = set.Count > 0 ? set : null;
        });

        var prints = texts.ToDictionary(t => t.Key, t => t.Value.Print);
        var earlier = candidates.SelectMany(c => c ?? []).Where(id => !texts.ContainsKey(id)).ToHashSet();
        if (earlier.Count > 0)
            foreach (var t in Prepare(await store.ArticlesAsync(earlier, ct)))
                prints[t.Id] = t.Print;

        var found = new List<(int Other, CopyReasons Reasons, double Similarity)>?[order.Length];
        Parallel.For(0, order.Length, new ParallelOptions { CancellationToken = ct }, i =>
        {
            List<(int, CopyReasons, double)>? verdicts = null;
            foreach (var other in candidates[i] ?? [])
            {
                if (!prints.TryGetValue(other, out var b))
                    continue; // removed or demoted since it was filed
                var (reasons, similarity) = CopyRules.Compare(order[i].Print, b, settings, IsLogo);
                if (reasons != CopyReasons.None)
                    (verdicts ??= []).Add((other, reasons, similarity));
            }
            found[i] = verdicts;
        });

        // In the batch's order, each pair once (the rules are symmetric: either side's verdict is the pair's).
        var matches = new List<CopyMatch>();
        var published = new Dictionary<int, DateTime?>();
        var seen = new HashSet<(int, int)>();
        for (var i = 0; i < order.Length; i++)
        {
            var a = order[i];
            foreach (var (other, reasons, similarity) in found[i] ?? [])
            {
                if (!seen.Add((Math.Min(a.Id, other), Math.Max(a.Id, other))))
                    continue;
                var laterIsA = IsEarlier(other, prints[other].PublishedAt, a.Id, a.Article.PublishedAt);
                matches.Add(laterIsA ? new CopyMatch(a.Id, other, reasons, similarity) : new CopyMatch(other, a.Id, reasons, similarity));
                published[a.Id] = a.Article.PublishedAt;
                published[other] = prints[other].PublishedAt;
            }
        }
        return new CopyCheck(matches, added, published);
    }

    /// <summary>The articles' texts prepared for comparison, on every core.</summary>
    private CopyText[] Prepare(IReadOnlyList<CopyCandidate> articles)
    {
        var texts = new CopyText[articles.Count];
        Parallel.For(0, articles.Count, i => texts[i] = CopyText.Of(articles[i], settings.ShingleSize));
        return texts;
    }

    /// <summary>
    /// The keys an article is filed under, distinct: its bands and title (each holds up to <see cref="MaxBucket"/>
    /// articles) and its images (each one more than <see cref="SyndicationSettings.MaxImageShare"/>: enough to know a logo).
    /// </summary>
    private List<(int Key, bool Image)> KeysOf(CopyText text)
    {
        var keys = new List<(int Key, bool Image)>(settings.Bands + 1 + text.Images.Length);
        void Add(uint key, bool image)
        {
            if (!keys.Exists(k => k.Key == (int)key))
                keys.Add(((int)key, image));
        }
        if (text.Shingles.Length > 0)
        {
            var signature = text.Signature(settings.Hashes);
            var rows = settings.RowsPerBand;
            for (var b = 0; b < settings.Bands; b++)
            {
                var h = CopyText.Mix(0xB000UL + (ulong)b);
                for (var r = 0; r < rows; r++)
                    h = CopyText.Mix(h ^ signature[b * rows + r]);
                Add((uint)h, false);
            }
        }
        if (text.TitleWordCount >= settings.MinTitleWords)
            Add((uint)CopyText.Mix(CopyText.Hash(text.Title) ^ 0x7171UL), false);
        foreach (var image in text.Images)
            Add((uint)ImageKey(image), true);
        return keys;
    }

    private static int ImageKey(ulong image) => (int)(uint)CopyText.Mix(image ^ 0x1313UL);

    /// <summary>Publication day (DateOnly.DayNumber + 1; 0 when undated).</summary>
    private static int DayOf(CopyText text) => text.Article.PublishedAt is { } t ? DateOnly.FromDateTime(t).DayNumber + 1 : 0;

    /// <summary>Publication order: by date (undated last), then id.</summary>
    private static bool IsEarlier(int a, DateTime? aAt, int b, DateTime? bAt) =>
        (aAt ?? DateTime.MaxValue, a).CompareTo((bAt ?? DateTime.MaxValue, b)) < 0;
}
