using AiNewsDashboard.Core.Diagnostics;

namespace AiNewsDashboard.Core.Tests.Diagnostics;

/// <summary>Background work waits between its steps while users are answered, and never longer than its limit.</summary>
public sealed class UserActivityTests
{
    [Fact]
    public async Task Yield_WithNobodyWaiting_ReturnsAtOnce()
    {
        var users = new UserActivity(TimeSpan.FromHours(1));

        var yielded = users.YieldAsync();

        Assert.True(yielded.IsCompleted);
        await yielded;
    }

    [Fact]
    public async Task Yield_WhileAUserIsAnswered_WaitsUntilTheAnswerIsDone()
    {
        var users = new UserActivity(TimeSpan.FromHours(1));
        var request = users.Begin();
        var nested = users.Begin();

        var yielded = users.YieldAsync();
        await Task.Delay(100);
        Assert.False(yielded.IsCompleted);
        nested.Dispose();
        await Task.Delay(100);
        Assert.False(yielded.IsCompleted); // one still runs
        request.Dispose();

        await yielded.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(users.IsBusy);
    }

    [Fact]
    public async Task Yield_ForUsersThatNeverStop_GivesUpAfterItsLimit()
    {
        var users = new UserActivity(TimeSpan.FromMilliseconds(200));
        using var endless = users.Begin();

        await users.YieldAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(users.IsBusy);
    }
}
