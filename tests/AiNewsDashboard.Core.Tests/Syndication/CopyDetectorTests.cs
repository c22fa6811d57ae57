using AiNewsDashboard.Core.Syndication;
using AiNewsDashboard.TestSupport;
using Xunit.Abstractions;

namespace AiNewsDashboard.Core.Tests.Syndication;

/// <summary>Copy detection on texts alone: the labelled pairs' precision and recall, and the hard negatives one by one.</summary>
public sealed class CopyDetectorTests(ITestOutputHelper output)
{
    private static readonly DateTime Day = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private static async Task<List<CopyMatch>> DetectAsync(IReadOnlyList<CopyCandidate> articles, SyndicationSettings? settings = null, int batchSize = int.MaxValue)
    {
        var detector = new CopyDetector(settings ?? new SyndicationSettings());
        var store = new MemoryKeys();
        var matches = new List<CopyMatch>();
        foreach (var batch in articles.Chunk(Math.Min(batchSize, Math.Max(1, articles.Count))))
        {
            var check = await detector.CheckAsync(batch, store);
            matches.AddRange(check.Matches);
            store.File(batch, check.NewEntries);
        }
        return matches;
    }

    /// <summary>The index and the texts as a store keeps them (the service's is the database), for tests of the texts alone.</summary>
    private sealed class MemoryKeys : ICopyKeyStore
    {
        private readonly List<CopyKey> _entries = [];
        private readonly Dictionary<int, CopyCandidate> _articles = [];

        public void File(IEnumerable<CopyCandidate> batch, IEnumerable<CopyKey> entries)
        {
            foreach (var a in batch)
                _articles[a.Id] = a;
            _entries.AddRange(entries);
        }

        public Task<List<CopyKey>> EntriesAsync(IReadOnlyCollection<int> keys, CancellationToken ct)
        {
            var wanted = keys.ToHashSet();
            return Task.FromResult(_entries.Where(e => wanted.Contains(e.Key)).ToList());
        }

        public Task<List<CopyCandidate>> ArticlesAsync(IReadOnlyCollection<int> ids, CancellationToken ct) =>
            Task.FromResult(ids.Where(_articles.ContainsKey).Select(id => _articles[id]).ToList());
    }

    /// <summary>Groups as union of the matches: article id to a group representative.</summary>
    private static Func<int, int> Groups(IEnumerable<CopyMatch> matches)
    {
        var parent = new Dictionary<int, int>();
        int Find(int x) => parent.TryGetValue(x, out var p) && p != x ? parent[x] = Find(p) : x;
        foreach (var m in matches)
            parent[Find(m.ArticleId)] = Find(m.MatchedId);
        return Find;
    }

    [Theory]
    [InlineData(int.MaxValue)] // one batch
    [InlineData(37)] // incremental: most pairs span batches
    public async Task LabelledPairs_PrecisionAndRecall_AtLeast95Percent(int batchSize)
    {
        var fixture = new LabelledPairs();
        var groupOf = Groups(await DetectAsync(fixture.Articles, batchSize: batchSize));
        int tp = 0, fp = 0, fn = 0;
        foreach (var pair in fixture.Pairs)
        {
            var predicted = groupOf(pair.A) == groupOf(pair.B);
            if (predicted && pair.Copies) tp++;
            else if (predicted) { fp++; output.WriteLine($"false positive ({pair.Kind}): {pair.A} {pair.B}"); }
            else if (pair.Copies) { fn++; output.WriteLine($"missed ({pair.Kind}): {pair.A} {pair.B}"); }
        }
        var precision = tp / (double)(tp + fp);
        var recall = tp / (double)(tp + fn);
        output.WriteLine($"{fixture.Pairs.Count} labelled pairs ({fixture.Pairs.Count(p => p.Copies)} copies, {fixture.Pairs.Count(p => !p.Copies)} hard negatives), batch {batchSize}: precision {precision:F3}, recall {recall:F3}");
        foreach (var kind in fixture.Pairs.GroupBy(p => p.Kind))
            output.WriteLine($"  {kind.Key}: {kind.Count(p => (groupOf(p.A) == groupOf(p.B)) == p.Copies)}/{kind.Count()} right");
        Assert.True(fixture.Pairs.Count >= 200, $"only {fixture.Pairs.Count} pairs");
        Assert.True(precision >= 0.95, $"precision {precision:F3}");
        Assert.True(recall >= 0.95, $"recall {recall:F3}");
    }

