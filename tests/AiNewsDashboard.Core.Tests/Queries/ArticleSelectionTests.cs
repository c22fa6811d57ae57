using AiNewsDashboard.Core.Queries;

namespace AiNewsDashboard.Core.Tests.Queries;

/// <summary>
/// The selection and the passes over it against plain row-by-row versions of the same rules, on a seeded random snapshot
/// of the real data's shape: undated articles, references in runs and alone, unknown quality, heat, publication state,
/// category and provider, heats too large for the column, and a search and a set of copies as bit sets.
/// </summary>
public sealed class ArticleSelectionTests
{
    private const int Count = 3_000;
    private static readonly string[] Categories = ["news", "analysis", "opinion", "brief"];
    private static readonly DateOnly FirstDay = new(2022, 1, 1);

    /// <summary>Articles 1..Count over three years (denser in the last months), every seventh undated.</summary>
    private static ArticleFacts Snapshot(int seed, bool referenceWithTopic = false)
    {
        var random = new Random(seed);
        var builder = new ArticleFactsBuilder(Count);
        for (var p = 1; p <= 20; p++)
            builder.AddProvider(p, $"p{p}.example", $"Provider {p}");
        for (var t = 1; t <= 20; t++)
            builder.AddTopic(t, $"Topic {t}", $"topic {t}");
        for (var id = 1; id <= Count; id++)
        {
            // References come in runs (rows 1,000-1,199) and alone, so some blocks of 64 rows have none and some have all.
            var reference = id is >= 1_000 and < 1_200 || random.Next(9) == 0;
            var day = random.Next(4) == 0 ? 1_000 + random.Next(95) : random.Next(1_095);
            long? seconds = id % 7 == 0 ? null : new DateTimeOffset(FirstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(day)
                .AddSeconds(random.Next(86_400)).ToUnixTimeSeconds();
            int? heat = random.Next(5) switch { 0 => null, 1 => 70_000 + random.Next(3), _ => random.Next(200) };
            builder.AddArticle(id, seconds, random.Next(12) == 0 ? null : random.Next(1, 21), random.Next(8) == 0 ? null : Categories[random.Next(4)],
                random.Next(4) == 0 ? null : random.Next(101), heat, random.Next(3) switch { 0 => null, 1 => true, _ => false }, reference);
            if (!reference || (referenceWithTopic && id == 1_100))
                foreach (var topic in Enumerable.Range(1, 20).OrderBy(_ => random.Next()).Take(random.Next(5)))
                    builder.AddArticleTopic(id, topic);
        }
        return builder.Build(0);
    }

    private static DashboardFilter RandomFilter(Random random)
    {
        DateOnly? Day() => random.Next(3) == 0 ? null : FirstDay.AddDays(random.Next(-30, 1_130));
        var (from, to) = (Day(), Day());
        if (from > to)
            (from, to) = (to, from);
        return new DashboardFilter
        {
            From = from,
            To = to,
            Providers = random.Next(3) == 0 ? [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => $"p{random.Next(1, 24)}.example")] : [],
            Topics = random.Next(3) == 0 ? [.. Enumerable.Range(0, random.Next(1, 3)).Select(_ => $"Topic {random.Next(1, 22)}")] : [],
            Categories = random.Next(4) == 0 ? [Categories[random.Next(4)], "unheard of"] : [],
            MinQuality = random.Next(4) == 0 ? random.Next(-5, 90) : null,
            MaxQuality = random.Next(4) == 0 ? random.Next(20, 120) : null,
            Published = random.Next(4) switch { 0 => true, 1 => false, _ => null },
            IncludeReferences = random.Next(3) == 0,
        };
    }

    private static ulong[]? RandomBits(Random random, double share) =>
        random.Next(3) != 0 ? null : Enumerable.Range(0, (Count + 63) / 64).Select(_ => Enumerable.Range(0, 64)
            .Aggregate(0UL, (word, bit) => random.NextDouble() < share ? word | (1UL << bit) : word)).ToArray();

    private static bool Has(ulong[] bits, int row) => (bits[row >> 6] & (1UL << row)) != 0;

