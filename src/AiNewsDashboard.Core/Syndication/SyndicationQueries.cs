using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Queries;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Syndication;

/// <summary>
/// One member of a copy group as the signals show it: who published it when, and why it was grouped (the member it
/// matched, the reasons, the similarity of their texts). <paramref name="LagHours"/>: hours after the first publisher.
/// </summary>
public sealed record CopyArticle(int Id, string? Title, string? Url, string? ProviderDomain, string? ProviderName, DateTime? PublishedAt,
    int? MatchedId, CopyReasons Reasons, double Similarity, double? LagHours);

/// <summary>
/// A copy group: its first publisher, its copies (oldest first; at most <see cref="SyndicationQueries.MaxCopiesShown"/>
/// of them, and the article asked about), how many copies it has in all (<paramref name="CopyCount"/>), how many
/// providers carried it and every reason that grouped it. A wire story in a real corpus has over a thousand copies.
/// </summary>
public sealed record CopyGroupReport(int Id, CopyArticle First, IReadOnlyList<CopyArticle> Copies, int Providers, CopyReasons Reasons, int CopyCount);

/// <summary>
/// A provider's originality over the matching articles: of its <paramref name="Articles"/>, <paramref name="Copies"/>
/// are copies of an earlier article (its own or another provider's); <paramref name="OriginalShare"/> is the rest's share.
/// </summary>
public sealed record ProviderOriginality(string Domain, string Name, int Articles, int Copies, double OriginalShare);

/// <summary>
/// Syndication over the matching articles: the groups with a member among them (largest first, at most
/// <see cref="SyndicationQueries.MaxGroups"/>), how many of the articles are copies, and each provider's originality;
/// <paramref name="Detection"/>: how far copy detection has got, since the groups hold only the copies of the articles
/// it checked.
/// </summary>
public sealed record SyndicationReport(int Articles, int Copies, int Groups, IReadOnlyList<CopyGroupReport> Top, IReadOnlyList<ProviderOriginality> Providers,
    double JaccardThreshold, int MaxImageShare, CopyDetectionProgress Detection);

/// <summary>
/// Syndication as the pages and the API read it: copy groups, originality and the "+N copies" of a list, over the
/// facts snapshot and the recorded groups (<see cref="SyndicationService"/>). Never runs detection itself.
/// </summary>
public sealed class SyndicationQueries(ArticleMatcher matcher, SyndicationService syndication, IDbContextFactory<NewsDbContext> dbFactory)
{
    public const int MaxGroups = 20;
    public const int MaxCopiesShown = 50;

    public async Task<SyndicationReport> GetReportAsync(DashboardFilter filter, CancellationToken ct = default)
    {
        var facts = await matcher.Facts.GetAsync(ct);
        var rows = await matcher.CopyRowsAsync(facts, ct);
        // Kept per snapshot, groups and filter (the unfiltered one apart, warmed with the signals), shared while computed;
        // detection's progress moves on while the groups stay the same.
        var report = await (filter.Equals(DashboardFilter.All) ? _reportAll : _report).GetAsync(facts, rows.Groups, filter,
            () => ReportAsync(facts, rows, filter, CancellationToken.None), static () => { }, ct);
        return report with { Detection = syndication.Detection };
    }

    private readonly SharedAnswer<SyndicationReport> _report = new(), _reportAll = new();

