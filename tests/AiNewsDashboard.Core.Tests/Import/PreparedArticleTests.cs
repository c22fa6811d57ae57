using AiNewsDashboard.Core.Import;

namespace AiNewsDashboard.Core.Tests.Import;

public sealed class PreparedArticleTests
{
    private static ArticleFile Article(string? webUrl, string? originalUrl = null, ProviderInfo? provider = null, params RelatedEntry[] related) =>
        new("Title", new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc), webUrl, originalUrl, null, null, null, null, null, null, provider,
            [], [], related, null, null);

    private static RelatedEntry Related(string? webUrl, string? ampUrl = null, string? cdnUrl = null, ProviderInfo? provider = null,
        params ImageInfo[] images) =>
        new("Related", null, null, webUrl, ampUrl, cdnUrl, null, provider, null, images, null);

    [Fact]
    public void Of_Keys_AreNormalisedCanonicalFirstWithoutRepeats()
    {
        var prepared = PreparedArticle.Of(Article("https://News.Example/a/?utm_source=x", "https://news.example/a", null,
            Related("https://ref.example/b", "https://ref.example/b/", "https://cdn.example/b")));

        Assert.Equal(["https://news.example/a"], prepared.Keys);
        Assert.Equal(["https://ref.example/b", "https://cdn.example/b"], prepared.Related[0].Keys);
    }

    [Fact]
    public void Of_NoProviderDomain_UsesTheCanonicalHostWithoutWww()
    {
        var prepared = PreparedArticle.Of(Article("https://www.News.Example/a", null, new ProviderInfo("Name only", null),
            Related(null, "https://WWW.amp.example/b"), Related("https://ref.example/c", provider: new ProviderInfo(null, "named.example"))));

        Assert.Equal("news.example", prepared.ProviderDomain);
        Assert.Equal("amp.example", prepared.Related[0].ProviderDomain);
        Assert.Equal("named.example", prepared.Related[1].ProviderDomain);
    }

    [Fact]
    public void Of_RelatedWithoutUrlsOrImages_HasNoKeysDomainOrJson()
    {
        var prepared = PreparedArticle.Of(Article("https://news.example/a", null, null,
            Related("not a url"), Related("https://ref.example/b", images: new ImageInfo("https://img.example/1.jpg", 10, 20, true))));

        Assert.Empty(prepared.Related[0].Keys);
        Assert.Equal((null, null), (prepared.Related[0].ProviderDomain, prepared.Related[0].ImagesJson));
        Assert.Equal("""[{"url":"https://img.example/1.jpg","width":10,"height":20,"isCached":true}]""", prepared.Related[1].ImagesJson);
    }

    [Fact]
    public void Of_ArticleWithoutUrl_Throws() => Assert.Throws<ArgumentException>(() => PreparedArticle.Of(Article(null, "ftp://x.example/a")));
}
