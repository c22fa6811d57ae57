namespace AiNewsDashboard.Core.Queries.Graph;

/// <summary>
/// Story clusters over the related-link graph, every article (references included) in exactly one cluster.
/// Indexed by cluster index 0..Count-1, largest cluster first; <see cref="Id"/> is the public, stable id: the smallest
/// article id among the members, so a cluster keeps its id while articles join it (a URL that names one stays good).
/// </summary>
public sealed class StoryClusters
{
    internal StoryClusters(int[] clusterOfRow, int[] memberOffsets, int[] members, int[] ids,
        int[] firstProvider, int[] leadSeconds, int[] providerCount)
    {
        ClusterOfRow = clusterOfRow;
        MemberOffsets = memberOffsets;
        Members = members;
        Id = ids;
        FirstProvider = firstProvider;
        LeadSeconds = leadSeconds;
        ProviderCount = providerCount;
    }

    public int Count => Id.Length;

    /// <summary>
    /// Bytes held by the arrays: per row a cluster index and a member slot; per cluster five ints (its members' offset,
    /// id, first provider, lead and provider count). Its span is read from its members when asked (<see cref="StartOf"/>):
    /// two 64-bit times per cluster were 61 MB at 10,000,000 real-shaped articles (3.8 million clusters).
    /// </summary>
    public long EstimatedBytes => sizeof(int) * (2L * ClusterOfRow.Length + MemberOffsets.Length) + (long)Count * (4 * sizeof(int));

    internal int[] ClusterOfRow { get; }
    internal int[] MemberOffsets { get; }
    /// <summary>Rows of cluster c: Members[MemberOffsets[c] .. MemberOffsets[c + 1]), ascending (newest first).</summary>
    internal int[] Members { get; }
    internal int[] Id { get; }
    /// <summary>The provider (snapshot index) of the earliest dated member that has one; <see cref="ArticleFacts.None"/> if none.</summary>
    internal int[] FirstProvider { get; }
    /// <summary>
    /// How long the first provider was alone with the story: from its first article to the first dated article of any
    /// other provider. -1 when no other provider has a dated article in the cluster (nobody to lead); at most
    /// <see cref="int.MaxValue"/> seconds (68 years).
    /// </summary>
    internal int[] LeadSeconds { get; }
    /// <summary>Distinct providers among the members.</summary>
    internal int[] ProviderCount { get; }

    internal int Size(int cluster) => MemberOffsets[cluster + 1] - MemberOffsets[cluster];

    internal ReadOnlySpan<int> MembersOf(int cluster) => Members.AsSpan(MemberOffsets[cluster], Size(cluster));

    /// <summary>
    /// The earliest publication among the cluster's members (Unix seconds); <see cref="ArticleFacts.UnknownSeconds"/> when
    /// none is dated. Members ascend by row, and rows run from the newest to the oldest with undated ones last: the
    /// earliest is the last dated member.
    /// </summary>
    internal long StartOf(ArticleFacts facts, int cluster)
    {
        var members = MembersOf(cluster);
        for (var i = members.Length - 1; i >= 0; i--)
            if (facts.SecondsOf(members[i]) is var s && s != ArticleFacts.UnknownSeconds)
                return s;
        return ArticleFacts.UnknownSeconds;
    }

    /// <summary>The latest publication among the members (the first member's); <see cref="ArticleFacts.UnknownSeconds"/> when none is dated.</summary>
    internal long EndOf(ArticleFacts facts, int cluster) => facts.SecondsOf(Members[MemberOffsets[cluster]]);

    /// <summary>The cluster index for a public cluster id, or -1.</summary>
    internal int IndexOfId(ArticleFacts facts, int id) =>
        facts.RowOf(id) is var row and >= 0 && ClusterOfRow[row] is var c && Id[c] == id ? c : -1;
}

/// <summary>
/// Finds the stories: connected components of the related-link graph, and inside a component too big to be one story
/// (several stories joined by a few stray links), communities found by label propagation. Deterministic: the same
/// graph always gives the same clusters.
/// </summary>
internal static class StoryClustering
{
    /// <summary>A component with more articles than this is split into communities. Real stories are smaller.</summary>
    internal const int SplitAbove = 40;
    private const int MaxRounds = 30;

