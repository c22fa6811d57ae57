using System.Globalization;
using System.Text;
using AiNewsDashboard.Demo;
using YamlDotNet.RepresentationModel;

namespace AiNewsDashboard.Core.Tests.Demo;

/// <summary>One corpus of 3,000 demo articles, generated and parsed once for all tests in the class.</summary>
public sealed class DemoCorpusFixture
{
    public const int Count = 3000;

    public DemoCorpusFixture()
    {
        Articles = new DemoCorpusGenerator().Generate(Count).ToList();
        Parsed = Articles.Select(a => DemoYaml.Parse(a.Text)).ToList();
        ByUrl = Parsed.ToDictionary(p => p.WebUrl);
    }

    public IReadOnlyList<GeneratedArticle> Articles { get; }
    public IReadOnlyList<ParsedArticle> Parsed { get; }
    public IReadOnlyDictionary<string, ParsedArticle> ByUrl { get; }
}

public sealed class DemoCorpusGeneratorTests(DemoCorpusFixture corpus) : IClassFixture<DemoCorpusFixture>
{
    private static readonly DateTime RangeStart = new(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime RangeEnd = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Generate_SameSeedTwice_IsByteIdentical()
    {
        var again = new DemoCorpusGenerator(DemoCorpusGenerator.DefaultSeed).Generate(DemoCorpusFixture.Count).ToList();

        Assert.Equal(corpus.Articles, again);
    }

    [Fact]
    public void Generate_DifferentSeed_GivesDifferentCorpus()
    {
        var other = new DemoCorpusGenerator(seed: 7).Generate(200).ToList();

        Assert.Equal(200, other.Count);
        int same = other.Zip(corpus.Articles).Count(p => p.First.Text == p.Second.Text);
        Assert.Equal(0, same);
    }

    [Fact]
    public void Generate_UnderAnotherCulture_IsByteIdentical()
    {
        // Guards against culture-sensitive formatting (decimal commas, Turkish casing, non-Latin digits) creeping in.
        var saved = CultureInfo.CurrentCulture;
        var savedUi = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            var expected = new DemoCorpusGenerator().Generate(300).Select(a => a.Text).ToList();
            foreach (var name in new[] { "tr-TR", "ar-SA", "de-DE" })
            {
                CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(name);
                var texts = new DemoCorpusGenerator().Generate(300).Select(a => a.Text).ToList();
                for (int i = 0; i < texts.Count; i++)
                    Assert.True(expected[i] == texts[i], $"{name}: article {i} differs: {FirstDifference(expected[i], texts[i])}");
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
            CultureInfo.CurrentUICulture = savedUi;
        }
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (int i = 0; i < Math.Min(e.Length, a.Length); i++)
            if (e[i] != a[i]) return $"line {i + 1}: expected [{e[i]}] actual [{a[i]}]";
        return $"line counts {e.Length} vs {a.Length}";
    }

    [Fact]
    public void Generate_EveryArticlesUrls_BelongToNoOtherArticle()
    {
        // Bug guarded: press releases carried by several outlets shared one originalUrl, so the importer (rightly)
        // took them for one article known by several addresses and merged them.
        var owner = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = 0;
        foreach (var article in new DemoCorpusGenerator().Generate(3000))
        {
            foreach (var line in article.Text.Split('\n').Where(l => l.StartsWith("webUrl: ", StringComparison.Ordinal) || l.StartsWith("originalUrl: ", StringComparison.Ordinal)))
            {
                var key = AiNewsDashboard.Core.Import.UrlNormalizer.Normalize(line[(line.IndexOf(' ') + 1)..].Trim('"'))!;
                Assert.True(owner.TryAdd(key, i) || owner[key] == i, $"{key} is claimed by articles {owner.GetValueOrDefault(key)} and {i}");
            }
            i++;
        }
        Assert.True(owner.Count >= 3000);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1001)]
    public void Generate_Count_ReturnsExactlyThatMany(int count)
    {
        var articles = new DemoCorpusGenerator().Generate(count).ToList();

        Assert.Equal(count, articles.Count);
        Assert.Equal(count, articles.Select(a => a.RelativePath).Distinct().Count());
    }

