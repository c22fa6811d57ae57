namespace AiNewsDashboard.Core.Queries;

/// <summary>
/// The next snapshot from the current one and the re-read rows of the articles some commits touched
/// (<see cref="IArticleFactsSource.ReadArticlesAsync"/>): the touched rows leave, the re-read ones join, in one linear
/// merge of two runs already in row order; the providers, topics and merge rules are those just read. Milliseconds per
/// thousand touched articles plus one pass over the snapshot's arrays, where a full load reads every article again.
/// </summary>
/// <remarks>
/// The result holds exactly what a full load would read, with two differences nobody sees. Category indices: a full
/// load numbers categories in the order it meets them; here the current numbering stays, new categories come after,
/// and categories no article has any more go (the rest move up, keeping their order). And a row's topics come in the
/// order the store hands them over, which depends on how it reads them (every view counts them, none orders by them).
/// Title buckets: the current bounds stay and re-read articles are placed by their keys (<see cref="TitleBuckets.Of"/>),
/// where a full load cuts the order anew.
/// </remarks>
internal static class ArticleFactsDelta
{
    /// <param name="current">The snapshot to update.</param>
    /// <param name="changed">The touched articles still stored, read with the whole lookup tables (a snapshot of its own).</param>
    /// <param name="touched">Every article the commits inserted, updated or removed.</param>
    /// <returns>The updated snapshot, or null when it can't be made from these (merge rules changed, a provider or topic the
    /// current rows name is gone): the caller then reads the whole snapshot.</returns>
    public static ArticleFacts? Apply(ArticleFacts current, ArticleFacts changed, IReadOnlyCollection<int> touched)
    {
        // A changed rule may unfold what the current rows only know folded: only a full read can tell.
        if (!current.MergeRules.AsSpan().SequenceEqual(changed.MergeRules))
            return null;
        // The re-read articles are placed in the current title buckets by their keys, which the read must carry.
        if (changed.Count > 0 && changed.ReadTitleKeys is null)
            return null;
        if (Remap(current.ProviderTable, p => p.Domain, changed.ProviderIndexByDomain) is not { } providerMap
            || Remap(current.TopicTable, t => t.Key, changed.TopicIndexByKey) is not { } topicMap)
            return null;

        var categories = new List<string>(current.CategoryNames);
        var categoryIndex = new Dictionary<string, int>(current.CategoryIndexByName, StringComparer.OrdinalIgnoreCase);
        var changedCategory = new int[changed.CategoryNames.Length];
        for (var c = 0; c < changedCategory.Length; c++)
        {
            var name = changed.CategoryNames[c];
            if (!categoryIndex.TryGetValue(name, out changedCategory[c]))
            {
                changedCategory[c] = categoryIndex[name] = categories.Count;
                categories.Add(name);
            }
        }

        var dropped = new bool[current.Count];
        var keptCount = current.Count;
        foreach (var id in touched)
            if (current.RowOf(id) is var row and >= 0 && !dropped[row])
            {
                dropped[row] = true;
                keptCount--;
            }

        var n = keptCount + changed.Count;
        var ids = new int[n];
        var days = new int[n];
        var secondOfDay = new int[n];
        var providers = new int[n];
        var categoryColumn = new ushort[n];
        var qualities = new sbyte[n];
        var heats = new ushort[n];
        Dictionary<int, int>? largeHeats = null;
        var published = new sbyte[n];
        var isReference = new bool[n];
        var titleBuckets = new byte[n];
        var offsets = new int[n + 1];
        var topics = new int[current.TopicIndices.Length + changed.TopicIndices.Length];
        var written = 0;

        int i = 0, j = 0;
        for (var row = 0; row < n; row++)
        {
            while (i < current.Count && dropped[i])
                i++;
            // Row order: time descending (unknown, long.MinValue, last), then id descending; ids never repeat across the runs.
            var fromCurrent = j == changed.Count
                || (i < current.Count && (current.SecondsOf(i) != changed.SecondsOf(j)
                    ? current.SecondsOf(i) > changed.SecondsOf(j)
                    : current.Ids[i] > changed.Ids[j]));
            var (from, r) = fromCurrent ? (current, i++) : (changed, j++);
            ids[row] = from.Ids[r];
            days[row] = from.Days[r];
            secondOfDay[row] = from.SecondOfDay[r];
            qualities[row] = from.Qualities[r];
            heats[row] = ArticleFacts.HeatCode(from.HeatOf(r), row, ref largeHeats);
            published[row] = from.Published[r];
            isReference[row] = from.IsReference[r];
            titleBuckets[row] = fromCurrent
                ? current.TitleBuckets[r]
                : TitleBuckets.Of(current.TitleBounds, changed.ReadTitleKeys!.GetValueOrDefault(changed.Ids[r]), changed.Ids[r]);
            var provider = from.Providers[r];
            var category = from.CategoryOf(r);
            providers[row] = provider < 0 || !fromCurrent ? provider : providerMap[provider];
            categoryColumn[row] = ArticleFacts.CategoryCode(category < 0 || fromCurrent ? category : changedCategory[category]);
            var start = written;
            foreach (var topic in from.TopicsOf(r))
            {
                // A rule's canonical topic that is new can fold two of a current row's topics into one: count it once.
                var t = fromCurrent ? topicMap[topic] : topic;
                if (!fromCurrent || topics.AsSpan(start, written - start).IndexOf(t) < 0)
                    topics[written++] = t;
            }
            offsets[row + 1] = written;
        }

        var categoryNames = DropUnused(categories, categoryColumn);
        var columns = new ArticleFactsColumns(ids, days, secondOfDay, providers, categoryColumn, qualities, heats, largeHeats, published, isReference,
            titleBuckets, offsets, written == topics.Length ? topics : topics[..written]);
        return new ArticleFacts(columns, changed.ProviderTable, changed.TopicTable, categoryNames, changed.DataVersion,
            changed.ProviderAliases, changed.TopicAliases, changed.MergeRules, titleBounds: current.TitleBounds);
    }

    /// <summary>Each current entry's index in the new table (its own or the one a rule folds it into); null if one is gone.</summary>
    private static int[]? Remap<T>(T[] table, Func<T, string> key, Dictionary<string, int> newIndexByKey)
    {
        var map = new int[table.Length];
        for (var k = 0; k < table.Length; k++)
            if (!newIndexByKey.TryGetValue(key(table[k]), out map[k]))
                return null;
        return map;
    }

    /// <summary>Drops categories no row has any more, renumbering the column of codes in place; the rest keep their order.</summary>
    private static string[] DropUnused(List<string> categories, ushort[] column)
    {
        var used = new bool[categories.Count];
        foreach (var code in column)
            if (code > 0)
                used[code - 1] = true;
        if (Array.TrueForAll(used, u => u))
            return [.. categories];
        var remap = new int[categories.Count];
        var kept = new List<string>(categories.Count);
        for (var c = 0; c < categories.Count; c++)
        {
            remap[c] = kept.Count;
            if (used[c])
                kept.Add(categories[c]);
        }
        for (var row = 0; row < column.Length; row++)
            if (column[row] > 0)
                column[row] = ArticleFacts.CategoryCode(remap[column[row] - 1]);
        return [.. kept];
    }
}
