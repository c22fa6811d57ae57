using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Signals;
using AiNewsDashboard.TestSupport;

namespace AiNewsDashboard.Core.Tests.Signals;

/// <summary>The demo corpus plants one coverage gap: the detector must find exactly it, with its low-quality outlets as the evidence.</summary>
public sealed class DemoBlindspotTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await _db.Demo.SeedIfEmptyAsync(includeSynthetic: true);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task DemoCorpus_FindsExactlyThePlantedTopic()
    {
        var report = await _db.Get<BlindspotQueries>().GetAsync(DashboardFilter.All);

        Assert.Null(report.Silence);
        var spot = Assert.Single(report.Blindspots);
        Assert.Equal("Drones", spot.Topic);
        Assert.All(spot.CoveredBy, p => Assert.Contains(p.Domain, new[] { "sandboxblog.example", "prchannel.example", "newsroomdirect.example", "bitsandbots.example" }));
        Assert.All(spot.CoveredBy, p => Assert.False(p.HighQuality));
        Assert.NotEmpty(spot.Missing);
        Assert.All(spot.Missing, p => Assert.True(p.HighQuality));
        Assert.Equal(new DateOnly(2026, 10, 31), report.To);
    }

    [Fact]
    public async Task DemoCorpus_PlantedStories_AreTellApart()
    {
        // Each planted story has its own headlines: the breaking list once showed two identical "Drone autonomy startup"
        // stories, first reported by the same outlet hours apart.
        var breaking = await _db.Get<SignalQueries>().GetBreakingAsync(DashboardFilter.All);
        var drones = breaking.Stories.Where(s => s.Headline?.Contains("drone", StringComparison.OrdinalIgnoreCase) == true).ToArray();

        Assert.NotEmpty(drones);
        Assert.Equal(drones.Length, drones.Select(s => (s.Headline, s.FirstProviderDomain)).Distinct().Count());
    }

    [Fact]
    public async Task DemoCorpus_BeforeThePlant_HasNoGap()
    {
        // A week earlier the planted surge has not happened: the same corpus, cut before it, shows none.
        var report = await _db.Get<BlindspotQueries>().GetAsync(new DashboardFilter { To = new DateOnly(2026, 10, 24) });

        Assert.Null(report.Silence);
        Assert.Empty(report.Blindspots);
    }
}
