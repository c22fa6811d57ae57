using System.Collections.Concurrent;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Web.Hosting;
using Microsoft.Extensions.Options;

namespace AiNewsDashboard.Web.Import;

/// <summary>
/// The folders uploads wait in (<see cref="DashboardImportOptions.UploadFolder"/>, by default beside the database), each
/// held by the instance that received it through a lease, so instances sharing the folder never import or delete each other's
/// uploads. A complete upload carries its job (<see cref="PendingUpload"/>) before it is acknowledged; one whose instance
/// stopped or died is taken over by whichever instance gets its lease first (the same one after a restart): a complete
/// upload is imported, one that never finished arriving is deleted.
/// </summary>
public sealed class UploadFolders(ImportJobs jobs, IOptions<DatabaseOptions> database, IOptions<DashboardImportOptions> settings,
    ILogger<UploadFolders> log, InstanceLeases? leases = null)
    : BackgroundService
{
    /// <summary>How long an upload's lease lasts unless renewed; it is renewed three times as often.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, byte> _held = new(StringComparer.Ordinal);

    private string Root => settings.Value.UploadFolderFor(database.Value);

    private static string LeaseName(string folder) => "upload:" + folder;

    /// <summary>A new, empty upload folder, held by this instance until <see cref="ForgetAsync"/>.</summary>
    public async Task<string> CreateAsync(CancellationToken ct = default)
    {
        var folder = Path.Combine(Root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        _held[folder] = 0;
        if (leases is not null)
            await leases.TryHoldAsync(LeaseName(folder), LeaseDuration, ct);
        return folder;
    }

    /// <summary>Deletes an upload's folder once it is imported or given up, and lets its lease go.</summary>
    public async Task ForgetAsync(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
        catch (IOException e)
        {
            log.LogWarning("Could not delete {Folder}: {Error}", folder, e.Message);
        }
        _held.TryRemove(folder, out _);
        if (leases is not null)
            await leases.ReleaseAsync(LeaseName(folder));
    }

    /// <summary>
    /// Signals the loop to end without waiting for it: a renewal may be waiting for the database's write lock, which a
    /// running import holds, and the host must not wait for that before it cancels the import. Leases lapse by themselves.
    /// </summary>
    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _ = base.StopAsync(cancellationToken);
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RenewAsync(stoppingToken);
                await AdoptAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning("Uploads: could not renew or look for waiting uploads ({Error}); trying again", e.Message);
            }
            if (leases is null)
                return; // one instance: the pass at start is all there is to do
            await Task.Delay(LeaseDuration / 3, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task RenewAsync(CancellationToken ct)
    {
        if (leases is null)
            return;
        foreach (var folder in _held.Keys)
            if (await leases.TryHoldAsync(LeaseName(folder), LeaseDuration, ct) != leases.Holder)
            {
                // Lapsed while this instance could not reach the database, and taken over: the other instance has it now.
                _held.TryRemove(folder, out _);
                log.LogWarning("Upload {Folder}: another instance took it over", folder);
            }
    }

    /// <summary>
    /// Takes over the upload folders nobody holds (at start: the ones this instance left when it stopped): a complete
    /// upload is queued again (importing is idempotent, so what was committed comes out unchanged), an unfinished one goes.
    /// </summary>
    public async Task AdoptAsync(CancellationToken ct = default)
    {
        if (!Directory.Exists(Root))
            return;
        foreach (var folder in Directory.EnumerateDirectories(Root).Order(StringComparer.Ordinal))
        {
            if (_held.ContainsKey(folder) || (leases is not null && await leases.TryHoldAsync(LeaseName(folder), LeaseDuration, ct) != leases.Holder))
                continue;
            _held[folder] = 0;
            try
            {
                var manifest = Path.Combine(folder, PendingUpload.FileName);
                if (File.Exists(manifest) && System.Text.Json.JsonSerializer.Deserialize<PendingUpload>(await File.ReadAllTextAsync(manifest, ct)) is { } pending)
                {
                    jobs.Enqueue(pending.Kind, $"{pending.Source} (resumed after a restart)", [folder], tempFolder: folder, startedBy: pending.StartedBy);
                    log.LogInformation("Resuming the upload {Source}, which was waiting when its instance stopped", pending.Source);
                }
                else
                    await ForgetAsync(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
            {
                log.LogWarning("Could not resume or clear the upload folder {Folder}: {Error}", folder, e.Message);
            }
        }
    }
}

/// <summary>
/// Checks at start that this instance can write to the upload folder (creating it when missing), so an unusable folder
/// (a share not mounted, no permission) stops the app with a message naming it, rather than failing the first upload.
/// Registered by the web host only: commands never use the folder.
/// </summary>
public sealed class UploadFolderCheck(IOptions<DatabaseOptions> database) : IValidateOptions<DashboardImportOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardImportOptions options)
    {
        string folder;
        try
        {
            folder = options.UploadFolderFor(database.Value);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            // Unset, the folder follows the database, whose own check at start names what is wrong with it.
            return options.UploadFolder is { Length: > 0 }
                ? ValidateOptionsResult.Fail($"{DashboardImportOptions.Section}:{nameof(DashboardImportOptions.UploadFolder)}: is not a folder path ({e.Message}) (was '{options.UploadFolder}')")
                : ValidateOptionsResult.Skip;
        }
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-check-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return ValidateOptionsResult.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ValidateOptionsResult.Fail(
                $"{DashboardImportOptions.Section}:{nameof(DashboardImportOptions.UploadFolder)}: uploads can't be written to {folder} ({e.Message}); " +
                $"name a folder this instance can write to, the same for every instance (was '{options.UploadFolder}')");
        }
    }
}
