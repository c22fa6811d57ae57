using System.Diagnostics;

namespace AiNewsDashboard.Core.Diagnostics;

/// <summary>
/// Users first: what a user is waiting for (an HTTP request, a page's event on its circuit) is counted while it runs,
/// and background passes (copy detection, the signals' warm-up) wait between their steps while anything is, so on two
/// cores a page opened during a pass over millions of articles is not slowed by it. A pass waits at most
/// <see cref="MaxWait"/> a step, so a server never idle still gets its background work done.
/// </summary>
public sealed class UserActivity(TimeSpan? maxWait = null)
{
    private int _active;

    /// <summary>The longest one step of background work waits for users.</summary>
    public TimeSpan MaxWait { get; } = maxWait ?? TimeSpan.FromSeconds(2);

    /// <summary>Whether a user is waiting for an answer.</summary>
    public bool IsBusy => Volatile.Read(ref _active) > 0;

    /// <summary>Counts one piece of a user's work until the result is disposed.</summary>
    public Scope Begin()
    {
        Interlocked.Increment(ref _active);
        return new Scope(this);
    }

    /// <summary>Waits while users are being answered, at most <see cref="MaxWait"/>; at once when none are.</summary>
    public async Task YieldAsync(CancellationToken ct = default)
    {
        if (!IsBusy)
            return;
        var started = Stopwatch.GetTimestamp();
        while (IsBusy && Stopwatch.GetElapsedTime(started) < MaxWait)
            await Task.Delay(10, ct);
    }

    public readonly struct Scope(UserActivity owner) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref owner._active);
    }
}
