using System.Text;
using System.Text.RegularExpressions;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Demo;

namespace AiNewsDashboard.Core.Tests.Import;

public sealed class UrlNormalizerTests
{
    [Theory]
    [InlineData("https://News.Example.COM/Path/A/", "https://news.example.com/Path/A")]
    [InlineData("HTTP://news.example/a#section-2", "http://news.example/a")]
    [InlineData("https://news.example/a?utm_source=tw&id=7&UTM_Medium=x", "https://news.example/a?id=7")]
    [InlineData("https://news.example/a?utm_source=tw", "https://news.example/a")]
    [InlineData("https://news.example:443/a", "https://news.example/a")]
    [InlineData("https://news.example:8443/a", "https://news.example:8443/a")]
    [InlineData("https://news.example/", "https://news.example")]
    [InlineData("  https://news.example/a  ", "https://news.example/a")]
    public void Normalize_Variants_GiveTheKey(string url, string expected) => Assert.Equal(expected, UrlNormalizer.Normalize(url));

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("ftp://news.example/a")]
    [InlineData("/relative/path")]
    [InlineData("")]
    [InlineData(null)]
    public void Normalize_NotHttp_ReturnsNull(string? url) => Assert.Null(UrlNormalizer.Normalize(url));

    // The fast path (PlainUrl) answers without System.Uri for the URLs files are mostly made of. Whatever it calls
    // plain must be a URL Uri accepts and normalises to exactly the same key; anything in doubt must not be plain.

    [Fact]
    public void PlainUrls_EveryCharacterInEveryPart_AgreeWithUri()
    {
        string[] templates =
        [
            "https://news.example/a/b?x=1&y=2", "http://A.Example.COM/Path/To/", "https://x.example?q=1", "http://localhost/",
            "https://sub.news-site.example/2024/05/story.html?id=7&utm_source=tw", "https://xn--bcher-kva.example/a",
        ];
        var characters = Enumerable.Range(0, 128).Select(c => (char)c).Concat("\u00e9\u00a0\u2028\uff0f").ToArray();
        var plain = 0;
        foreach (var template in templates)
            for (var at = 0; at <= template.Length; at++)
                foreach (var c in characters)
                {
                    plain += Check(template.Insert(at, c.ToString()));
                    plain += Check(template.Insert(at, new string(c, 2)));
                }
        Assert.True(plain > 5_000, $"only {plain} variants were plain");
    }

    [Fact]
    public void PlainUrls_RandomUrlsFromTrickyPieces_AgreeWithUri()
    {
        // Mostly pieces a plain URL may hold, with a tricky one now and then, so that many come out plain and the
        // rest probe the edges of the definition.
        string[] schemes = ["http://", "https://", "HTTPS://", "Http://", "ftp://", "https:/", "https:///"];
        string[] hostPieces = ["news", "example", "a", "b1", "x-y", "Site", "1", "123", "-", ".", "xn--", "0x7f", "_", ":8080", ":443", "@",
            "%41", "[::1]", "é"];
        string[] pathPieces = ["/", "a", "b", "7", "-", "_", "~", "'", "(", ")", "*", "+", ",", ";", "=", ":", "@", "!", "$", "&", "?",
            ".", "..", "./", "../", "//", "%2e", "%41", "#", "\\", " ", "\"", "<", "{", "|", "^", "`", "é", "utm_x=1", "&&", "=="];
        var random = new Random(20261124);
        string Pick(string[] pieces, int plainOnes) => pieces[random.Next(random.Next(8) == 0 ? pieces.Length : plainOnes)];
        var plain = 0;
        for (var i = 0; i < 60_000; i++)
        {
            var sb = new StringBuilder(schemes[random.Next(8) == 0 ? random.Next(schemes.Length) : random.Next(2)]);
            for (var n = random.Next(1, 4); n > 0; n--)
                sb.Append(Pick(hostPieces, 6)).Append(n > 1 ? "." : "");
            for (var n = random.Next(0, 10); n > 0; n--)
                sb.Append(Pick(pathPieces, 21));
            plain += Check(sb.ToString());
        }
        Assert.True(plain > 3_000, $"only {plain} random URLs were plain");
    }

    [Fact]
    public void PlainUrls_TheDemoCorpusUrls_AreNearlyAllPlainAndAgreeWithUri()
    {
        var urls = new DemoCorpusGenerator(seed: 5).Generate(400)
            .SelectMany(a => Regex.Matches(a.Text, "https?://[^\\s\"]+").Select(m => m.Value)).ToList();
        var plain = urls.Sum(Check);
        Assert.True(plain >= urls.Count * 0.95, $"{plain} of {urls.Count} corpus URLs were plain");
    }

    /// <summary>1 when the URL is plain (and then agrees with Uri), 0 when it is left to Uri.</summary>
    private static int Check(string url)
    {
        if (!PlainUrl.TryScan(url, out var schemeLength, out var hostEnd, out var queryStart))
            return 0;
        Assert.True(UrlRules.TryParseHttpUrl(url, out _), $"plain, but Uri rejects it: {url}");
        Assert.Equal(UrlNormalizer.NormalizeWithUri(url), PlainUrl.Normalize(url, schemeLength, hostEnd, queryStart));
        return 1;
    }
}
