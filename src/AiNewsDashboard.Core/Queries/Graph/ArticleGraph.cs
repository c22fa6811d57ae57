namespace AiNewsDashboard.Core.Queries.Graph;

/// <summary>
/// The related-link graph over one <see cref="ArticleFacts"/> snapshot, in memory and indexed by snapshot row: the
/// undirected neighbourhood of every article in CSR form, each neighbour marked with the links' directions (row r lists
/// it as related, it lists r, or both), plus the story clusters and who reported each story first.
/// About 4.25 bytes per neighbour (each link is a neighbour of both its ends; its directions in two bits) and 4 per
/// article: one direction-marked neighbourhood instead of a second, directed CSR and a per-article count of inbound
/// links beside it, which at 10,000,000 articles held about 130 MB more (and a byte per neighbour for the directions
/// 25 MB more).
/// Built from whatever links the store holds; a link to an article this snapshot doesn't know is left out.
/// </summary>
public sealed class ArticleGraph
{
    /// <summary><see cref="DirectionOf"/>: row r lists the neighbour as related.</summary>
    internal const byte Out = 1;

    /// <summary><see cref="DirectionOf"/>: the neighbour lists row r as related.</summary>
    internal const byte In = 2;

    /// <param name="directions">Two bits per <paramref name="adj"/> entry, four entries a byte (<see cref="PackDirections"/>).</param>
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

    /// <summary>Beside each <see cref="Adjacency"/> entry, in two bits: <see cref="Out"/>, <see cref="In"/> or both (<see cref="DirectionOf"/>).</summary>
    internal byte[] Directions { get; }

    /// <summary>The directions of <see cref="Adjacency"/> entry <paramref name="i"/>: <see cref="Out"/>, <see cref="In"/> or both.</summary>
    internal int DirectionOf(int i) => (Directions[i >> 2] >> ((i & 3) << 1)) & 3;

    /// <summary>A byte of directions per entry packed into two bits per entry.</summary>
    internal static byte[] PackDirections(ReadOnlySpan<byte> directions)
    {
        var packed = new byte[(directions.Length + 3) >> 2];
        for (var i = 0; i < directions.Length; i++)
            packed[i >> 2] |= (byte)(directions[i] << ((i & 3) << 1));
        return packed;
    }

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
            if ((DirectionOf(i) & In) != 0)
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
                    if ((graph.DirectionOf(_i) & Out) != 0)
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

        // A link whose reverse is there too (A→B and B→A) is one neighbour at each end, marked both ways: found by a
        // binary search in the sorted keys, so each row's place is sized exactly and nothing is copied afterwards. A
        // raw array of both directions, de-duplicated and then copied to size, held about 170 MB more while the graph
        // was built at 10,000,000 articles (17 million links).
        var mutual = new ulong[(distinct + 63) >> 6];
        var adjOffsets = new int[n + 1];
        for (var i = 0; i < distinct; i++)
        {
            var s = (int)(sorted[i] >> 32);
            var t = (int)sorted[i];
            if (sorted.BinarySearch(((long)t << 32) | (uint)s) >= 0)
            {
                mutual[i >> 6] |= 1UL << i;
                if (s > t)
                    continue; // counted with its reverse
            }
            adjOffsets[s + 1]++;
            adjOffsets[t + 1]++;
        }
        for (var r = 0; r < n; r++)
            adjOffsets[r + 1] += adjOffsets[r];

        var adjacency = new int[adjOffsets[n]];
        var directions = new byte[adjOffsets[n]];
        // Each row's next free place while filling (its start, moved one place on per neighbour): afterwards every
        // entry holds the next row's start, so shifting the array by one gives the offsets back.
        for (var i = 0; i < distinct; i++)
        {
            var s = (int)(sorted[i] >> 32);
            var t = (int)sorted[i];
            var both = (mutual[i >> 6] & (1UL << i)) != 0;
            if (both && s > t)
                continue;
            adjacency[adjOffsets[s]] = t;
            directions[adjOffsets[s]++] = both ? (byte)(Out | In) : Out;
            adjacency[adjOffsets[t]] = s;
            directions[adjOffsets[t]++] = both ? (byte)(Out | In) : In;
        }
        for (var r = n; r > 0; r--)
            adjOffsets[r] = adjOffsets[r - 1];
        adjOffsets[0] = 0;
        for (var r = 0; r < n; r++)
        {
            var length = adjOffsets[r + 1] - adjOffsets[r];
            if (length > 1)
                adjacency.AsSpan(adjOffsets[r], length).Sort(directions.AsSpan(adjOffsets[r], length));
        }

        var packed = PackDirections(directions);
        var clusters = StoryClustering.Compute(facts, adjOffsets, adjacency, copies);
        return new ArticleGraph(facts, adjOffsets, adjacency, packed, distinct, clusters, groups);
    }

    /// <summary>
    /// The same links with other copy groups (copy detection's pass recorded new ones over this snapshot): only the
    /// story clusters' first reporters are computed again; the link arrays and the clusters themselves are shared.
    /// </summary>
    internal ArticleGraph WithCopies(ulong[] copies, Syndication.CopyGroups groups) =>
        new(Facts, AdjOffsets, Adjacency, Directions, LinkCount, StoryClustering.WithCopies(Facts, Clusters, copies), groups);
}
