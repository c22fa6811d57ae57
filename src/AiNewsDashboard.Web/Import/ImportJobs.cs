using System.Threading.Channels;
using AiNewsDashboard.Core.Import;

namespace AiNewsDashboard.Web.Import;

public enum ImportJobState { Queued, Running, Finished, Cancelled, Failed }

/// <summary>
/// One import waiting for or run by <see cref="ImportWorker"/>: what to import, how far it got, its report.
/// Pages watch it through <see cref="ImportJobs.Changed"/>.
/// </summary>
public sealed class ImportJob
{
    private readonly CancellationTokenSource _cancel = new();

    internal ImportJob(int id, string kind, string source, IReadOnlyList<string> paths, string? tempFolder, string? startedBy = null)
    {
        Id = id;
        StartedBy = startedBy;
        Kind = kind;
        Source = source;
        Paths = paths;
        TempFolder = tempFolder;
    }

    public int Id { get; }

    /// <summary>The signed-in user who started it; null in Local mode and for the watch folder.</summary>

    public string? StartedBy { get; }
    /// <summary>"upload" or "watch" (the CLI imports in its own process and records its own history row).</summary>
    public string Kind { get; }
    public string Source { get; }
    public IReadOnlyList<string> Paths { get; }
    /// <summary>An upload's temporary folder: file names in the report are shown relative to it, and it is deleted afterwards.</summary>
    public string? TempFolder { get; }

    public ImportJobState State { get; internal set; } = ImportJobState.Queued;
    public ImportProgress? Progress { get; internal set; }
    public ImportReport? Report { get; internal set; }
    public string? Error { get; internal set; }
    /// <summary>The job's row in the import history, once recorded.</summary>
    public int? HistoryId { get; internal set; }

    public bool IsDone => State is ImportJobState.Finished or ImportJobState.Cancelled or ImportJobState.Failed;
    internal CancellationToken CancellationToken => _cancel.Token;

    /// <summary>Stops after the file being written: what was committed stays, the rest is never started.</summary>
    public void Cancel() => _cancel.Cancel();
}

/// <summary>
/// The queue of imports for the one background writer, and what pages observe: every job's state and progress.
/// Browser uploads and the watch folder enqueue here; <see cref="ImportWorker"/> runs the jobs one at a time.
/// </summary>
public sealed class ImportJobs
{
    private const int KeepFinished = 20;
    private readonly Channel<ImportJob> _queue = Channel.CreateUnbounded<ImportJob>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private readonly List<ImportJob> _jobs = [];
    private int _nextId;

    /// <summary>Raised (on the worker's thread) when a job is queued, makes progress, or ends.</summary>
    public event Action<ImportJob>? Changed;

    public ImportJob Enqueue(string kind, string source, IReadOnlyList<string> paths, string? tempFolder = null, string? startedBy = null)
    {
        // An upload's folder carries its job, so an upload still waiting when the app stops is imported after the
        // restart instead of being lost (the importer skips dot files). A resumed upload keeps the job it was saved
        // with, so its source is not marked "resumed" again at every restart.
        if (tempFolder is not null && Path.Combine(tempFolder, PendingUpload.FileName) is var manifest && !File.Exists(manifest))
            File.WriteAllText(manifest, System.Text.Json.JsonSerializer.Serialize(new PendingUpload(kind, source, startedBy)));
        var job = new ImportJob(Interlocked.Increment(ref _nextId), kind, source, paths, tempFolder, startedBy);
        lock (_gate)
        {
            _jobs.Add(job);
            // Finished jobs live on in the history table; only the latest stay here for pages to show.
            var finished = _jobs.Where(j => j.IsDone).ToList();
            foreach (var old in finished.Take(Math.Max(0, finished.Count - KeepFinished)))
                _jobs.Remove(old);
        }
        _queue.Writer.TryWrite(job);
        Raise(job);
        return job;
    }

    /// <summary>
    /// Longest that work following the imports (copy detection, the signals' warm-up) waits while imports are queued or
    /// running here: an import runs at the speed of one alone, and the work catches up in one pass after it, or at least
    /// this often during an import that takes longer.
    /// </summary>
    public static readonly TimeSpan FollowUpWaitsAtMost = TimeSpan.FromMinutes(5);

    /// <summary>The oldest import queued or running in this instance, or null.</summary>
    public ImportJob? Running
    {
        get
        {
            lock (_gate)
                return _jobs.Find(j => !j.IsDone);
        }
    }

    /// <summary>Whether an import is queued or running in this instance.</summary>
    public bool Busy => Running is not null;

    /// <summary>Why undoing import run <paramref name="runId"/> must wait, or null: an undo doesn't run beside an import.</summary>
    public string? WhyUndoWaits(int runId) =>
        Running is { } running ? $"The import of {running.Source} is still running; undo import #{runId} once it has finished." : null;

    /// <summary>A wait for work that follows the imports (copy detection, the signals' warm-up): one per worker.</summary>
    public FollowUpWait FollowUp(TimeSpan? atMost = null) => new(this, atMost ?? FollowUpWaitsAtMost);

    /// <summary>Jobs queued, running and recently ended, oldest first.</summary>
    public IReadOnlyList<ImportJob> Snapshot()
    {
        lock (_gate)
            return [.. _jobs];
    }

    internal ChannelReader<ImportJob> Reader => _queue.Reader;

    internal void Raise(ImportJob job)
    {
        foreach (var handler in Changed?.GetInvocationList() ?? [])
        {
            try
            {
                ((Action<ImportJob>)handler)(job);
            }
            catch (Exception)
            {
                // One page's failing handler must not stop the import or the other pages' updates.
            }
        }
    }
}

/// <summary>
/// Whether a piece of work that follows the imports waits for now (<see cref="Waits"/>): it does while an import is
/// queued or running here, at most <paramref name="atMost"/> (<see cref="ImportJobs.FollowUpWaitsAtMost"/>) at a time, so an import runs at the speed
/// of one alone and the work catches up in one pass after it (or at least that often during a longer import).
/// </summary>
public sealed class FollowUpWait(ImportJobs imports, TimeSpan atMost)
{
    private long? _since;

    /// <summary>True: skip the work this time. False: do it now (no import, or it has waited long enough).</summary>
    public bool Waits()
    {
        if (!imports.Busy)
        {
            _since = null;
            return false;
        }
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        _since ??= now;
        if (System.Diagnostics.Stopwatch.GetElapsedTime(_since.Value, now) < atMost)
            return true;
        _since = now; // runs now; the next wait counts from here
        return false;
    }
}

/// <summary>What an upload folder's <see cref="FileName"/> says about its job: written when the upload is complete.</summary>
public sealed record PendingUpload(string Kind, string Source, string? StartedBy)
{
    public const string FileName = ".import-job.json";
}