    /// <param name="copies">A bit per row set for copies of an earlier article (Syndication): they never lead nor end a lead.</param>
    public static StoryClusters Compute(ArticleFacts facts, int[] adjOffsets, int[] adjacency, ulong[]? copies = null)
    {
        var n = facts.Count;
        var group = new int[n];
        Array.Fill(group, -1);
        var groups = 0;
        var labels = new int[n];
        for (var r = 0; r < n; r++)
            labels[r] = r;

        var queue = new int[n];
        var component = new List<int>();
        var scratch = new List<int>();
        for (var start = 0; start < n; start++)
        {
            if (group[start] >= 0)
                continue;
            // One connected component, breadth first.
            component.Clear();
            group[start] = groups;
            int head = 0, tail = 0;
            queue[tail++] = start;
            while (head < tail)
            {
                var v = queue[head++];
                component.Add(v);
                for (var i = adjOffsets[v]; i < adjOffsets[v + 1]; i++)
                {
                    var w = adjacency[i];
                    if (group[w] < 0)
                    {
                        group[w] = groups;
                        queue[tail++] = w;
                    }
                }
            }
            if (component.Count <= SplitAbove)
            {
                groups++;
                continue;
            }
            PropagateLabels(component, adjOffsets, adjacency, labels, scratch);
            // Label propagation can leave one label on pieces that don't touch: each connected piece is its own story.
            foreach (var v in component)
                group[v] = -1;
            foreach (var seed in component)
            {
                if (group[seed] >= 0)
                    continue;
                group[seed] = groups;
                head = tail = 0;
                queue[tail++] = seed;
                while (head < tail)
                {
                    var v = queue[head++];
                    for (var i = adjOffsets[v]; i < adjOffsets[v + 1]; i++)
                    {
                        var w = adjacency[i];
                        if (group[w] < 0 && labels[w] == labels[seed])
                        {
                            group[w] = groups;
                            queue[tail++] = w;
                        }
                    }
                }
                groups++;
            }
        }
        return Summarize(facts, group, groups, copies);
    }

    /// <summary>
    /// Asynchronous label propagation: each article, in a fixed shuffled order, takes the label most of its neighbours
    /// carry (keeping its own on a tie it is part of, else the smallest), until a round changes nothing.
    /// </summary>
    private static void PropagateLabels(List<int> nodes, int[] adjOffsets, int[] adjacency, int[] labels, List<int> scratch)
    {
        var order = nodes.ToArray();
        new Random(order.Length ^ order[0]).Shuffle(order);
        for (var round = 0; round < MaxRounds; round++)
        {
            var changed = 0;
            foreach (var v in order)
            {
                var degree = adjOffsets[v + 1] - adjOffsets[v];
                if (degree == 0)
                    continue;
                scratch.Clear();
                for (var i = adjOffsets[v]; i < adjOffsets[v + 1]; i++)
                    scratch.Add(labels[adjacency[i]]);
                scratch.Sort();
                int best = -1, bestCount = 0, ownCount = 0;
                for (var i = 0; i < scratch.Count;)
                {
                    var j = i;
                    while (j < scratch.Count && scratch[j] == scratch[i])
                        j++;
                    var count = j - i;
                    if (count > bestCount)
                        (best, bestCount) = (scratch[i], count);
                    if (scratch[i] == labels[v])
                        ownCount = count;
                    i = j;
                }
                if (ownCount == bestCount || best == labels[v])
                    continue;
                labels[v] = best;
                changed++;
            }
            if (changed == 0)
                break;
        }
    }

    private static bool IsCopy(ulong[]? copies, int row) => copies is not null && (copies[row >> 6] & (1UL << row)) != 0;

