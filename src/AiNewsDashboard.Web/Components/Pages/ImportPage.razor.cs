using System.Globalization;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Web.Hosting;
using AiNewsDashboard.Web.Import;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;

namespace AiNewsDashboard.Web.Components.Pages;

/// <summary>
/// The import page: uploads are streamed to a folder of their own in Import:UploadFolder (never held in memory), checked
/// against the limits, then queued for the background importer; the page follows the job, shows its report and the
/// history. The watch folder and the backup button sit beside it.
/// </summary>
public partial class ImportPage
{
    [Inject] private AuthenticationStateProvider AuthState { get; set; } = null!;
    [Inject] private IAuthorizationService Authorization { get; set; } = null!;
    [Inject] private IOptions<DashboardImportOptions> ImportSettings { get; set; } = null!;
    [Inject] private IOptions<DatabaseOptions> Database { get; set; } = null!;
    [Inject] private IOptions<BackupOptions> Backup { get; set; } = null!;
    [Inject] private ImportUndo Undo { get; set; } = null!;
    [Inject] private UploadFolders Uploads { get; set; } = null!;
    [Inject] private OverviewQueries Overview { get; set; } = null!;
    [Inject] private LiveUpdates Live { get; set; } = null!;

    private const int ShownProblems = 200;
    private const int HistoryRows = 50;
    private static readonly TimeSpan UiInterval = TimeSpan.FromMilliseconds(250);

    private readonly List<string> _uploadMessages = [];
    private IReadOnlyList<ImportRun>? _history;
    private readonly CancellationTokenSource _closed = new();
    /// <summary>The store's totals as the query snapshot has them; it follows every commit, this page's imports' too.</summary>
    private StoreTotals? _totals;
    private long _totalsAsked, _totalsShown;
    private IReadOnlyDictionary<int, UndoState> _undoStates = new Dictionary<int, UndoState>();
    private int? _undoRunId;
    private CancellationTokenSource? _upload;
    private ImportJob? _myJob;
    private bool _uploading, _dragging;
    private string _uploadFile = "";
    private long _uploadedBytes, _uploadTotalBytes;
    private int _maxFileBytes;
    private long _maxUploadBytes;
    private string? _watchInput;
    private long _lastRender;

    private string BackupFolder => Backup.Value.FolderFor(Database.Value);

    /// <summary>The job this page started, else the latest one (from any session or the watch folder).</summary>
    private ImportJob? ShownJob => _myJob ?? Jobs.Snapshot().LastOrDefault();

    protected override async Task OnInitializedAsync()
    {
        _maxFileBytes = ImportSettings.Value.MaxFileBytes;
        _maxUploadBytes = ImportSettings.Value.MaxUploadBytes;
        _watchInput = Watch.Path ?? ImportSettings.Value.WatchFolder;
        Jobs.Changed += OnJobChanged;
        Watch.Changed += OnWatchChanged;
        Live.DataChanged += OnDataChanged;
        await LoadHistoryAsync();
        _ = LoadTotalsAsync(); // not awaited: on a first start the snapshot may take a minute to read; the page shows meanwhile
    }

    private void OnDataChanged() => _ = LoadTotalsAsync();

    private async Task LoadTotalsAsync()
    {
        // Loads may overlap (a change told while one runs) and end in either order: the last one asked for wins.
        var asked = Interlocked.Increment(ref _totalsAsked);
        try
        {
            var totals = await Overview.GetTotalsAsync(_closed.Token);
            await InvokeAsync(() =>
            {
                if (asked < _totalsShown)
                    return;
                _totalsShown = asked;
                _totals = totals;
                StateHasChanged();
            });
        }
        catch (OperationCanceledException) when (_closed.IsCancellationRequested)
        {
            // The page was closed meanwhile.
        }
    }

    private async Task LoadHistoryAsync()
    {
        var history = await History.RecentAsync(HistoryRows);
        _undoStates = await Undo.StatesAsync([.. history.Select(r => r.Id)]);
        _history = history;
    }

    /// <summary>Offered for a finished import that added or updated something and is not undone; the preview says the rest.</summary>
    private bool Undoable(ImportRun run) =>
        run is { Kind: not "undo", FinishedAt: not null } && run.Imported + run.Updated > 0 && !_undoStates.ContainsKey(run.Id);

    private void OnWatchChanged() => _ = InvokeAsync(StateHasChanged);

