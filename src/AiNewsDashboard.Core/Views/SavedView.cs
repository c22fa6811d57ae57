namespace AiNewsDashboard.Core.Views;

/// <summary>
/// A page and its URL state kept under a name. <see cref="Page"/> is a path such as <c>/timeline</c>; <see cref="Query"/>
/// is the query string without '?', as the page had it (relative ranges stay relative, so the view rolls forward).
/// </summary>
public sealed class SavedView
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>Who it belongs to: the user name in Accounts mode, <see cref="SavedViewService.LocalOwner"/> in Local mode.</summary>
    public required string OwnerId { get; set; }

    /// <summary>Others can see and open it (read-only).</summary>
    public bool IsShared { get; set; }

    public required string Page { get; set; }
    public string Query { get; set; } = "";
    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset UpdatedUtc { get; set; }

    /// <summary>Opening <c>/</c> goes here for its owner (one per owner).</summary>
    public bool IsStartPage { get; set; }

    /// <summary>The comparison page's path: a view of it holds several queries, not one filter.</summary>
    public const string ComparisonPage = "/compare";

    /// <summary>A comparison of several queries: reports and alerts need a view with one filter.</summary>
    public bool IsComparison => IsComparisonPage(Page);

    public static bool IsComparisonPage(string page) => string.Equals(page, ComparisonPage, StringComparison.OrdinalIgnoreCase);

    /// <summary>The relative URL that opens it.</summary>
    public string Url => Query.Length > 0 ? $"{Page}?{Query}" : Page;
}
