using System.Text.Json;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Queries.Graph;
using AiNewsDashboard.Core.Signals;
using AiNewsDashboard.Core.Syndication;

namespace AiNewsDashboard.Web.Api;

// The API's answers, serialized camelCase. Where a query's own record already has the answer's shape (GraphNode,
// StoryClusterList, FirstReporter, TopicShare) the API returns it as it is; these records are the other shapes.

/// <param name="Total">Rows of the list: a copy whose first publisher is listed is folded into that row.</param>
/// <param name="CollapsedCopies">Matching articles folded so (each item's <c>copies</c> says how many are its own).</param>
/// <param name="Next">Sorted by title: the cursor to pass as <c>after</c> for the next page; null on the last page and for other sorts.</param>
public sealed record ArticleListResult(int Total, int Page, int PageSize, IReadOnlyList<ArticleResult> Items, int CollapsedCopies, string? Next = null);

/// <param name="Copies">Matching copies of this article folded into its row (see /api/articles/{id}/copies).</param>
public sealed record ArticleResult(int Id, string Url, string? Title, string? Provider, string? ProviderName, DateTime? PublishedAt, int? Quality,
    int? Heat, IReadOnlyList<string> Topics, string? Category, bool? Published, bool IsReference, int Copies)
{
    public static ArticleResult From(ArticleListItem a) => new(a.Id, a.Url, a.Title, a.ProviderDomain, a.ProviderName, a.PublishedAt, a.Quality,
        a.Heat, a.Topics, a.Category, a.Published, a.IsReference, a.Copies);
}

/// <param name="Granularity">The bucket size used, lower case (chosen from the range when the request named none, coarser than asked when
/// the range would need more than 400 buckets).</param>
/// <param name="Undated">Matching articles with no (plausible) publication date: in the totals, in no bucket.</param>
/// <param name="Message">Why the granularity differs from the one asked for, or null.</param>
/// <param name="Series">The stacked series' labels, in the order of each bucket's <see cref="TimelineBucketResult.Series"/>.</param>
/// <param name="Peaks">The periods whose count stands out from their neighbourhood: more than 3 robust standard deviations above the
/// median of the 10 nearest periods, at least twice that median and at least 10 articles, on an axis of at least 5 periods; strongest first.</param>
/// <param name="Attention">Quality-weighted attention over all matching articles (see <see cref="Core.Signals.Attention"/>).</param>
/// <param name="Quality">Whose scores weigh it: the scored and high-quality providers and the score that makes one high-quality.</param>
public sealed record TimelineResult(string Granularity, int Undated, string? Message, IReadOnlyList<string> Series, IReadOnlyList<TimelineBucketResult> Buckets,
    IReadOnlyList<TimelinePeakResult>? Peaks = null, Attention? Attention = null, QualityBasis? Quality = null)
{
    /// <summary>Each period with its quality-weighted attention (the two share one axis: the same filter and granularity).</summary>
    public TimelineResult With(AttentionTimeline attention) => this with
    {
        Buckets = Buckets.Select((b, i) => b with { Attention = i < attention.Buckets.Count ? attention.Buckets[i] : null }).ToArray(),
        Attention = attention.Total,
        Quality = attention.Quality,
    };

    /// <summary>The answer of /api/stats/timeline, and the rows of its CSV.</summary>
    public static TimelineResult From(Timeline t) => new(
        t.Granularity.ToString().ToLowerInvariant(), t.Undated, t.Message,
        t.Series.Select(s => s.Label).ToArray(),
        t.Buckets.Select(b => new TimelineBucketResult(b.Start, b.End, b.Articles, t.Series.Count > 0 ? b.SeriesCounts : null,
            b.TopStory is { } s ? new TopStoryResult(s.ArticleId, s.Title, s.Heat, JsonNamingPolicy.CamelCase.ConvertName(s.Rule.ToString()), s.Links, s.Providers) : null,
            b.Total, b.Share)).ToArray(),
        t.PeakList.Select(p => new TimelinePeakResult(t.Buckets[p.Index].Start, p.Count, p.Baseline, Math.Round(p.Score, 2))).ToArray());
}

/// <param name="Series">Articles per series, when stacked; otherwise null.</param>
/// <param name="Total">With view=share: the period's articles under the filter without q, provider and topic; otherwise null.</param>
/// <param name="Share">With view=share: <c>articles / total</c> (0 to 1), null when the period holds no article at all.</param>
/// <param name="Attention">The period's quality-weighted count, high-quality share and mean heat, each with its coverage.</param>
public sealed record TimelineBucketResult(DateOnly Start, DateOnly End, int Articles, IReadOnlyList<int>? Series, TopStoryResult? TopStory,
    int? Total = null, double? Share = null, Attention? Attention = null);

/// <param name="Rule">What chose it: heat (the highest heat), mostLinked (no heat in the period: the most inbound related links),
/// widestCoverage (nor links: the most providers covering its story) or newest.</param>
public sealed record TopStoryResult(int Id, string? Title, int? Heat, string Rule = "heat", int? Links = null, int? Providers = null);

/// <param name="Baseline">The median count of its neighbouring periods.</param>
/// <param name="Score">How many robust standard deviations it stands above that.</param>
public sealed record TimelinePeakResult(DateOnly Start, int Articles, double Baseline, double Score);

/// <param name="Attention">Each listed topic's quality-weighted attention, in the same order.</param>
/// <param name="Quality">Whose scores weigh it (see <see cref="TimelineResult"/>).</param>
public sealed record TopicListResult(IReadOnlyList<TopicShare> Topics, IReadOnlyList<TopicAttention>? Attention = null, QualityBasis? Quality = null);

/// <param name="Total">Providers with matching articles whose name or domain contains the search: all pages together.</param>
/// <param name="Page">The page answered (the last one when the page asked for is past it).</param>
/// <param name="Detection">How far copy detection has got: until it has finished, no provider has an original share.</param>
public sealed record ProviderListResult(double? PriorMean, double PriorWeight, int Total, int Page, int PageSize, IReadOnlyList<ProviderResult> Providers,
    CopyDetectionProgress Detection);

/// <param name="OriginalShare">Share of its matching articles that are not copies of an earlier article (syndication); null
/// while copy detection has articles still to check.</param>
public sealed record ProviderResult(string Domain, string Name, int Articles, double? MeanQuality, double? MedianQuality, double? Score,
    double? ScoreError, double? MeanHeat, double? PublishedShare, DateOnly? FirstArticle, DateOnly? LastArticle, double? OriginalShare)
{
    public static ProviderResult From(ProviderStanding p) => new(p.Domain, p.Name, p.Articles, p.MeanQuality, p.MedianQuality, p.Score,
        p.ScoreError, p.MeanHeat, p.PublishedShare, p.FirstArticle, p.LastArticle, p.OriginalShare);
}

/// <param name="Limit">The node limit applied.</param>
/// <param name="Message">When truncated: what was cut and how to see the rest.</param>
public sealed record GraphResult(IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges, bool Truncated, int Limit, int TotalNodes,
    int TotalEdges, string? Message);

public sealed record FirstReporterListResult(IReadOnlyList<FirstReporter> Providers);

/// <summary>A 404: the request names an article or story that doesn't exist, one message each.</summary>
public sealed record GraphProblemResult(string Title, IReadOnlyList<string> Errors)
{
    public GraphProblemResult(IReadOnlyList<string> errors) : this("The graph request names something that doesn't exist.", errors) { }
}
