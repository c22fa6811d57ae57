using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Queries;

namespace AiNewsDashboard.Core.Merges;

/// <summary>A provider (by domain) or topic (by key) with its name and how many articles it has (references aside).</summary>
public sealed record MergeCandidate(string Key, string Name, int Articles);

/// <summary>
/// Providers or topics that look like one: <paramref name="Canonical"/> (the one with most articles) and the ones to
/// merge into it, with the reasons they were grouped.
/// </summary>
public sealed record MergeSuggestion(MergeKind Kind, MergeCandidate Canonical, IReadOnlyList<MergeCandidate> Aliases, IReadOnlyList<string> Reasons)
{
    /// <summary>Stable across reloads while the group is the same: for a page's buttons and tests.</summary>
    public string Id => $"{Kind.ToString().ToLowerInvariant()}:{Canonical.Key}";

    public int Articles => Canonical.Articles + Aliases.Sum(a => a.Articles);
}

/// <summary>
/// Finds candidates for merge rules among the providers and topics of a snapshot that no rule merges yet:
/// topics whose names are equal after <see cref="NameFolding.Fold"/> (case, spacing, punctuation, "U.S."/"US");
/// providers whose names are, or that share a registrable domain (<see cref="PublicSuffixList"/>), or whose name is
/// a contraction of the other's ("HuffPost", "Huffington Post"). Linked candidates form one group.
/// </summary>
public static class MergeSuggestions
{
    public static IReadOnlyList<MergeSuggestion> Find(ArticleFacts facts, PublicSuffixList suffixes)
    {
        var providerArticles = new int[facts.ProviderTable.Length];
        var topicArticles = new int[facts.TopicTable.Length];
        for (var r = 0; r < facts.Count; r++)
        {
            if (facts.IsReference[r])
                continue;
            if (facts.Providers[r] is var p and >= 0)
                providerArticles[p]++;
            foreach (var t in facts.TopicsOf(r))
                topicArticles[t]++;
        }

        // A provider no article or reference names any more has nothing to merge.
        var named = facts.ProvidersNamed();
        var providers = facts.ProviderTable.Select((p, i) => new MergeCandidate(p.Domain, p.Name, providerArticles[i])).Where((_, i) => named[i]).ToArray();
        var topics = facts.TopicTable.Select((t, i) => new MergeCandidate(t.Key, t.Name, topicArticles[i])).ToArray();
        return
        [
            .. Groups(MergeKind.Provider, providers, ProviderLinks(providers, suffixes)),
            .. Groups(MergeKind.Topic, topics, SameFoldedName(topics)),
        ];
    }

    private static IEnumerable<(int A, int B, string Reason)> SameFoldedName(MergeCandidate[] candidates)
    {
        var byFold = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < candidates.Length; i++)
        {
            var fold = NameFolding.Fold(candidates[i].Name);
            if (fold.Length == 0)
                continue;
            if (byFold.TryGetValue(fold, out var first))
                yield return (first, i, $"same name once case, spacing and punctuation are set aside (\"{fold}\")");
            else
                byFold[fold] = i;
        }
    }

    private static IEnumerable<(int A, int B, string Reason)> ProviderLinks(MergeCandidate[] providers, PublicSuffixList suffixes)
    {
        foreach (var link in SameFoldedName(providers))
            yield return link;

        var byDomain = new Dictionary<string, int>(StringComparer.Ordinal);
        var note = suffixes.Fallback is { } fallback ? $" ({fallback})" : "";
        for (var i = 0; i < providers.Length; i++)
        {
            if (suffixes.RegistrableDomain(providers[i].Key) is not { } registrable)
                continue;
            if (byDomain.TryGetValue(registrable, out var first))
                yield return (first, i, $"same registrable domain {registrable}{note}");
            else
                byDomain[registrable] = i;
        }

        // Contractions: each one-word name with inner capitals against the spaced names with as many words and the same start.
        var spaced = new Dictionary<(char, int), List<int>>();
        for (var i = 0; i < providers.Length; i++)
        {
            if (!providers[i].Name.Any(char.IsWhiteSpace) || NameFolding.Words(providers[i].Name) is not [var firstWord, ..] words)
                continue;
            var key = (char.ToLowerInvariant(firstWord[0]), words.Count);
            if (!spaced.TryGetValue(key, out var list))
                spaced[key] = list = [];
            list.Add(i);
        }
        for (var i = 0; i < providers.Length; i++)
        {
            var name = providers[i].Name;
            if (name.Any(char.IsWhiteSpace) || NameFolding.Words(name) is not { Count: >= 2 } parts)
                continue;
            if (!spaced.TryGetValue((char.ToLowerInvariant(parts[0][0]), parts.Count), out var candidates))
                continue;
            foreach (var j in candidates)
                if (NameFolding.IsContractionOf(name, providers[j].Name))
                    yield return (i, j, $"\"{name}\" is a contraction of \"{providers[j].Name}\"");
        }
    }

    /// <summary>Joins linked candidates (union-find) and makes one suggestion of each group of two or more.</summary>
    private static IEnumerable<MergeSuggestion> Groups(MergeKind kind, MergeCandidate[] candidates, IEnumerable<(int A, int B, string Reason)> links)
    {
        var parent = Enumerable.Range(0, candidates.Length).ToArray();
        var reasons = new List<(int A, string Reason)>();
        foreach (var (a, b, reason) in links)
        {
            parent[Find(a)] = Find(b);
            reasons.Add((a, reason));
        }
        var groups = Enumerable.Range(0, candidates.Length).GroupBy(Find).Where(g => g.Count() > 1);
        var reasonsByRoot = reasons.ToLookup(r => Find(r.A), r => r.Reason);
        return groups
            .Select(g =>
            {
                var members = g.Select(i => candidates[i])
                    .OrderByDescending(c => c.Articles).ThenBy(c => c.Key.Length).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
                return new MergeSuggestion(kind, members[0], members.Skip(1).ToArray(), reasonsByRoot[g.Key].Distinct().ToArray());
            })
            .OrderByDescending(s => s.Articles).ThenBy(s => s.Canonical.Key, StringComparer.Ordinal)
            .ToList();

        int Find(int i)
        {
            while (parent[i] != i)
                i = parent[i] = parent[parent[i]];
            return i;
        }
    }
}
