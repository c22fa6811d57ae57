namespace AiNewsDashboard.Core.Data;

/// <summary>
/// An article, either imported from its own file or a <see cref="IsReference">reference</see>:
/// an article known only because another file's related list names it.
/// </summary>
public sealed class Article
{
    public int Id { get; set; }

    /// <summary>Normalised canonical URL (webUrl, else originalUrl). Distinct across articles only because it is also one of the article's keys in <see cref="ArticleUrl"/>, whose primary key is the URL; no index of its own.</summary>
    public required string Url { get; set; }

    public string? WebUrl { get; set; }
    public string? OriginalUrl { get; set; }
    public string? AmpWebUrl { get; set; }
    public string? CdnAmpWebUrl { get; set; }

    public string? Title
    {
        get;
        set
        {
            field = value;
            TitleKey = TitleKeys.Of(value);
        }
    }

    /// <summary>
    /// What the article list sorts by when it sorts by title (<see cref="TitleKeys"/>): the title upper-cased, null
    /// when there is none. Set with <see cref="Title"/>; the stores' bulk writers fill it themselves.
    /// </summary>
    public string? TitleKey { get; set; }

    public string? Excerpt { get; set; }
    public string? Category { get; set; }
    public string? Type { get; set; }

    /// <summary>UTC. Null only for references whose date was unknown or invalid.</summary>
    public DateTime? PublishedAt { get; set; }

    /// <summary>0-100; null = unknown.</summary>
    public int? Quality { get; set; }

    /// <summary>Null = unknown (the file said -1, or an invalid value).</summary>
    public int? Heat { get; set; }

    public bool? Published { get; set; }
    public string? Secured { get; set; }

    /// <summary>Fields the parser did not recognise, as a JSON object, so nothing a file says is lost.</summary>
    public string? ExtraJson { get; set; }

    public int? ProviderId { get; set; }
    public Provider? Provider { get; set; }

    public bool IsReference { get; set; }

    /// <summary>Bundled sample or synthetic demo data; removable with one command.</summary>
    public bool IsDemo { get; set; }

    /// <summary>SHA-256 of the file's bytes; equal hash on re-import means "unchanged". Null for references.</summary>
    public string? ContentHash { get; set; }

    /// <summary>Where the article's own file was last imported from.</summary>
    public string? SourcePath { get; set; }

    /// <summary>
    /// Bytes of that file, and its path relative to the folder (or archive's folder) it was imported from: with
    /// <see cref="PublishedAt"/>, what decides which of two files for one URL wins (Import/DuplicateFileRule).
    /// Null for references and for articles imported before they were recorded.
    /// </summary>
    public long? SourceLength { get; set; }

    /// <inheritdoc cref="SourceLength"/>
    public string? SourceRelativePath { get; set; }

    public DateTime ImportedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<ArticleTopic> Topics { get; set; } = [];
    public List<ArticleImage> Images { get; set; } = [];
    public List<RelatedLink> Related { get; set; } = [];
    public List<ArticleUrl> Urls { get; set; } = [];
}

/// <summary>Every normalised URL an article is known by (webUrl, originalUrl, ampWebUrl, cdnAmpWebUrl).</summary>
public sealed class ArticleUrl
{
    public required string Url { get; set; }
    public int ArticleId { get; set; }
    public Article? Article { get; set; }
}

/// <summary>A news source, keyed by domain.</summary>
public sealed class Provider
{
    public int Id { get; set; }
    public required string Domain { get; set; }
    public required string Name { get; set; }

    /// <summary>
    /// True once an article's own file named this provider. Until then the name came from someone's related list
    /// (or the domain itself) and the first own file to name it replaces it; after that the name is kept.
    /// </summary>
    public bool NamedByArticle { get; set; }
}

/// <summary>A topic; unique case-insensitively through <see cref="Key"/>, shown with its first spelling.</summary>
public sealed class Topic
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Key { get; set; }

    /// <summary>The key a topic spelled <paramref name="name"/> is stored under.</summary>
    public static string KeyOf(string name) => name.ToLowerInvariant();
}

public sealed class ArticleTopic
{
    public int ArticleId { get; set; }
    public int TopicId { get; set; }
    public int Position { get; set; }
    public Topic? Topic { get; set; }
}

public sealed class ArticleImage
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public int Position { get; set; }
    public string? Url { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }
    public bool? IsCached { get; set; }
}

/// <summary>
/// One entry of an article's related list, in order, exactly as that file stated it (a snapshot),
/// linked to the article it names when its URL is known.
/// </summary>
public sealed class RelatedLink
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public int Position { get; set; }
    public int? TargetArticleId { get; set; }
    public Article? Target { get; set; }

    public string? Title { get; set; }
    public string? Excerpt { get; set; }
    public DateTime? PublishedAt { get; set; }
    public string? WebUrl { get; set; }
    public string? AmpWebUrl { get; set; }
    public string? CdnAmpWebUrl { get; set; }
    public string? Type { get; set; }
    public string? ProviderName { get; set; }
    public string? ProviderDomain { get; set; }
    public int? Quality { get; set; }
    public string? ImagesJson { get; set; }
    public string? ExtraJson { get; set; }
}

/// <summary>Small key/value facts about the database itself (e.g. whether demo data was ever seeded).</summary>
public sealed class AppMeta
{
    public required string Key { get; set; }
    public required string Value { get; set; }
}
