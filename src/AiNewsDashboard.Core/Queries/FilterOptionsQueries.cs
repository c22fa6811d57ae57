using AiNewsDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Queries;

public sealed record ProviderOption(string Domain, string Name);

public sealed record FilterChoices(IReadOnlyList<ProviderOption> Providers, IReadOnlyList<string> Topics, IReadOnlyList<string> Categories);

/// <summary>What the filter bar offers to pick from. Providers and topics are small tables; categories are few.</summary>
public sealed class FilterOptionsQueries(IDbContextFactory<NewsDbContext> dbFactory)
{
    public async Task<FilterChoices> GetAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var providers = await db.Providers.AsNoTracking().OrderBy(p => p.Name)
            .Select(p => new ProviderOption(p.Domain, p.Name)).ToListAsync(ct);
        var topics = await db.Topics.AsNoTracking().OrderBy(t => t.Name).Select(t => t.Name).ToListAsync(ct);
        var categories = await db.Articles.AsNoTracking().Where(a => a.Category != null && !a.IsReference)
            .Select(a => a.Category!.ToLower()).Distinct().OrderBy(c => c).ToListAsync(ct);
        return new FilterChoices(providers, topics, categories);
    }
}
