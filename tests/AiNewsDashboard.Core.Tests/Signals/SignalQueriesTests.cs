using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Signals;
using AiNewsDashboard.TestSupport;

namespace AiNewsDashboard.Core.Tests.Signals;

/// <summary>Breaking stories and drift over a real database: "now" is the latest matching article, and every empty list names its cause.</summary>
public sealed class SignalQueriesTests : IAsyncLifetime
{
    private static readonly DateTime Now = new(2014, 5, 20, 18, 0, 0, DateTimeKind.Utc);
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private SignalQueries Signals => _db.Get<SignalQueries>();

    private static ArticleBuilder At(string provider, DateTime t, int? quality = null) =>
        new ArticleBuilder().From($"{provider}.example", provider).PublishedAt(t).WithQuality(quality).Titled($"{provider} at {t:HH:mm}");

    /// <summary>
    /// A story that grows now: five providers in the last ten hours of a corpus that ends in 2014 (long before the wall
    /// clock), all linking to the first. An old story of three providers a month earlier, and a slow story that had
    /// its three articles yesterday and gains one now.
    /// </summary>
    private async Task ImportStoriesAsync()
    {
        var first = At("alpha", Now.AddHours(-10));
        var breaking = new[] { "beta", "gamma", "delta", "eps" }.Select((p, i) => At(p, Now.AddHours(-8 + 2 * i)).RelatedTo(first)).ToList();
        var oldFirst = At("alpha", Now.AddDays(-30));
        var old = new[] { "beta", "gamma" }.Select(p => At(p, Now.AddDays(-30).AddHours(1)).RelatedTo(oldFirst)).ToList();
        var slowFirst = At("zeta", Now.AddHours(-40));
        var slow = new[] { At("eta", Now.AddHours(-39)).RelatedTo(slowFirst), At("theta", Now.AddHours(-38)).RelatedTo(slowFirst),
            At("iota", Now.AddHours(-1)).RelatedTo(slowFirst) };
        await _db.ImportArticlesAsync([first, .. breaking, oldFirst, .. old, slowFirst, .. slow]);
    }

    [Fact]
    public async Task Breaking_AStoryGrowingAtTheLatestArticle_IsFound_WithItsFirstReporterAndSpread()
    {
        await ImportStoriesAsync();

        var report = await Signals.GetBreakingAsync(DashboardFilter.All);

        Assert.Equal(Now.AddHours(-1), report.Now); // the latest article, not the wall clock
        var story = Assert.Single(report.Stories);
        Assert.Equal("alpha", story.FirstProvider);
        Assert.Equal((5, 5, 5, 0), (story.NewArticles, story.NewProviders, story.Providers, story.PastArticles));
        Assert.Equal(Now.AddHours(-10), story.FirstAt);
        Assert.Equal(9, story.HoursSinceFirst, 6);
        Assert.Equal("alpha at 08:00", story.Headline);
    }

    [Fact]
    public async Task Breaking_FilteredToTheOldStory_HasItsOwnNow()
    {
        await ImportStoriesAsync();

        var report = await Signals.GetBreakingAsync(new DashboardFilter { To = DateOnly.FromDateTime(Now.AddDays(-20)) });

        Assert.Equal(Now.AddDays(-30).AddHours(1), report.Now);
        var story = Assert.Single(report.Stories);
        Assert.Equal(3, story.NewProviders);
    }

    [Fact]
    public async Task Breaking_NothingGrowing_SaysSo()
    {
        await _db.ImportArticlesAsync(At("alpha", Now), At("beta", Now.AddHours(-1)));

        var report = await Signals.GetBreakingAsync(DashboardFilter.All);

        Assert.Empty(report.Stories);
        Assert.Equal(BreakingGap.NothingGrowing, report.Gap);
        Assert.Equal(2, report.StoriesChecked);
    }

    [Fact]
    public async Task Breaking_NoArticles_SaysSo()
    {
        await _db.ImportArticlesAsync(At("alpha", Now));

        var report = await Signals.GetBreakingAsync(new DashboardFilter { Providers = ["nobody.example"] });

        Assert.Equal(BreakingGap.NoArticles, report.Gap);
    }

    [Fact]
    public async Task Drift_NoQualityScores_AndLowCoverage_NameTheirCause()
    {
        await _db.ImportArticlesAsync(Enumerable.Range(0, 40).Select(i => At("alpha", Now.AddDays(-i))).ToArray());
        Assert.Equal(DriftGap.NoQualityScores, (await Signals.GetDriftAsync(DashboardFilter.All)).Gap);

        // One scored article in 41: 2.4%, below the 5% minimum.
        await _db.ImportArticlesAsync(At("beta", Now, 50));
        var report = await Signals.GetDriftAsync(DashboardFilter.All);
        Assert.Equal(DriftGap.LowCoverage, report.Gap);
        Assert.Equal(1.0 / 41, report.Coverage, 9);
    }

    [Fact]
    public async Task Drift_AProviderStepDown_IsFoundAndDated_AndAProviderFilterKeepsIt()
    {
        var start = new DateTime(2024, 1, 1, 12, 0, 0, DateTimeKind.Utc);
        await _db.ImportArticlesAsync(Enumerable.Range(0, 20).SelectMany(w => new[] { 0, 2, 4 }.SelectMany((d, i) => new[]
        {
            At("fall", start.AddDays(7 * w + d), (w < 10 ? 80 : 55) + i),
            At("flat", start.AddDays(7 * w + d), 60 + i),
        })).ToArray());

        var report = await Signals.GetDriftAsync(DashboardFilter.All);

        var drift = Assert.Single(report.Drifts);
        Assert.Equal(("fall.example", new DateOnly(2024, 3, 11), true), (drift.Domain, drift.Date, drift.IsDecline));
        Assert.Equal(2, report.ProvidersChecked);
        var own = await Signals.GetProviderDriftAsync("fall.example", DashboardFilter.All);
        Assert.Equal(new DateOnly(2024, 3, 11), Assert.Single(own!.Drifts).Date);
        Assert.Null(await Signals.GetProviderDriftAsync("nobody.example", DashboardFilter.All));
    }
}
