using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Syndication;

namespace AiNewsDashboard.Web.Import;

/// <summary>
/// Tells open dashboards that the data changed, so they show new numbers without a reload. While anyone listens it
/// looks at the query snapshot every <see cref="Interval"/>: asking for it starts a reload when an import committed
/// (in this process or another: <see cref="ArticleFactsCache"/> notices both), and once a newer snapshot is in, or
/// copy detection recorded new groups (a new <see cref="DataState"/>), <see cref="DataChanged"/> fires. So a page
/// refreshes at most once per interval during a big import, with the data the reload already holds (queries answer
/// from the new snapshot at once), and once more after the last commit.
/// </summary>
public sealed class LiveUpdates : IDisposable
{
    private readonly ArticleMatcher _data;
    private readonly ILogger<LiveUpdates>? _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private Action? _dataChanged;
    private Task? _loop;

    public LiveUpdates(ArticleMatcher data, ILogger<LiveUpdates>? log = null)
    {
        _data = data;
        _log = log;
    }

    /// <summary>How often the snapshot is checked while pages listen (tests shorten it).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Pages listening (tests).</summary>
    internal int Listeners
    {
        get
        {
            lock (_gate)
                return _dataChanged?.GetInvocationList().Length ?? 0;
        }
    }

    /// <summary>The data behind the dashboard changed: reload, keeping the current numbers on screen meanwhile.</summary>
    public event Action? DataChanged
    {
        add
        {
            lock (_gate)
            {
                _dataChanged += value;
                if (_loop is null)
                {
                    // What the first listener shows is this snapshot or a newer one: a reload that lands before the
                    // first look must still be told, so the first look compares with this one, not with itself.
                    var shown = (_data.Facts.Current, _data.Copies.Current);
                    _loop = Task.Run(() => RunAsync(shown, _stop.Token));
                }
            }
        }
        remove
        {
            lock (_gate)
                _dataChanged -= value;
        }
    }

    private async Task RunAsync((ArticleFacts? Facts, CopyGroups? Copies) seen, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, ct);
                Action? listeners;
                lock (_gate)
                    listeners = _dataChanged;
                if (listeners is null)
                    continue;
                var current = await _data.GetStateAsync(ct);
                // Groups not loaded yet when the first page showed (none to compare) are loaded now, not new.
                if (seen.Facts is not null && (!ReferenceEquals(seen.Facts, current.Facts) || seen.Copies is not null && !ReferenceEquals(seen.Copies, current.Copies)))
                    Raise(listeners);
                seen = (current.Facts, current.Copies);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _log?.LogWarning("Live updates: could not read the snapshot: {Error}", e.Message);
            }
        }
    }

    private static void Raise(Action listeners)
    {
        foreach (var handler in listeners.GetInvocationList())
        {
            try
            {
                ((Action)handler)();
            }
            catch (Exception)
            {
                // A page that went away mid-notification must not stop the others.
            }
        }
    }

    public void Dispose() => _stop.Cancel();
}
