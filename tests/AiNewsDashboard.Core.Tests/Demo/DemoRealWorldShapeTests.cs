using System.Globalization;
using AiNewsDashboard.Demo;
using AiNewsDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;
using YamlDotNet.RepresentationModel;

namespace AiNewsDashboard.Core.Tests.Demo;

/// <summary>One real-world-shaped corpus of 10,000 articles, generated and read once for all tests in the class.</summary>
public sealed class RealWorldCorpusFixture
{
    public const int Count = 10_000;

    public RealWorldCorpusFixture()
    {
        Articles = new DemoCorpusGenerator(DemoCorpusGenerator.DefaultSeed, DemoShape.RealWorld).Generate(Count).ToList();
        Files = Articles.Select(a => RealWorldFile.Read(a.Text)).ToList();
    }

    public IReadOnlyList<GeneratedArticle> Articles { get; }
    public IReadOnlyList<RealWorldFile> Files { get; }
}

/// <summary>The fields the real-world shape changes, read with YamlDotNet (quality and heat may be absent).</summary>
public sealed record RealWorldFile(string WebUrl, DateTime Published, int? Quality, int? Heat, string ProviderName, string ProviderDomain,
    IReadOnlyList<string> Topics)
{
    public static RealWorldFile Read(string text)
    {
        var root = DemoYaml.Load(text);
        var provider = (YamlMappingNode)root.Children["provider"];
        return new RealWorldFile(
            Str(root, "webUrl"),
            DateTime.ParseExact(Str(root, "publishedDateTime"), "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            Int(root, "quality"), Int(root, "heat"), Str(provider, "name"), Str(provider, "domain"),
            ((YamlSequenceNode)root.Children["topics"]).Children.Select(n => ((YamlScalarNode)n).Value!).ToList());
    }

    private static string Str(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[key]).Value!;

    private static int? Int(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var v) ? int.Parse(((YamlScalarNode)v).Value!, CultureInfo.InvariantCulture) : null;
}

public sealed class DemoRealWorldShapeTests(RealWorldCorpusFixture corpus) : IClassFixture<RealWorldCorpusFixture>
{
    private static readonly DateTime SpikeFrom = new(2014, 3, 10, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime SpikeTo = new(2014, 6, 4, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime ThinFrom = new(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime ThinTo = new(2022, 9, 18, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Generate_RealWorldSameSeedTwice_IsByteIdenticalAndUnlikeTheDemo()
    {
        var again = new DemoCorpusGenerator(DemoCorpusGenerator.DefaultSeed, DemoShape.RealWorld).Generate(2000).ToList();
        var demo = new DemoCorpusGenerator(DemoCorpusGenerator.DefaultSeed).Generate(2000).ToList();

        Assert.Equal(corpus.Articles.Take(2000), again);
        Assert.DoesNotContain(corpus.Articles[0].Text, demo.Select(a => a.Text));
    }

    [Fact]
    public void Generate_UnknownShape_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DemoCorpusGenerator(1, (DemoShape)7));
    }

    [Fact]
    public void Providers_OverTwoThousand_WithAPowerLawTail()
    {
        var counts = corpus.Files.GroupBy(f => f.ProviderDomain).Select(g => g.Count()).OrderDescending().ToArray();

        Assert.True(counts.Length >= 2000, $"{counts.Length} providers");
        // Most outlets publish once or twice; a few publish hundreds of times.
        Assert.True(counts.Count(c => c <= 2) > counts.Length * 0.6, $"{counts.Count(c => c <= 2)} of {counts.Length} with at most 2 articles");
        Assert.True(counts[0] > 300, $"largest provider has {counts[0]}");
        // Rank-frequency falls as a power law: a straight line of slope about -1 on log-log axes (ranks 3-300).
        var points = Enumerable.Range(3, 298).Select(r => (X: Math.Log(r), Y: Math.Log(counts[r - 1]))).ToList();
        double mx = points.Average(p => p.X), my = points.Average(p => p.Y);
        double slope = points.Sum(p => (p.X - mx) * (p.Y - my)) / points.Sum(p => (p.X - mx) * (p.X - mx));
        Assert.InRange(slope, -1.6, -0.6);
    }

    [Fact]
    public void TailProviders_EveryDomainDistinctAndOnExampleHosts()
    {
        var domains = Enumerable.Range(0, DemoRealWorld.TailSize).Select(r => DemoRealWorld.TailProvider(r).Domain).ToList();

        Assert.True(DemoRealWorld.TailSize > 40_000);
        Assert.Equal(domains.Count, domains.Distinct(StringComparer.Ordinal).Count());
        Assert.All(domains, d => Assert.EndsWith(".example", d));
    }

    [Fact]
    public void Dates_OneDenseSpring2014_ThenThinYearsTo2022()
    {
        var dates = corpus.Files.Select(f => f.Published).ToList();

        var spike = dates.Count(d => d >= SpikeFrom && d < SpikeTo);
        Assert.InRange((double)spike / dates.Count, 0.7, 0.9);
        Assert.All(dates.Where(d => d >= SpikeTo), d => Assert.InRange(d, ThinFrom, ThinTo));
        var thinMonths = dates.Where(d => d >= ThinFrom).GroupBy(d => (d.Year, d.Month)).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(Enumerable.Range(2015, 8), y => Assert.Contains(thinMonths.Keys, k => k.Year == y));
        // Thin: the busiest later month holds a small fraction of an average spike month (under three months of spike).
        Assert.True(thinMonths.Values.Max() * 10 < spike / 3, $"busiest later month {thinMonths.Values.Max()}, spike {spike}");
    }

    [Fact]
    public void Scores_MostArticlesHaveNeitherQualityNorHeat()
    {
        var unscored = corpus.Files.Count(f => f.Quality is null);

        Assert.InRange((double)unscored / corpus.Files.Count, 0.8, 0.9);
        Assert.All(corpus.Files, f => Assert.Equal(f.Quality is null, f.Heat is null));
    }

    [Theory]
    [InlineData("HuffPost", "Huffington Post")]
    [InlineData("U.S. News", "US news")]
    public void Providers_IncludeBothSpellingsOfAnOutlet(string one, string other)
    {
        var names = corpus.Files.Select(f => f.ProviderName).ToHashSet(StringComparer.Ordinal);

        Assert.Contains(one, names);
        Assert.Contains(other, names);
    }

    [Theory]
    [InlineData("AI", "A.I.")]
    [InlineData("Machine Learning", "Machine-Learning")]
    [InlineData("U.S. News", "US news")]
    public void Topics_IncludeBothSpellings(string one, string other)
    {
        var topics = corpus.Files.SelectMany(f => f.Topics).ToHashSet(StringComparer.Ordinal);

        Assert.Contains(one, topics);
        Assert.Contains(other, topics);
    }

    [Fact]
    public void Urls_AFewPairsOfFilesCarryTheSameUrl()
    {
        var shared = corpus.Files.Select((f, i) => (f.WebUrl, Index: i)).GroupBy(f => f.WebUrl).Where(g => g.Count() > 1).ToList();

        Assert.Equal(RealWorldCorpusFixture.Count / DemoRealWorld.PairEvery, shared.Count);
        Assert.All(shared, g =>
        {
            var pair = g.Select(x => x.Index).ToArray();
            Assert.Equal(2, pair.Length);
            Assert.NotEqual(corpus.Articles[pair[0]].Text, corpus.Articles[pair[1]].Text);
        });
    }

    [Fact]
    public async Task Import_RealWorldCorpus_StoresEveryFileKeepingTheStoresRules()
    {
        await using var db = await TestDatabase.CreateAsync();
        var files = corpus.Articles.Take(3000).Select(a => (a.RelativePath, a.Text)).ToArray();

        var report = await db.ImportTextsAsync(files); // checks the store's rules too

        // One file of each pair is stored (DuplicateFileRule), the other is a warning naming it.
        var pairs = Enumerable.Range(0, 3000).Count(i => DemoRealWorld.CopyOf(i) >= 0);
        Assert.Equal(2, pairs);
        Assert.Equal((3000, 0, 3000 - pairs, pairs), (report.Files, report.Rejected, report.Imported, report.Updated + report.Unchanged));
        Assert.Equal(pairs, report.Problems.Count(p => p.Message.StartsWith("not stored: another file for the same URL wins", StringComparison.Ordinal)));
        await using var ctx = await db.ContextAsync();
        var own = ctx.Articles.Where(a => !a.IsReference);
        Assert.InRange((double)await own.CountAsync(a => a.Quality == null && a.Heat == null) / await own.CountAsync(), 0.8, 0.9);
        Assert.True(await ctx.Providers.CountAsync() > 800);
    }

    [Fact]
    public async Task Import_RealWorldCorpusTwice_SecondRunIsAllUnchangedAndWritesNothing()
    {
        // Bug guarded: the pairs of files sharing a URL were both "updated" on every run, each overwriting the other.
        await using var db = await TestDatabase.CreateAsync();
        var files = corpus.Articles.Take(3000).Select(a => (a.RelativePath, a.Text)).ToArray();
        await db.ImportTextsAsync(files);
        var before = await DatabaseSnapshot.CaptureAsync(db.Factory);
        var stamps = await StampsAsync(db);

        var again = await db.ImportTextsAsync(files);

        Assert.Equal((3000, 0, 0, 3000, 0), (again.Files, again.Imported, again.Updated, again.Unchanged, again.Rejected));
        Assert.Equal(before, await DatabaseSnapshot.CaptureAsync(db.Factory));
        Assert.Equal(stamps, await StampsAsync(db));
    }

    private static async Task<List<string>> StampsAsync(TestDatabase db)
    {
        await using var ctx = await db.ContextAsync();
        var rows = await ctx.Articles.OrderBy(a => a.Id).Select(a => new { a.Id, a.SourcePath, a.UpdatedAt }).ToListAsync();
        return rows.Select(r => $"{r.Id} {r.SourcePath} {r.UpdatedAt:O}").ToList();
    }
}
