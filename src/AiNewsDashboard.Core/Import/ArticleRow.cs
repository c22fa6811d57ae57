using AiNewsDashboard.Core.Data;

namespace AiNewsDashboard.Core.Import;

/// <summary>
/// A reference created in the current batch, as its row would be: what the related entry that created it said,
/// plus whatever later entries filled in (<see cref="Fill"/>, the in-memory twin of the fill statement).
/// </summary>
internal sealed class PendingReference(string url, RelatedEntry r, int providerId, bool demo, DateTime importedAt)
{
    public string Url { get; } = url;
    public string? WebUrl { get; private set; } = r.WebUrl;
    public string? AmpWebUrl { get; private set; } = r.AmpWebUrl;
    public string? CdnAmpWebUrl { get; private set; } = r.CdnAmpWebUrl;
    public string? Title { get; private set; } = r.Title;
    public string? Excerpt { get; private set; } = r.Excerpt;
    public string? Type { get; private set; } = r.Type;
    public DateTime? PublishedAt { get; private set; } = r.PublishedAt;
    public int? Quality { get; private set; } = r.Quality;
    public int ProviderId { get; } = providerId;
    public bool IsDemo { get; private set; } = demo;
    public IReadOnlyList<ImageInfo> Images { get; } = r.Images;
    public DateTime ImportedAt { get; } = importedAt;

    public ArticleRow ToRow(int id) => ArticleRow.Reference(id, Url, ProviderId, IsDemo, ImportedAt) with
    {
        WebUrl = WebUrl, AmpWebUrl = AmpWebUrl, CdnAmpWebUrl = CdnAmpWebUrl, Title = Title, Excerpt = Excerpt, Type = Type,
        PublishedAt = PublishedAt, Quality = Quality,
    };

    /// <summary>A reference only gains what it lacks: the first entry to describe it wins.</summary>
    public void Fill(RelatedEntry r, bool demo)
    {
        WebUrl ??= r.WebUrl;
        AmpWebUrl ??= r.AmpWebUrl;
        CdnAmpWebUrl ??= r.CdnAmpWebUrl;
        Title ??= r.Title;
        Excerpt ??= r.Excerpt;
        Type ??= r.Type;
        PublishedAt ??= r.PublishedAt;
        Quality ??= r.Quality;
        IsDemo &= demo;
    }
}

/// <summary>
/// One row of Articles, every column (what both stores' writers insert). The two ways a row comes about are the two
/// factories: an article's own file (<see cref="OfFile"/>) and a reference (<see cref="Reference"/>), which only
/// ever holds what a related entry can say; the columns only a file gives are <see cref="ColumnsOnlyAFileGives"/>.
/// </summary>
internal readonly record struct ArticleRow
{
    /// <summary>The columns only an article's own file fills: a reference never has them, and a removal that keeps an article as a reference clears them.</summary>
    public static readonly string[] ColumnsOnlyAFileGives =
        ["OriginalUrl", "Category", "Heat", "Published", "Secured", "ExtraJson", "ContentHash", "SourcePath", "SourceLength", "SourceRelativePath"];

    public required int Id { get; init; }
    public required string Url { get; init; }
    public string? WebUrl { get; init; }
    public string? OriginalUrl { get; init; }
    public string? AmpWebUrl { get; init; }
    public string? CdnAmpWebUrl { get; init; }
    public string? Title { get; init; }
    /// <summary>The title's sort key (<see cref="TitleKeys"/>), which both writers store with the title.</summary>
    public string? TitleKey => TitleKeys.Of(Title);
    public string? Excerpt { get; init; }
    public string? Category { get; init; }
    public string? Type { get; init; }
    public DateTime? PublishedAt { get; init; }
    public int? Quality { get; init; }
    public int? Heat { get; init; }
    public bool? Published { get; init; }
    public string? Secured { get; init; }
    public string? ExtraJson { get; init; }
    public required int ProviderId { get; init; }
    public required bool IsReference { get; init; }
    public required bool IsDemo { get; init; }
    public string? ContentHash { get; init; }
    public string? SourcePath { get; init; }
    public long? SourceLength { get; init; }
    public string? SourceRelativePath { get; init; }
    public required DateTime ImportedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }

    /// <summary>An article as its own file describes it, stored under its canonical URL (its first key).</summary>
    public static ArticleRow OfFile(int id, PreparedArticle prepared, int providerId, bool demo, SourceFile file,
        DateTime importedAt, DateTime updatedAt)
    {
        var a = prepared.Article;
        return new ArticleRow
        {
            Id = id, Url = prepared.Keys[0], WebUrl = a.WebUrl, OriginalUrl = a.OriginalUrl, Title = a.Title, Excerpt = a.Excerpt,
            Category = a.Category, Type = a.Type, PublishedAt = a.PublishedAt, Quality = a.Quality, Heat = a.Heat,
            Published = a.Published, Secured = a.Secured, ExtraJson = a.ExtraJson, ProviderId = providerId, IsReference = false,
            IsDemo = demo, ContentHash = file.Hash, SourcePath = file.Path, SourceLength = file.Length, SourceRelativePath = file.RelativePath,
            ImportedAt = importedAt, UpdatedAt = updatedAt,
        };
    }

    /// <summary>
    /// A reference: what related entries said (set with <c>with</c>), never a column of <see cref="ColumnsOnlyAFileGives"/>,
    /// and never updated after it was first written (a fill only adds what it lacked), so UpdatedAt is ImportedAt.
    /// </summary>
    public static ArticleRow Reference(int id, string url, int providerId, bool demo, DateTime importedAt) => new()
    {
        Id = id, Url = url, ProviderId = providerId, IsReference = true, IsDemo = demo, ImportedAt = importedAt, UpdatedAt = importedAt,
    };
}