    [Fact]
    public void Generate_NegativeCount_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DemoCorpusGenerator().Generate(-1));
    }

    [Fact]
    public void Generate_HugeCount_StreamsLazily()
    {
        // A million-article corpus must not be materialised: taking a few from int.MaxValue is instant.
        var first = new DemoCorpusGenerator().Generate(int.MaxValue).Take(5).ToList();

        Assert.Equal(corpus.Articles.Take(5).Select(a => a.RelativePath), first.Select(a => a.RelativePath));
    }

    [Fact]
    public void Generate_SmallerCount_IsPrefixUpToTheLastStory()
    {
        // Stories are seeded by number, so a smaller corpus repeats the larger one except for its truncated last story.
        var small = new DemoCorpusGenerator().Generate(1000).ToList();

        int same = small.Zip(corpus.Articles).TakeWhile(p => p.First == p.Second).Count();
        Assert.InRange(same, 1000 - 8, 1000);
    }

    [Fact]
    public void RelativePath_UsesFoldersOfAThousand()
    {
        Assert.Equal("0000/000000.md", corpus.Articles[0].RelativePath);
        Assert.Equal("0001/001000.md", corpus.Articles[1000].RelativePath);
        Assert.Equal("0002/002999.md", corpus.Articles[2999].RelativePath);
        Assert.Equal("1234/1234567.md", DemoCorpusGenerator.RelativePathFor(1_234_567));
    }

    [Fact]
    public void Providers_AboutFortyWithLongTail_AllOnExampleDomains()
    {
        var counts = corpus.Parsed.GroupBy(p => p.ProviderDomain).ToDictionary(g => g.Key, g => g.Count());

        Assert.InRange(counts.Count, 36, 44);
        Assert.All(counts.Keys, d => Assert.EndsWith(".example", d));
        Assert.All(corpus.Parsed.SelectMany(p => p.Related), r => Assert.EndsWith(".example", r.ProviderDomain));
        // Zipf-like: the five biggest outlets publish a large share, the smallest twenty little.
        var sorted = counts.Values.OrderDescending().ToList();
        Assert.InRange(sorted.Take(5).Sum() / (double)DemoCorpusFixture.Count, 0.35, 0.65);
        Assert.InRange(sorted.TakeLast(20).Sum() / (double)DemoCorpusFixture.Count, 0.02, 0.2);
    }

    [Fact]
    public void Urls_AreUniqueAndOnExampleHosts()
    {
        Assert.Equal(corpus.Parsed.Count, corpus.ByUrl.Count);
        var all = corpus.Parsed.SelectMany(p => new[] { p.WebUrl, p.OriginalUrl }.Concat(p.ImageUrls))
            .Concat(corpus.Parsed.SelectMany(p => p.Related.Select(r => r.WebUrl)));
        Assert.All(all, url => Assert.EndsWith(".example", new Uri(url).Host));
        Assert.All(corpus.Parsed, p => Assert.Matches(@"^https://[a-z.]+\.example/\d{4}/\d{2}/\d{2}/[a-z0-9-]+-[0-9a-f]{8}$", p.WebUrl));
        Assert.All(corpus.Parsed.SelectMany(p => p.ImageUrls), url => Assert.StartsWith("https://img.", url));
        Assert.Contains(corpus.Parsed, p => p.OriginalUrl != p.WebUrl);
    }

    [Fact]
    public void Topics_AboutThirty_OneToFourPerArticle_AiCommon()
    {
        var topics = corpus.Parsed.SelectMany(p => p.Topics).ToList();

        Assert.InRange(topics.Distinct().Count(), 27, 32);
        Assert.All(corpus.Parsed, p => Assert.InRange(p.Topics.Count, 1, 4));
        Assert.All(corpus.Parsed, p => Assert.Equal(p.Topics.Count, p.Topics.Distinct().Count()));
        Assert.InRange(corpus.Parsed.Count(p => p.Topics.Contains("AI")) / (double)DemoCorpusFixture.Count, 0.3, 0.8);
    }

    [Fact]
    public void GenerativeAi_GrowsStronglyFromLate2022()
    {
        double Share(int year) =>
            corpus.Parsed.Count(p => p.Published.Year == year && p.Topics.Contains("Generative AI"))
            / (double)corpus.Parsed.Count(p => p.Published.Year == year);

        Assert.True(Share(2024) > 2 * Share(2021), $"2021 {Share(2021):P1}, 2024 {Share(2024):P1}");
    }

    [Fact]
    public void Dates_WithinRange_VolumeGrows()
    {
        Assert.All(corpus.Articles, a => Assert.Matches(@"\npublishedDateTime: \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\n", a.Text));
        var dates = corpus.Parsed.Select(p => p.Published).Concat(corpus.Parsed.SelectMany(p => p.Related.Select(r => r.Published))).ToList();
        Assert.All(dates, d => Assert.InRange(d, RangeStart, RangeEnd));
        Assert.True(corpus.Parsed.Count(p => p.Published.Year == 2025) > 2 * corpus.Parsed.Count(p => p.Published.Year == 2019));
    }

    [Fact]
    public void Fields_HavePlausibleValues()
    {
        var parsed = corpus.Parsed;
        Assert.All(parsed, p => Assert.InRange(p.Quality, 0, 100));
        Assert.All(parsed, p => Assert.InRange(p.Heat, -1, 100));
        Assert.InRange(parsed.Count(p => p.Heat == -1) / (double)parsed.Count, 0.05, 0.15);
        Assert.InRange(parsed.Count(p => p.IsPublished) / (double)parsed.Count, 0.25, 0.35);
        Assert.InRange(parsed.Count(p => p.Category == "news") / (double)parsed.Count, 0.6, 0.9);
        Assert.Subset(new HashSet<string> { "news", "opinion", "analysis", "press-release" }, parsed.Select(p => p.Category).ToHashSet());
        Assert.All(parsed, p => Assert.NotEmpty(p.ImageUrls));
        // Outlets differ in quality, so a provider-quality chart has something to show.
        var means = parsed.GroupBy(p => p.ProviderDomain).Where(g => g.Count() >= 30).Select(g => g.Average(p => p.Quality)).ToList();
        Assert.True(means.Max() - means.Min() > 20, $"provider quality means {means.Min():F0}..{means.Max():F0}");
    }

    [Fact]
    public void Related_InCorpusTargets_MatchTargetExactly()
    {
        int checkedCount = 0;
        foreach (var article in corpus.Parsed)
        {
            Assert.InRange(article.Related.Count, 0, 5);
            foreach (var r in article.Related)
            {
                Assert.NotEqual(article.WebUrl, r.WebUrl);
                if (!corpus.ByUrl.TryGetValue(r.WebUrl, out var target)) continue;
                Assert.Equal(target.Title, r.Title);
                Assert.Equal(target.Excerpt, r.Excerpt);
                Assert.Equal(target.Published, r.Published);
                Assert.Equal(target.ProviderName, r.ProviderName);
                Assert.Equal(target.ProviderDomain, r.ProviderDomain);
                Assert.Equal(target.Quality, r.Quality);
                Assert.NotEqual(article.ProviderDomain, r.ProviderDomain);
                checkedCount++;
            }
        }
        Assert.True(checkedCount > DemoCorpusFixture.Count, $"only {checkedCount} in-corpus related entries");
    }

    [Fact]
    public void Related_AboutFifteenPercentPointOutsideCorpus()
    {
        var related = corpus.Parsed.SelectMany(p => p.Related).ToList();
        double outside = related.Count(r => !corpus.ByUrl.ContainsKey(r.WebUrl)) / (double)related.Count;

        Assert.InRange(outside, 0.08, 0.25);
    }

    [Fact]
    public void Related_FormMultiProviderStoryClusters_WithinTwoAndHalfDays()
    {
        // Union-find over in-corpus related links: the clusters the dashboard's graph view will draw.
        var index = corpus.Parsed.Select((p, i) => (p.WebUrl, i)).ToDictionary(x => x.WebUrl, x => x.i);
        var parent = Enumerable.Range(0, corpus.Parsed.Count).ToArray();
        int Find(int x) => parent[x] == x ? x : parent[x] = Find(parent[x]);
        for (int i = 0; i < corpus.Parsed.Count; i++)
            foreach (var r in corpus.Parsed[i].Related)
                if (index.TryGetValue(r.WebUrl, out int j)) parent[Find(i)] = Find(j);

        var clusters = Enumerable.Range(0, corpus.Parsed.Count).GroupBy(Find).Select(g => g.Select(i => corpus.Parsed[i]).ToList()).ToList();
        Assert.Contains(clusters, c => c.Select(p => p.ProviderDomain).Distinct().Count() >= 5);
        Assert.InRange(clusters.Count(c => c.Count > 1), 200, 2000);
        Assert.All(clusters, c => Assert.True(c.Max(p => p.Published) - c.Min(p => p.Published) <= TimeSpan.FromHours(72)));
        Assert.All(clusters, c => Assert.Equal(c.Count, c.Select(p => p.ProviderDomain).Distinct().Count()));
    }

    [Fact]
    public void Stories_SizesOneToEight_MostlySmall()
    {
        var sizes = new DemoCorpusGenerator().GenerateWithStories(DemoCorpusFixture.Count)
            .GroupBy(x => x.Story).Select(g => g.Count()).ToList();

        Assert.All(sizes, s => Assert.InRange(s, 1, 8));
        Assert.True(sizes.Count(s => s == 1) > sizes.Count(s => s >= 5));
        Assert.Contains(8, sizes);
    }

    [Fact]
    public void EveryFile_IsFrontMatterWithTheRealFieldOrder()
    {
        string[] order =
        [
            "category", "title", "excerpt", "publishedDateTime", "originalUrl", "webUrl", "type", "quality", "heat",
            "published", "provider", "topics", "images", "related", "secured",
        ];
        foreach (var a in corpus.Articles)
        {
            Assert.StartsWith("---\n", a.Text);
            Assert.EndsWith("\n---\n\n", a.Text);
            var keys = DemoYaml.TopLevelKeys(a.Text);
            Assert.Equal(order.Where(k => k != "related" || keys.Contains("related")), keys);
            Assert.Matches("\nsecured: \"[A-Za-z0-9+/=]+;[A-Za-z0-9+/]{22}==\"\n", a.Text);
        }
    }

    [Fact]
    public void Titles_WithQuotesColonsAndBackslashes_RoundTripThroughYaml()
    {
        // Titles are written double-quoted; these characters break a writer that forgets to escape. Each must come
        // back from the YAML within the first 20,000 articles (parsed only until all three have).
        char[] tricky = ['"', ':', '\\'];
        var seen = new HashSet<char>();
        foreach (var title in new DemoCorpusGenerator().Generate(20_000)
                     .Select(a => a.Text)
                     .Where(t => t.Contains("title: \"", StringComparison.Ordinal))
                     .Select(t => DemoYaml.Parse(t).Title))
        {
            seen.UnionWith(tricky.Where(title.Contains));
            if (seen.Count == tricky.Length)
                break;
        }

        Assert.Equal(tricky.Order(), seen.Order());
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void WriteTo_CreatesFilesInFoldersOfAtMostAThousand()
    {
        string dir = Path.Combine(Path.GetTempPath(), "demo-corpus-" + Guid.NewGuid().ToString("N"));
        try
        {
            int written = new DemoCorpusGenerator().WriteTo(dir, 2500);

            Assert.Equal(2500, written);
            var folders = Directory.GetDirectories(dir);
            Assert.Equal(3, folders.Length);
            Assert.All(folders, f => Assert.InRange(Directory.GetFiles(f).Length, 1, 1000));
            Assert.Equal(2500, Directory.GetFiles(dir, "*.md", SearchOption.AllDirectories).Length);
            var first = corpus.Articles[1234];
            byte[] bytes = File.ReadAllBytes(Path.Combine(dir, "0001", "001234.md"));
            Assert.NotEqual(0xEF, bytes[0]); // no BOM
            Assert.Equal(first.Text, Encoding.UTF8.GetString(bytes));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void WriteTo_Cancelled_Throws()
    {
        string dir = Path.Combine(Path.GetTempPath(), "demo-corpus-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var cts = new CancellationTokenSource();
            cts.Cancel();
            Assert.ThrowsAny<OperationCanceledException>(() => new DemoCorpusGenerator().WriteTo(dir, 10, cts.Token));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
