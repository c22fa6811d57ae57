namespace AiNewsDashboard.Core.Queries.Graph;

/// <summary>
/// The related-link graph over one <see cref="ArticleFacts"/> snapshot, in memory and indexed by snapshot row:
/// the links as they were written (article → the related articles it lists) and the undirected neighbourhood of
/// every article, both in CSR form, plus the story clusters and who reported each story first.
/// About 16 bytes per link and 12 per article, so a million articles with a million and a half links fit in ~50 MB.
/// Built from whatever links the store holds; a link to an article this snapshot doesn't know is left out.
/// </summary>
public sealed class ArticleGraph
{
    internal ArticleGraph(ArticleFacts facts, int[] outOffsets, int[] outTargets, int[] adjOffsets, int[] adj, StoryClusters clusters,
        Syndication.CopyGroups? copies = null)
    {
        Facts = facts;
        Copies = copies;
        OutOffsets = outOffsets;
        OutTargets = outTargets;
        AdjOffsets = adjOffsets;
        Adjacency = adj;
        Clusters = clusters;
    }

    /// <summary>The snapshot whose rows this graph indexes.</summary>
    public ArticleFacts Facts { get; }

    /// <summary>The copy groups its first reporters leave out (null: none given).</summary>
    public Syndication.CopyGroups? Copies { get; }

    /// <summary>Distinct related links (one per source and target, whatever the positions), self-links left out.</summary>
    public int LinkCount => OutTargets.Length;

    /// <summary>Directed: the articles row r lists as related are OutTargets[OutOffsets[r] .. OutOffsets[r + 1]).</summary>
    internal int[] OutOffsets { get; }
    internal int[] OutTargets { get; }

    /// <summary>Undirected and distinct: every article linked with row r, in either direction.</summary>
    internal int[] AdjOffsets { get; }
    internal int[] Adjacency { get; }

    public StoryClusters Clusters { get; }

    /// <summary>Bytes held by the graph's arrays, the clusters' included.</summary>
    public long EstimatedBytes =>
        sizeof(int) * ((long)OutOffsets.Length + OutTargets.Length + AdjOffsets.Length + Adjacency.Length + (_inbound?.Length ?? 0)) + Clusters.EstimatedBytes;

    internal ReadOnlySpan<int> Neighbours(int row) => Adjacency.AsSpan(AdjOffsets[row], AdjOffsets[row + 1] - AdjOffsets[row]);

    internal ReadOnlySpan<int> LinksFrom(int row) => OutTargets.AsSpan(OutOffsets[row], OutOffsets[row + 1] - OutOffsets[row]);

    internal int Degree(int row) => AdjOffsets[row + 1] - AdjOffsets[row];

    private int[]? _inbound;

    /// <summary>
    /// How many articles list row r as related (its inbound links), counted once per graph on first use: counting them
    /// per request walked every link and made a snapshot-long array each time (17 million links and 46 MB at 10 million
    /// articles).
    /// </summary>
    internal int[] Inbound => Volatile.Read(ref _inbound) ?? Interlocked.CompareExchange(ref _inbound, CountInbound(), null) ?? _inbound!;

    private int[] CountInbound()
    {
        var inbound = new int[Facts.Count];
        foreach (var target in OutTargets)
            inbound[target]++;
        return inbound;
    }

    /// <summary>
    /// Builds the graph from (source article id &lt;&lt; 32 | target article id) pairs, in any order and with repeats.
    /// The pairs' array is used up: it becomes the sorted (source row, target row) keys, in place, rather than a second
    /// array of its length (136 MB at 10 million articles, while the rest of the graph is being made).
    /// </summary>
    internal static ArticleGraph Build(ArticleFacts facts, long[] linkIdPairs, ulong[]? copies = null, Syndication.CopyGroups? groups = null)
    {
        var n = facts.Count;
        // Map ids to rows and pack (source row, target row) into one sortable key; drop unknown articles and self-links.
        // Written over the pairs already read: the k-th key never lands past the pair being read.
        var keys = linkIdPairs;
        var k = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            var pair = keys[i];
            var source = facts.RowOf((int)(pair >> 32));
            var target = facts.RowOf((int)pair);
            if (source < 0 || target < 0 || source == target)
                continue;
            keys[k++] = ((long)source << 32) | (uint)target;
        }
        var sorted = keys.AsSpan(0, k);
        sorted.Sort();
        var distinct = 0;
        for (var i = 0; i < sorted.Length; i++)
            if (i == 0 || sorted[i] != sorted[i - 1])
                sorted[distinct++] = sorted[i];
        sorted = sorted[..distinct];

        var outOffsets = new int[n + 1];
        var outTargets = new int[distinct];
        var adjCount = new int[n + 1];
        for (var i = 0; i < distinct; i++)
        {
            var s = (int)(sorted[i] >> 32);
            var t = (int)sorted[i];
            outOffsets[s + 1]++;
            outTargets[i] = t;
            adjCount[s + 1]++;
            adjCount[t + 1]++;
        }
        for (var r = 0; r < n; r++)
        {
            outOffsets[r + 1] += outOffsets[r];
            adjCount[r + 1] += adjCount[r];
        }

        // Both directions, then sorted and de-duplicated per row (A→B and B→A are one neighbour).
        var adjRaw = new int[adjCount[n]];
        // Each row's next free place while filling; the same array then holds the rows' offsets after de-duplication.
        var adjOffsets = new int[n + 1];
        var fill = adjOffsets;
        adjCount.AsSpan(0, n).CopyTo(fill);
        for (var i = 0; i < distinct; i++)
        {
            var s = (int)(sorted[i] >> 32);
            var t = (int)sorted[i];
            adjRaw[fill[s]++] = t;
            adjRaw[fill[t]++] = s;
        }
        adjOffsets[0] = 0;
        var write = 0;
        for (var r = 0; r < n; r++)
        {
            var segment = adjRaw.AsSpan(adjCount[r], adjCount[r + 1] - adjCount[r]);
            segment.Sort();
            for (var i = 0; i < segment.Length; i++)
                if (i == 0 || segment[i] != segment[i - 1])
                    adjRaw[write++] = segment[i];
            adjOffsets[r + 1] = write;
        }
        var adjacency = adjRaw.AsSpan(0, write).ToArray();

        var clusters = StoryClustering.Compute(facts, adjOffsets, adjacency, copies);
        return new ArticleGraph(facts, outOffsets, outTargets, adjOffsets, adjacency, clusters, groups);
    }

    /// <summary>
    /// The same links with other copy groups (copy detection's pass recorded new ones over this snapshot): only the
    /// story clusters' first reporters are computed again; the link arrays and the clusters themselves are shared.
    /// </summary>
    internal ArticleGraph WithCopies(ulong[] copies, Syndication.CopyGroups groups) =>
        new(Facts, OutOffsets, OutTargets, AdjOffsets, Adjacency, StoryClustering.WithCopies(Facts, Clusters, copies), groups) { _inbound = _inbound };
}
