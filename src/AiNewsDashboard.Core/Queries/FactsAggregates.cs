using AiNewsDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Queries;

/// <summary>Counting passes over a selection that several query classes share.</summary>
internal static class FactsAggregates
{
    /// <summary>Matching articles per topic (an article counts once for each of its topics).</summary>
    public static int[] TopicCounts(ArticleSelection selection)
    {
        var facts = selection.Facts;
        var offsets = facts.TopicOffsets;
        var topics = facts.TopicIndices;
        var allButReferences = selection.AllButReferences;
        return Sum(selection.InParts(() => new int[facts.TopicTable.Length], (rows, counts) =>
        {
            if (facts.TryGetTopicsOf(rows, allButReferences, out var all))
            {
                foreach (var topic in all)
                    counts[topic]++;
                return;
            }
            foreach (var r in rows)
                for (var t = offsets[r]; t < offsets[r + 1]; t++)
                    counts[topics[t]]++;
        }));
    }

    /// <summary>Matching articles per provider; index -1 (no provider) is not counted.</summary>
    public static int[] ProviderCounts(ArticleSelection selection)
    {
        var providers = selection.Facts.Providers;
        return Sum(selection.InParts(() => new int[selection.Facts.ProviderTable.Length], (rows, counts) =>
        {
            foreach (var r in rows)
                if (providers[r] >= 0)
                    counts[providers[r]]++;
        }));
    }

    public static int[] CategoryCounts(ArticleSelection selection)
    {
        var facts = selection.Facts;
        return Sum(selection.InParts(() => new int[facts.CategoryNames.Length], (rows, counts) =>
        {
            foreach (var r in rows)
                if (facts.CategoryOf(r) is var c and >= 0)
                    counts[c]++;
        }));
    }

    /// <summary>The parts' counts added up, into the first part's array.</summary>
    public static int[] Sum(int[][] parts)
    {
        foreach (var part in parts.AsSpan(1))
            AddInto(parts[0], part);
        return parts[0];
    }

    /// <summary>Adds <paramref name="more"/> to <paramref name="into"/> element by element (as long or longer); returns <paramref name="into"/>.</summary>
    public static int[] AddInto(int[] into, int[] more)
    {
        for (var i = 0; i < into.Length; i++)
            into[i] += more[i];
        return into;
    }

    /// <summary>
    /// Indices of the <paramref name="top"/> largest non-zero counts: count descending, then label
    /// (case-insensitive), so equal counts always come out in the same order.
    /// </summary>
    public static int[] Top(int[] counts, int top, Func<int, string> label)
    {
        var candidates = new List<int>();
        for (var i = 0; i < counts.Length; i++)
            if (counts[i] > 0)
                candidates.Add(i);
        candidates.Sort((a, b) => counts[a] != counts[b] ? counts[b].CompareTo(counts[a])
            : StringComparer.OrdinalIgnoreCase.Compare(label(a), label(b)) is var c and not 0 ? c : a.CompareTo(b));
        return candidates.Take(Math.Max(0, top)).ToArray();
    }

    /// <summary>
    /// Each index's place among <paramref name="winners"/> (as <see cref="Top"/> ranks them), <paramref name="outside"/>
    /// for the rest: a lookup table of <paramref name="size"/> entries.
    /// </summary>
    public static int[] RankOf(int[] winners, int size, int outside)
    {
        var rankOf = new int[size];
        Array.Fill(rankOf, outside);
        for (var k = 0; k < winners.Length; k++)
            rankOf[winners[k]] = k;
        return rankOf;
    }

    /// <summary>Titles of a few articles by id (top stories), in chunks of 500 ids per query.</summary>
    public static async Task<Dictionary<int, string?>> TitlesAsync(IDbContextFactory<NewsDbContext> dbFactory, IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        var titles = new Dictionary<int, string?>();
        if (ids.Count == 0)
            return titles;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // In chunks: a day-by-day axis over years has thousands of buckets, and SQLite caps parameters per statement.
        foreach (var chunk in ids.Chunk(500))
        {
            var rows = await db.Articles.AsNoTracking().Where(a => chunk.Contains(a.Id)).Select(a => new { a.Id, a.Title }).ToListAsync(ct);
            foreach (var row in rows)
                titles[row.Id] = row.Title;
        }
        return titles;
    }

    public static double? Mean(long sum, int n) => n == 0 ? null : (double)sum / n;

    /// <summary>The median of integer values 0-100 held as a histogram: the middle value, or the mean of the two middle values.</summary>
    public static double? Median(ReadOnlySpan<int> histogram, int n)
    {
        if (n == 0)
            return null;
        int lower = -1, upper = -1, seen = 0;
        int lowerRank = (n - 1) / 2, upperRank = n / 2;
        for (var v = 0; v < histogram.Length && upper < 0; v++)
        {
            var next = seen + histogram[v];
            if (lower < 0 && lowerRank < next)
                lower = v;
            if (upperRank < next)
                upper = v;
            seen = next;
        }
        return (lower + upper) / 2.0;
    }
}
