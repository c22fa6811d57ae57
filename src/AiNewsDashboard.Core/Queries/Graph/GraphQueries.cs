using AiNewsDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Queries.Graph;

/// <summary>What part of the graph to show, beyond the dashboard filter.</summary>
public sealed record GraphRequest
{
    public const int DefaultLimit = 5000;
    public const int MaxHops = 3;
    public const int MaxExpand = 50;
    public const int MaxStories = 1000;
    /// <summary>How many stories the graph page shows first.</summary>
    public const int DefaultStories = 20;

    /// <summary>An article whose neighbourhood (<see cref="Hops"/> links away, in either direction) is always shown and marked.</summary>
    public int? Focus { get; init; }
    public int Hops { get; init; } = 1;
    /// <summary>Articles whose direct neighbours are added to the view.</summary>
    public IReadOnlyList<int> Expand { get; init; } = [];
    /// <summary>A story cluster (its public id) to show instead of the filtered articles.</summary>
    public int? Cluster { get; init; }
    /// <summary>
    /// Show only the top this-many stories of the filter (see <see cref="GraphQueries.GetClustersAsync"/> for the ranking)
    /// instead of every filtered article; null shows everything.
    /// </summary>
    public int? Stories { get; init; }
    public int Limit { get; init; } = DefaultLimit;
}

public sealed record GraphNode(int Id, string? Title, string? Url, string? Provider, string? ProviderDomain, DateTime? PublishedAt,
    int? Quality, int? Heat, bool IsReference, int Cluster, int Degree, string? Category, string? Topic, int? Hop)
{
    /// <summary>Copies of this article (syndication) folded into its node: the graph shows "+N copies" instead of N more nodes.</summary>
    public int Copies { get; init; }
}

public sealed record GraphEdge(int Source, int Target);

/// <param name="TotalNodes">Nodes the request asked for before the limit cut it.</param>
/// <param name="Message">When truncated: what was cut and how to see the rest.</param>
/// <param name="Problems">Ids in the request that name no article or cluster, one message each.</param>
public sealed record GraphView(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges, bool Truncated, int TotalNodes, int TotalEdges,
    string? Message, IReadOnlyList<string> Problems);

/// <summary>A story: one cluster of linked articles. Times are UTC.</summary>
/// <param name="Providers">The ten providers with most articles in it.</param>
/// <param name="ProviderCount">How many providers it has in all.</param>
/// <param name="Heat">The sum of its articles' heat.</param>
public sealed record StoryCluster(int Id, IReadOnlyList<int> Members, int Size, string? Headline, int? HeadlineId,
    string? FirstProvider, string? FirstProviderDomain, double? LeadTimeHours, DateTime? Start, DateTime? End,
    IReadOnlyList<string> Providers, IReadOnlyList<string> TopTopics, int ProviderCount, long Heat)
{
    /// <summary>Every article from one site: often a site's own sidebar links rather than a story others covered.</summary>
    public bool OneSite => ProviderCount <= 1;
}

/// <summary>A whole graph for export: node and link counts first, then the nodes (streamed) and the links.</summary>
public sealed record GraphExport(int NodeCount, int EdgeCount, IAsyncEnumerable<GraphNode> Nodes, IEnumerable<GraphEdge> Edges, IReadOnlyList<string> Problems);

public sealed record StoryClusterList(int Total, IReadOnlyList<StoryCluster> Clusters);

/// <summary>How often a provider broke the stories it covered, among stories with more than one provider.</summary>
public sealed record FirstReporter(string Domain, string Name, int Stories, int Broke, double Share, double? MedianLeadHours);

/// <summary>
/// The related-article graph for the graph page and /api/graph: which articles and links to show for a filter, the
/// story clusters, and who reports first. Everything is answered from the in-memory graph; only titles and URLs of
/// the nodes actually returned come from the store.
/// </summary>
public sealed class GraphQueries(ArticleGraphCache graphs, ArticleMatcher matcher)
{
    public const int MaxLimit = 50_000;

