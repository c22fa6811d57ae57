using AiNewsDashboard.Core.Syndication;

namespace AiNewsDashboard.Core.Tests.Syndication;

/// <summary>
/// The index checks candidates on prints (32-bit shingle hashes, the excerpt's shingles folded into all shingles) instead
/// of the texts read back: they must give the texts' exact similarities, so detection decides as it did on the texts.
/// </summary>
public sealed class CopyPrintTests
{
    private static readonly DateTime Day = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private static readonly string[] Vocabulary =
        "the central bank raises rates markets react investors fear inflation storm floods coastal towns minister resigns after vote election results show gains for opposition party new model released by lab"
            .Split(' ');

    /// <summary>Article texts from a small vocabulary, each a random edit of a few base texts, so pairs range from unrelated to verbatim; some excerpts are shorter than a shingle or empty.</summary>
    private static List<CopyCandidate> Articles(int count, int seed)
    {
        var random = new Random(seed);
        string Text(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]));
        var bases = Enumerable.Range(0, 8).Select(_ => (Title: Text(7), Excerpt: Text(30))).ToList();
        var articles = new List<CopyCandidate>();
        for (var id = 1; id <= count; id++)
        {
            var (title, excerpt) = bases[random.Next(bases.Count)];
            var words = excerpt.Split(' ').ToList();
            for (var e = random.Next(6); e > 0; e--)
                words[random.Next(words.Count)] = Vocabulary[random.Next(Vocabulary.Length)];
            excerpt = (id % 10) switch
            {
                0 => "",
                1 => words[0],
                2 => $"{words[0]} {words[1]}",
                _ => string.Join(' ', words),
            };
            if (id % 7 == 0)
                title = Text(random.Next(1, 8));
            string[] images = id % 3 == 0 ? [$"https://img.example/{random.Next(4)}.jpg"] : [];
            articles.Add(new CopyCandidate(id, title, excerpt, images, id % 11 == 0 ? null : Day.AddHours(random.Next(24 * 20))));
        }
        return articles;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Print_EveryPair_GivesTheExactTextsSimilarities(int seed)
    {
        var texts = Articles(300, seed).Select(a => CopyText.Of(a, 3)).ToList();
        var compared = 0;
        foreach (var a in texts)
        {
            foreach (var b in texts)
            {
                Assert.Equal(CopyText.Jaccard(a.Shingles, b.Shingles), CopyPrint.Similarity(a.Print, b.Print));
                Assert.Equal(CopyText.Jaccard(a.TitleWords, b.TitleWords), CopyPrint.TitleSimilarity(a.Print, b.Print));
                Assert.Equal(CopyText.Jaccard(a.ExcerptShingles, b.ExcerptShingles), CopyPrint.ExcerptSimilarity(a.Print, b.Print));
                Assert.Equal(a.Title == b.Title, a.Print.TitleHash == b.Print.TitleHash);
                Assert.Equal(a.ExcerptShingles.Length == 0, a.Print.Excerpt.Length == 0);
                Assert.Equal(a.Images, a.Print.Images.ToArray());
                Assert.Equal(a.Article.PublishedAt, a.Print.PublishedAt);
                compared++;
            }
        }
        Assert.Equal(300 * 300, compared);
    }

    [Fact]
    public void Print_ExcerptShorterThanAShingle_IsNotAmongAllShingles()
    {
        var text = CopyText.Of(new CopyCandidate(1, "Central bank raises rates again", "Markets fall", [], Day), 3);
        Assert.False(text.Print.ExcerptInAll);
        Assert.Equal(text.Shingles.Length, text.Print.ShingleCount);
        Assert.Equal(1, text.Print.Excerpt.Length);
    }
}
