namespace AiNewsDashboard.Core.Import;

/// <summary>One article file as the parser understood it. Pure data: no I/O, no database ids.</summary>
/// <remarks>Dates are UTC. Null means "unknown" (absent or invalid, in which case the parser reported a warning).</remarks>
public sealed record ArticleFile(
    string Title,
    DateTime? PublishedAt,
    string? WebUrl,
    string? OriginalUrl,
    string? Excerpt,
    string? Category,
    string? Type,
    int? Quality,
    int? Heat,
    bool? Published,
    ProviderInfo? Provider,
    IReadOnlyList<string> Topics,
    IReadOnlyList<ImageInfo> Images,
    IReadOnlyList<RelatedEntry> Related,
    string? Secured,
    string? ExtraJson);

/// <summary>A provider as a file names it. Domain is lower-cased, no "www." stripping.</summary>
public sealed record ProviderInfo(string? Name, string? Domain);

public sealed record ImageInfo(string? Url, int? Width, int? Height, bool? IsCached);

/// <summary>One entry of an article's related list, exactly as the file states it.</summary>
public sealed record RelatedEntry(
    string? Title,
    string? Excerpt,
    DateTime? PublishedAt,
    string? WebUrl,
    string? AmpWebUrl,
    string? CdnAmpWebUrl,
    string? Type,
    ProviderInfo? Provider,
    int? Quality,
    IReadOnlyList<ImageInfo> Images,
    string? ExtraJson);

public enum ProblemSeverity { Error, Warning }

/// <summary>Something wrong with a file. Line is 1-based in the original file (BOM and opening '---' counted), null when not tied to a line.</summary>
public sealed record ParseProblem(ProblemSeverity Severity, int? Line, string Message);

/// <summary>Either an article (possibly with warnings) or a rejection (at least one Error, Article null).</summary>
public sealed record ParseResult(ArticleFile? Article, IReadOnlyList<ParseProblem> Problems)
{
    public bool IsRejected => Article is null;
}

public sealed record ParserOptions
{
    public static ParserOptions Default { get; } = new();
    /// <summary>Files larger than this are rejected before any parsing. Default 1 MiB.</summary>
    public int MaxFileBytes { get; init; } = 1024 * 1024;
    /// <summary>Deepest nesting of mappings/sequences accepted.</summary>
    public int MaxDepth { get; init; } = 64;
    /// <summary>Most YAML nodes a document may expand to, aliases counted at their expanded size (billion-laughs guard).</summary>
    public int MaxNodes { get; init; } = 100_000;
    /// <summary>The earliest plausible publication date (Import:EarliestDate); an earlier one is stored as unknown, with a warning.</summary>
    public DateTime EarliestDate { get; init; } = DefaultEarliestDate;
    /// <summary>
    /// The latest plausible publication date; a later one is stored as unknown, with a warning. Null: none here, and
    /// the importer sets it to <see cref="ImportOptions.LatestDateDaysAhead"/> days after the import starts.
    /// </summary>
    public DateTime? LatestDate { get; init; }

    /// <summary>1900-01-01 (a property, not a field: <see cref="Default"/> is built before a field declared below it would be set).</summary>
    public static DateTime DefaultEarliestDate => new(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Whether a date is inside [<see cref="EarliestDate"/>, <see cref="LatestDate"/>].</summary>
    internal bool IsPlausible(DateTime utc) => utc >= EarliestDate && (LatestDate is not { } latest || utc <= latest);

    /// <summary>The window as messages state it: "1900-01-01 to 2026-12-04".</summary>
    internal string DateWindow => $"{EarliestDate:yyyy-MM-dd} to {(LatestDate is { } l ? l.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "any later date")}";
}
