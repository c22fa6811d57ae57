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

public sealed class OverviewQueries(IDbContextFactory<NewsDbContext> dbFactory, ArticleMatcher matcher, ArticleFactsCache facts)
{
    private readonly SharedAnswer<Extent> _extent = new();
    private int _extentComputations;

    /// <summary>How often the store's extent was counted from a snapshot rather than taken from the last count (tests).</summary>
    internal int ExtentComputations => Volatile.Read(ref _extentComputations);

    /// <summary>The snapshot's articles and references, and its articles' first and last known day (int.MaxValue and int.MinValue when none).</summary>
    private readonly record struct Extent(int Articles, int References, int FirstDay, int LastDay)
    {
        public static Extent Of(ArticleFacts snapshot)
        {
            int articles = 0, references = 0, first = int.MaxValue, last = int.MinValue;
            for (var r = 0; r < snapshot.Count; r++)
            {
                if (snapshot.IsReference[r])
                {
                    references++;
                    continue;
                }
                articles++;
                var day = snapshot.Days[r];
                if (day == ArticleFacts.UnknownDay)
                    continue;
                first = Math.Min(first, day);
                last = Math.Max(last, day);
            }
            return new Extent(articles, references, first, last);
        }
    }

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
            var parts = selection.InParts(() => new Seen(facts), (rows, seen) => seen.Add(rows));
            var all = parts[0];
            foreach (var part in parts.AsSpan(1))
                all.Merge(part);
            return new Figures(selection.Count, all.Providers.AsSpan().Count(true), all.Topics.AsSpan().Count(true), FactsAggregates.Mean(all.Sum, all.Rated));
        }
    }

    /// <summary>The providers and topics a part of a selection holds, and its rated articles' qualities added up.</summary>
    private sealed class Seen(ArticleFacts facts)
    {
        public readonly bool[] Providers = new bool[facts.ProviderTable.Length];
        public readonly bool[] Topics = new bool[facts.TopicTable.Length];
        public int Rated;
        public long Sum;

        public void Add(ReadOnlySpan<int> rows)
        {
            foreach (var r in rows)
            {
                if (facts.Providers[r] is var p and >= 0)
                    Providers[p] = true;
                foreach (var t in facts.TopicsOf(r))
                    Topics[t] = true;
                if (facts.Qualities[r] is var q and >= 0)
                {
                    Rated++;
                    Sum += q;
                }
            }
        }

        public void Merge(Seen other)
        {
            for (var i = 0; i < Providers.Length; i++)
                Providers[i] |= other.Providers[i];
            for (var i = 0; i < Topics.Length; i++)
                Topics[i] |= other.Topics[i];
            Rated += other.Rated;
            Sum += other.Sum;
        }
    }

    /// <summary>
    /// What the whole store holds. Counts and the date span come from the facts snapshot (one pass over arrays in
    /// memory: SQL counts over a million rows took a second), once per snapshot however many pages ask (each open
    /// overview and import page asks again at every live update), and so do providers and topics, counted as every
    /// view shows them (merged ones once); the demo count is served by the IsDemo index.
    /// </summary>
    public async Task<StoreTotals> GetTotalsAsync(CancellationToken ct = default)
    {
        var snapshot = await facts.GetAsync(ct);
        var (articles, references, first, last) = await _extent.GetAsync(snapshot, null, DashboardFilter.All, () => Task.FromResult(Extent.Of(snapshot)),
            () => Interlocked.Increment(ref _extentComputations), ct);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var providers = snapshot.ProviderTable.Length;
        var topics = snapshot.TopicTable.Length;
        // Spelled out: EF writes a bare boolean column ("WHERE IsDemo AND ..."), which SQLite cannot look up in the
        // IsDemo index, so it scanned every row (a second at a million articles).
        var demo = (await db.Database.SqlQueryRaw<int>(
            "SELECT COUNT(*) AS \"Value\" FROM \"Articles\" WHERE \"IsDemo\" = TRUE AND \"IsReference\" = FALSE").ToListAsync(ct)).Single();
        return new StoreTotals(articles, references, providers, topics, DayToUtc(first), DayToUtc(last), demo);
    }

    private static DateTime? DayToUtc(int day) => day is int.MaxValue or int.MinValue
        ? null
        : DateOnly.FromDayNumber(ArticleFacts.EpochDayNumber + day).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

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
