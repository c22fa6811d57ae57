using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Web.Hosting;
using Microsoft.Extensions.Options;

namespace AiNewsDashboard.Web.Import;

/// <summary>
/// Imports what lands in the watch folder (<c>Import:WatchFolder</c>, or the field on the import page): at start the
/// whole folder (files that arrived while the app was down; files already imported are reported unchanged and
/// cost a hash), then new and changed files, debounced so a file still being copied, or a burst of many files, is
/// imported once. Files are never moved or deleted: one that fails stays where it is, its reason in the history,
/// and is imported again when it changes. With several instances on one database, the instance holding the folder's
/// lease (<see cref="InstanceLeases"/>) imports it; the others watch too, and one takes over, catching up with the whole
/// folder, within <see cref="LeaseDuration"/> of the holder stopping. A folder set on the import page is asked for at
/// once, and what lands in it before the answer waits for it: taking the lease catches up with the whole folder.
/// </summary>
public sealed class WatchFolder(ImportJobs jobs, IOptions<DashboardImportOptions> settings, ILogger<WatchFolder> log, InstanceLeases? leases = null)
    : IHostedService, IDisposable
{
    /// <summary>How long a holder's lease lasts unless renewed; it is renewed three times as often.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task? _leaseLoop;
    private string? _leased;
    private bool _holds = leases is null;
    private string? _decided; // the folder whose lease has been asked for since it was set
    private readonly SemaphoreSlim _wake = new(0);
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private FileSystemWatcher? _watcher;
    private Timer? _debounce;

    /// <summary>Quiet time after the last change before the changed files are imported.</summary>
    public TimeSpan Debounce { get; set; } = TimeSpan.FromMilliseconds(settings.Value.WatchDebounceMs);

    /// <summary>The folder being watched, or null.</summary>
    public string? Path { get; private set; }

    /// <summary>Why the configured folder is not watched (e.g. it does not exist), or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>Another instance that holds the folder's lease and imports it, or null when this one does.</summary>
    public string? ImportedBy { get; private set; }

    /// <summary>Raised when the watched folder or its problem changes.</summary>
    public event Action? Changed;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Watch(settings.Value.WatchFolder);
        if (leases is not null)
            _leaseLoop = Task.Run(() => KeepLeaseAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops watching, and gives the lease up in the background: a running import holds the database's write lock, and
    /// the host must not wait for it before it cancels that import. Should the release not get through before the
    /// process ends, the lease lapses by itself.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Watch(null);
        await _stopping.CancelAsync();
    }

    /// <summary>Completes once the lease loop has ended and given the lease up (for tests).</summary>
    public Task Stopped => _leaseLoop ?? Task.CompletedTask;

    /// <summary>Takes, renews or hands over the watched folder's lease, every third of <see cref="LeaseDuration"/>.</summary>
    private async Task KeepLeaseAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await RenewLeaseAsync(ct);
                await _wake.WaitAsync(LeaseDuration / 3, ct);
                while (_wake.Wait(0))
                {
                    // Several folder changes while renewing: one more turn answers them all.
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                // The database is unreachable: stop importing, since another instance may take the lease meanwhile.
                log.LogWarning("Watch folder: the lease could not be renewed ({Error}); trying again", e.Message);
                SetHolder(null, false, "unknown (the database could not be reached)");
                await Task.Delay(LeaseDuration / 3, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        if (_leased is not null)
        {
            try
            {
                await leases!.ReleaseAsync(_leased, CancellationToken.None);
            }
            catch (Exception e)
            {
                log.LogInformation("Watch folder: the lease could not be given up ({Error}); it lapses by itself", e.Message);
            }
        }
    }

    /// <summary>One turn of <see cref="KeepLeaseAsync"/>, public for tests that drive it instead of waiting.</summary>
    public async Task RenewLeaseAsync(CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(leases);
        var folder = Path;
        var name = folder is null ? null : "watch-folder:" + folder;
        if (_leased is not null && _leased != name)
        {
            await leases.ReleaseAsync(_leased, ct);
            _leased = null;
        }
        if (name is null)
            return;
        var holder = await leases.TryHoldAsync(name, LeaseDuration, ct);
        _leased = holder == leases.Holder ? name : null;
        SetHolder(folder, holder == leases.Holder, holder);
    }

    /// <summary>Records who imports <paramref name="folder"/>; an answer about a folder no longer watched is dropped.</summary>
    private void SetHolder(string? folder, bool holds, string holder)
    {
        string? catchUp = null;
        lock (_gate)
        {
            if (folder is not null && folder != Path)
                return; // the folder changed meanwhile: the next turn, already woken, asks about the new one
            _decided = Path;
            if (!holds)
                _pending.Clear(); // the holder imports them; a take-over catches up with the whole folder
            if (holds == _holds && (holds || ImportedBy == holder))
                return;
            _holds = holds;
            ImportedBy = holds ? null : holder;
            if (holds && Path is not null)
            {
                catchUp = Path;
                _pending.Clear(); // the catch-up covers them
            }
        }
        if (catchUp is not null)
        {
            log.LogInformation("Watch folder {Folder}: this instance imports it now; catching up with the whole folder", catchUp);
            jobs.Enqueue("watch", catchUp, [catchUp]);
        }
        else if (!holds)
            log.LogInformation("Watch folder: another instance ({Holder}) imports it", holder);
        Changed?.Invoke();
    }

    /// <summary>Watches another folder (null or empty: none) until the app stops, after catching up with what it holds.</summary>
    /// <returns>Why it can't, or null.</returns>
    public string? Watch(string? folder)
    {
        string? previous;
        lock (_gate)
        {
            previous = Path;
            _watcher?.Dispose();
            _watcher = null;
            _pending.Clear();
            Path = null;
            Problem = null;
            if (!string.IsNullOrWhiteSpace(folder))
            {
                var full = System.IO.Path.GetFullPath(folder.Trim());
                if (!Directory.Exists(full))
                    Problem = $"the watch folder {full} does not exist (Import:WatchFolder)";
                else
                {
                    Path = full;
                    var watcher = new FileSystemWatcher(full)
                    {
                        IncludeSubdirectories = true,
                        NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
                        InternalBufferSize = 64 * 1024,
                    };
                    watcher.Created += (_, e) => Touched(e.FullPath);
                    watcher.Changed += (_, e) => Touched(e.FullPath);
                    watcher.Renamed += (_, e) => Touched(e.FullPath);
                    watcher.Error += (_, e) =>
                    {
                        // Too many changes at once (the buffer overflowed): catch up with the whole folder.
                        log.LogWarning("Watch folder {Folder}: {Error}; importing the whole folder", full, e.GetException().Message);
                        Touched(full);
                    };
                    watcher.EnableRaisingEvents = true;
                    _watcher = watcher;
                    _debounce ??= new Timer(_ => Flush());
                    log.LogInformation("Watching {Folder} for article files", full);
                    if (_holds && (leases is null || full == previous))
                        jobs.Enqueue("watch", full, [full]);
                }
            }
            if (Problem is not null)
                log.LogWarning("{Problem}", Problem);
            if (leases is not null && Path != previous)
            {
                // Another folder, another lease: nobody imports it here until the lease loop, woken now, has asked.
                _holds = false;
                ImportedBy = null;
                _decided = null;
            }
        }
        if (leases is not null && Path != previous)
            _wake.Release();
        Changed?.Invoke();
        return Problem;
    }

    private void Touched(string path)
    {
        if (IsHidden(path))
            return;
        lock (_gate)
        {
            if (_watcher is null)
                return;
            _pending.Add(path);
            _debounce?.Change(Debounce, Timeout.InfiniteTimeSpan);
        }
    }

    private void Flush()
    {
        string[] paths;
        string? folder;
        lock (_gate)
        {
            folder = Path;
            if (folder is null || _pending.Count == 0)
                return;
            if (!_holds)
            {
                // Another instance holds the lease and imports them, and a take-over catches up with the whole folder.
                // While the lease is still being asked for, they wait: taking it catches up with the whole folder.
                if (_decided == folder)
                    _pending.Clear();
                return;
            }
            // The whole folder (after an overflow) covers everything else; a folder that appeared covers its files.
            if (_pending.Contains(folder))
                paths = [folder];
            else
            {
                var folders = _pending.Where(Directory.Exists).ToHashSet(StringComparer.Ordinal);
                paths = [.. _pending.Where(p => (File.Exists(p) || folders.Contains(p)) && !HasAncestorIn(folders, p)).Order(StringComparer.Ordinal)];
            }
            _pending.Clear();
        }
        if (paths.Length > 0)
            jobs.Enqueue("watch", folder, paths);
    }

    /// <summary>Whether one of <paramref name="path"/>'s parent folders is among <paramref name="folders"/>.</summary>
    private static bool HasAncestorIn(HashSet<string> folders, string path)
    {
        for (var d = System.IO.Path.GetDirectoryName(path); d is not null; d = System.IO.Path.GetDirectoryName(d))
            if (folders.Contains(d))
                return true;
        return false;
    }

    /// <summary>Dot files and files in dot folders (editors' and copy tools' temporaries), as the folder import skips them.</summary>
    private bool IsHidden(string path)
    {
        var root = Path;
        return root is null || !path.StartsWith(root, StringComparison.Ordinal) || ImportSource.IsHiddenBelow(root, path);
    }

    public void Dispose()
    {
        _stopping.Cancel(); // not disposed: the host may stop the service after disposing it
        _watcher?.Dispose();
        _debounce?.Dispose();
    }
}
