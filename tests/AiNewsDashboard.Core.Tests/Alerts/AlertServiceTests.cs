using AiNewsDashboard.Core.Alerts;
using AiNewsDashboard.Core.Collections;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Signals;
using AiNewsDashboard.Core.Views;
using AiNewsDashboard.TestSupport;

namespace AiNewsDashboard.Core.Tests.Alerts;

/// <summary>Alert rules on saved views: a crossing fires once, re-arms when the count goes back, "fewer than" fires on silence.</summary>
public sealed class AlertServiceTests : IAsyncLifetime
{
    private readonly SettableClock _clock = new(new DateTimeOffset(2026, 3, 10, 15, 0, 0, TimeSpan.Zero));
    private TestDatabase _db = null!;
    private AlertService _alerts = null!;
    private SavedView _alpha = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _alerts = NewService();
        _alpha = await _db.Get<SavedViewService>().CreateAsync(SavedViewService.LocalOwner, "Alpha", "/timeline", "provider=alpha.example&from=2020-01-01&to=2020-01-31");
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private AlertService NewService() => TestAlertService.Create(_db, _clock);

    private static ArticleBuilder Alpha(int day, string title) => new ArticleBuilder().From("alpha.example", "Alpha").PublishedOn(2026, 3, day).Titled(title);

    [Fact]
    public async Task Above_FiresOnceWhenCrossed_NotAgainOnTheNextCheck_AndAgainAfterFallingBack()
    {
        await _db.ImportArticlesAsync(Alpha(10, "One"), Alpha(9, "Two"), Alpha(1, "Old, outside the window"));
        await _alerts.AddRuleAsync(SavedViewService.LocalOwner, "Busy", _alpha.Id, AlertCondition.Above, 1, 2);

        var fired = Assert.Single(await _alerts.CheckAsync());
        Assert.Empty(await _alerts.CheckAsync()); // still above: nothing new

        // The view's own dates don't count: the window is the last 2 days up to today.
        Assert.Contains("2 matching articles in the last 2 days (2026-03-09 – 2026-03-10, UTC), more than the rule's 1", fired.Detail);
        Assert.StartsWith("/articles?", fired.Url);
        Assert.Contains("from=2026-03-09&to=2026-03-10", fired.Url);

        _clock.Now = _clock.Now.AddDays(2); // the window moves past them: below again, re-armed
        Assert.Empty(await _alerts.CheckAsync());
        await _db.ImportArticlesAsync(Alpha(12, "Three"), Alpha(12, "Four"));
        Assert.Single(await _alerts.CheckAsync());
        Assert.Equal(2, (await _alerts.InboxAsync(SavedViewService.LocalOwner)).Count);
    }

