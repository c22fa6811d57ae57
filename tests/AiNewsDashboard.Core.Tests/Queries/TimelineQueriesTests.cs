using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;

namespace AiNewsDashboard.Core.Tests.Queries;

public sealed class TimelineQueriesTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private TimelineQueries Timelines => _db.Get<TimelineQueries>();

    private static ArticleBuilder On(int year, int month, int day) => new ArticleBuilder().PublishedOn(year, month, day);

    private static DashboardFilter Range(int y1, int m1, int d1, int y2, int m2, int d2) =>
        new() { From = new DateOnly(y1, m1, d1), To = new DateOnly(y2, m2, d2) };

    private static (DateOnly Start, DateOnly End, int Articles)[] Bars(Timeline t) => t.Buckets.Select(b => (b.Start, b.End, b.Articles)).ToArray();

    [Fact]
    public async Task Timeline_DayGranularity_HasABucketForEveryDayIncludingEmptyOnes()
    {
        await _db.ImportArticlesAsync(On(2024, 5, 1), On(2024, 5, 1), On(2024, 5, 3));

        var t = await Timelines.GetTimelineAsync(Range(2024, 5, 1, 2024, 5, 4), TimeGranularity.Day);

        Assert.Equal(TimeGranularity.Day, t.Granularity);
        Assert.Equal(
            [(new DateOnly(2024, 5, 1), new DateOnly(2024, 5, 1), 2), (new DateOnly(2024, 5, 2), new DateOnly(2024, 5, 2), 0),
             (new DateOnly(2024, 5, 3), new DateOnly(2024, 5, 3), 1), (new DateOnly(2024, 5, 4), new DateOnly(2024, 5, 4), 0)],
            Bars(t));
    }

    [Fact]
    public async Task Timeline_WeekGranularity_StartsOnMondayAndSpansTheYearBoundary()
    {
        // 2024-12-28 is a Saturday; the ISO week from Monday 2024-12-30 runs into 2025.
        await _db.ImportArticlesAsync(On(2024, 12, 28), On(2025, 1, 1), On(2025, 1, 5), On(2025, 1, 6));

        var t = await Timelines.GetTimelineAsync(Range(2024, 12, 28, 2025, 1, 6), TimeGranularity.Week);

        Assert.Equal(
            [(new DateOnly(2024, 12, 23), new DateOnly(2024, 12, 29), 1), (new DateOnly(2024, 12, 30), new DateOnly(2025, 1, 5), 2),
             (new DateOnly(2025, 1, 6), new DateOnly(2025, 1, 12), 1)],
            Bars(t));
    }

    [Fact]
    public async Task Timeline_MonthGranularity_CountsPerMonth()
    {
        await _db.ImportArticlesAsync(On(2024, 1, 31), On(2024, 2, 1), On(2024, 2, 29), On(2024, 4, 15));

        // No range: the axis spans the matching articles.
        var t = await Timelines.GetTimelineAsync(DashboardFilter.All, TimeGranularity.Month);

        Assert.Equal(
            [(new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 31), 1), (new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 29), 2),
             (new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 31), 0), (new DateOnly(2024, 4, 1), new DateOnly(2024, 4, 30), 1)],
            Bars(t));
    }

    [Fact]
    public async Task Timeline_QuarterGranularity_CountsPerQuarter()
    {
        await _db.ImportArticlesAsync(On(2024, 3, 31), On(2024, 4, 1), On(2024, 12, 31));

        var t = await Timelines.GetTimelineAsync(DashboardFilter.All, TimeGranularity.Quarter);

        Assert.Equal(
            [(new DateOnly(2024, 1, 1), new DateOnly(2024, 3, 31), 1), (new DateOnly(2024, 4, 1), new DateOnly(2024, 6, 30), 1),
             (new DateOnly(2024, 7, 1), new DateOnly(2024, 9, 30), 0), (new DateOnly(2024, 10, 1), new DateOnly(2024, 12, 31), 1)],
            Bars(t));
    }

    [Fact]
    public async Task Timeline_YearGranularity_CountsPerYear()
    {
        await _db.ImportArticlesAsync(On(2022, 6, 1), On(2024, 1, 1), On(2024, 12, 31));

        var t = await Timelines.GetTimelineAsync(DashboardFilter.All, TimeGranularity.Year);

        Assert.Equal(
            [(new DateOnly(2022, 1, 1), new DateOnly(2022, 12, 31), 1), (new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 31), 0),
             (new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), 2)],
            Bars(t));
    }

    [Theory]
    [InlineData(60, TimeGranularity.Day)]
    [InlineData(61, TimeGranularity.Week)]
    [InlineData(366, TimeGranularity.Week)]
    [InlineData(367, TimeGranularity.Month)]
    [InlineData(1827, TimeGranularity.Month)]
    [InlineData(1828, TimeGranularity.Quarter)]
    public async Task Timeline_WithoutGranularity_ChoosesOneFromTheRangeLength(int days, TimeGranularity expected)
    {
        await _db.ImportArticlesAsync(On(2020, 1, 1));
        var from = new DateOnly(2020, 1, 1);

        var t = await Timelines.GetTimelineAsync(new DashboardFilter { From = from, To = from.AddDays(days - 1) });

        Assert.Equal(expected, t.Granularity);
        Assert.Equal(1, t.Buckets.Sum(b => b.Articles));
    }

    [Fact]
    public async Task Timeline_StackedByCategory_ShowsTheTopCategoriesAndTheRestAsOther()
    {
        string[] categories = ["news", "news", "news", "analysis", "analysis", "opinion", "press-release"];
        await _db.ImportArticlesAsync(categories.Select(c => On(2024, 3, 5).InCategory(c)).ToArray());

        var t = await Timelines.GetTimelineAsync(DashboardFilter.All, TimeGranularity.Month, TimelineStack.Category, top: 2);

        Assert.Equal([new TimelineSeries("news", "news"), new TimelineSeries("analysis", "analysis"), new TimelineSeries("Other", null)], t.Series);
        var bucket = Assert.Single(t.Buckets);
        Assert.Equal([3, 2, 2], bucket.SeriesCounts);
        Assert.Equal(7, bucket.Articles);
    }

    [Fact]
    public async Task Timeline_StackedByProvider_LabelsByNameAndKeysByDomain()
    {
        await _db.ImportArticlesAsync(On(2024, 3, 5).From("alpha.example", "Alpha"), On(2024, 3, 6).From("alpha.example", "Alpha"),
            On(2024, 3, 7).From("beta.example", "Beta"));

        var t = await Timelines.GetTimelineAsync(DashboardFilter.All, TimeGranularity.Month, TimelineStack.Provider, top: 1);

        Assert.Equal([new TimelineSeries("Alpha", "alpha.example"), new TimelineSeries("Other", null)], t.Series);
        Assert.Equal([2, 1], Assert.Single(t.Buckets).SeriesCounts);
    }

    [Fact]
    public async Task Timeline_StackedByTopic_CountsEachTopTopicAndOtherOnlyForArticlesWithNone()
    {
        await _db.ImportArticlesAsync(On(2024, 3, 1).WithTopics("AI", "Robotics"), On(2024, 3, 2).WithTopics("AI"), On(2024, 3, 3).WithTopics("AI"),
            On(2024, 3, 4).WithTopics("Chips"), On(2024, 3, 5).WithTopics(), On(2024, 3, 6).WithTopics("Robotics"));

        var t = await Timelines.GetTimelineAsync(DashboardFilter.All, TimeGranularity.Month, TimelineStack.Topic, top: 2);

        Assert.Equal(["AI", "Robotics", "Other"], t.Series.Select(s => s.Label));
        var bucket = Assert.Single(t.Buckets);
        // The first article counts for AI and for Robotics: stacks add up to 7 for 6 articles.
        Assert.Equal([3, 2, 2], bucket.SeriesCounts);
        Assert.Equal(6, bucket.Articles);
    }

    [Fact]
    public async Task Timeline_StackedWithNothingLeftOver_HasNoOtherSeries()
    {
        await _db.ImportArticlesAsync(On(2024, 3, 1).InCategory("news"), On(2024, 3, 2).InCategory("news"), On(2024, 3, 3).InCategory("analysis"));

        var t = await Timelines.GetTimelineAsync(DashboardFilter.All, TimeGranularity.Month, TimelineStack.Category, top: 5);

        Assert.Equal(["news", "analysis"], t.Series.Select(s => s.Label));
        Assert.Equal([2, 1], Assert.Single(t.Buckets).SeriesCounts);
    }

    [Fact]
    public async Task Timeline_EachBucket_CarriesItsHighestHeatStory()
    {
        var hot = On(2024, 1, 10).Titled("Hot").WithHeat(90);
        await _db.ImportArticlesAsync(
            On(2024, 1, 5).Titled("Mild").WithHeat(10), hot, On(2024, 1, 20).Titled("Unknown").WithHeat(-1),
            On(2024, 2, 1).Titled("Older cold").WithHeat(-1), On(2024, 2, 20).Titled("Newer cold").WithHeat(-1));

        var t = await Timelines.GetTimelineAsync(Range(2024, 1, 1, 2024, 3, 31), TimeGranularity.Month);

        Assert.Equal(new TopStory(await _db.IdOfAsync(hot), "Hot", 90), t.Buckets[0].TopStory);
        // Unknown heat ranks below any heat; among equals the newest wins.
        Assert.Equal(("Newer cold", (int?)null), (t.Buckets[1].TopStory!.Title, t.Buckets[1].TopStory!.Heat));
        Assert.Null(t.Buckets[2].TopStory);
    }

    // Guards: with no heat anywhere (most real data), every top story was just the newest article, and said nothing of why.
    [Fact]
    public async Task Timeline_NoHeatInAPeriod_TopStoryIsTheMostLinkedArticle()
    {
        var linked = On(2024, 1, 3).Titled("Linked").WithHeat(-1);
        var newest = On(2024, 1, 28).Titled("Newest").WithHeat(-1);
        await _db.ImportArticlesAsync(linked, newest,
            On(2024, 1, 10).WithHeat(-1).From("a.example").RelatedTo(linked),
            On(2024, 1, 11).WithHeat(-1).From("b.example").RelatedTo(linked));

        var t = await Timelines.GetTimelineAsync(DashboardFilter.All, TimeGranularity.Month);

        var story = Assert.Single(t.Buckets).TopStory!;
        Assert.Equal((await _db.IdOfAsync(linked), "Linked", TopStoryRule.MostLinked, (int?)2, (int?)null),
            (story.ArticleId, story.Title, story.Rule, story.Links, story.Heat));
    }

    [Fact]
    public async Task Timeline_NoHeatAndNoInboundLinks_TopStoryIsTheOneMostProvidersCover()
    {
        // Nobody links to either article, but one of them lists coverage of its story by two other providers.
        var covered = On(2024, 1, 3).Titled("Covered").WithHeat(-1)
            .RelatedTo("https://b.example/same-story", domain: "b.example").RelatedTo("https://c.example/same-story", domain: "c.example");
        await _db.ImportArticlesAsync(covered, On(2024, 1, 28).Titled("Newest").WithHeat(-1));

        var t = await Timelines.GetTimelineAsync(DashboardFilter.All, TimeGranularity.Month);

        var story = Assert.Single(t.Buckets).TopStory!;
        Assert.Equal(("Covered", TopStoryRule.WidestCoverage, (int?)3), (story.Title, story.Rule, story.Providers));
    }

    [Fact]
    public async Task Timeline_SomeHeatKnown_TopStoryIsByHeatEvenWhenAnotherIsMoreLinked()
    {
        var linked = On(2024, 1, 3).Titled("Linked").WithHeat(-1);
        await _db.ImportArticlesAsync(linked, On(2024, 1, 5).Titled("Warm").WithHeat(5), On(2024, 1, 10).WithHeat(-1).RelatedTo(linked));

        var t = await Timelines.GetTimelineAsync(DashboardFilter.All, TimeGranularity.Month);

        Assert.Equal(("Warm", TopStoryRule.Heat), (t.Buckets[0].TopStory!.Title, t.Buckets[0].TopStory!.Rule));
    }

    [Fact]
    public async Task Timeline_NothingToRankBy_TopStoryIsTheNewestAndSaysSo()
    {
        await _db.ImportArticlesAsync(On(2024, 1, 3).WithHeat(-1), On(2024, 1, 28).Titled("Newest").WithHeat(-1));

        var t = await Timelines.GetTimelineAsync(DashboardFilter.All, TimeGranularity.Month);

        Assert.Equal(("Newest", TopStoryRule.Newest), (t.Buckets[0].TopStory!.Title, t.Buckets[0].TopStory!.Rule));
    }

    // Guards: a search showed its counts only, so a search for a word that every article of the spring mentions looked
    // like a spike; the share view compares each period with all of its articles.
    [Fact]
    public async Task Timeline_WithShares_CountsEveryArticleOfThePeriodWithoutSearchProviderOrTopic()
    {
        await _db.ImportArticlesAsync(
            On(2024, 1, 3).From("a.example").WithTopics("Chips"), On(2024, 1, 4).From("b.example").WithTopics("Chips"),
            On(2024, 1, 5).From("b.example"), On(2024, 1, 6).From("c.example").InCategory("sport"),
            On(2024, 2, 3).From("b.example"), On(2024, 2, 4).From("c.example"));
        var filter = Range(2024, 1, 1, 2024, 2, 29) with { Providers = ["a.example", "b.example"], Topics = ["Chips"], Categories = ["news"] };

        var t = await Timelines.GetTimelineAsync(filter, TimeGranularity.Month, shares: true);

        // January: 2 of the 3 news articles; February: none of its 2.
        Assert.Equal([(2, (int?)3, (double?)2 / 3), (0, 2, 0.0)], t.Buckets.Select(b => (b.Articles, b.Total, b.Share)));
        Assert.Equal(Range(2024, 1, 1, 2024, 2, 29) with { Categories = ["news"] }, t.ShareBasis);
    }

    [Fact]
    public async Task Timeline_WithoutShares_HasNoTotals()
    {
        await _db.ImportArticlesAsync(On(2024, 1, 3));

        var t = await Timelines.GetTimelineAsync(DashboardFilter.All, TimeGranularity.Month);

        Assert.Null(t.ShareBasis);
        Assert.Null(Assert.Single(t.Buckets).Total);
    }

    // Guards: the three largest buckets were peaks, so the largest quarter of the thin years was marked beside the spring.
    [Fact]
    public async Task Timeline_OneDenseSpringInThinYears_HasPeaksOnlyInTheSpring()
    {
        var articles = new List<ArticleBuilder>();
        for (var i = 0; i < 30; i++)
            articles.Add(On(2014, 3, 10 + i % 20));
        for (var i = 0; i < 45; i++)
            articles.Add(On(2014, 4, 1 + i % 28));
        for (var year = 2014; year <= 2018; year++)
            for (var quarter = year == 2014 ? 2 : 0; quarter < 4; quarter++)
                for (var i = 0; i < (year == 2016 && quarter == 2 ? 16 : 9 + (year + quarter) % 4 * 2); i++)
                    articles.Add(On(year, quarter * 3 + 1, 1 + i));
        await _db.ImportArticlesAsync([.. articles]);

        var t = await Timelines.GetTimelineAsync(DashboardFilter.All, TimeGranularity.Quarter);

        Assert.Equal([new DateOnly(2014, 1, 1), new DateOnly(2014, 4, 1)], t.PeakList.Select(p => t.Buckets[p.Index].Start).Order());
    }

    [Fact]
    public async Task Timeline_TopStoryTie_GoesToTheNewestArticle()
    {
        var older = On(2024, 1, 5).WithHeat(50);
        var newer = On(2024, 1, 25).WithHeat(50);
        await _db.ImportArticlesAsync(newer, older);

        var t = await Timelines.GetTimelineAsync(DashboardFilter.All, TimeGranularity.Month);

        Assert.Equal(await _db.IdOfAsync(newer), Assert.Single(t.Buckets).TopStory!.ArticleId);
    }

    [Fact]
    public async Task Timeline_NoMatchingArticlesAndNoRange_IsEmpty()
    {
        await _db.ImportArticlesAsync(On(2024, 1, 5));

        var t = await Timelines.GetTimelineAsync(new DashboardFilter { Providers = ["nobody.example"] });

        Assert.Empty(t.Buckets);
    }

    // Guards: a daily timeline over 11 years drew 4,018 bars (700 KB of JSON, 164 ms p95 at 1M articles).
    [Fact]
    public async Task Timeline_DailyOverElevenYears_IsCoarsenedToAtMost400BarsAndSaysSo()
    {
        await _db.ImportArticlesAsync(On(2015, 1, 1), On(2025, 12, 31));

        var t = await Timelines.GetTimelineAsync(Range(2015, 1, 1, 2025, 12, 31), TimeGranularity.Day);

        Assert.Equal(TimeGranularity.Month, t.Granularity);
        Assert.Equal(132, t.Buckets.Count);
        Assert.Equal("By day this range would be 4,018 bars, more than the 400 a chart shows; shown by month.", t.Message);
        Assert.Equal(2, t.Buckets.Sum(b => b.Articles));
    }

    [Fact]
    public async Task Timeline_ChosenGranularity_SaysNothing()
    {
        await _db.ImportArticlesAsync(On(2015, 1, 1), On(2025, 12, 31));

        var t = await Timelines.GetTimelineAsync(new DashboardFilter());

        Assert.Equal(TimeGranularity.Quarter, t.Granularity);
        Assert.Null(t.Message);
    }

    [Fact]
    public async Task Timeline_RangeOfMoreYearsThanBars_ShowsTheLatest400YearsAndSaysSo()
    {
        await _db.ImportArticlesAsync(On(2024, 5, 1));

        var t = await Timelines.GetTimelineAsync(Range(1, 1, 1, 9999, 12, 31), TimeGranularity.Year);

        Assert.Equal((TimeGranularity.Year, 400), (t.Granularity, t.Buckets.Count));
        Assert.Equal(new DateOnly(9600, 1, 1), t.Buckets[0].Start);
        Assert.Equal("This range spans 9,999 years, more than the 400 bars a chart shows; shown by year from 9600 on " +
                     "(narrow the time range to see earlier years).", t.Message);
    }

    // Guards: an implausible date stretched the axis over millennia; it is now unknown, and said so beside the chart.
    [Fact]
    public async Task Timeline_ArticleWithAnImplausibleDate_IsCountedAsUndatedOffTheAxis()
    {
        await _db.ImportArticlesAsync(On(2024, 5, 1), On(2024, 5, 3), new ArticleBuilder().PublishedAt(new DateTime(9999, 12, 31)));

        var t = await Timelines.GetTimelineAsync(new DashboardFilter());

        Assert.Equal((1, 2), (t.Undated, t.Buckets.Sum(b => b.Articles)));
        Assert.Equal((TimeGranularity.Day, new DateOnly(2024, 5, 1), new DateOnly(2024, 5, 3)), (t.Granularity, t.Buckets[0].Start, t.Buckets[^1].Start));
    }
}