    /// <summary>
    /// The filtered articles and every article linked with them (either direction), plus the focus neighbourhood,
    /// expansions or cluster the request names. Over the limit, the most connected part is kept: the focus first,
    /// then whole stories, largest first, then the best-linked articles of the next story.
    /// </summary>
    /// <param name="current">Wait for the graph of the current snapshot rather than answer from the previous one while it
    /// is built (a page refreshing after an import; later calls then get the new graph at once).</param>
    public async Task<GraphView> GetGraphAsync(DashboardFilter filter, GraphRequest request, CancellationToken ct = default, bool current = false)
    {
        var graph = current ? await graphs.GetCurrentAsync(ct) : await graphs.GetAsync(ct);
        var s = await SelectAsync(graph, filter, request, Math.Clamp(request.Limit, 1, MaxLimit), ct);
        var copiesOf = await CollapseCopiesAsync(s, request.Focus, ct);
        var edges = EdgesOf(s).ToList();
        var nodes = await NodesAsync(s.Graph, s.Selected, s.HopOf, ct);
        if (copiesOf.Count > 0)
            nodes = nodes.Select(n => copiesOf.GetValueOrDefault(graph.Facts.RowOf(n.Id)) is var k and > 0 ? n with { Copies = k } : n).ToList();
        // Copies folded into their first publisher's node are shown, as "+N copies": only the limit cuts articles out.
        var shown = s.Selected.Count + copiesOf.Values.Sum();
        var truncated = shown < s.Candidates;
        var message = truncated
            ? $"Showing {shown:N0} of {s.Candidates:N0} articles and {edges.Count:N0} of {s.TotalEdges:N0} links: the focus first, " +
              "then the largest stories. Narrow the time range, pick providers or topics, search, or focus on one article or story to see the rest."
            : null;
        return new GraphView(nodes, edges, truncated, s.Candidates, s.TotalEdges, message, s.Problems);
    }

    /// <summary>
    /// The same articles and links as <see cref="GetGraphAsync"/> with no limit at all, for exports that are never cut
    /// short: the nodes come out in chunks (titles read ten thousand at a time), so a million-node export streams.
    /// </summary>
    public async Task<GraphExport> ExportAsync(DashboardFilter filter, GraphRequest request, CancellationToken ct = default)
    {
        var s = await SelectAsync(await graphs.GetAsync(ct), filter, request, int.MaxValue, ct);
        return new GraphExport(s.Selected.Count, s.TotalEdges, NodesInChunksAsync(s, ct), EdgesOf(s), s.Problems);
    }

    private sealed record Selection(ArticleGraph Graph, List<int> Selected, bool[] InView, Dictionary<int, int>? HopOf, int Candidates,
        int TotalEdges, List<string> Problems);

    /// <summary>
    /// The cut of the unfiltered graph (the graph page as it opens, <c>/api/graph</c> without parameters) at one limit:
    /// it passes over every article and link, about a second at ten million articles, and gives the same answer until
    /// the graph changes, so it is kept with its graph (for as long as the graph lives, never longer) and made again
    /// only for the next one or another limit.
    /// </summary>
    private sealed record UnfilteredCut(int Limit, int[] Selected, int Candidates, int TotalEdges);

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<ArticleGraph, UnfilteredCut> _unfiltered = [];

    private static bool IsUnfiltered(DashboardFilter filter, GraphRequest request) =>
        filter.Equals(DashboardFilter.All) && request is { Cluster: null, Stories: null, Focus: null, Expand.Count: 0 };

    /// <summary>
    /// Folds each copy (syndication) whose first publisher is shown into that node, links and all; the focus stays a
    /// node of its own. Returns the copies folded into each row.
    /// </summary>
    private async Task<Dictionary<int, int>> CollapseCopiesAsync(Selection s, int? focusId, CancellationToken ct)
    {
        var facts = s.Graph.Facts;
        var copies = await matcher.CopyRowsAsync(facts, ct);
        var folded = new Dictionary<int, int>();
        if (copies.Groups.CopyCount == 0)
            return folded;
        var focus = focusId is { } f ? facts.RowOf(f) : ArticleFacts.None;
        s.Selected.RemoveAll(row =>
        {
            if (row == focus || !copies.IsCopy(row) || copies.FirstRowOf(row) is not (var first and >= 0) || !s.InView[first])
                return false;
            s.InView[row] = false;
            folded[first] = folded.GetValueOrDefault(first) + 1;
            return true;
        });
        return folded;
    }

