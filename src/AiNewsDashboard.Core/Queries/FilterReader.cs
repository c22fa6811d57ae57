using AiNewsDashboard.Core.Collections;

namespace AiNewsDashboard.Core.Queries;

/// <summary>
/// Reads a request's filter (<see cref="DashboardQuery.ReadFilter"/>) and resolves what depends on the moment and the
/// store: a relative <c>range</c> becomes dates counted from today, or from the data's last day when the data ends
/// before today (<see cref="RelativeRanges.Anchor"/>); each <c>collection</c> becomes its providers. The pages and the
/// API read every filter through it, so a saved link means the same everywhere and rolls forward with the clock.
/// </summary>
public sealed class FilterReader(DataExtentQueries extents, ProviderCollectionService collections, TimeProvider clock)
{
    public async Task<DashboardFilter> ReadAsync(FilterParameters parameters, QueryProblems problems, CancellationToken ct = default) =>
        await ResolveAsync(DashboardQuery.ReadFilter(parameters, problems), problems, ct);

    /// <summary>
    /// <paramref name="filter"/> with its relative range as dates and its collections' providers filled in. A collection
    /// that doesn't exist is reported under <c>collection</c> and left out.
    /// </summary>
    public async Task<DashboardFilter> ResolveAsync(DashboardFilter filter, QueryProblems problems, CancellationToken ct = default)
    {
        if (filter.Range is { } range)
            filter = filter.WithRange(range, await AnchorAsync(ct));
        if (filter.Collections.Count > 0)
        {
            var byName = await collections.MembersByNameAsync(ct);
            var known = new List<string>();
            var members = new List<string>();
            foreach (var name in filter.Collections)
            {
                if (byName.TryGetValue(name, out var domains))
                {
                    known.Add(name);
                    members.AddRange(domains);
                }
                else
                    problems.Add("collection", $"collection: there is no provider collection called '{name}'");
            }
            filter = filter with { Collections = known, CollectionProviders = members.Distinct(StringComparer.Ordinal).ToArray() };
        }
        return filter;
    }

    /// <summary>The day relative ranges count back from, now.</summary>
    public async Task<DateOnly> AnchorAsync(CancellationToken ct = default) =>
        RelativeRanges.Anchor(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), await extents.GetAsync(ct));
}
