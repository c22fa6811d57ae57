using System.Diagnostics;
using System.Text;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Demo;
using AiNewsDashboard.TestSupport;

namespace AiNewsDashboard.Core.Tests.Import;

/// <summary>
/// Thousands of mutated article files (truncated, bit-flipped, shuffled, duplicated or dropped lines, huge values, NULs,
/// broken delimiters, deep nesting) through the parser and the importer: article files come from the web, and none
/// may crash the importer, hang it, or be rejected without saying why. The seed is fixed, so a failure reproduces.
/// </summary>
public sealed class ArticleFileFuzzTests
{
    private const int Seed = 20261124;
    private const int ParserFiles = 4000, ImporterFiles = 1500;

    /// <summary>Far above the 1-52 ms the worst hostile files take; only a hang or a runaway can reach it.</summary>
    private static readonly TimeSpan PerFileCeiling = TimeSpan.FromSeconds(10);

    [Trait("Category", "Slow")]
    [Fact]
    public async Task Parse_ThousandsOfMutatedFiles_NeverThrowsNeverHangsAndExplainsEveryRejection()
    {
        var parser = new ArticleFileParser();
        var files = MutatedFiles(ParserFiles, Seed).ToList();
        var slowest = TimeSpan.Zero;
        var rejected = 0;

        // The whole loop under a ceiling too: a hang fails the test instead of stalling the run.
        await Task.Run(() =>
        {
            foreach (var (name, bytes) in files)
            {
                var sw = Stopwatch.StartNew();
                ParseResult result;
                try { result = parser.Parse(bytes); }
                catch (Exception e) { throw new Xunit.Sdk.XunitException($"{name}: the parser threw {e.GetType().Name}: {e.Message}"); }
                if (sw.Elapsed > slowest)
                    slowest = sw.Elapsed;
                if (!result.IsRejected)
                    continue;
                rejected++;
                Assert.True(result.Problems.Any(p => p.Severity == ProblemSeverity.Error && !string.IsNullOrWhiteSpace(p.Message)),
                    $"{name} was rejected without an error saying why");
            }
        }).WaitAsync(PerFileCeiling * 6);

        Assert.True(slowest < PerFileCeiling, $"one file took {slowest.TotalSeconds:0.0} s");
        // The mutations must really exercise both paths, or the test proves little.
        Assert.InRange(rejected, ParserFiles / 10, ParserFiles - ParserFiles / 10);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public async Task Import_ThousandsOfMutatedFiles_CompletesAndNamesEveryRejectedFile()
    {
        await using var db = await TestDatabase.CreateAsync();
        var files = MutatedFiles(ImporterFiles, Seed + 1).ToList();
        var items = files.Select(f => new ImportItem(f.Name, f.Bytes.Length, max => f.Bytes.Length > max ? f.Bytes[..(max + 1)] : f.Bytes));

        var report = await db.Importer.ImportAsync(items, files.Count).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(files.Count, report.Files);
        Assert.Equal(report.Files, report.Imported + report.Updated + report.Unchanged + report.Rejected);
        var withErrors = report.Problems.Where(p => p.Severity == ProblemSeverity.Error).GroupBy(p => p.File).ToList();
        Assert.Equal(report.Rejected, withErrors.Count);
        Assert.All(withErrors, g => Assert.All(g, p => Assert.False(string.IsNullOrWhiteSpace(p.Message), g.Key)));
        Assert.All(withErrors, g => Assert.Contains(g.Key, files.Select(f => f.Name)));
        Assert.InRange(report.Rejected, 1, files.Count - 1);
        Assert.Equal(report.Articles, (int)await DatabaseOracle.ScalarAsync(db.FilePath, "SELECT COUNT(*) FROM Articles WHERE IsReference = 0"));
    }


    /// <summary>Deterministic mutants of valid files: the two real samples and builder articles with related entries.</summary>
    private static IEnumerable<(string Name, byte[] Bytes)> MutatedFiles(int count, int seed)
    {
        var random = new Random(seed);
        var seeds = DemoData.Samples().Select(s => s.Text)
            .Concat(Enumerable.Range(0, 8).Select(i => new ArticleBuilder().From($"p{i}.example").PublishedOn(2024, 1 + i, 3)
                .WithTopics("AI", $"Topic {i}").RelatedTo($"https://r{i}.example/a", $"Related {i}").Build()))
            .Select(Encoding.UTF8.GetBytes).ToArray();
        for (var n = 0; n < count; n++)
        {
            var bytes = seeds[random.Next(seeds.Length)];
            // One to three mutations stacked, so combinations (a truncated file with a flipped bit) occur too.
            var steps = 1 + random.Next(3);
            var applied = new List<string>();
            for (var s = 0; s < steps; s++)
            {
                var (kind, mutated) = Mutate(bytes, random);
                bytes = mutated;
                applied.Add(kind);
            }
            yield return ($"fuzz/{n:0000}-{string.Join('+', applied)}.md", bytes);
        }
    }

    private static (string Kind, byte[] Bytes) Mutate(byte[] bytes, Random random)
    {
        switch (random.Next(10))
        {
            case 0:
                return ("truncate", bytes[..random.Next(bytes.Length + 1)]);
            case 1:
            {
                var copy = (byte[])bytes.Clone();
                for (var i = 1 + random.Next(8); i > 0 && copy.Length > 0; i--)
                    copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
                return ("bitflip", copy);
            }
            case 2:
            {
                var lines = Lines(bytes);
                random.Shuffle(lines);
                return ("shuffle", Join(lines));
            }
            case 3:
            {
                var lines = Lines(bytes).ToList();
                if (lines.Count > 0)
                    lines.RemoveAt(random.Next(lines.Count));
                return ("dropline", Join([.. lines]));
            }
            case 4:
            {
                var lines = Lines(bytes).ToList();
                if (lines.Count > 0)
                {
                    var i = random.Next(lines.Count);
                    lines.InsertRange(i, Enumerable.Repeat(lines[i], 1 + random.Next(50)));
                }
                return ("dupline", Join([.. lines]));
            }
            case 5:
            {
                // A huge value: under the 1 MiB cap (must import or be rejected for its content) or over it (rejected by size).
                var size = random.Next(2) == 0 ? 200_000 : 1_100_000;
                var field = new[] { "title", "excerpt", "webUrl", "category", "heat" }[random.Next(5)];
                return ("huge-" + field, Replace(bytes, field + ": ", field + ": " + new string('x', size) + " "));
            }
            case 6:
            {
                var copy = bytes.ToList();
                for (var i = 1 + random.Next(20); i > 0; i--)
                    copy.Insert(random.Next(copy.Count + 1), random.Next(3) == 0 ? (byte)0 : (byte)random.Next(256));
                return ("garbage", [.. copy]);
            }
            case 7:
                return ("delimiter", random.Next(2) == 0 ? Replace(bytes, "---\n", "--\n") : Replace(bytes, "---", "---\n---"));
            case 8:
            {
                var depth = random.Next(2) == 0 ? 100 : 50_000;
                return ("nesting", Replace(bytes, "heat: ", "deep: " + new string('[', depth) + new string(']', depth) + "\nheat: "));
            }
            default:
            {
                var hostile = new[] { "<script>alert(1)</script>", "javascript:alert(1)", "\u202e\u0000\ufeff", "*alias", "&anchor", "!!binary", "{ ]", "\"unterminated" };
                var lines = Lines(bytes).ToList();
                if (lines.Count > 0)
                {
                    var i = random.Next(lines.Count);
                    lines.Insert(i + 1, Encoding.UTF8.GetBytes(hostile[random.Next(hostile.Length)] + "\n"));
                }
                return ("hostile", Join([.. lines]));
            }
        }
    }

    private static byte[][] Lines(byte[] bytes)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
            if (bytes[i] == (byte)'\n')
            {
                lines.Add(bytes[start..(i + 1)]);
                start = i + 1;
            }
        if (start < bytes.Length)
            lines.Add(bytes[start..]);
        return [.. lines];
    }

    private static byte[] Join(byte[][] lines) => [.. lines.SelectMany(l => l)];

    private static byte[] Replace(byte[] bytes, string from, string to)
    {
        // Latin-1 keeps every byte as one char, so invalid UTF-8 from earlier mutations survives the round trip.
        var text = Encoding.Latin1.GetString(bytes);
        var i = text.IndexOf(from, StringComparison.Ordinal);
        return i < 0 ? bytes : Encoding.Latin1.GetBytes(text[..i] + to + text[(i + from.Length)..]);
    }
}
