namespace AiNewsDashboard.Core.Queries;

public sealed record ProviderOption(string Domain, string Name);

public sealed record FilterChoices(IReadOnlyList<ProviderOption> Providers, IReadOnlyList<string> Topics, IReadOnlyList<string> Categories);

/// <summary>
/// What the filter bar offers to pick from. Providers, topics and categories come from the query snapshot, as every view
/// counts them: a merged-away provider or topic is not offered, and picking the one it is merged into selects both.
/// Every filtered page asks on every open, twice (the prerender, then the circuit), so the choices are worked out once
/// per snapshot: an import or a merge rule brings a new snapshot, and with it new choices. A scan of the articles table
/// for its categories took most of a second at a million articles.
/// </summary>
public sealed class FilterOptionsQueries(ArticleFactsCache factsCache)
{
    private volatile Cached? _cached;

    private sealed record Cached(ArticleFacts Facts, FilterChoices Choices);

    public async Task<FilterChoices> GetAsync(CancellationToken ct = default)
    {
        var facts = await factsCache.GetAsync(ct);
        if (_cached is { } cached && ReferenceEquals(cached.Facts, facts))
            return cached.Choices;
        var choices = ChoicesOf(facts);
        _cached = new Cached(facts, choices);
        return choices;
    }

    private static FilterChoices ChoicesOf(ArticleFacts facts)
    {
        var providers = facts.ProviderTable.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Domain, StringComparer.Ordinal)
            .Select(p => new ProviderOption(p.Domain, p.Name)).ToList();
        var topics = facts.TopicTable.Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
        // The categories of articles (references have none worth offering), in lower case as the filter reads them.
        var used = new bool[facts.CategoryNames.Length];
        for (var row = 0; row < facts.Count; row++)
            if (facts.CategoryOf(row) != ArticleFacts.None && !facts.IsReference[row])
                used[facts.CategoryOf(row)] = true;
        var categories = facts.CategoryNames.Where((_, i) => used[i]).Select(c => c.ToLowerInvariant()).Distinct()
            .Order(StringComparer.Ordinal).ToList();
        return new FilterChoices(providers, topics, categories);
    }
}
