using System.Diagnostics;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Syndication;

namespace AiNewsDashboard.Web.Import;

/// <summary>
/// Tells open dashboards that the data changed, so they show new numbers without a reload. While anyone listens it
/// looks at the query snapshot four times per <see cref="Interval"/>: asking for it starts a reload when an import
/// committed (in this process or another, on any machine: <see cref="ArticleFactsCache"/> notices both), and once a
/// newer snapshot is in, or copy detection recorded new groups (a new <see cref="DataState"/>), <see cref="DataChanged"/>
/// fires, unless it fired less than an interval ago (then it fires when the interval is up, with the newest). So a
/// commit shows on open pages within two looks and a reload, well inside 2 s, while a page refreshes at most once per
/// interval during a big import, with the data the reload already holds (queries answer from the new snapshot at
/// once), and once more after the last commit. While this instance imports, that least time is
/// <see cref="ImportInterval"/>: each page's refresh costs the server a render, and an import runs beside them on the same
/// cores (a first change after a quiet spell is still told at once). <see cref="DetectionMoved"/> tells the pages that
/// show copy detection's progress that it checked another batch, at most once per interval.
/// </summary>
public sealed class LiveUpdates : IDisposable
{
    private readonly ArticleFactsCache _facts;
    private readonly SyndicationService _copies;
    private readonly ILogger<LiveUpdates>? _log;
    private readonly ImportJobs? _imports;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private Action? _dataChanged;
    private Action? _detectionMoved;
    private Task? _loop;

    public LiveUpdates(ArticleMatcher data, ImportJobs? imports = null, ILogger<LiveUpdates>? log = null)
    {
        _imports = imports;
        _facts = data.Facts;
        _copies = data.Copies;
        _log = log;
    }

    /// <summary>The least time between two refreshes of the pages; the snapshot is looked at four times as often (tests shorten it).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The least time between two refreshes while this instance imports (Grafana's shortest refresh by default).</summary>
    public TimeSpan ImportInterval { get; set; } = TimeSpan.FromSeconds(5);

    private TimeSpan LeastBetween => _imports?.Busy == true && ImportInterval > Interval ? ImportInterval : Interval;

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
                StartLooking();
            }
        }
        remove
        {
            lock (_gate)
                _dataChanged -= value;
        }
    }

    /// <summary>
    /// Copy detection recorded another batch (<see cref="SyndicationService.Progress"/> moved): a long pass's progress
    /// can be shown as it goes. Its end is a <see cref="DataChanged"/>.
    /// </summary>
    public event Action? DetectionMoved
    {
        add
        {
            lock (_gate)
            {
                _detectionMoved += value;
                StartLooking();
            }
        }
        remove
        {
            lock (_gate)
                _detectionMoved -= value;
        }
    }

    private void StartLooking()
    {
        if (_loop is not null)
            return;
        // What the first listener shows is this snapshot or a newer one: a reload that lands before the first look must
        // still be told, so the first look compares with this one, not with itself.
        var shown = _facts.Current is { } facts ? new Seen(facts, _copies.Version) : null;
        _loop = Task.Run(() => RunAsync(shown, _stop.Token));
    }

    /// <summary>A snapshot, and how many times copy detection had recorded new groups by then.</summary>
    private sealed record Seen(ArticleFacts Facts, long CopiesVersion);

    private async Task<Seen> LookAsync(CancellationToken ct)
    {
        // The groups' version first: new groups recorded while the snapshot is read are told at the next look.
        var copies = _copies.Version;
        return new Seen(await _facts.GetAsync(ct), copies);
    }

    private async Task RunAsync(Seen? seen, CancellationToken ct)
    {
        // No snapshot yet when the first page began listening: the first one loaded (the page's own load, joined here)
        // is what the page shows or older, so it is the baseline, not whatever is current at the first look, by when
        // another instance's import may have been loaded.
        if (seen is null)
        {
            try
            {
                seen = await LookAsync(ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                _log?.LogWarning("Live updates: could not read the snapshot: {Error}", e.Message);
            }
        }
        long? lastTold = null, movedTold = null;
        var batches = _copies.Batches;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval / 4, ct);
                Action? listeners, moved;
                lock (_gate)
                    (listeners, moved) = (_dataChanged, _detectionMoved);
                if (moved is not null && _copies.Batches is var now && now != batches
                    && (movedTold is not { } at || Stopwatch.GetElapsedTime(at) >= LeastBetween))
                {
                    batches = now;
                    Raise(moved);
                    movedTold = Stopwatch.GetTimestamp();
                }
                if (listeners is null)
                    continue;
                var current = await LookAsync(ct);
                if (seen is not null && (!ReferenceEquals(seen.Facts, current.Facts) || seen.CopiesVersion != current.CopiesVersion))
                {
                    if (lastTold is { } told && Stopwatch.GetElapsedTime(told) < LeastBetween)
                        continue; // told recently: keep the older baseline, and tell once the interval is up
                    Raise(listeners);
                    lastTold = Stopwatch.GetTimestamp();
                }
                seen = current;
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
