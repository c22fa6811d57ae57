using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;

namespace AiNewsDashboard.Core.Tests.Queries;

public sealed class OverviewKpisTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await _db.ImportArticlesAsync(
            // March 2024
            Article("a", 2024, 3, 5, 60, "AI"), Article("b", 2024, 3, 10, 80, "Chips"), Article("a", 2024, 3, 31, null, "AI", "Chips"),
            // The 31 days before March: 2024-01-30 to 2024-02-29
            Article("a", 2024, 2, 10, 50, "AI"), Article("a", 2024, 2, 20, 40, "AI"),
            // Before both
            Article("c", 2024, 1, 15, 10, "Vision"));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static ArticleBuilder Article(string provider, int year, int month, int day, int? quality, params string[] topics) =>
        new ArticleBuilder().From($"{provider}.example").PublishedOn(year, month, day).WithQuality(quality).WithTopics(topics);

    [Fact]
    public async Task Kpis_ClosedRange_ComeWithThePreviousPeriod()
    {
        var kpis = await _db.Get<OverviewQueries>().GetKpisAsync(new DashboardFilter { From = new DateOnly(2024, 3, 1), To = new DateOnly(2024, 3, 31) });

        Assert.Equal(new OverviewKpis(new CountKpi(3, 2), new CountKpi(2, 1), new CountKpi(2, 1), new QualityKpi(70, 45)), kpis);
    }

    [Fact]
    public async Task Kpis_OpenRange_HaveNoPreviousValues()
    {
        var kpis = await _db.Get<OverviewQueries>().GetKpisAsync(DashboardFilter.All);

        // Mean of 60, 80, 50, 40, 10 (one article has no quality).
        Assert.Equal(new OverviewKpis(new CountKpi(6, null), new CountKpi(3, null), new CountKpi(3, null), new QualityKpi(48, null)), kpis);
    }
}