    private void OnJobChanged(ImportJob job) => _ = InvokeAsync(async () =>
    {
        if (job.IsDone)
            await LoadHistoryAsync();
        else if (System.Diagnostics.Stopwatch.GetElapsedTime(_lastRender) < UiInterval)
            return; // progress arrives up to four times a second per job; the bar needn't redraw faster
        _lastRender = System.Diagnostics.Stopwatch.GetTimestamp();
        StateHasChanged();
    });

    private async Task UploadAsync(IReadOnlyList<IBrowserFile>? files)
    {
        _uploadMessages.Clear();
        if (files is null || files.Count == 0)
            return;
        if (!await AllowedAsync(DashboardPolicies.Editor))
        {
            _uploadMessages.Add("Importing needs the Editor role; ask an administrator.");
            return;
        }
        var total = files.Sum(f => f.Size);
        if (total > _maxUploadBytes)
        {
            _uploadMessages.Add($"Nothing was uploaded: these {files.Count:N0} files make {Bytes(total)}, more than the limit of {Bytes(_maxUploadBytes)} " +
                                "per upload (Import:MaxUploadBytes). Upload them in parts, or put them in the watch folder.");
            return;
        }

        var folder = await Uploads.CreateAsync();
        _upload = new CancellationTokenSource();
        var ct = _upload.Token;
        _uploading = true;
        _uploadedBytes = 0;
        _uploadTotalBytes = total;
        var saved = new List<string>();
        try
        {
            foreach (var file in files)
            {
                var name = SafeName(file.Name);
                if (ControlCharacter(file.Name) is { } control)
                    _uploadMessages.Add($"The name of {Escaped(file.Name)} holds the control character {control}, which file names can't; it is imported as {name}.");
                var isZip = name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);
                if (!isZip && file.Size > _maxFileBytes)
                {
                    _uploadMessages.Add($"{file.Name} was not imported: it is {Bytes(file.Size)}, more than the limit of {Bytes(_maxFileBytes)} per article file (Import:MaxFileBytes).");
                    _uploadTotalBytes -= file.Size;
                    continue;
                }
                _uploadFile = file.Name;
                var path = UniquePath(folder, name);
                // Streamed in chunks to disk: a 500 MiB archive never sits in the server's memory.
                await using (var input = file.OpenReadStream(isZip ? _maxUploadBytes : _maxFileBytes, ct))
                await using (var output = File.Create(path))
                {
                    var buffer = new byte[81920];
                    int read;
                    while ((read = await input.ReadAsync(buffer, ct)) > 0)
                    {
                        await output.WriteAsync(buffer.AsMemory(0, read), ct);
                        _uploadedBytes += read;
                        if (System.Diagnostics.Stopwatch.GetElapsedTime(_lastRender) >= UiInterval)
                        {
                            _lastRender = System.Diagnostics.Stopwatch.GetTimestamp();
                            StateHasChanged();
                        }
                    }
                }
                saved.Add(name);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            _uploadMessages.Add("The upload was cancelled; nothing from it was imported.");
            saved.Clear();
        }
        catch (IOException e)
        {
            _uploadMessages.Add($"The upload of {_uploadFile} failed: {e.Message}. Nothing from this upload was imported.");
            saved.Clear();
        }
        finally
        {
            _uploading = false;
            _upload.Dispose();
            _upload = null;
        }

        if (saved.Count == 0)
        {
            await Uploads.ForgetAsync(folder);
            return;
        }
        var source = saved.Count <= 3 ? string.Join(", ", saved) : $"{string.Join(", ", saved.Take(3))} and {saved.Count - 3:N0} more";
        var user = (await AuthState.GetAuthenticationStateAsync()).User.Identity;
        _myJob = Jobs.Enqueue("upload", source, [folder], tempFolder: folder, startedBy: user?.IsAuthenticated == true ? user.Name : null);
    }

    private void CancelUpload() => _upload?.Cancel();

    // Points the server at a folder of its own file system: with accounts (issue 6), for admins only, like /admin/backup.
    private async Task ApplyWatch()
    {
        // The button only shows for admins; a circuit is long-lived, so the role is checked again when it is used.
        if (await AllowedAsync(DashboardPolicies.Admin))
            Watch.Watch(_watchInput);
    }

