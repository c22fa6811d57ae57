namespace AiNewsDashboard.Core.Queries;

/// <summary>
/// The last answer for one filter over given data (a snapshot, a graph, copy groups: compared by reference), or its
/// computation in flight: whoever asks for the same meanwhile (a background warm-up and a page opened while it runs)
/// waits for that one computation instead of starting another. A failed computation is not kept: the next caller tries
/// again. The computation is not cancelled by one caller, since others may be waiting for it.
/// </summary>
internal sealed class SharedAnswer<T>
{
    private sealed record Entry(object Data, object? MoreData, DashboardFilter Filter, Task<T> Value);

    private Entry? _entry;

    public Task<T> GetAsync(object data, object? moreData, DashboardFilter filter, Func<Task<T>> compute, Action onCompute, CancellationToken ct)
    {
        while (true)
        {
            var cached = Volatile.Read(ref _entry);
            if (Holds(cached, data, moreData, filter))
                return cached!.Value.WaitAsync(ct);
            var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!ReferenceEquals(Interlocked.CompareExchange(ref _entry, new Entry(data, moreData, filter, result.Task), cached), cached))
                continue; // another caller started one first: look again
            onCompute();
            _ = RunAsync(result, compute);
            return result.Task.WaitAsync(ct);
        }
    }

    /// <summary>Whether the answer for <paramref name="filter"/> over that data is kept or in flight (and not failed).</summary>
    public bool Holds(object data, object? moreData, DashboardFilter filter) => Holds(Volatile.Read(ref _entry), data, moreData, filter);

    private static bool Holds(Entry? cached, object data, object? moreData, DashboardFilter filter) =>
        cached is not null && ReferenceEquals(cached.Data, data) && ReferenceEquals(cached.MoreData, moreData) && cached.Filter.Equals(filter)
        && !cached.Value.IsFaulted;

    private static async Task RunAsync(TaskCompletionSource<T> result, Func<Task<T>> compute)
    {
        try
        {
            result.SetResult(await Task.Run(compute));
        }
        catch (Exception e)
        {
            result.SetException(e);
            _ = result.Task.Exception; // observed: nobody may be waiting any more
        }
    }
}