    private static IEnumerable<GraphEdge> EdgesOf(Selection s)
    {
        var ids = s.Graph.Facts.Ids;
        foreach (var row in s.Selected)
            foreach (var target in s.Graph.LinksFrom(row))
                if (s.InView[target])
                    yield return new GraphEdge(ids[row], ids[target]);
    }

    private async IAsyncEnumerable<GraphNode> NodesInChunksAsync(Selection s, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        const int chunk = 10_000;
        for (var i = 0; i < s.Selected.Count; i += chunk)
            foreach (var node in await NodesAsync(s.Graph, s.Selected.GetRange(i, Math.Min(chunk, s.Selected.Count - i)), s.HopOf, ct))
                yield return node;
    }

    private async Task<Selection> SelectAsync(ArticleGraph graph, DashboardFilter filter, GraphRequest request, int limit, CancellationToken ct)
    {
        // Only a page's cut (at most MaxLimit rows) is kept: an export's, of every row, would hold megabytes for one download.
        var unfiltered = limit <= MaxLimit && IsUnfiltered(filter, request);
        if (unfiltered && _unfiltered.TryGetValue(graph, out var kept) && kept.Limit == limit)
        {
            var shown = new bool[graph.Facts.Count];
            foreach (var row in kept.Selected)
                shown[row] = true;
            return new Selection(graph, [.. kept.Selected], shown, null, kept.Candidates, kept.TotalEdges, []);
        }
        var selection = await SelectAnewAsync(graph, filter, request, limit, ct);
        if (unfiltered)
            _unfiltered.AddOrUpdate(graph, new UnfilteredCut(limit, [.. selection.Selected], selection.Candidates, selection.TotalEdges));
        return selection;
    }

    private async Task<Selection> SelectAnewAsync(ArticleGraph graph, DashboardFilter filter, GraphRequest request, int limit, CancellationToken ct)
    {
        var facts = graph.Facts;
        var clusters = graph.Clusters;
        var problems = new List<string>();
        var inView = new bool[facts.Count];
        var candidates = new List<int>();
        var priority = new List<int>();
        Dictionary<int, int>? hopOf = null;

        void Add(int row)
        {
            if (!inView[row])
            {
                inView[row] = true;
                candidates.Add(row);
            }
        }

        if (request.Cluster is { } clusterId)
        {
            var c = clusters.IndexOfId(facts, clusterId);
            if (c < 0)
                problems.Add($"cluster: there is no story cluster with id {clusterId}");
            else
            {
                var members = clusters.MembersOf(c).ToArray();
                Array.Sort(members, (a, b) => graph.Degree(b).CompareTo(graph.Degree(a)));
                foreach (var row in members)
                {
                    Add(row);
                    priority.Add(row);
                }
            }
        }
        else if (request.Stories is { } top)
        {
            foreach (var c in RankStories(graph, await MatchingClustersAsync(graph, filter, ct)).Take(Math.Max(0, top)))
                foreach (var row in clusters.MembersOf(c))
                    Add(row);
        }
        else
        {
            using var selection = await matcher.SelectAsync(facts, filter, ct);
            foreach (var row in selection.Rows)
            {
                Add(row);
                foreach (var neighbour in graph.Neighbours(row))
                    Add(neighbour);
            }
        }

        if (request.Focus is { } focusId)
        {
            var focus = facts.RowOf(focusId);
            if (focus < 0)
                problems.Add($"focus: there is no article with id {focusId}");
            else
            {
                hopOf = Neighbourhood(graph, focus, Math.Clamp(request.Hops, 0, GraphRequest.MaxHops));
                // Breadth-first order: the focus, then its neighbours, then theirs, so a cut keeps the nearest.
                foreach (var (row, _) in hopOf.OrderBy(p => p.Value))
                {
                    Add(row);
                    priority.Add(row);
                }
            }
        }
        foreach (var id in request.Expand)
        {
            var row = facts.RowOf(id);
            if (row < 0)
            {
                problems.Add($"expand: there is no article with id {id}");
                continue;
            }
            Add(row);
            priority.Add(row);
            foreach (var neighbour in graph.Neighbours(row))
            {
                Add(neighbour);
                priority.Add(neighbour);
            }
        }

        var totalEdges = CountEdges(graph, candidates, inView);
        var selected = candidates.Count <= limit ? candidates : Cut(graph, candidates, priority, inView, limit);
        return new Selection(graph, selected, inView, hopOf, candidates.Count, totalEdges, problems);
    }

