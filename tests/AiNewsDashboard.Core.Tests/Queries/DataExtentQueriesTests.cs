using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;

namespace AiNewsDashboard.Core.Tests.Queries;

public sealed class DataExtentQueriesTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Get_Empty_IsNull()
    {
        Assert.Null(await _db.Get<DataExtentQueries>().GetAsync());
    }

    [Fact]
    public async Task Get_ArchiveOfPastYears_IsItsFirstAndLastDayWithoutUndatedArticles()
    {
        await _db.ImportArticlesAsync(
            new ArticleBuilder().From("a.example").PublishedOn(2018, 6, 1),
            new ArticleBuilder().From("b.example").PublishedOn(2014, 3, 10, hour: 23),
            new ArticleBuilder().From("c.example").PublishedOn(2022, 9, 18, hour: 23).RelatedTo("https://elsewhere.example/reference"), // the reference: 2022-09-19, left out
            new ArticleBuilder().From("d.example").PublishedOn(1800, 1, 1)); // before Import:EarliestDate: stored undated

        var extent = await _db.Get<DataExtentQueries>().GetAsync();

        Assert.Equal(new DataExtent(new DateOnly(2014, 3, 10), new DateOnly(2022, 9, 18)), extent);
    }
}
