using AiNewsDashboard.Core.Queries;

namespace AiNewsDashboard.TestSupport;

/// <summary>
/// Compares two snapshots column by column and table by table: a snapshot the cache updated from commits
/// (ArticleFactsDelta) must hold exactly what a full load reads. Category numbers may differ (a full load numbers them
/// in the order it meets them), so categories are compared by name, and a row's topics as a set.
/// </summary>
public static class SnapshotComparison
{
    /// <summary>Throws, naming the first difference, unless <paramref name="actual"/> holds what <paramref name="expected"/> does.</summary>
    public static void AssertSame(ArticleFacts expected, ArticleFacts actual)
    {
        var differences = Differences(expected, actual).Take(10).ToList();
        if (differences.Count > 0)
            throw new InvalidOperationException("The snapshots differ:\n" + string.Join("\n", differences));
    }

    private static IEnumerable<string> Differences(ArticleFacts e, ArticleFacts a)
    {
        if (e.Count != a.Count || e.DatedCount != a.DatedCount)
        {
            yield return $"rows: {e.Count} ({e.DatedCount} dated) expected, {a.Count} ({a.DatedCount} dated)";
            yield break;
        }
        foreach (var d in Column("providers table", e.ProviderTable, a.ProviderTable)
                     .Concat(Column("topics table", e.TopicTable, a.TopicTable))
                     .Concat(Column("provider name ranks", e.ProviderNameRanks, a.ProviderNameRanks))
                     .Concat(Column("ids", e.Ids, a.Ids))
                     .Concat(Column("days", e.Days, a.Days))
                     .Concat(Column("seconds", Each(e, e.SecondsOf), Each(a, a.SecondsOf)))
                     .Concat(Column("providers", e.Providers, a.Providers))
                     .Concat(Column("qualities", e.Qualities, a.Qualities))
                     .Concat(Column("heats", Each(e, e.HeatOf), Each(a, a.HeatOf)))
                     .Concat(Column("published", e.Published, a.Published))
                     .Concat(Column("is reference", e.IsReference, a.IsReference))
                     .Concat(Column("row of id", e.RowOfId, a.RowOfId))
                     .Concat(Column("category of row", CategoryNames(e), CategoryNames(a)))
                     .Concat(Column("categories", e.CategoryNames.Order(StringComparer.Ordinal).ToArray(), a.CategoryNames.Order(StringComparer.Ordinal).ToArray()))
                     .Concat(Column("topics of row", TopicLists(e), TopicLists(a)))
                     .Concat(Column("provider lookup", Sorted(e.ProviderIndexByDomain), Sorted(a.ProviderIndexByDomain)))
                     .Concat(Column("topic lookup", Sorted(e.TopicIndexByKey), Sorted(a.TopicIndexByKey)))
                     .Concat(Column("merged", [e.MergedProviders, e.MergedTopics], [a.MergedProviders, a.MergedTopics]))
                     .Concat(Column("merge rules", e.MergeRules, a.MergeRules)))
            yield return d;
    }

    private static T[] Each<T>(ArticleFacts facts, Func<int, T> ofRow) => Enumerable.Range(0, facts.Count).Select(ofRow).ToArray();

    private static IEnumerable<string> Column<T>(string name, T[] expected, T[] actual)
    {
        if (expected.Length != actual.Length)
        {
            yield return $"{name}: {expected.Length} entries expected, {actual.Length}";
            yield break;
        }
        for (var i = 0; i < expected.Length; i++)
            if (!EqualityComparer<T>.Default.Equals(expected[i], actual[i]))
            {
                yield return $"{name}[{i}]: {expected[i]} expected, {actual[i]}";
                yield break;
            }
    }

    private static string?[] CategoryNames(ArticleFacts f) =>
        Each(f, r => f.CategoryOf(r) is var c && c < 0 ? null : f.CategoryNames[c]);

    /// <summary>Each row's topics by key (in key order: a row's topics come in the order the store hands them over, which no view depends on).</summary>
    private static string[] TopicLists(ArticleFacts f) =>
        Enumerable.Range(0, f.Count).Select(r => string.Join(",", f.TopicsOf(r).ToArray().Select(t => f.TopicTable[t].Key).Order(StringComparer.Ordinal))).ToArray();

    private static string[] Sorted(Dictionary<string, int> lookup) =>
        lookup.Select(kv => $"{kv.Key}={kv.Value}").Order(StringComparer.Ordinal).ToArray();
}