    private static CopyCandidate Article(int id, string title, string excerpt, params string[] images) =>
        new(id, title, excerpt, images, Day.AddHours(id));

    private const string Excerpt = WireStory.Excerpt;

    [Fact]
    public async Task Detect_VerbatimCopyWithSourceSuffix_MatchesTheEarlierAsFirst()
    {
        var matches = await DetectAsync([
            Article(1, "Central bank raises rates for the fourth time this year", Excerpt),
            Article(2, "Central bank raises rates for the fourth time this year - Reuters", Excerpt),
        ]);
        var match = Assert.Single(matches);
        Assert.Equal((2, 1), (match.ArticleId, match.MatchedId));
        Assert.Equal(CopyReasons.SimilarText | CopyReasons.SameTitle, match.Reasons);
        Assert.Equal(1.0, match.Similarity);
    }

    [Fact]
    public async Task Detect_BoilerplateExcerptUnderDifferentTitles_IsNoCopy()
    {
        const string boilerplate = "Sign up for our daily newsletter to get the latest news analysis and opinion delivered to your inbox every morning";
        Assert.Empty(await DetectAsync([
            Article(1, "Storm floods coastal towns as rivers burst their banks", boilerplate),
            Article(2, "Chipmaker shares jump after record quarterly earnings", boilerplate),
        ]));
    }

    [Fact]
    public async Task Detect_LogoOnManyArticles_IsIgnored_AStockImageOnTwo_NeedsSimilarText()
    {
        var settings = new SyndicationSettings { MaxImageShare = 3 };
        const string logo = "https://example.com/logo.png";
        const string photo = "https://example.com/photo.jpg";
        // Five unrelated stories with the logo: more than MaxImageShare, so it is a logo. Two with one stock photo.
        var articles = Enumerable.Range(1, 5).Select(i => Article(i, $"Unrelated story number {i} about something else entirely", $"Body {i} {Excerpt[(i * 7)..]}", logo)).ToList();
        articles.Add(Article(6, "Wildfire forces thousands to leave their homes overnight", "Firefighters battled the blaze through the night as winds picked up", photo));
        articles.Add(Article(7, "Tech giant unveils a folding phone with a larger screen", "The device goes on sale next month at a price above its rivals", photo));
        var matches = await DetectAsync(articles, settings);
        Assert.DoesNotContain(matches, m => m.Reasons.HasFlag(CopyReasons.SharedImage));
        Assert.DoesNotContain(matches, m => m.ArticleId is 6 or 7);
    }

    [Fact]
    public async Task Detect_RewriteKeepingThePicture_IsACopyBecauseOfTheImage()
    {
        const string photo = "https://example.com/rates.jpg";
        var rewritten = Excerpt.Replace("raised", "lifted").Replace("Tuesday", "Wednesday").Replace("officials", "policymakers").Replace("still", "now");
        var matches = await DetectAsync([
            Article(1, "Central bank raises rates for the fourth time this year", Excerpt, photo),
            Article(2, "Central bank lifts rates for a fourth time this year", rewritten, photo),
        ]);
        Assert.True(Assert.Single(matches).Reasons.HasFlag(CopyReasons.SharedImage));
    }

    [Fact]
    public async Task Detect_OneWireSlugOnDifferentStories_IsNoCopy()
    {
        Assert.Empty(await DetectAsync([
            Article(1, "AP News in Brief at 6:04 p.m. EST", "WASHINGTON (AP) — Lawmakers agreed on a spending bill late on Friday after weeks of talks"),
            Article(2, "AP News in Brief at 6:04 p.m. EST", "WASHINGTON (AP) — A federal judge blocked the new rule on asylum claims, saying it went too far"),
        ]));
    }

    [Fact]
    public async Task Detect_SameTitleOneWithoutExcerpt_IsTheSameArticleUnderAnotherUrl()
    {
        var match = Assert.Single(await DetectAsync([
            Article(1, "Central bank raises rates for the fourth time this year", Excerpt),
            Article(2, "Central Bank Raises Rates For The Fourth Time This Year", ""),
        ]));
        Assert.Equal(CopyReasons.SameTitle, match.Reasons);
    }

    [Fact]
    public void Settings_BandsNotDividingHashes_AreRefusedWithTheKey()
    {
        var settings = new SyndicationSettings { Hashes = 50, Bands = 12 };
        var problems = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(settings, new(settings), problems, validateAllProperties: true));
        Assert.Contains(problems, p => p.MemberNames.Contains(nameof(SyndicationSettings.Bands)) && p.ErrorMessage!.Contains("50"));
    }
}
