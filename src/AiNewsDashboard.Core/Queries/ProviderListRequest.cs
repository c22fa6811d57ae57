namespace AiNewsDashboard.Core.Queries;

/// <summary>
/// The leaderboard's own parameters, on the Providers page and /api/stats/providers alike: <c>page</c>, <c>pageSize</c>,
/// <c>sort</c>, <c>dir</c> and <c>search</c> (a part of a provider's name or domain).
/// </summary>
public sealed record ProviderListParameters(string? Page = null, string? PageSize = null, string? Sort = null, string? Dir = null,
    string? Search = null);

/// <summary>A page of the leaderboard, read from <see cref="ProviderListParameters"/> by <see cref="DashboardQuery.ReadProviderList"/>.</summary>
public sealed record ProviderListRequest(ProviderSort Sort, int Page, int PageSize, string? Search)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 1000;
    public const int MaxSearchLength = 200;

    public static readonly ProviderListRequest Default = new(ProviderSort.Default, 1, DefaultPageSize, null);

    /// <summary>The order a column's first click asks for: names A to Z, numbers highest first.</summary>
    public static bool AscendingByDefault(ProviderSortKey key) => key == ProviderSortKey.Name;
}
