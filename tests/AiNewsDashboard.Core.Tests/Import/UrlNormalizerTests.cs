using AiNewsDashboard.Core.Import;

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
}
