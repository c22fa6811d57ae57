using System.ComponentModel;
using AiNewsDashboard.Core.Queries;
using Microsoft.AspNetCore.Mvc;

namespace AiNewsDashboard.Web.Api;

// The API's query parameters, bound by the framework ([AsParameters]) as the text the URL carries: DashboardQuery reads
// them, as it reads the pages' and the graph's, so a value the framework could not convert never answers differently
// from a page. Names and descriptions here are what the OpenAPI document shows.

/// <summary>The shared filter, on every endpoint.</summary>
public sealed record FilterQuery(
    [property: FromQuery(Name = "from"), Description("First day, inclusive (YYYY-MM-DD, UTC).")] string? From,
    [property: FromQuery(Name = "to"), Description("Last day, inclusive (YYYY-MM-DD, UTC); not before from.")] string? To,
    [property: FromQuery(Name = "provider"), Description("Provider domain; repeat or separate by commas for several.")] string[]? Provider,
    [property: FromQuery(Name = "topic"), Description("Topic, any case; repeat or separate by commas for several.")] string[]? Topic,
    [property: FromQuery(Name = "category"), Description("Category; repeat or separate by commas for several.")] string[]? Category,
    [property: FromQuery(Name = "q"), Description(FilterQuery.SearchSyntax)] string? Q,
    [property: FromQuery(Name = "minQuality"), Description("Lowest quality, 0 to 100.")] string? MinQuality,
    [property: FromQuery(Name = "maxQuality"), Description("Highest quality, 0 to 100; not below minQuality.")] string? MaxQuality,
    [property: FromQuery(Name = "published"), Description("true or false.")] string? Published,
    [property: FromQuery(Name = "references"), Description("include or exclude (the default) articles known only from related lists.")] string? References,
    [property: FromQuery(Name = "range"), Description("A relative range instead of from and to: last7d, last30d, last90d, thisyear, thisquarter or lastquarter, " +
        "counted back from today (from the data's last day when the data ends before today).")] string? Range,
    [property: FromQuery(Name = "collection"), Description("A provider collection's name (see /api/collections): its providers join provider's; repeat for several.")] string[]? Collection,
    [property: FromQuery(Name = "copies"), Description("once: an article that is a copy of an earlier one (syndication, see /api/signals/syndication) is left out, so a text " +
        "published several times counts once; each (the default): every article counts.")] string? Copies)
{
    /// <summary>The search syntax (<see cref="SearchQuery"/>), as the OpenAPI document describes <c>q</c>.</summary>
    public const string SearchSyntax =
        "Full-text search in title and excerpt. `chip memory`: both words (AND between them is optional). `chip OR wafer`: either " +
        "(AND binds tighter than OR). `-memory` or `NOT memory`: without the word; there must be something to search for as well, " +
        "so `-memory` alone is an error. `\"memory chip\"`: the words in this order. `chip*`: words that start with chip. " +
        "`(chip OR wafer) -memory`: grouping. OR, AND and NOT are operators only in capitals. English word forms match " +
        "(chips finds chip); case and accents don't matter. A mistake (an unclosed quote or parenthesis, an operator with " +
        "nothing beside it, control characters) is a 400 whose error for q names what is wrong and its position, from 1.";

    public FilterParameters ToParameters() => new(From, To, Provider, Topic, Category, Q, MinQuality, MaxQuality, Published, References, Range, Collection, Copies);
}

/// <summary>/api/articles: which page, in which order.</summary>
public sealed record ArticleListQuery(
    [property: FromQuery(Name = "page"), Description("Page number from 1 (default 1).")] string? Page,
    [property: FromQuery(Name = "pageSize"), Description("Articles per page, 1 to 500 (default 50).")] string? PageSize,
    [property: FromQuery(Name = "sort"), Description("date (default), quality, heat, title or provider.")] string? Sort,
    [property: FromQuery(Name = "dir"), Description("desc (default) or asc.")] string? Dir,
    [property: FromQuery(Name = "after"), Description("Sorted by title: the 'next' cursor of the previous page; the page after it (instead of page).")] string? After)
{
    public ArticleListParameters ToParameters() => new(Page, PageSize, Sort, Dir, After);
}