    /// <summary>The selection's rules one row at a time, as <see cref="ArticleMatcher"/> documents them.</summary>
    private static List<int> Expected(ArticleFacts facts, DashboardFilter filter, ulong[]? textRows, ulong[]? rowsOut)
    {
        var providers = filter.Providers.Select(d => facts.ProviderIndexByDomain.GetValueOrDefault(d, -2)).ToHashSet();
        var topics = filter.Topics.Select(k => facts.TopicIndexByKey.GetValueOrDefault(k, -2)).ToHashSet();
        var categories = filter.Categories.Select(c => facts.CategoryIndexByName.GetValueOrDefault(c, -2)).ToHashSet();
        var rows = new List<int>();
        for (var r = 0; r < facts.Count; r++)
        {
            var day = facts.Days[r];
            if ((filter.From is { } f && (day == ArticleFacts.UnknownDay || day < ArticleFacts.DayOf(f)))
                || (filter.To is { } t && (day == ArticleFacts.UnknownDay || day > ArticleFacts.DayOf(t))))
                continue;
            if (facts.IsReference[r] && !filter.IncludeReferences)
                continue;
            if (filter.Providers.Count > 0 && !providers.Contains(facts.Providers[r]))
                continue;
            if (filter.Categories.Count > 0 && !categories.Contains(facts.CategoryOf(r)))
                continue;
            var q = facts.Qualities[r];
            if ((filter.MinQuality is not null || filter.MaxQuality is not null) && (q < 0 || q < (filter.MinQuality ?? 0) || q > (filter.MaxQuality ?? 100)))
                continue;
            if (filter.Published is { } published && facts.Published[r] != (published ? 1 : 0))
                continue;
            if (textRows is not null && !Has(textRows, r))
                continue;
            if (rowsOut is not null && Has(rowsOut, r))
                continue;
            if (filter.Topics.Count > 0 && !Enumerable.Range(facts.TopicOffsets[r], facts.TopicOffsets[r + 1] - facts.TopicOffsets[r])
                    .Any(i => topics.Contains(facts.TopicIndices[i])))
                continue;
            rows.Add(r);
        }
        return rows;
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public void Create_SelectsExactlyTheRowsThatMeetEveryCondition_InRowOrder(int seed, bool referenceWithTopic)
    {
        var facts = Snapshot(seed, referenceWithTopic);
        var random = new Random(seed * 7);
        for (var i = 0; i < 400; i++)
        {
            var filter = RandomFilter(random);
            var (textRows, rowsOut) = (RandomBits(random, 0.4), RandomBits(random, 0.1));
            var expected = Expected(facts, filter, textRows, rowsOut);
            using var selection = ArticleSelection.Create(facts, filter, textRows, rowsOut);
            // Cut into parts of a few dozen rows, as a long range is for the cores: the same rows, in the same order.
            using var inParts = ArticleSelection.Create(facts, filter, textRows, rowsOut, new RowParts(MinRows: 50, MaxParts: 4));

            Assert.Equal(expected, selection.Rows.ToArray());
            Assert.Equal(expected, inParts.Rows.ToArray());
            Assert.Equal(expected.Count(r => facts.Days[r] == ArticleFacts.UnknownDay), TimeBuckets.Undated(selection));
            var dated = expected.Where(r => facts.Days[r] != ArticleFacts.UnknownDay).Select(r => facts.Days[r]).ToList();
            Assert.Equal(dated.Count > 0, selection.TryGetDayRange(out var first, out var last));
            if (dated.Count > 0)
                Assert.Equal((dated.Min(), dated.Max()), (first, last));
        }
    }

    [Theory]
    [InlineData(3, false)]
    [InlineData(4, true)]
    public void BucketsTopicsAndHeat_MatchCountingRowByRow(int seed, bool referenceWithTopic)
    {
        var facts = Snapshot(seed, referenceWithTopic);
        Assert.Equal(referenceWithTopic, facts.ReferencesHaveTopics);
        var random = new Random(seed * 11);
        for (var i = 0; i < 200; i++)
        {
            // Every other filter keeps only the date range (and references), the selections whose topics are one slice.
            var filter = RandomFilter(random);
            if (i % 2 == 0)
                filter = new DashboardFilter { From = filter.From, To = filter.To, IncludeReferences = filter.IncludeReferences };
            using var selection = ArticleSelection.Create(facts, filter, null);
            Assert.Equal(filter == new DashboardFilter { From = filter.From, To = filter.To, IncludeReferences = filter.IncludeReferences },
                selection.AllButReferences);

            var topics = new int[facts.TopicTable.Length];
            foreach (var r in selection.Rows)
                for (var t = facts.TopicOffsets[r]; t < facts.TopicOffsets[r + 1]; t++)
                    topics[facts.TopicIndices[t]]++;
            Assert.Equal(topics, FactsAggregates.TopicCounts(selection));
            using var inParts = ArticleSelection.Create(facts, filter, null, parts: new RowParts(MinRows: 40, MaxParts: 3));
            Assert.Equal(topics, FactsAggregates.TopicCounts(inParts));

            if (TimeBuckets.ForFilter(filter, selection, (TimeGranularity)random.Next(5)) is not { } axis)
                continue;
            var edges = axis.EdgesIn(selection);
            // Cut into parts for the cores: every row of every bucket reaches a part exactly once, with its bucket.
            var reached = inParts.InBucketParts(edges, axis.Count, () => new List<(int Bucket, int Row)>(), (b, rows, seen) =>
            {
                foreach (var r in rows)
                    seen.Add((b, r));
            });
            Assert.Equal(Enumerable.Range(0, axis.Count).SelectMany(b => selection.Rows[edges[b + 1]..edges[b]].ToArray().Select(r => (b, r))).OrderBy(x => x.r),
                reached.SelectMany(part => part).OrderBy(x => x.Row));
            for (var b = 0; b < axis.Count; b++)
            {
                var inBucket = selection.Rows.ToArray().Where(r => axis.BucketOf(facts.Days[r]) == b).ToArray();
                Assert.Equal(inBucket, selection.Rows[edges[b + 1]..edges[b]].ToArray());
                // The hottest: the highest heat, unknown lowest, the first (newest) of equals; large heats compared exactly.
                var hottest = inBucket.Length == 0 ? -1 : inBucket.Aggregate((best, r) => facts.HeatOf(r) > facts.HeatOf(best) ? r : best);
                Assert.Equal(hottest, facts.HottestOf(inBucket));
            }
            Assert.Equal(Enumerable.Range(0, axis.Count).Select(b => edges[b] - edges[b + 1]), axis.CountsOf(selection));
        }
    }

    [Fact]
    public void HottestOf_LargeHeatsCompareExactly_AndTiesGoToTheFirstRow()
    {
        var builder = new ArticleFactsBuilder(4);
        builder.AddProvider(1, "p.example", "P");
        var t0 = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        foreach (var (id, heat) in new[] { (1, 70_000), (2, 80_000), (3, 80_000), (4, 65_000) })
            builder.AddArticle(id, t0 + id, 1, "news", 50, heat, true, isReference: false);
        var facts = builder.Build(0);
        int[] rows = [0, 1, 2, 3]; // newest first: ids 4, 3, 2, 1

        Assert.Equal(3, facts.Ids[facts.HottestOf(rows)]);
        Assert.Equal(-1, facts.HottestOf([]));
    }
}
