namespace AiNewsDashboard.Web.Components.Pages;

/// <summary>
/// A page's query answers kept for a minute, so the same answer is not worked out twice when a page opens: Blazor renders
/// it once on the server for the first HTML, then again when its circuit starts, a second or two later. A key names the
/// query and everything it depends on, the data state (snapshot and copy groups) included, so a new import, merge or
/// pass of copy detection never meets an old answer.
/// A handful of entries; the oldest goes first.
/// </summary>
public sealed class RecentResults(TimeProvider clock)
{
    public const int Capacity = 64;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly LinkedList<(object Key, Task Answer, DateTimeOffset Expires)> _entries = new();

    /// <summary>The answer for <paramref name="key"/> given within the last minute, else <paramref name="load"/>'s (kept once it succeeds).</summary>
    public async Task<T> GetOrAddAsync<T>(object key, Func<Task<T>> load)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            for (var node = _entries.First; node is not null; node = node.Next)
                if (node.Value.Expires > now && node.Value.Key.Equals(key) && node.Value.Answer is Task<T> { IsCompletedSuccessfully: true } known)
                    return known.Result;
        }
        var answer = await load();
        lock (_gate)
        {
            _entries.AddFirst((key, Task.FromResult(answer), now + Lifetime));
            while (_entries.Count > Capacity || _entries.Last is { } last && last.Value.Expires <= now)
                _entries.RemoveLast();
        }
        return answer;
    }
}