    private async Task<bool> AllowedAsync(string policy)
    {
        var user = (await AuthState.GetAuthenticationStateAsync()).User;
        return (await Authorization.AuthorizeAsync(user, policy)).Succeeded;
    }

    /// <summary>
    /// The browser's file name without any folder part, so an upload can never write outside its folder, and with
    /// control characters as "_": a NUL made creating the file throw, which stalled the whole upload.
    /// </summary>
    private static string SafeName(string name)
    {
        var file = Path.GetFileName(string.Concat(name.Select(c => char.IsControl(c) ? '_' : c)).Replace('\\', '/'));
        return string.IsNullOrWhiteSpace(file) || file.StartsWith('.') ? "upload" + (file ?? "") : file;
    }

    /// <summary>The first control character of a name as "U+0000", or null.</summary>
    private static string? ControlCharacter(string name)
    {
        foreach (var c in name)
            if (char.IsControl(c))
                return $"U+{(int)c:X4}";
        return null;
    }

    /// <summary>A name as a message can show it: control characters as their code ("a\u0000b.md").</summary>
    private static string Escaped(string name) => string.Concat(name.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));

    private static string UniquePath(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        for (var i = 2; File.Exists(path); i++)
            path = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(name)} ({i}){Path.GetExtension(name)}");
        return path;
    }

    private static string JobTitle(ImportJob job) => job.State switch
    {
        ImportJobState.Queued => "Import waiting for the one before it",
        ImportJobState.Running => "Importing…",
        ImportJobState.Cancelled => "Import cancelled",
        ImportJobState.Failed => "Import failed",
        _ => "Import finished",
    } + (job.Kind == "watch" ? " (watch folder)" : "");

    private static string ProgressText(ImportJob job)
    {
        if (job.Progress is not { } p)
            return job.State == ImportJobState.Queued ? "Waiting…" : "Counting files…";
        var left = p.FilesPerSecond > 0 ? TimeSpan.FromSeconds((p.FilesTotal - p.FilesDone) / p.FilesPerSecond) : (TimeSpan?)null;
        return $"{Labels.Count(p.FilesDone)} of {Labels.Count(p.FilesTotal)} files · {p.FilesPerSecond.ToString("N0", CultureInfo.InvariantCulture)} files/s" +
               (left is { } l ? $" · about {Duration(l)} left" : "");
    }

    private static string KindLabel(string kind) => kind switch { "upload" => "Upload", "watch" => "Watch folder", "cli" => "Command line", "undo" => "Undo", _ => kind };

    private string Status(ImportRun run) =>
        _undoStates.TryGetValue(run.Id, out var undo)
            ? undo.UndoneByRunId is { } by ? $"undone by #{by}"
              : $"removed {Labels.Count(undo.Undid!.ArticlesRemoved, "article")} and {Labels.Count(undo.Undid.ReferencesRemoved, "reference")}" +
                (undo.Undid.KeptAsReferences > 0 ? $"; {Labels.Count(undo.Undid.KeptAsReferences)} kept as {(undo.Undid.KeptAsReferences == 1 ? "a reference" : "references")}" : "") +
                (undo.Undid.UpdatedNotReverted > 0 ? $"; {Labels.Count(undo.Undid.UpdatedNotReverted)} updates not reverted" : "")
        : run.FinishedAt is null ? (Jobs.Snapshot().Any(j => j.HistoryId == run.Id && !j.IsDone) ? "running" : "cut short (the app stopped)")
        : run.Error is not null ? $"failed: {run.Error}" : run.Cancelled ? "cancelled" : run.Rejected > 0 ? "done, with rejected files" : "done";

    private static double Percent(long done, long total) => total > 0 ? 100.0 * done / total : 0;

    private static string Bytes(long bytes) => ArticleImporter.FormatBytes(bytes);

    private static string Duration(TimeSpan t) =>
        t.TotalSeconds < 60 ? $"{t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s"
        : t.TotalMinutes < 60 ? $"{(int)t.TotalMinutes} min {t.Seconds} s" : $"{(int)t.TotalHours} h {t.Minutes} min";

    public void Dispose()
    {
        Jobs.Changed -= OnJobChanged;
        Watch.Changed -= OnWatchChanged;
        Live.DataChanged -= OnDataChanged;
        _closed.Cancel();
        _upload?.Cancel();
        GC.SuppressFinalize(this);
    }
}
