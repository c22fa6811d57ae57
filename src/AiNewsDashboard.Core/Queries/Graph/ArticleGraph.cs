namespace AiNewsDashboard.Core.Queries.Graph;

/// <summary>
/// The related-link graph over one <see cref="ArticleFacts"/> snapshot, in memory and indexed by snapshot row: the
/// undirected neighbourhood of every article in CSR form, each neighbour marked with the links' directions (row r lists
/// it as related, it lists r, or both), plus the story clusters and who reported each story first.
/// About 5 bytes per neighbour (each link is a neighbour of both its ends) and 4 per article: one direction-marked
/// neighbourhood instead of a second, directed CSR and a per-article count of inbound links beside it, which at
/// 10,000,000 articles held about 130 MB more.
/// Built from whatever links the store holds; a link to an article this snapshot doesn't know is left out.
/// </summary>
public sealed class ArticleGraph
{
    /// <summary><see cref="Directions"/>: row r lists the neighbour as related.</summary>
    internal const byte Out = 1;

    /// <summary><see cref="Directions"/>: the neighbour lists row r as related.</summary>
    internal const byte In = 2;

    internal ArticleGraph(ArticleFacts facts, int[] adjOffsets, int[] adj, byte[] directions, int linkCount, StoryClusters clusters,
        Syndication.CopyGroups? copies = null)
    {
        Facts = facts;
        Copies = copies;
        AdjOffsets = adjOffsets;
        Adjacency = adj;
        Directions = directions;
        LinkCount = linkCount;
        Clusters = clusters;
    }

    /// <summary>The snapshot whose rows this graph indexes.</summary>
    public ArticleFacts Facts { get; }

    /// <summary>The copy groups its first reporters leave out (null: none given).</summary>
    public Syndication.CopyGroups? Copies { get; }

    /// <summary>Distinct related links (one per source and target, whatever the positions), self-links left out.</summary>
    public int LinkCount { get; }

    /// <summary>Undirected and distinct: every article linked with row r, in either direction, in row order.</summary>
    internal int[] AdjOffsets { get; }
    internal int[] Adjacency { get; }

    /// <summary>Beside each <see cref="Adjacency"/> entry: <see cref="Out"/>, <see cref="In"/> or both.</summary>
    internal byte[] Directions { get; }

    public StoryClusters Clusters { get; }

    /// <summary>Bytes held by the graph's arrays, the clusters' included.</summary>
    public long EstimatedBytes => sizeof(int) * ((long)AdjOffsets.Length + Adjacency.Length) + Directions.Length + Clusters.EstimatedBytes;

    internal ReadOnlySpan<int> Neighbours(int row) => Adjacency.AsSpan(AdjOffsets[row], AdjOffsets[row + 1] - AdjOffsets[row]);

    /// <summary>The articles row r lists as related, in row order.</summary>
    internal LinksFromRow LinksFrom(int row) => new(this, row);

    internal int Degree(int row) => AdjOffsets[row + 1] - AdjOffsets[row];

    /// <summary>How many articles list row r as related (its inbound links).</summary>
    internal int InboundOf(int row)
    {
        var count = 0;
        for (var i = AdjOffsets[row]; i < AdjOffsets[row + 1]; i++)
            if ((Directions[i] & In) != 0)
                count++;
        return count;
    }

    /// <summary>The neighbours of one row that it links to, without a copy: <c>foreach (var target in graph.LinksFrom(row))</c>.</summary>
    internal readonly struct LinksFromRow(ArticleGraph graph, int row)
    {
        public Enumerator GetEnumerator() => new(graph, row);

        public int[] ToArray()
        {
            var targets = new List<int>();
            foreach (var target in this)
                targets.Add(target);
            return [.. targets];
        }

        public struct Enumerator(ArticleGraph graph, int row)
        {
            private int _i = graph.AdjOffsets[row] - 1;
            private readonly int _end = graph.AdjOffsets[row + 1];

            public readonly int Current => graph.Adjacency[_i];

            public bool MoveNext()
            {
                while (++_i < _end)
                    if ((graph.Directions[_i] & Out) != 0)
                        return true;
                return false;
            }
        }
    }

    /// <summary>
    /// Builds the graph from (source article id &lt;&lt; 32 | target article id) pairs, in any order and with repeats.
    /// The pairs' array is used up: it becomes the sorted (source row, target row) keys, in place, rather than a second
    /// array of its length (136 MB at 10 million articles, while the rest of the graph is being made).
    /// </summary>
    internal static ArticleGraph Build(ArticleFacts facts, long[] linkIdPairs, ulong[]? copies = null, Syndication.CopyGroups? groups = null)
    {
        var n = facts.Count;
        // A neighbour and its direction share one int while building (row << 1 | 1 when the neighbour links to the row).
        if (n > int.MaxValue >> 1)
            throw new InvalidOperationException($"The story graph holds at most {int.MaxValue >> 1:N0} articles; the snapshot has {n:N0}.");
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

        var adjCount = new int[n + 1];
        for (var i = 0; i < distinct; i++)
        {
            adjCount[(int)(sorted[i] >> 32) + 1]++;
            adjCount[(int)sorted[i] + 1]++;
        }
        for (var r = 0; r < n; r++)
            adjCount[r + 1] += adjCount[r];

        // Both directions, then sorted and de-duplicated per row (A→B and B→A are one neighbour, marked both ways).
        var adjRaw = new int[adjCount[n]];
        var directions = new byte[adjCount[n]];
        // Each row's next free place while filling; the same array then holds the rows' offsets after de-duplication.
        var adjOffsets = new int[n + 1];
        var fill = adjOffsets;
        adjCount.AsSpan(0, n).CopyTo(fill);
        for (var i = 0; i < distinct; i++)
        {
            var s = (int)(sorted[i] >> 32);
            var t = (int)sorted[i];
            adjRaw[fill[s]++] = t << 1;       // s lists t
            adjRaw[fill[t]++] = (s << 1) | 1; // t is listed by s
        }
        adjOffsets[0] = 0;
        var write = 0;
        for (var r = 0; r < n; r++)
        {
            var segment = adjRaw.AsSpan(adjCount[r], adjCount[r + 1] - adjCount[r]);
            segment.Sort();
            for (var i = 0; i < segment.Length; i++)
            {
                var neighbour = segment[i] >> 1;
                var direction = (segment[i] & 1) == 0 ? Out : In;
                if (write > adjOffsets[r] && adjRaw[write - 1] == neighbour)
                    directions[write - 1] |= direction;
                else
                {
                    adjRaw[write] = neighbour;
                    directions[write++] = direction;
                }
            }
            adjOffsets[r + 1] = write;
        }
        var adjacency = adjRaw.AsSpan(0, write).ToArray();
        directions = directions.AsSpan(0, write).ToArray();

        var clusters = StoryClustering.Compute(facts, adjOffsets, adjacency, copies);
        return new ArticleGraph(facts, adjOffsets, adjacency, directions, distinct, clusters, groups);
    }

    /// <summary>
    /// The same links with other copy groups (copy detection's pass recorded new ones over this snapshot): only the
    /// story clusters' first reporters are computed again; the link arrays and the clusters themselves are shared.
    /// </summary>
    internal ArticleGraph WithCopies(ulong[] copies, Syndication.CopyGroups groups) =>
        new(Facts, AdjOffsets, Adjacency, Directions, LinkCount, StoryClustering.WithCopies(Facts, Clusters, copies), groups);
}
