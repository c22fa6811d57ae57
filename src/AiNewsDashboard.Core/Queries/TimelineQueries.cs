using AiNewsDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Queries;

/// <summary>What a timeline's bars are split by.</summary>
public enum TimelineStack
{
    None,
    Category,
    Provider,
    Topic,
}

/// <summary>Articles over time, one bucket per period of the range (empty periods included).</summary>
/// <param name="Series">The stacks, in the order of <see cref="TimelineBucket.SeriesCounts"/>; empty when not stacked.</param>
/// <param name="Undated">Matching articles without a date: counted in the totals, in no bucket.</param>
/// <param name="Message">Why the axis is not what was asked (a coarser granularity, only the latest years), or null.</param>
public sealed record Timeline(TimeGranularity Granularity, IReadOnlyList<TimelineSeries> Series, IReadOnlyList<TimelineBucket> Buckets,
    int Undated = 0, string? Message = null);

/// <summary>One stack: <paramref name="Key"/> is what to filter by (category, provider domain, topic), null for "Other".</summary>
public sealed record TimelineSeries(string Label, string? Key);

/// <summary>One period: [Start, End], both inclusive.</summary>
public sealed record TimelineBucket(DateOnly Start, DateOnly End, int Articles, IReadOnlyList<int> SeriesCounts, TopStory? TopStory);

/// <summary>The highest-heat article of a bucket (unknown heat ranks below any known heat; ties go to the newest).</summary>
public sealed record TopStory(int ArticleId, string? Title, int? Heat);

public sealed class TimelineQueries(ArticleMatcher matcher, IDbContextFactory<NewsDbContext> dbFactory)
{
    public const string Other = "Other";

    /// <param name="granularity">Null: chosen from the range's length (see <see cref="TimeGranularity"/> and TimeBuckets.AutoFor).</param>
    /// <param name="stack">Split each bucket by category, provider or topic: the <paramref name="top"/> largest over the
    /// whole range, the rest as "Other". By topic, an article counts once for each of its top topics (stacks can add up to
    /// more than <see cref="TimelineBucket.Articles"/>), and in "Other" only when it has none of them.</param>
    public async Task<Timeline> GetTimelineAsync(DashboardFilter filter, TimeGranularity? granularity = null,
        TimelineStack stack = TimelineStack.None, int top = 5, CancellationToken ct = default)
    {
        using var selection = await matcher.SelectAsync(filter, ct);
        var undated = TimeBuckets.Undated(selection);
        if (TimeBuckets.ForFilter(filter, selection, granularity) is not { } axis)
            return new Timeline(granularity ?? TimeGranularity.Month, [], [], undated);

        var facts = selection.Facts;
        var (series, seriesOf) = Stacks(selection, stack, top);
        var s = series.Count;
        var articles = new int[axis.Count];
        var stacked = new int[axis.Count * s];
        var best = new int[axis.Count];
        Array.Fill(best, -1);
        var days = facts.Days;
        var heats = facts.Heats;
        var offsets = facts.TopicOffsets;
        var topics = facts.TopicIndices;
        var other = s - 1;

        foreach (var r in selection.Rows)
        {
            var b = axis.BucketOf(days[r]);
            if (b < 0)
                continue;
            articles[b]++;
            if (best[b] < 0 || heats[r] > heats[best[b]])
                best[b] = r;
            switch (stack)
            {
                case TimelineStack.Category:
                    stacked[b * s + (facts.Categories[r] is var c and >= 0 ? seriesOf[c] : other)]++;
                    break;
                case TimelineStack.Provider:
                    stacked[b * s + (facts.Providers[r] is var p and >= 0 ? seriesOf[p] : other)]++;
                    break;
                case TimelineStack.Topic:
                    var inTop = false;
                    for (var t = offsets[r]; t < offsets[r + 1]; t++)
                    {
                        if (seriesOf[topics[t]] is var k && k != other)
                        {
                            stacked[b * s + k]++;
                            inTop = true;
                        }
                    }
                    if (!inTop)
                        stacked[b * s + other]++;
                    break;
            }
        }

        // "Other" is listed only when something is in it.
        var keepOther = s > 0 && Enumerable.Range(0, axis.Count).Any(b => stacked[b * s + other] > 0);
        var shown = keepOther ? s : Math.Max(0, s - 1);
        var titles = await FactsAggregates.TitlesAsync(dbFactory, best.Where(r => r >= 0).Select(r => facts.Ids[r]).ToArray(), ct);
        var buckets = new TimelineBucket[axis.Count];
        for (var b = 0; b < axis.Count; b++)
        {
            TopStory? story = best[b] < 0 ? null : new TopStory(facts.Ids[best[b]], titles.GetValueOrDefault(facts.Ids[best[b]]),
                heats[best[b]] == ArticleFacts.UnknownHeat ? null : heats[best[b]]);
            buckets[b] = new TimelineBucket(axis.Starts[b], axis.EndOf(b), articles[b], stacked.AsSpan(b * s, shown).ToArray(), story);
        }
        return new Timeline(axis.Granularity, series.Take(shown).ToArray(), buckets, undated, axis.Message);
    }

    /// <summary>The series (top keys, then "Other" last) and, per key index, its series (Other for the rest).</summary>
    private static (List<TimelineSeries> Series, int[] SeriesOf) Stacks(ArticleSelection selection, TimelineStack stack, int top)
    {
        var facts = selection.Facts;
        int[] counts;
        Func<int, string> label, key;
        switch (stack)
        {
            case TimelineStack.Category:
                counts = FactsAggregates.CategoryCounts(selection);
                label = key = i => facts.CategoryNames[i];
                break;
            case TimelineStack.Provider:
                counts = FactsAggregates.ProviderCounts(selection);
                label = i => facts.ProviderTable[i].Name;
                key = i => facts.ProviderTable[i].Domain;
                break;
            case TimelineStack.Topic:
                counts = FactsAggregates.TopicCounts(selection);
                label = key = i => facts.TopicTable[i].Name;
                break;
            default:
                return ([], []);
        }
        var winners = FactsAggregates.Top(counts, top, label);
        var series = winners.Select(i => new TimelineSeries(label(i), key(i))).ToList();
        series.Add(new TimelineSeries(Other, null));
        var seriesOf = new int[counts.Length];
        Array.Fill(seriesOf, winners.Length);
        for (var k = 0; k < winners.Length; k++)
            seriesOf[winners[k]] = k;
        return (series, seriesOf);
    }
}
