using System.Text.Json;

namespace AiNewsDashboard.Core.Import;

/// <summary>
/// A parsed article with everything the store derives from it that needs no database: the normalised URLs it is
/// stored under (its own, canonical first, and each related entry's), the provider domains, and the related entries'
/// image lists as JSON. The importer prepares files on its parse threads, because the single writer thread is the
/// import's bottleneck and URL normalisation alone (two Uri parses per URL) was a tenth of its time.
/// </summary>
public sealed class PreparedArticle
{
    private PreparedArticle(ArticleFile article, List<string> keys, string providerDomain, PreparedRelated[] related)
    {
        Article = article;
        Keys = keys;
        ProviderDomain = providerDomain;
        Related = related;
    }

    public ArticleFile Article { get; }

    /// <summary>Normalised webUrl and originalUrl, without repeats; the first is the canonical URL.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>The provider's domain, or the canonical URL's host (without "www.") when the file names none.</summary>
    public string ProviderDomain { get; }

    /// <summary>One per entry of <see cref="ArticleFile.Related"/>, in order.</summary>
    public IReadOnlyList<PreparedRelated> Related { get; }

    /// <exception cref="ArgumentException">The article has no URL the importer accepts (the parser rejects such files).</exception>
    public static PreparedArticle Of(ArticleFile article)
    {
        var keys = KeysOf(article.WebUrl, article.OriginalUrl);
        if (keys.Count == 0)
            throw new ArgumentException("An article needs a webUrl or originalUrl.", nameof(article));
        var related = new PreparedRelated[article.Related.Count];
        for (var i = 0; i < related.Length; i++)
        {
            var r = article.Related[i];
            var relatedKeys = KeysOf(r.WebUrl, r.AmpWebUrl, r.CdnAmpWebUrl);
            related[i] = new PreparedRelated(
                relatedKeys,
                relatedKeys.Count == 0 ? null : DomainOf(r.Provider, relatedKeys[0]),
                r.Images.Count == 0 ? null : JsonSerializer.Serialize(r.Images, ImportJson.Default.IReadOnlyListImageInfo));
        }
        return new PreparedArticle(article, keys, DomainOf(article.Provider, keys[0]), related);
    }

    /// <summary>Providers are keyed by domain; a file that names none is attributed to its URL's host.</summary>
    private static string DomainOf(ProviderInfo? provider, string normalizedUrl)
    {
        if (provider?.Domain is { Length: > 0 } domain)
            return domain;
        var host = new Uri(normalizedUrl).Host;
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }

    private static List<string> KeysOf(params string?[] urls)
    {
        var keys = new List<string>(urls.Length);
        foreach (var url in urls)
            if (UrlNormalizer.Normalize(url) is { } key && !keys.Contains(key))
                keys.Add(key);
        return keys;
    }
}

/// <param name="Keys">Normalised webUrl, ampWebUrl and cdnAmpWebUrl, without repeats; empty when the entry has none.</param>
/// <param name="ProviderDomain">As <see cref="PreparedArticle.ProviderDomain"/>; null when there are no keys.</param>
/// <param name="ImagesJson">The entry's images as stored in RelatedLinks.ImagesJson; null when it has none.</param>
public sealed record PreparedRelated(IReadOnlyList<string> Keys, string? ProviderDomain, string? ImagesJson);