/// <summary>The CSV export: every matching article, so only the order.</summary>
public sealed record ArticleOrderQuery(
    [property: FromQuery(Name = "sort"), Description("date (default), quality, heat, title or provider.")] string? Sort,
    [property: FromQuery(Name = "dir"), Description("desc (default) or asc.")] string? Dir)
{
    public ArticleListParameters ToParameters() => new(Sort: Sort, Dir: Dir);
}

/// <summary>/api/stats/timeline: bucket size, stacking and view.</summary>
public sealed record TimelineQuery(
    [property: FromQuery(Name = "granularity"), Description("day, week, month, quarter or year; chosen from the range when absent.")] string? Granularity,
    [property: FromQuery(Name = "stack"), Description("none (default), category, provider or topic.")] string? Stack,
    [property: FromQuery(Name = "view"), Description("bars (default), line or share. share adds each period's total (its articles under the " +
        "filter without q, provider and topic) and the matching articles' share of it.")] string? View)
{
    public TimelineParameters ToParameters() => new(Granularity, Stack, View);
}

/// <summary>/api/stats/topics: how many.</summary>
public sealed record TopicsQuery([property: FromQuery(Name = "top"), Description("How many topics, 1 to 1000 (default 20).")] string? Top);

/// <summary>/api/graph and /api/graph.gexf: what part of the graph, beyond the filter.</summary>
public sealed record GraphQuery(
    [property: FromQuery(Name = "focus"), Description("Article id whose neighbourhood is always shown.")] string? Focus,
    [property: FromQuery(Name = "hops"), Description("Links away from focus, 0 to 3 (default 1).")] string? Hops,
    [property: FromQuery(Name = "expand"), Description("Article ids whose neighbours are added (at most 50); repeat or separate by commas.")] string[]? Expand,
    [property: FromQuery(Name = "cluster"), Description("Story cluster id to show instead of the filtered articles.")] string? Cluster,
    [property: FromQuery(Name = "limit"), Description("Most nodes to return, 1 to 50000 (default: the configured node limit).")] string? Limit,
    [property: FromQuery(Name = "stories"), Description("Only the articles of the top this-many stories (1 to 1000), ranked by providers, size and heat; 'all' or absent: every filtered article.")] string? Stories)
{
    public GraphParameters ToParameters() => new(Focus, Hops, Expand, Cluster, Limit, Stories);
}

/// <summary>/api/graph/clusters: how many stories, and how small.</summary>
public sealed record ClusterListQuery(
    [property: FromQuery(Name = "limit"), Description("Most stories to list, 1 to 10000 (default 100).")] string? Limit,
    [property: FromQuery(Name = "minSize"), Description("Fewest articles in a story (default 2).")] string? MinSize);

/// <summary>/api/stats/providers: which page of the leaderboard, in which order, searched by name (as the Providers page).</summary>
public sealed record ProviderListQuery(
    [property: FromQuery(Name = "page"), Description("Page number from 1 (default 1); past the last page answers the last page.")] string? Page,
    [property: FromQuery(Name = "pageSize"), Description("Providers per page, 1 to 1000 (default 50).")] string? PageSize,
    [property: FromQuery(Name = "sort"), Description("score (default), name, articles, mean, median, heat, published or active.")] string? Sort,
    [property: FromQuery(Name = "dir"), Description("desc or asc; by default asc for name, desc for the rest.")] string? Dir,
    [property: FromQuery(Name = "search"), Description("Part of a provider's name or domain, any case (at most 200 characters).")] string? Search)
{
    public ProviderListParameters ToParameters() => new(Page, PageSize, Sort, Dir, Search);
}
