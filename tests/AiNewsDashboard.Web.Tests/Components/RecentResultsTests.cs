using AiNewsDashboard.Web.Components.Pages;
using AiNewsDashboard.TestSupport;

namespace AiNewsDashboard.Web.Tests.Components;

/// <summary>A page's answers are worked out once when it opens (prerender, then circuit), and never outlive their minute.</summary>
public sealed class RecentResultsTests
{
    private readonly SettableClock _clock = new(new DateTimeOffset(2026, 3, 4, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task SameKey_WithinAMinute_IsLoadedOnce_ThenAgainAfterIt()
    {
        var recent = new RecentResults(_clock);
        var loads = 0;
        Task<int> Load() => Task.FromResult(++loads);

        Assert.Equal(1, await recent.GetOrAddAsync(("summary", "filter a"), Load));
        Assert.Equal(1, await recent.GetOrAddAsync(("summary", "filter a"), Load));
        Assert.Equal(2, await recent.GetOrAddAsync(("summary", "filter b"), Load));
        _clock.Now += RecentResults.Lifetime;
        Assert.Equal(3, await recent.GetOrAddAsync(("summary", "filter a"), Load));
    }

    [Fact]
    public async Task AFailedLoad_IsNotKept_AndOnlyTheNewestEntriesStay()
    {
        var recent = new RecentResults(_clock);
        await Assert.ThrowsAsync<InvalidOperationException>(() => recent.GetOrAddAsync<int>("key", () => throw new InvalidOperationException("no database")));
        Assert.Equal(7, await recent.GetOrAddAsync("key", () => Task.FromResult(7)));

        for (var i = 0; i < RecentResults.Capacity; i++)
            await recent.GetOrAddAsync(i, () => Task.FromResult(i));
        Assert.Equal(8, await recent.GetOrAddAsync("key", () => Task.FromResult(8))); // pushed out by the newer ones
    }
}
