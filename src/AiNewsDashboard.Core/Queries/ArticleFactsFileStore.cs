using System.Diagnostics;
using AiNewsDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiNewsDashboard.Core.Queries;

/// <summary>Where the snapshot file goes; no path, no file (the command line, tests).</summary>
public sealed class SnapshotFileSettings
{
    public string? Path { get; init; }
}

/// <summary>
/// Keeps the query snapshot in a file (<see cref="ArticleFactsFile"/>), so a restart starts from it instead of reading
/// every article again: the cache's first load asks here (<see cref="ArticleFactsCache"/>), and the web host's
/// snapshot worker saves the snapshot once it has stayed unchanged for a while, and when the app stops.
/// </summary>
/// <remarks>
/// A file is used only when it was written from this very store (a random id kept in its <c>Meta</c> table) and the
/// store still holds the commit it was written after (its version and, in the store's commit log, that commit's time).
/// At the version the change feed reports now, with the same highest article id, it is the snapshot; at an earlier
/// one, the cache brings it up to date from the commit log as it does after any commit (or, when the log can't, reads
/// the store). Anything else, and a damaged file, is passed over with the reason in the log, and the store is read as
/// without a file. The file is written beside and moved into place, so a crash leaves the old one or the new one, never
/// half of one.
/// </remarks>
public sealed class ArticleFactsFileStore(IDbContextFactory<NewsDbContext> dbFactory, SnapshotFileSettings settings,
    ILogger<ArticleFactsFileStore>? log = null)
{
    /// <summary>The <c>Meta</c> key of the store's random id.</summary>
    internal const string StoreIdKey = "Snapshot.StoreId";

    private readonly ILogger _log = log ?? NullLogger<ArticleFactsFileStore>.Instance;
    private readonly SemaphoreSlim _writing = new(1, 1);
    private string? _storeId;

    public string? Path => settings.Path;

    /// <summary>The version of the snapshot the file holds, as this process last wrote or read it; null before.</summary>
    public long? FileVersion { get; private set; }

    /// <summary>Whether the file holds <paramref name="facts"/>' version, as this process last wrote or read it.</summary>
    public bool Holds(ArticleFacts facts) => facts.DataVersion == FileVersion;

    /// <summary>How many snapshots were read from the file and written to it (diagnostics, tests).</summary>
    internal int Reads { get; private set; }

    /// <inheritdoc cref="Reads"/>
    internal int Writes { get; private set; }

    /// <summary>
    /// The snapshot the file holds, when it was written from this store at <paramref name="dataVersion"/>, or at an
    /// earlier version whose commit the store still holds (the caller brings it up to date from the commit log; its
    /// <see cref="ArticleFacts.DataVersion"/> says which); otherwise null, and the log says why.
    /// </summary>
    internal async Task<ArticleFacts?> TryReadAsync(long dataVersion, CancellationToken ct)
    {
        if (Path is not { } path || !File.Exists(path))
            return null;
        try
        {
            var started = Stopwatch.GetTimestamp();
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
            if (ArticleFactsFile.ReadStamp(stream, out var problem) is not { } stamp)
                return PassOver(path, problem!);
            var (storeId, maxId, commitTicks) = await ReadStoreAsync(stamp.DataVersion, ct);
            if (stamp.StoreId != storeId)
                return PassOver(path, "it was written from another database");
            if (stamp.DataVersion > dataVersion || stamp.CommitTicks != commitTicks || (stamp.DataVersion == dataVersion && stamp.MaxId != maxId))
                return PassOver(path, $"the store no longer holds the state it was written from (version {stamp.DataVersion:N0}, now {dataVersion:N0}): restored from a backup?");
            if (stamp.DataVersion < dataVersion && commitTicks == 0)
            {
                _log.LogInformation("Snapshot file {Path}: the store changed since it was written (version {FileVersion:N0}, now {Version:N0}) by a change " +
                                    "its commit log does not name; reading the store", path, stamp.DataVersion, dataVersion);
                return null;
            }
            stream.Position = 0;
            if (ArticleFactsFile.Read(stream, out _, out problem) is not { } facts)
                return PassOver(path, problem!);
            FileVersion = stamp.DataVersion;
            Reads++;
            _log.LogInformation("Snapshot file {Path}: {Count:N0} articles read in {Seconds:0.0} s", path, facts.Count,
                Stopwatch.GetElapsedTime(started).TotalSeconds);
            return facts;
        }
        catch (IOException e)
        {
            return PassOver(path, e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            return PassOver(path, e.Message);
        }
    }

    private ArticleFacts? PassOver(string path, string problem)
    {
        _log.LogWarning("Snapshot file {Path} is not used: {Problem}. Reading the store instead", path, problem);
        return null;
    }

    /// <summary>
    /// Writes <paramref name="facts"/> over the file, unless it holds that version already. Never throws for the disk:
    /// a failure is logged and the old file stays as it was.
    /// </summary>
    public async Task SaveAsync(ArticleFacts facts, CancellationToken ct)
    {
        if (Path is not { } path)
            return;
        await _writing.WaitAsync(ct);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            if (Holds(facts))
                return; // written already, perhaps by the other caller (the worker's look, the stop) while this one waited
            var started = Stopwatch.GetTimestamp();
            var storeId = await EnsureStoreIdAsync(ct);
            var commitTicks = await ReadCommitTicksAsync(facts.DataVersion, ct);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
            await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            {
                ArticleFactsFile.Write(stream, facts, new SnapshotStamp(storeId, facts.DataVersion, Math.Max(0, facts.RowOfId.Length - 1), commitTicks));
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
            FileVersion = facts.DataVersion;
            Writes++;
            _log.LogInformation("Snapshot file {Path}: {Count:N0} articles written in {Seconds:0.0} s", path, facts.Count,
                Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DbUpdateException)
        {
            _log.LogWarning("Snapshot file {Path} could not be written: {Problem}. The next start reads the store", path, e.Message);
            try { File.Delete(temporary); } catch (Exception) { /* nothing more to do about it */ }
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>
    /// The store's random id, made when it has none yet. The web host asks at start, so a save never has to write to the
    /// store: a save as the app stops, behind a running import's write lock, would otherwise wait for it and be cut off.
    /// </summary>
    public async Task<string> EnsureStoreIdAsync(CancellationToken ct)
    {
        if (_storeId is { } known)
            return known;
        if (await ReadStoreIdAsync(ct) is not { } id)
        {
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                db.Meta.Add(new AppMeta { Key = StoreIdKey, Value = Guid.NewGuid().ToString("N") });
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException)
                {
                    // Another instance made it at the same moment: use theirs.
                }
            }
            id = await ReadStoreIdAsync(ct) ?? throw new InvalidOperationException($"The store's {StoreIdKey} could not be made");
        }
        return _storeId = id;
    }

    private async Task<string?> ReadStoreIdAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Meta.Where(m => m.Key == StoreIdKey).Select(m => m.Value).FirstOrDefaultAsync(ct);
    }

    /// <summary>When the commit that made <paramref name="version"/> was logged (0: not in the log).</summary>
    private async Task<long> ReadCommitTicksAsync(long version, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var committed = await db.SnapshotCommits.Where(c => c.VersionAfter == version).Select(c => (DateTime?)c.CommittedAt).FirstOrDefaultAsync(ct);
        return committed?.Ticks ?? 0;
    }

    /// <summary>The store's random id (null: none yet), its highest article id, and when the commit that made <paramref name="version"/> was logged (0: none).</summary>
    private async Task<(string? StoreId, int MaxId, long CommitTicks)> ReadStoreAsync(long version, CancellationToken ct)
    {
        var id = _storeId ?? await ReadStoreIdAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var maxId = await db.Articles.MaxAsync(a => (int?)a.Id, ct) ?? 0;
        return (id, maxId, await ReadCommitTicksAsync(version, ct));
    }
}
