using AiNewsDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Queries;

public sealed record ProviderOption(string Domain, string Name);

public sealed record FilterChoices(IReadOnlyList<ProviderOption> Providers, IReadOnlyList<string> Topics, IReadOnlyList<string> Categories);

/// <summary>
/// What the filter bar offers to pick from. Providers and topics come from the query snapshot, as every view counts
/// them: a merged-away provider or topic is not offered, and picking the one it is merged into selects both. Categories
/// are few.
/// </summary>
public sealed class FilterOptionsQueries(IDbContextFactory<NewsDbContext> dbFactory, ArticleFactsCache factsCache)
{
    public async Task<FilterChoices> GetAsync(CancellationToken ct = default)
    {
        var facts = await factsCache.GetAsync(ct);
        var providers = facts.ProviderTable.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Domain, StringComparer.Ordinal)
            .Select(p => new ProviderOption(p.Domain, p.Name)).ToList();
        var topics = facts.TopicTable.Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var categories = await db.Articles.AsNoTracking().Where(a => a.Category != null && !a.IsReference)
            .Select(a => a.Category!.ToLower()).Distinct().OrderBy(c => c).ToListAsync(ct);
        return new FilterChoices(providers, topics, categories);
    }
}
