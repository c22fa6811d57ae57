namespace AiNewsDashboard.Core.Queries.Graph;

/// <summary>One article of a story, as the story page and its CSV show it. Times are UTC.</summary>
public sealed record StoryArticle(int Id, string? Title, string? Url, string? Provider, string? ProviderDomain, DateTime? PublishedAt,
    int? Quality, int? Heat, bool IsReference, string? Category, IReadOnlyList<string> Topics);

/// <summary>
/// A provider's part in a story: its articles, its first report, and how long after the story's first report that came
/// (0 for whoever reported first; null when none of its articles is dated).
/// </summary>
public sealed record StoryProvider(string Name, string Domain, int Articles, DateTime? FirstAt, double? LagHours);

public sealed record StoryTopic(string Name, int Articles);

/// <summary>
/// How the quality scores of a story's articles spread: quartiles over the scored ones, and how many fall in each tenth
/// of the scale (0–9, 10–19, …, 90–100).
/// </summary>
public sealed record QualitySpread(int Scored, int Articles, int? Min, int? Q1, double? Median, int? Q3, int? Max, IReadOnlyList<int> Tenths);

/// <summary>Everything the story page shows about one story.</summary>
public sealed record StoryDetail(StoryCluster Summary, IReadOnlyList<StoryArticle> Articles, IReadOnlyList<GraphEdge> Links,
    IReadOnlyList<StoryProvider> Providers, IReadOnlyList<StoryTopic> Topics, QualitySpread Quality);

/// <summary>
/// A story found by id: the story itself, or, when the id is no story's any more but names an article (stories merge
/// and split as links arrive; a story's id is its smallest article id), the id of the story that now holds that article.
/// </summary>
public sealed record StoryLookup(StoryDetail? Story, int? MovedTo);

/// <summary>One story in detail, for the story page and its CSV: answered from the in-memory graph, like the graph page.</summary>
public sealed class StoryQueries(ArticleGraphCache graphs, GraphQueries graphQueries)
{
    public async Task<StoryLookup> GetStoryAsync(int id, CancellationToken ct = default)
    {
        var graph = await graphs.GetAsync(ct);
        var facts = graph.Facts;
        var clusters = graph.Clusters;
        var c = clusters.IndexOfId(facts, id);
        if (c < 0)
            return facts.RowOf(id) is var row and >= 0 ? new StoryLookup(null, clusters.Id[clusters.ClusterOfRow[row]]) : new StoryLookup(null, null);

        var summary = (await graphQueries.SummariesAsync(graph, [c], ct))[0];
        var members = clusters.MembersOf(c).ToArray();
        var ids = members.Select(r => facts.Ids[r]).ToArray();
        var texts = await graphQueries.TitlesAsync(ids, ct);

        // Oldest first: the order a reader follows the story in; undated articles last.
        var ordered = members.OrderBy(r => facts.SecondsOf(r) == ArticleFacts.UnknownSeconds ? long.MaxValue : facts.SecondsOf(r)).ThenBy(r => facts.Ids[r]).ToArray();
        var articles = ordered.Select(r =>
        {
            var (title, url) = texts.GetValueOrDefault(facts.Ids[r]);
            var p = facts.Providers[r];
            var topics = new List<string>();
            foreach (var t in facts.TopicsOf(r))
                topics.Add(facts.TopicTable[t].Name);
            return new StoryArticle(facts.Ids[r], title, url, p >= 0 ? facts.ProviderTable[p].Name : null, p >= 0 ? facts.ProviderTable[p].Domain : null,
                GraphQueries.Time(facts.SecondsOf(r)), facts.Qualities[r] >= 0 ? facts.Qualities[r] : null, facts.HeatOf(r) >= 0 ? facts.HeatOf(r) : null,
                facts.IsReference[r], facts.CategoryOf(r) >= 0 ? facts.CategoryNames[facts.CategoryOf(r)] : null, topics);
        }).ToList();

        var links = new List<GraphEdge>();
        foreach (var r in members)
            foreach (var t in graph.LinksFrom(r))
                links.Add(new GraphEdge(facts.Ids[r], facts.Ids[t])); // a link never leaves its story

        var start = clusters.StartOf(facts, c);
        var providers = members.Where(r => facts.Providers[r] >= 0).GroupBy(r => facts.Providers[r]).Select(g =>
        {
            var dated = g.Where(r => facts.SecondsOf(r) != ArticleFacts.UnknownSeconds).Select(r => facts.SecondsOf(r)).ToList();
            long? first = dated.Count > 0 ? dated.Min() : null;
            return new StoryProvider(facts.ProviderTable[g.Key].Name, facts.ProviderTable[g.Key].Domain, g.Count(),
                first is { } f ? GraphQueries.Time(f) : null, first is { } s ? (s - start) / 3600.0 : null);
        }).OrderBy(p => p.FirstAt ?? DateTime.MaxValue).ThenBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList();

        var topicsOfStory = articles.SelectMany(a => a.Topics).GroupBy(t => t, StringComparer.OrdinalIgnoreCase)
            .Select(g => new StoryTopic(g.First(), g.Count())).OrderByDescending(t => t.Articles).ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ToList();

        return new StoryLookup(new StoryDetail(summary, articles, links, providers, topicsOfStory, Spread(articles)), null);
    }

    internal static QualitySpread Spread(IReadOnlyList<StoryArticle> articles)
    {
        var scores = articles.Where(a => a.Quality is not null).Select(a => a.Quality!.Value).Order().ToArray();
        var tenths = new int[10];
        foreach (var q in scores)
            tenths[Math.Clamp(q / 10, 0, 9)]++;
        if (scores.Length == 0)
            return new QualitySpread(0, articles.Count, null, null, null, null, null, tenths);
        var mid = scores.Length / 2;
        var median = scores.Length % 2 == 1 ? scores[mid] : (scores[mid - 1] + scores[mid]) / 2.0;
        return new QualitySpread(scores.Length, articles.Count, scores[0], scores[(scores.Length - 1) / 4], median, scores[3 * (scores.Length - 1) / 4],
            scores[^1], tenths);
    }
}
