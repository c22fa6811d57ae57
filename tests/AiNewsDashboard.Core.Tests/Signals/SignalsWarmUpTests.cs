using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Signals;
using AiNewsDashboard.TestSupport;

namespace AiNewsDashboard.Core.Tests.Signals;

/// <summary>The signals page opens warm: the unfiltered signals are computed when a snapshot is published, and another
/// filter doesn't push them out of the cache.</summary>
public sealed class SignalsWarmUpTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task WarmAsync_ComputesTheUnfilteredSignals_SoThePagesFirstCallComputesNothing()
    {
        await _db.ImportArticlesAsync(new ArticleBuilder().From("alpha.example", "Alpha").PublishedOn(2026, 3, 10).Titled("One"),
            new ArticleBuilder().From("beta.example", "Beta").PublishedOn(2026, 3, 9).Titled("Two"));
        var signals = _db.Get<SignalQueries>();
        var facts = await _db.Get<ArticleFactsCache>().GetFreshAsync();

        Assert.Same(facts, (await signals.WarmAsync()).Facts);
        var computed = signals.Computations;
        Assert.Equal(2, computed); // drift and breaking stories

        // The page with no filter (as the filter reader reads an empty query), then another filter, then none again.
        var none = await _db.Get<FilterReader>().ReadAsync(new FilterParameters(), new QueryProblems());
        Assert.Equal(DashboardFilter.All, none);
        await signals.GetDriftAsync(none);
        await signals.GetBreakingAsync(none);
        Assert.Equal(computed, signals.Computations);
        await signals.GetDriftAsync(new DashboardFilter { Providers = ["alpha.example"] });
        await signals.GetDriftAsync(DashboardFilter.All);
        Assert.Equal(computed + 1, signals.Computations);

        // A new snapshot is warmed afresh.
        await _db.ImportArticlesAsync(new ArticleBuilder().From("alpha.example", "Alpha").PublishedOn(2026, 3, 11).Titled("Three"));
        var next = await _db.Get<ArticleFactsCache>().GetFreshAsync();
        Assert.Same(next, (await signals.WarmAsync()).Facts);
        Assert.Equal(computed + 3, signals.Computations);
    }

    [Fact]
    public async Task ManagersSummary_TakesTheSignalsDrift_WithoutComputingItAgain()
    {
        await _db.ImportArticlesAsync(new ArticleBuilder().From("alpha.example", "Alpha").PublishedOn(2026, 3, 10).Titled("One").WithQuality(80),
            new ArticleBuilder().From("beta.example", "Beta").PublishedOn(2026, 3, 9).Titled("Two").WithQuality(40));
        var signals = _db.Get<SignalQueries>();
        var filter = new DashboardFilter { From = new DateOnly(2026, 1, 1) };
        var drift = await signals.GetDriftAsync(filter);
        var computed = signals.Computations;

        var summary = await _db.Get<ProviderQualityQueries>().GetSummaryAsync(filter);

        Assert.Same(drift, summary.Drift);
        Assert.Equal(computed, signals.Computations);
    }
}