    /// <summary>Orders the groups (largest first, then smallest id) and works out each one's providers and first reporter.</summary>
    private static StoryClusters Summarize(ArticleFacts facts, int[] group, int groups, ulong[]? copies)
    {
        var n = facts.Count;
        var size = new int[groups];
        var minId = new int[groups];
        Array.Fill(minId, int.MaxValue);
        for (var r = 0; r < n; r++)
        {
            size[group[r]]++;
            minId[group[r]] = Math.Min(minId[group[r]], facts.Ids[r]);
        }
        var order = new int[groups];
        for (var g = 0; g < groups; g++)
            order[g] = g;
        Array.Sort(order, (a, b) => size[a] != size[b] ? size[b].CompareTo(size[a]) : minId[a].CompareTo(minId[b]));
        var indexOfGroup = new int[groups];
        for (var c = 0; c < groups; c++)
            indexOfGroup[order[c]] = c;

        var clusterOfRow = new int[n];
        var offsets = new int[groups + 1];
        for (var r = 0; r < n; r++)
        {
            clusterOfRow[r] = indexOfGroup[group[r]];
            offsets[clusterOfRow[r] + 1]++;
        }
        for (var c = 0; c < groups; c++)
            offsets[c + 1] += offsets[c];
        var members = new int[n];
        var fill = offsets.AsSpan(0, groups).ToArray();
        for (var r = 0; r < n; r++)
            members[fill[clusterOfRow[r]]++] = r;

        var ids = new int[groups];
        var providerCount = new int[groups];
        var seen = new HashSet<int>();
        for (var c = 0; c < groups; c++)
        {
            ids[c] = minId[order[c]];
            seen.Clear();
            for (var i = offsets[c]; i < offsets[c + 1]; i++)
                if (facts.Providers[members[i]] >= 0)
                    seen.Add(facts.Providers[members[i]]);
            providerCount[c] = seen.Count;
        }
        var (first, lead) = FirstReports(facts, offsets, members, copies);
        return new StoryClusters(clusterOfRow, offsets, members, ids, first, lead, providerCount);
    }

    /// <summary>
    /// The same clusters with other copies left out of their first reports: only who was first, and for how long, can
    /// change, so the clusters' arrays are shared (at 10 million articles the clusters hold about 250 MB; this makes 45).
    /// </summary>
    public static StoryClusters WithCopies(ArticleFacts facts, StoryClusters clusters, ulong[]? copies)
    {
        var (first, lead) = FirstReports(facts, clusters.MemberOffsets, clusters.Members, copies);
        return new StoryClusters(clusters.ClusterOfRow, clusters.MemberOffsets, clusters.Members, clusters.Id, first, lead, clusters.ProviderCount);
    }

    /// <summary>Per cluster, the provider of its first report and how long it was alone with the story (copies never lead nor end a lead).</summary>
    private static (int[] First, int[] Lead) FirstReports(ArticleFacts facts, int[] offsets, int[] members, ulong[]? copies)
    {
        var groups = offsets.Length - 1;
        var first = new int[groups];
        var lead = new int[groups];
        for (var c = 0; c < groups; c++)
        {
            first[c] = ArticleFacts.None;
            lead[c] = -1;
            var firstRow = -1;
            for (var i = offsets[c]; i < offsets[c + 1]; i++)
            {
                var r = members[i];
                var s = facts.SecondsOf(r);
                // The first report: earliest dated member with a provider; a tie goes to the smaller id (the one stored first).
                if (s != ArticleFacts.UnknownSeconds && facts.Providers[r] >= 0 && !IsCopy(copies, r) &&
                    (firstRow < 0 || s < facts.SecondsOf(firstRow) || (s == facts.SecondsOf(firstRow) && facts.Ids[r] < facts.Ids[firstRow])))
                    firstRow = r;
            }
            if (firstRow < 0)
                continue;
            first[c] = facts.Providers[firstRow];
            var firstOther = long.MaxValue;
            for (var i = offsets[c]; i < offsets[c + 1]; i++)
            {
                var r = members[i];
                if (facts.Providers[r] >= 0 && facts.Providers[r] != first[c] && facts.SecondsOf(r) != ArticleFacts.UnknownSeconds && !IsCopy(copies, r))
                    firstOther = Math.Min(firstOther, facts.SecondsOf(r));
            }
            if (firstOther != long.MaxValue)
                lead[c] = (int)Math.Min(int.MaxValue, firstOther - facts.SecondsOf(firstRow));
        }
        return (first, lead);
    }
}
