using AiNewsDashboard.Core.Queries;

namespace AiNewsDashboard.Core.Tests.Queries;

/// <summary>
/// The signals warm-up and a page opened while it runs share one computation (guards the page computing drift and
/// breaking stories a second time, beside the warm-up, right after a start).
/// </summary>
public sealed class SharedAnswerTests
{
    [Fact]
    public async Task GetAsync_CallersWhileComputing_WaitForTheOneComputation()
    {
        var answer = new SharedAnswer<object>();
        var snapshot = new object();
        var gate = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        var computations = 0;
        var callers = Enumerable.Range(0, 8)
            .Select(_ => answer.GetAsync(snapshot, null, DashboardFilter.All, () => gate.Task, () => Interlocked.Increment(ref computations), default))
            .ToList();
        Assert.All(callers, c => Assert.False(c.IsCompleted));

        var result = new object();
        gate.SetResult(result);
        Assert.All(await Task.WhenAll(callers), r => Assert.Same(result, r));
        Assert.Equal(1, computations);

        // Kept for that snapshot and filter; another snapshot or filter computes again.
        Assert.Same(result, await answer.GetAsync(snapshot, null, DashboardFilter.All, () => throw new InvalidOperationException(), () => computations++, default));
        await answer.GetAsync(new object(), null, DashboardFilter.All, () => Task.FromResult(new object()), () => computations++, default);
        Assert.Equal(2, computations);
    }

    [Fact]
    public async Task GetAsync_FailedComputation_IsNotKept()
    {
        var answer = new SharedAnswer<string>();
        var snapshot = new object();
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            answer.GetAsync(snapshot, null, DashboardFilter.All, () => throw new InvalidOperationException("the store went away"), () => { }, default));
        Assert.Equal("second try", await answer.GetAsync(snapshot, null, DashboardFilter.All, () => Task.FromResult("second try"), () => { }, default));
    }
}