    private async Task<SyndicationReport> ReportAsync(ArticleFacts facts, CopyRows rows, DashboardFilter filter, CancellationToken ct)
    {
        // Copies are what this shows: count-once doesn't hide them here.
        using var selection = await matcher.SelectAsync(facts, filter with { CopiesOnce = false }, ct);
        var selected = selection.Bits();
        bool IsSelected(int id) => facts.RowOf(id) is var r and >= 0 && (selected[r >> 6] & (1UL << r)) != 0;

        var articles = new int[facts.ProviderTable.Length];
        var copies = new int[facts.ProviderTable.Length];
        var copyCount = 0;
        foreach (var r in selection.Rows)
        {
            var isCopy = rows.IsCopy(r);
            copyCount += isCopy ? 1 : 0;
            if (facts.Providers[r] is var p and >= 0)
            {
                articles[p]++;
                copies[p] += isCopy ? 1 : 0;
            }
        }
        var providers = Enumerable.Range(0, articles.Length).Where(p => articles[p] > 0)
            .Select(p => new ProviderOriginality(facts.ProviderTable[p].Domain, facts.ProviderTable[p].Name, articles[p], copies[p],
                (articles[p] - copies[p]) / (double)articles[p]))
            .OrderBy(o => o.OriginalShare).ThenByDescending(o => o.Copies).ThenBy(o => o.Domain, StringComparer.Ordinal).ToList();

        var matching = rows.Groups.Groups.Where(g => g.Members.Any(m => IsSelected(m.ArticleId))).ToList();
        var top = matching.OrderByDescending(g => g.Members.Count(m => IsSelected(m.ArticleId))).ThenByDescending(g => g.First.PublishedAt)
            .ThenBy(g => g.Id).Take(MaxGroups).ToList();
        var report = await DescribeAsync(facts, top, ct);
        var settings = syndication.Settings;
        return new SyndicationReport(selection.Count, copyCount, matching.Count, report, providers, settings.JaccardThreshold, settings.MaxImageShare,
            Detection: CopyDetectionProgress.Done); // as of each answer: GetReportAsync sets it
    }

    /// <summary>The copy group an article belongs to (for its detail page), or null.</summary>
    public async Task<CopyGroupReport?> GetGroupOfAsync(int articleId, CancellationToken ct = default)
    {
        var facts = await matcher.Facts.GetAsync(ct);
        var groups = await syndication.GetAsync(ct);
        return groups.GroupOf(articleId) is { } g ? (await DescribeAsync(facts, [g], ct, include: articleId))[0] : null;
    }

    /// <summary>The groups with their members' titles, URLs and providers (titles and URLs from the store, for these only).</summary>
    private async Task<List<CopyGroupReport>> DescribeAsync(ArticleFacts facts, IReadOnlyList<CopyGroupInfo> groups, CancellationToken ct, int? include = null)
    {
        var shownIds = groups.SelectMany(g => Shown(g, include).Prepend(g.First)).Select(m => m.ArticleId).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var texts = await db.Articles.AsNoTracking().Where(a => shownIds.Contains(a.Id))
            .Select(a => new { a.Id, a.Title, a.Url }).ToDictionaryAsync(a => a.Id, ct);

        int ProviderOf(int id) => facts.RowOf(id) is var r and >= 0 ? facts.Providers[r] : ArticleFacts.None;
        CopyArticle Article(CopyMemberInfo m, DateTime? first)
        {
            var p = ProviderOf(m.ArticleId);
            var text = texts.GetValueOrDefault(m.ArticleId);
            return new CopyArticle(m.ArticleId, text?.Title, text?.Url, p >= 0 ? facts.ProviderTable[p].Domain : null, p >= 0 ? facts.ProviderTable[p].Name : null,
                m.PublishedAt, m.MatchedArticleId, m.Reasons, m.Similarity, m.PublishedAt - first is { } lag ? lag.TotalHours : null);
        }
        return groups.Select(g => new CopyGroupReport(g.Id, Article(g.First, g.First.PublishedAt),
            Shown(g, include).Select(m => Article(m, g.First.PublishedAt)).ToList(),
            g.Members.Select(m => ProviderOf(m.ArticleId)).Where(p => p >= 0).Distinct().Count(), g.Reasons, g.Copies)).ToList();
    }

    /// <summary>The copies a report lists: the first <see cref="MaxCopiesShown"/>, and <paramref name="include"/> in its place when it comes later.</summary>
    private static IEnumerable<CopyMemberInfo> Shown(CopyGroupInfo group, int? include)
    {
        for (var i = 1; i < group.Members.Count; i++)
            if (i <= MaxCopiesShown || group.Members[i].ArticleId == include)
                yield return group.Members[i];
    }
}
