namespace AiNewsDashboard.Core.Queries;

public sealed record ProviderOption(string Domain, string Name);

/// <summary>
/// The filter bar's choices for one snapshot. Every open page's pickers read the same instance, so what they need
/// beyond the lists (the providers' domains, a provider's label) is worked out here once, not in each session: on the
/// real-shaped corpus of a million articles (40,811 providers) each page's own domain list and name lookup were 1.3 MiB.
/// </summary>
public sealed record FilterChoices(IReadOnlyList<ProviderOption> Providers, IReadOnlyList<string> Topics, IReadOnlyList<string> Categories)
{
    private readonly Dictionary<string, string> _names = Providers.ToDictionary(p => p.Domain, p => p.Name, StringComparer.Ordinal);

    /// <summary>The providers' domains, in <see cref="Providers"/>' order: what a provider picker offers.</summary>
    public IReadOnlyList<string> ProviderDomains { get; } = Providers.Select(p => p.Domain).ToArray();

    /// <summary>How a picker shows a provider: "Name (domain)", or the domain alone when it has no other name or is not known.</summary>
    public string ProviderLabel(string domain) => _names.TryGetValue(domain, out var name) && name != domain ? $"{name} ({domain})" : domain;
}

/// <summary>
/// What the filter bar offers to pick from. Providers, topics and categories come from the query snapshot, as every view
/// counts them: a merged-away provider or topic is not offered, and picking the one it is merged into selects both. A
/// provider no article or reference names any more (a reference's, once the linked article's own file named another)
/// is not offered either.
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
        var named = facts.ProvidersNamed();
        var providers = facts.ProviderTable.Where((_, i) => named[i]).OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Domain, StringComparer.Ordinal)
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
