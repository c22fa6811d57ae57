using AiNewsDashboard.Core.Collections;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Views;
using AiNewsDashboard.TestSupport;

namespace AiNewsDashboard.Core.Tests.Views;

/// <summary>The filter reader resolves what a link leaves open: a relative range against the clock, collections to their providers.</summary>
public sealed class FilterReaderTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private readonly SettableClock _clock = new(new DateTimeOffset(2026, 3, 10, 15, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await _db.ImportArticlesAsync(
            new ArticleBuilder().From("wire-a.example").PublishedOn(2026, 3, 9),
            new ArticleBuilder().From("wire-b.example").PublishedOn(2026, 3, 2),
            new ArticleBuilder().From("paper.example").PublishedOn(2026, 3, 8),
            new ArticleBuilder().From("paper.example").PublishedOn(2026, 6, 30));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private FilterReader Reader => new(_db.Get<DataExtentQueries>(), _db.Get<ProviderCollectionService>(), _clock);

    private async Task<(DashboardFilter Filter, QueryProblems Problems)> ReadAsync(string query)
    {
        var problems = new QueryProblems();
        var filter = await Reader.ReadAsync(FilterParameters.FromQueryString(query), problems);
        return (filter, problems);
    }

    [Fact]
    public async Task Read_RelativeRange_RollsForwardWithTheClockAndStaysRelativeInTheLink()
    {
        var (march, _) = await ReadAsync("range=last7d");
        _clock.Now = new DateTimeOffset(2026, 4, 1, 0, 30, 0, TimeSpan.Zero);
        var (april, _) = await ReadAsync("range=last7d");

        Assert.Equal((new DateOnly(2026, 3, 4), new DateOnly(2026, 3, 10)), (march.From!.Value, march.To!.Value));
        Assert.Equal((new DateOnly(2026, 3, 26), new DateOnly(2026, 4, 1)), (april.From!.Value, april.To!.Value));
        Assert.Equal("range=last7d", april.ToQueryString());
        Assert.Equal(2, (await _db.Get<ArticleQueries>().GetPageAsync(march)).Total); // 2026-03-08 and 03-09, not 03-02
    }

    [Fact]
    public async Task Read_RelativeRangeAfterTheDataEnds_CountsBackFromTheDataLastDay()
    {
        _clock.Now = new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero);

        var (filter, _) = await ReadAsync("range=lastquarter");
        var (last30, _) = await ReadAsync("range=last30d");

        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31)), (filter.From!.Value, filter.To!.Value)); // the quarter before 2026-06-30's
        Assert.Equal((new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30)), (last30.From!.Value, last30.To!.Value));
    }

    [Fact]
    public void ReadFilter_RangeWithDates_IsReportedUnderRange()
    {
        var problems = new QueryProblems();
        DashboardQuery.ReadFilter(FilterParameters.FromQueryString("range=last7d&from=2026-01-01"), problems);
        Assert.Contains("can't be combined with from", Assert.Single(problems.Entries).Message);
        Assert.Equal("range", problems.Names.Single());
    }

    [Fact]
    public async Task Read_Collection_ExpandsToItsProvidersBesideTheOnesPicked()
    {
        await _db.Get<ProviderCollectionService>().CreateAsync("Wire services", null, ["wire-a.example", "WIRE-B.example"]);

        var (wire, problems) = await ReadAsync("collection=wire%20services");
        var (both, _) = await ReadAsync("collection=Wire%20services&provider=paper.example");
        var queries = _db.Get<ArticleQueries>();

        Assert.True(problems.IsEmpty);
        Assert.Equal(["wire-a.example", "wire-b.example"], wire.CollectionProviders);
        Assert.Equal(2, (await queries.GetPageAsync(wire)).Total);
        Assert.Equal(4, (await queries.GetPageAsync(both)).Total);
        Assert.Equal("collection=wire%20services", wire.ToQueryString()); // the link keeps the name, not the members
        // A timeline's share basis sets every provider condition aside, collections included.
        Assert.False(TimelineQueries.ShareBasisOf(wire).FiltersProviders);
    }

    [Fact]
    public async Task Read_UnknownCollection_IsNamedUnderCollection()
    {
        var (_, problems) = await ReadAsync("collection=nope");
        Assert.Equal("collection: there is no provider collection called 'nope'", Assert.Single(problems.Entries).Message);
    }

    [Fact]
    public async Task Read_EmptyCollection_MatchesNothing()
    {
        await _db.Get<ProviderCollectionService>().CreateAsync("Empty", null, []);
        var (filter, _) = await ReadAsync("collection=Empty");
        Assert.Equal(0, (await _db.Get<ArticleQueries>().GetPageAsync(filter)).Total);
    }

    [Fact]
    public async Task CreateCollection_UnknownProviderOrTakenName_IsRefusedNamingIt()
    {
        var service = _db.Get<ProviderCollectionService>();
        await service.CreateAsync("Press", null, ["paper.example"]);

        var unknown = await Assert.ThrowsAsync<EditRejectedException>(() => service.CreateAsync("Other", null, ["nowhere.example"]));
        var taken = await Assert.ThrowsAsync<EditRejectedException>(() => service.CreateAsync("PRESS", null, []));
        var comma = await Assert.ThrowsAsync<EditRejectedException>(() => service.CreateAsync("a,b", null, []));

        Assert.Equal(("members", "members: no provider has the domain 'nowhere.example'"), (unknown.Field, unknown.Message));
        Assert.Equal("name", taken.Field);
        Assert.Equal("name", comma.Field);
    }
}