    /// <summary>
    /// Story clusters of at least <paramref name="minSize"/> articles with one that matches the filter (all their
    /// members, since a story is a story whoever is filtered for), best first: by how many providers covered it, then
    /// size, then heat. A cluster from a single site (<see cref="StoryCluster.OneSite"/>) so comes after every story
    /// that two sites covered, however large.
    /// </summary>
    public async Task<StoryClusterList> GetClustersAsync(DashboardFilter filter, int limit = 100, int minSize = 2, CancellationToken ct = default)
    {
        var graph = await graphs.GetAsync(ct);
        var ranked = RankStories(graph, await MatchingClustersAsync(graph, filter, ct), minSize);
        return new StoryClusterList(ranked.Count, await SummariesAsync(graph, ranked.Take(Math.Max(0, limit)).ToList(), ct));
    }

    /// <summary>Clusters of at least <paramref name="minSize"/> articles among <paramref name="matching"/>, best story first.</summary>
    private static List<int> RankStories(ArticleGraph graph, bool[] matching, int minSize = 2)
    {
        var clusters = graph.Clusters;
        var chosen = new List<(int Cluster, long Heat)>();
        for (var c = 0; c < clusters.Count && clusters.Size(c) >= minSize; c++) // largest first, so the rest are smaller
            if (matching[c])
                chosen.Add((c, Heat(clusters.MembersOf(c), graph.Facts)));
        chosen.Sort((a, b) =>
            clusters.ProviderCount[a.Cluster] != clusters.ProviderCount[b.Cluster] ? clusters.ProviderCount[b.Cluster].CompareTo(clusters.ProviderCount[a.Cluster])
            : clusters.Size(a.Cluster) != clusters.Size(b.Cluster) ? clusters.Size(b.Cluster).CompareTo(clusters.Size(a.Cluster))
            : a.Heat != b.Heat ? b.Heat.CompareTo(a.Heat)
            : clusters.Id[a.Cluster].CompareTo(clusters.Id[b.Cluster]));
        return chosen.Select(p => p.Cluster).ToList();
    }

    private static long Heat(ReadOnlySpan<int> members, ArticleFacts facts)
    {
        long sum = 0;
        foreach (var r in members)
            if (facts.HeatOf(r) is var heat and > 0)
                sum += heat;
        return sum;
    }

    /// <summary>What the story list says about each cluster (by index), in the order given.</summary>
    internal async Task<List<StoryCluster>> SummariesAsync(ArticleGraph graph, List<int> chosen, CancellationToken ct)
    {
        var facts = graph.Facts;
        var clusters = graph.Clusters;
        // The headline of a story: its first report, or its earliest article, or any article.
        var headlineRows = chosen.Select(c => HeadlineRow(facts, clusters.MembersOf(c))).ToArray();
        var titles = await TitlesAsync(headlineRows.Select(r => facts.Ids[r]).ToArray(), ct);
        var list = new List<StoryCluster>(chosen.Count);
        for (var i = 0; i < chosen.Count; i++)
        {
            var c = chosen[i];
            var members = clusters.MembersOf(c);
            var ids = new int[members.Length];
            for (var m = 0; m < members.Length; m++)
                ids[m] = facts.Ids[members[m]];
            var first = clusters.FirstProvider[c];
            var headlineId = facts.Ids[headlineRows[i]];
            list.Add(new StoryCluster(clusters.Id[c], ids, members.Length, titles.GetValueOrDefault(headlineId).Title, headlineId,
                first >= 0 ? facts.ProviderTable[first].Name : null, first >= 0 ? facts.ProviderTable[first].Domain : null,
                clusters.LeadSeconds[c] >= 0 ? clusters.LeadSeconds[c] / 3600.0 : null,
                Time(clusters.StartOf(facts, c)), Time(clusters.EndOf(facts, c)),
                TopNames(facts, members, r => facts.Providers.AsSpan(r, 1), p => facts.ProviderTable[p].Name, 10),
                TopNames(facts, members, r => facts.TopicsOf(r), t => facts.TopicTable[t].Name, 3),
                clusters.ProviderCount[c], Heat(members, facts)));
        }
        return list;
    }

