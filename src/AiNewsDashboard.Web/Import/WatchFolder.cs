using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Web.Hosting;
using Microsoft.Extensions.Options;

namespace AiNewsDashboard.Web.Import;

/// <summary>
/// Imports what lands in the watch folder (<c>Import:WatchFolder</c>, or the field on the import page): at start the
/// whole folder (files that arrived while the app was down; files already imported are reported unchanged and
/// cost a hash), then new and changed files, debounced so a file still being copied, or a burst of many files, is
/// imported once. Files are never moved or deleted: one that fails stays where it is, its reason in the history,
/// and is imported again when it changes.
/// </summary>
public sealed class WatchFolder(ImportJobs jobs, IOptions<DashboardImportOptions> settings, ILogger<WatchFolder> log) : IHostedService, IDisposable
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private FileSystemWatcher? _watcher;
    private Timer? _debounce;

    /// <summary>Quiet time after the last change before the changed files are imported.</summary>
    public TimeSpan Debounce { get; set; } = TimeSpan.FromMilliseconds(settings.Value.WatchDebounceMs);

    /// <summary>The folder being watched, or null.</summary>
    public string? Path { get; private set; }

    /// <summary>Why the configured folder is not watched (e.g. it does not exist), or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>Raised when the watched folder or its problem changes.</summary>
    public event Action? Changed;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Watch(settings.Value.WatchFolder);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Watch(null);
        return Task.CompletedTask;
    }

    /// <summary>Watches another folder (null or empty: none) until the app stops, after catching up with what it holds.</summary>
    /// <returns>Why it can't, or null.</returns>
    public string? Watch(string? folder)
    {
        lock (_gate)
        {
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
                    jobs.Enqueue("watch", full, [full]);
                }
            }
            if (Problem is not null)
                log.LogWarning("{Problem}", Problem);
        }
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
        _watcher?.Dispose();
        _debounce?.Dispose();
    }
}
