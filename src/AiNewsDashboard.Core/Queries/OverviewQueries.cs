using AiNewsDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Queries;

/// <summary>What the store holds, in one glance.</summary>
public sealed record StoreTotals(int Articles, int References, int Providers, int Topics, DateTime? FirstPublished, DateTime? LastPublished, int DemoArticles);

/// <summary>Headline figures for a filter, each beside its value for the previous period of equal length.</summary>
public sealed record OverviewKpis(CountKpi Articles, CountKpi Providers, CountKpi Topics, QualityKpi MeanQuality);

/// <summary><paramref name="Previous"/> is null when the filter's date range is open (there is no previous period).</summary>
public sealed record CountKpi(int Value, int? Previous);

/// <summary>Mean quality of the articles with a known quality; null when there are none (or no previous period).</summary>
public sealed record QualityKpi(double? Value, double? Previous);

public sealed class OverviewQueries(IDbContextFactory<NewsDbContext> dbFactory, ArticleMatcher matcher)
{
    /// <summary>
    /// Matching articles, distinct providers and topics among them, and their mean quality; each also for
    /// <see cref="DashboardFilter.PreviousPeriod"/>.
    /// </summary>
    public async Task<OverviewKpis> GetKpisAsync(DashboardFilter filter, CancellationToken ct = default)
    {
        var facts = await matcher.Facts.GetAsync(ct);
        Figures now, before = default;
        using (var selection = await matcher.SelectAsync(facts, filter, ct))
            now = Figures.Of(selection);
        var previousFilter = filter.PreviousPeriod();
        if (previousFilter is not null)
        {
            using var previous = await matcher.SelectAsync(facts, previousFilter, ct);
            before = Figures.Of(previous);
        }
        var has = previousFilter is not null;
        return new OverviewKpis(
            new CountKpi(now.Articles, has ? before.Articles : null),
            new CountKpi(now.Providers, has ? before.Providers : null),
            new CountKpi(now.Topics, has ? before.Topics : null),
            new QualityKpi(now.MeanQuality, has ? before.MeanQuality : null));
    }

    private readonly record struct Figures(int Articles, int Providers, int Topics, double? MeanQuality)
    {
        public static Figures Of(ArticleSelection selection)
        {
            var facts = selection.Facts;
            var providerSeen = new bool[facts.ProviderTable.Length];
            var topicSeen = new bool[facts.TopicTable.Length];
            int providers = 0, topics = 0, rated = 0;
            long sum = 0;
            foreach (var r in selection.Rows)
            {
                if (facts.Providers[r] is var p and >= 0 && !providerSeen[p])
                {
                    providerSeen[p] = true;
                    providers++;
                }
                foreach (var t in facts.TopicsOf(r))
                {
                    if (!topicSeen[t])
                    {
                        topicSeen[t] = true;
                        topics++;
                    }
                }
                if (facts.Qualities[r] is var q and >= 0)
                {
                    rated++;
                    sum += q;
                }
            }
            return new Figures(selection.Count, providers, topics, FactsAggregates.Mean(sum, rated));
        }
    }

    public async Task<StoreTotals> GetTotalsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var articles = db.Articles.AsNoTracking().Where(a => !a.IsReference);
        var count = await articles.CountAsync(ct);
        var references = await db.Articles.CountAsync(a => a.IsReference, ct);
        var providers = await db.Providers.CountAsync(ct);
        var topics = await db.Topics.CountAsync(ct);
        var first = await articles.MinAsync(a => a.PublishedAt, ct);
        var last = await articles.MaxAsync(a => a.PublishedAt, ct);
        var demo = await articles.CountAsync(a => a.IsDemo, ct);
        return new StoreTotals(count, references, providers, topics, first, last, demo);
    }

    /// <summary>True when the database answers a real query against its schema; used by /healthz.</summary>
    public async Task<bool> CanConnectAsync(CancellationToken ct = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            _ = await db.Articles.AnyAsync(ct);
            return true;
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            return false;
        }
    }
}