    [Fact]
    public async Task Below_FiresWhenNothingArrives_AndChange_ComparesWithTheDaysBefore()
    {
        await _db.ImportArticlesAsync(Alpha(9, "Yesterday"), Alpha(8, "Before"), Alpha(7, "Before too"), Alpha(10, "Today"));
        await _alerts.AddRuleAsync(SavedViewService.LocalOwner, "Quiet", _alpha.Id, AlertCondition.Below, 1, 1);
        await _alerts.AddRuleAsync(SavedViewService.LocalOwner, "Swing", _alpha.Id, AlertCondition.Change, 50, 2);

        // Today (the 10th) 1 article, not below 1; the 9th–10th hold 2 against 2 on the 7th–8th: no change.
        Assert.Empty(await _alerts.CheckAsync());

        _clock.Now = _clock.Now.AddDays(1); // the 11th, without articles: 0 today; the 10th–11th hold 1 against 2 on the 8th–9th: −50%
        var fired = await _alerts.CheckAsync();
        Assert.Equal(["Quiet · Alpha: only 0 articles today", "Swing · Alpha: -50% (2 → 1)"], fired.Select(a => a.Title).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Breaking_FiresOncePerStoryWithEnoughNewProviders()
    {
        var first = new ArticleBuilder().From("alpha.example", "Alpha").PublishedOn(2026, 3, 10, 6).Titled("Plant fire");
        var followers = Enumerable.Range(0, 4).Select(i => new ArticleBuilder().From($"p{i}.example", $"P{i}").PublishedOn(2026, 3, 10, 8 + i)
            .Titled($"Plant fire, take {i}").RelatedTo(first)).ToArray();
        await _db.ImportArticlesAsync([first, .. followers]);
        var all = await _db.Get<SavedViewService>().CreateAsync(SavedViewService.LocalOwner, "Everything", "/graph", "");
        await _alerts.AddRuleAsync(SavedViewService.LocalOwner, "Big", all.Id, AlertCondition.Breaking, 3, null);
        await _alerts.AddRuleAsync(SavedViewService.LocalOwner, "Huge", all.Id, AlertCondition.Breaking, 10, null);

        var fired = Assert.Single(await _alerts.CheckAsync());

        Assert.StartsWith("Big · breaking: ", fired.Title);
        Assert.StartsWith("/stories/", fired.Url);
        Assert.Contains("first reported by Alpha", fired.Detail);
        Assert.Empty(await _alerts.CheckAsync());
    }

    [Fact]
    public async Task Gap_FiresOncePerTopicAndPeriod_AboveTheRulesSurge_WithItsEvidence()
    {
        await _db.ImportArticlesAsync(BlindspotCorpus.Articles());
        var all = await _db.Get<SavedViewService>().CreateAsync(SavedViewService.LocalOwner, "Everything", "/topics", "");
        await _alerts.AddRuleAsync(SavedViewService.LocalOwner, "Gaps", all.Id, AlertCondition.Gap, 10, null);
        await _alerts.AddRuleAsync(SavedViewService.LocalOwner, "Big gaps", all.Id, AlertCondition.Gap, 20, null);

        var fired = Assert.Single(await _alerts.CheckAsync());

        // Quantum: 15 articles against a usual 1, σ = 1, so a surge of 14, only from low-quality outlets.
        Assert.Equal("Gaps · coverage gap: Quantum", fired.Title);
        Assert.Equal(14, fired.Value!.Value, 9);
        Assert.Contains("In 'Everything', Quantum is a coverage gap in 2024-03-25 – 2024-03-31: 15 articles in the last window", fired.Detail);
        Assert.Contains("topic=Quantum", fired.Url);
        Assert.Contains("from=2024-03-25&to=2024-03-31", fired.Url);
        Assert.StartsWith("gap:Quantum:", fired.Key);
        Assert.Empty(await _alerts.CheckAsync()); // once per topic and period
    }

    [Fact]
    public async Task AddRule_RefusesAnotherUsersPrivateViewAComparisonAndBadNumbers_ByField()
    {
        var bobs = await _db.Get<SavedViewService>().CreateAsync("bob", "Bob's", "/timeline", "");
        var comparison = await _db.Get<SavedViewService>().CreateAsync(SavedViewService.LocalOwner, "Two", "/compare", "q1=n:A&q2=n:B");

        Assert.Equal("savedViewId", (await Assert.ThrowsAsync<EditRejectedException>(() =>
            _alerts.AddRuleAsync("alice", "x", bobs.Id, AlertCondition.Above, 1, 1))).Field);
        Assert.Contains("is a comparison", (await Assert.ThrowsAsync<EditRejectedException>(() =>
            _alerts.AddRuleAsync(SavedViewService.LocalOwner, "x", comparison.Id, AlertCondition.Above, 1, 1))).Message);
        Assert.Equal("threshold", (await Assert.ThrowsAsync<EditRejectedException>(() =>
            _alerts.AddRuleAsync(SavedViewService.LocalOwner, "x", _alpha.Id, AlertCondition.Above, -1, 1))).Field);
        Assert.Equal("windowDays", (await Assert.ThrowsAsync<EditRejectedException>(() =>
            _alerts.AddRuleAsync(SavedViewService.LocalOwner, "x", _alpha.Id, AlertCondition.Above, 1, 0))).Field);
    }

    [Fact]
    public async Task Restart_OrASecondServer_NeverDeliversTheSameAlertTwice()
    {
        await _db.ImportArticlesAsync(Alpha(10, "One"), Alpha(10, "Two"));
        await _alerts.AddRuleAsync(SavedViewService.LocalOwner, "Busy", _alpha.Id, AlertCondition.Above, 1, 1);
        var other = NewService();

        var both = await Task.WhenAll(_alerts.CheckAsync(), other.CheckAsync());

        Assert.Equal(1, both.Sum(b => b.Count));
        Assert.Single(await _alerts.InboxAsync(SavedViewService.LocalOwner));
    }

    [Fact]
    public async Task FeedToken_IsStable_UntilRenewed_AndOpensOnlyItsOwnersFeed()
    {
        var token = await _alerts.FeedTokenAsync("alice");
        Assert.Equal(token, await _alerts.FeedTokenAsync("alice"));
        Assert.Equal("alice", await _alerts.FeedOwnerAsync(token));

        var renewed = await _alerts.FeedTokenAsync("alice", renew: true);

        Assert.NotEqual(token, renewed);
        Assert.Null(await _alerts.FeedOwnerAsync(token));
        Assert.True(renewed.Length >= 32);
    }
}
