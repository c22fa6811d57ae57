using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Signals;
using AiNewsDashboard.Demo;
using AiNewsDashboard.TestSupport;

namespace AiNewsDashboard.Core.Tests.Signals;

/// <summary>
/// The demo corpus plants its signals with known answers (issue 16, "Planted ground truth"), and the detectors find
/// exactly these: one drifting provider, dated within a week, nothing on the others (whose quality is noise around a
/// constant), and the planted story first among the breaking ones.
/// </summary>
public sealed class DemoSignalsTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await _db.Demo.SeedIfEmptyAsync(includeSynthetic: true);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Demo_Drift_IsExactlyThePlantedProvider_DatedWithinAWeek()
    {
        var report = await _db.Get<SignalQueries>().GetDriftAsync(DashboardFilter.All);

        var drift = Assert.Single(report.Drifts);
        Assert.Equal(DemoSignals.DriftDomain, drift.Domain);
        Assert.True(drift.IsDecline);
        Assert.InRange(drift.Date.DayNumber - DemoSignals.DriftDate.DayNumber, -7, 7);
        Assert.InRange(drift.Quality.Change, -DemoSignals.DriftDrop - 4, -DemoSignals.DriftDrop + 4);
        // Every other provider with enough scored articles was tested and is noise: nothing fired on it.
        Assert.True(report.ProvidersChecked >= 10, $"{report.ProvidersChecked} providers tested");
    }

    [Fact]
    public async Task Demo_Breaking_ThePlantedStoryIsFirst_AllOfItNew()
    {
        var report = await _db.Get<SignalQueries>().GetBreakingAsync(DashboardFilter.All);

        var top = report.Stories[0];
        Assert.Equal((DemoSignals.BreakingSize, DemoSignals.BreakingSize, 0), (top.NewProviders, top.NewArticles, top.PastArticles));
        var end = new DateTime(2026, 10, 31, 23, 59, 0, DateTimeKind.Utc);
        Assert.Equal(end.AddHours(-DemoSignals.BreakingStartHoursBeforeEnd), top.FirstAt);
        Assert.DoesNotContain(report.Stories.Skip(1), s => s.NewProviders >= top.NewProviders);
    }

    [Fact]
    public async Task Demo_Slipping_IsThePlantedDrift()
    {
        var summary = await _db.Get<ProviderQualityQueries>().GetSummaryAsync(DashboardFilter.All);

        Assert.Equal([DemoSignals.DriftDomain], summary.Slipping.Select(s => s.Domain));
    }
}