    /// <summary>The headline of each story (its first report's title), by cluster id; unknown ids are left out.</summary>
    public async Task<IReadOnlyDictionary<int, string>> GetHeadlinesAsync(IEnumerable<int> clusterIds, CancellationToken ct = default)
    {
        var graph = await graphs.GetAsync(ct);
        var facts = graph.Facts;
        var rowOfCluster = new Dictionary<int, int>();
        foreach (var id in clusterIds.Distinct())
            if (graph.Clusters.IndexOfId(facts, id) is var c and >= 0)
                rowOfCluster[id] = HeadlineRow(facts, graph.Clusters.MembersOf(c));
        var titles = await TitlesAsync(rowOfCluster.Values.Select(r => facts.Ids[r]).ToArray(), ct);
        var result = new Dictionary<int, string>();
        foreach (var (id, row) in rowOfCluster)
            if (titles.GetValueOrDefault(facts.Ids[row]).Title is { } title)
                result[id] = title;
        return result;
    }

    /// <summary>
    /// For each provider, among the stories (clusters with articles from more than one provider) that match the filter
    /// and that it covered: how many it broke, and its median lead over the next provider on the ones it broke.
    /// Ordered by stories broken, then share. The last answer per graph and filter is kept (the unfiltered one apart), so
    /// the Providers pages open at once share one list instead of each holding its own (878 providers in the real-shaped
    /// corpus of a million articles: 55 KB a page).
    /// </summary>
    public async Task<IReadOnlyList<FirstReporter>> GetFirstReportersAsync(DashboardFilter filter, CancellationToken ct = default)
    {
        var graph = await graphs.GetAsync(ct);
        return await (filter.Equals(DashboardFilter.All) ? _firstReportersAll : _firstReporters).GetAsync(graph, null, filter,
            () => FirstReportersAsync(graph, filter, CancellationToken.None), static () => { }, ct);
    }

    private readonly SharedAnswer<IReadOnlyList<FirstReporter>> _firstReporters = new(), _firstReportersAll = new();

    private async Task<IReadOnlyList<FirstReporter>> FirstReportersAsync(ArticleGraph graph, DashboardFilter filter, CancellationToken ct)
    {
        var facts = graph.Facts;
        var clusters = graph.Clusters;
        var matching = await MatchingClustersAsync(graph, filter, ct);
        var providers = facts.ProviderTable.Length;
        var covered = new int[providers];
        var leads = new List<long>?[providers];
        var seen = new int[providers];
        Array.Fill(seen, -1);
        for (var c = 0; c < clusters.Count && clusters.Size(c) > 1; c++)
        {
            if (!matching[c] || clusters.ProviderCount[c] < 2 || clusters.LeadSeconds[c] < 0)
                continue;
            foreach (var r in clusters.MembersOf(c))
            {
                var p = facts.Providers[r];
                if (p >= 0 && seen[p] != c)
                {
                    seen[p] = c;
                    covered[p]++;
                }
            }
            (leads[clusters.FirstProvider[c]] ??= []).Add(clusters.LeadSeconds[c]);
        }
        var result = new List<FirstReporter>();
        for (var p = 0; p < providers; p++)
        {
            if (covered[p] == 0)
                continue;
            var broke = leads[p]?.Count ?? 0;
            result.Add(new FirstReporter(facts.ProviderTable[p].Domain, facts.ProviderTable[p].Name, covered[p], broke, (double)broke / covered[p],
                broke > 0 ? Median(leads[p]!) / 3600.0 : null));
        }
        return result.OrderByDescending(r => r.Broke).ThenByDescending(r => r.Share).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    private async Task<bool[]> MatchingClustersAsync(ArticleGraph graph, DashboardFilter filter, CancellationToken ct)
    {
        var matching = new bool[graph.Clusters.Count];
        // References belong to stories too: "include references" only decides whether they alone can select one.
        using var selection = await matcher.SelectAsync(graph.Facts, filter, ct);
        foreach (var row in selection.Rows)
            matching[graph.Clusters.ClusterOfRow[row]] = true;
        return matching;
    }

    internal static Dictionary<int, int> Neighbourhood(ArticleGraph graph, int focus, int hops)
    {
        var hopOf = new Dictionary<int, int> { [focus] = 0 };
        var frontier = new List<int> { focus };
        for (var h = 1; h <= hops && frontier.Count > 0; h++)
        {
            var next = new List<int>();
            foreach (var row in frontier)
                foreach (var neighbour in graph.Neighbours(row))
                    if (hopOf.TryAdd(neighbour, h))
                        next.Add(neighbour);
            frontier = next;
        }
        return hopOf;
    }

    private static int CountEdges(ArticleGraph graph, List<int> rows, bool[] inView)
    {
        var count = 0;
        foreach (var row in rows)
            foreach (var target in graph.LinksFrom(row))
                if (inView[target])
                    count++;
        return count;
    }

    /// <summary>
    /// Keeps <paramref name="limit"/> of the candidates: priority rows first, then whole clusters by how many of their
    /// articles are in view (largest first, then the one with the newest article), then the best-connected articles of
    /// the first cluster that doesn't fit whole. Leaves <paramref name="inView"/> marking exactly the rows kept. Arrays and a counting sort, no per-cluster
    /// collections: with no filter at a million articles there are hundreds of thousands of clusters in view.
    /// </summary>
    private static List<int> Cut(ArticleGraph graph, List<int> candidates, List<int> priority, bool[] inView, int limit)
    {
        var clusters = graph.Clusters;
        var kept = new List<int>(limit);
        foreach (var row in candidates)
            inView[row] = false;
        foreach (var row in priority)
        {
            if (kept.Count == limit)
                break;
            if (!inView[row])
            {
                inView[row] = true;
                kept.Add(row);
            }
        }

        // How many candidates (not yet kept) each cluster has, and the clusters that have any.
        var count = new int[clusters.Count];
        var present = new List<int>();
        foreach (var row in candidates)
        {
            if (inView[row])
                continue;
            var c = clusters.ClusterOfRow[row];
            if (count[c]++ == 0)
                present.Add(c);
        }
        // Largest first, and among equals the one met first (candidates run newest first): a counting sort by size,
        // since sizes are small numbers, rather than a comparison sort of hundreds of thousands of clusters.
        var largest = 0;
        foreach (var c in present)
            largest = Math.Max(largest, count[c]);
        var start = new int[largest + 2];
        foreach (var c in present)
            start[largest - count[c] + 1]++;
        for (var i = 1; i < start.Length; i++)
            start[i] += start[i - 1];
        var order = new int[present.Count];
        foreach (var c in present)
            order[start[largest - count[c]]++] = c;

        // Whole clusters while they fit; the first that doesn't gives its best-linked articles, and the cut ends there.
        var take = new bool[clusters.Count];
        var room = limit - kept.Count;
        var partial = -1;
        foreach (var c in order)
        {
            if (room == 0)
                break;
            if (count[c] > room)
            {
                partial = c;
                break;
            }
            take[c] = true;
            room -= count[c];
        }
        var partialRows = new List<int>();
        foreach (var row in candidates)
        {
            if (inView[row])
                continue;
            var c = clusters.ClusterOfRow[row];
            if (take[c])
            {
                inView[row] = true;
                kept.Add(row);
            }
            else if (c == partial)
                partialRows.Add(row);
        }
        if (partial >= 0 && room > 0)
        {
            partialRows.Sort((a, b) => graph.Degree(b).CompareTo(graph.Degree(a)));
            foreach (var row in partialRows.Take(room))
            {
                inView[row] = true;
                kept.Add(row);
            }
        }
        return kept;
    }

    private async Task<IReadOnlyList<GraphNode>> NodesAsync(ArticleGraph graph, List<int> rows, Dictionary<int, int>? hopOf, CancellationToken ct)
    {
        var facts = graph.Facts;
        var ids = new int[rows.Count];
        for (var i = 0; i < rows.Count; i++)
            ids[i] = facts.Ids[rows[i]];
        var texts = await TitlesAsync(ids, ct);
        var nodes = new List<GraphNode>(rows.Count);
        foreach (var row in rows)
        {
            var id = facts.Ids[row];
            var (title, url) = texts.GetValueOrDefault(id);
            var provider = facts.Providers[row];
            var topics = facts.TopicsOf(row);
            nodes.Add(new GraphNode(id, title, url,
                provider >= 0 ? facts.ProviderTable[provider].Name : null, provider >= 0 ? facts.ProviderTable[provider].Domain : null,
                Time(facts.SecondsOf(row)),
                facts.Qualities[row] >= 0 ? facts.Qualities[row] : null, facts.HeatOf(row) >= 0 ? facts.HeatOf(row) : null,
                facts.IsReference[row], graph.Clusters.Id[graph.Clusters.ClusterOfRow[row]], graph.Degree(row),
                facts.CategoryOf(row) >= 0 ? facts.CategoryNames[facts.CategoryOf(row)] : null,
                topics.Length > 0 ? facts.TopicTable[topics[0]].Name : null,
                hopOf is not null && hopOf.TryGetValue(row, out var hop) ? hop : null));
        }
        return nodes;
    }

    /// <summary>Title and link of each article (its web URL, else the one it is stored under).</summary>
    internal Task<Dictionary<int, (string? Title, string? Url)>> TitlesAsync(int[] ids, CancellationToken ct) =>
        matcher.Facts.Source.ReadTitlesAndUrlsAsync(ids, ct);

    private static int HeadlineRow(ArticleFacts facts, ReadOnlySpan<int> members)
    {
        // Members are in row order, newest first: the last dated one is the earliest; prefer an article's own file.
        var best = members[0];
        foreach (var r in members)
        {
            var better = facts.IsReference[best] && !facts.IsReference[r] ||
                         facts.IsReference[best] == facts.IsReference[r] && facts.SecondsOf(r) != ArticleFacts.UnknownSeconds &&
                         (facts.SecondsOf(best) == ArticleFacts.UnknownSeconds || facts.SecondsOf(r) <= facts.SecondsOf(best));
            if (better)
                best = r;
        }
        return best;
    }

    internal delegate ReadOnlySpan<int> Keys(int row);

    /// <summary>The most frequent keys among the members, most frequent first, ties by name.</summary>
    internal static IReadOnlyList<string> TopNames(ArticleFacts facts, ReadOnlySpan<int> members, Keys keys, Func<int, string> name, int top)
    {
        var counts = new Dictionary<int, int>();
        foreach (var r in members)
            foreach (var k in keys(r))
                if (k >= 0) // an unknown provider
                    counts[k] = counts.GetValueOrDefault(k) + 1;
        return counts.OrderByDescending(p => p.Value).ThenBy(p => name(p.Key), StringComparer.OrdinalIgnoreCase).Take(top).Select(p => name(p.Key)).ToArray();
    }

    private static double Median(List<long> values)
    {
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2.0;
    }

    internal static DateTime? Time(long seconds) =>
        seconds == ArticleFacts.UnknownSeconds ? null : DateTime.UnixEpoch.AddSeconds(seconds);
}
