using System.Diagnostics;
using System.Security.Cryptography;
using System.Threading.Channels;
using AiNewsDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Import;

/// <summary>
/// Imports article files into the store. Three stages, each on a thread of its own, hand chunks of files on in
/// order: one reads them (waiting on the disk meanwhile costs the others nothing), one parses them (on every core
/// but the writer's), and a single writer stores them, one transaction per batch and all-or-nothing per file.
/// Memory stays flat: at most a few chunks are in flight, whatever the size of the corpus.
/// After each commit it tells <paramref name="commits"/> (the app's query snapshot listens there), so the dashboard
/// shows new articles without waiting for the store's change feed.
/// </summary>
public sealed class ArticleImporter(IDbContextFactory<NewsDbContext> dbFactory, IArticleStore store, StoreCommits? commits = null, TimeProvider? clock = null)
{
    private readonly IArticleStore _store = store;

    private const int ParseChunkSize = 256;
    /// <summary>
    /// A chunk also ends at this many bytes: with up to six chunks in flight between the stages, 256 files of 1 MiB
    /// each would hold 1.5 GB (the usual chunk of 3 KB files is 768 KB and never reaches it).
    /// </summary>
    private const long ParseChunkBytes = 16L * 1024 * 1024;
    /// <summary>After reading this much, the import hands the memory it used back to the system.</summary>
    private const long CompactAfterBytes = 256L * 1024 * 1024;

    /// <summary>Parsing threads: every core but the one the writer needs (more only makes them fight over it).</summary>
    internal static int ParseThreads { get; set; } = Math.Max(1, Environment.ProcessorCount - 1);
    /// <summary>Files read at once: mostly waiting on the disk, so more than there are cores.</summary>
    private const int ConcurrentReads = 8;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>Imports files, folders (recursively) and .zip archives, named as the user gave them.</summary>
    /// <exception cref="ImportRefusedException">
    /// Before anything is read: the files add up to more than <see cref="ImportOptions.MaxTotalBytes"/>, or the disk
    /// has not room enough for them (<see cref="ImportOptions.MinFreeDiskBytes"/>).
    /// </exception>
    public async Task<ImportReport> ImportPathsAsync(IReadOnlyList<string> paths, ImportOptions? options = null,
        IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        options ??= new ImportOptions();
        var survey = ImportSource.Survey(paths, options.MaxArchiveEntries);
        if (options.MaxTotalBytes is { } max && survey.Bytes > max)
            throw new ImportRefusedException(
                $"these files hold {FormatBytes(survey.Bytes)} uncompressed, more than the limit of {FormatBytes(max)} per upload " +
                "(Import:MaxUploadUncompressedBytes); nothing was imported. Upload them in parts, or import them with the command line.");
        await CheckFreeSpaceAsync(survey.Bytes, options.MinFreeDiskBytes, ct);
        return await ImportAsync(ImportSource.Enumerate(paths, options.MaxArchiveEntries), survey.Files, options, progress, ct);
    }

    /// <summary>
    /// Refuses to start unless the database's disk has room for what is to be imported twice over (the database and
    /// its write-ahead log each take a copy before a checkpoint) plus the reserve: a full disk mid-import stops it with
    /// an error the user can do less about.
    /// </summary>
    private async Task CheckFreeSpaceAsync(long bytes, long reserve, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (_store.DiskFolder(db) is not { } folder)
            return;
        var free = new DriveInfo(folder).AvailableFreeSpace;
        var needed = 2 * bytes + reserve;
        if (free < needed)
            throw new ImportRefusedException(
                $"not enough free disk space to import: about {FormatBytes(needed)} is needed ({FormatBytes(bytes)} of files, twice over " +
                $"for the database and its log, and {FormatBytes(reserve)} kept free, Import:MinFreeDiskBytes), and {FormatBytes(free)} " +
                $"is free where the database is ({folder}). Nothing was imported.");
    }

    /// <summary>
    /// Removes the bundled demo data (<see cref="Data.Article.IsDemo"/>) through the writer, the one code that writes
    /// articles, in one transaction.
    /// </summary>
    /// <returns>How many articles (references included) were removed.</returns>
    public async Task<int> RemoveDemoAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        using var writer = _store.OpenWriter(db);
        writer.BeginBatch();
        var removed = writer.RemoveDemo();
        writer.CommitBatch();
        commits?.Publish();
        return removed;
    }

    public async Task<ImportReport> ImportAsync(IEnumerable<ImportItem> items, int totalFiles, ImportOptions? options = null,
        IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        options ??= new ImportOptions();
        var stopwatch = Stopwatch.StartNew();
        var parser = new ArticleFileParser(options.Parser.LatestDate is null
            ? options.Parser with { LatestDate = _clock.GetUtcNow().UtcDateTime.AddDays(options.LatestDateDaysAhead) }
            : options.Parser);
        var tally = new Tally();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);

        var read = Channel.CreateBounded<RawFile[]>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var chunks = Channel.CreateBounded<ParsedFile[]>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        using var stopProducer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reader = Task.Run(() => ReadAsync(items, options.Parser.MaxFileBytes, read.Writer, stopProducer.Token), CancellationToken.None);
        var producer = Task.Run(() => ParseAsync(read.Reader, parser, chunks.Writer, stopProducer.Token), CancellationToken.None);

        var cancelled = false;
        using (var writer = _store.OpenWriter(db, options.RunId))
        {
            var inBatch = 0;
            var batchBytes = 0L;
            var written = new List<WrittenFile>(options.BatchSize); // this batch's stored files, replayed after a rollback
            writer.BeginBatch();
            try
            {
                await foreach (var chunk in chunks.Reader.ReadAllAsync(ct))
                {
                    foreach (var file in chunk)
                    {
                        if (file.Skipped is { } why)
                        {
                            tally.Problems.Add(new ImportProblem(file.Path, ProblemSeverity.Warning, null, why));
                            tally.Warnings++;
                            continue;
                        }
                        Write(writer, parser, file, options.MarkAsDemo, tally, written);
                        batchBytes += file.Bytes?.Length ?? 0;
                        // Large files end a batch early: its files' bytes stay in memory until the commit.
                        if (++inBatch >= options.BatchSize || batchBytes >= options.BatchBytes)
                        {
                            var commit = writer.CommitBatch();
                            commits?.Publish(commit);
                            tally.Committed();
                            writer.BeginBatch();
                            written.Clear();
                            inBatch = 0;
                            tally.Bytes += batchBytes;
                            batchBytes = 0;
                        }
                    }
                    progress?.Report(new ImportProgress(tally.Files, totalFiles, stopwatch.Elapsed));
                }
                await Task.WhenAll(reader, producer); // their failures reach the writer through the channels; this waits for their ends
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Every file written so far is whole; keep them. The rest was never started.
                cancelled = true;
            }
            catch
            {
                writer.RollbackBatch();
                await stopProducer.CancelAsync();
                throw;
            }
            var last = writer.CommitBatch();
            commits?.Publish(last);
            tally.Committed();
            tally.Bytes += batchBytes;
        }
        await stopProducer.CancelAsync();
        try { await Task.WhenAll(reader, producer); } catch (OperationCanceledException) { }
        if (tally.Bytes >= CompactAfterBytes)
        {
            // The large arrays this import read sit on the large-object heap, which the GC neither compacts nor hands
            // back by itself: a 3 GB import kept 6.9 GB resident for good. An aggressive collection decommits them.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }

        var (articles, references) = options.CountTotals ? await CountArticlesAsync(db, CancellationToken.None) : ((int?)null, (int?)null);
        return new ImportReport(tally.Files, tally.Imported, tally.Updated, tally.Unchanged, tally.Rejected, tally.Warnings,
            articles, references, tally.Problems, stopwatch.Elapsed, cancelled);
    }

    private void Write(IArticleWriter writer, ArticleFileParser parser, ParsedFile file, bool demo, Tally tally, List<WrittenFile> written)
    {
        tally.Files++;
        foreach (var p in file.Problems)
        {
            tally.Problems.Add(new ImportProblem(file.Path, p.Severity, p.Line, p.Message));
            if (p.Severity == ProblemSeverity.Warning)
                tally.Warnings++;
        }
        if (file.Article is null)
        {
            tally.Rejected++;
            return;
        }
        try
        {
            var source = new SourceFile(file.Hash!, file.Path, file.RelativePath, file.Bytes!.Length);
            switch (writer.Write(file.Article, source, demo, _clock.GetUtcNow().UtcDateTime, out var lost))
            {
                case FileOutcome.Imported: tally.Imported++; break;
                case FileOutcome.Updated: tally.Updated++; break;
                case FileOutcome.Unchanged: tally.Unchanged++; break;
            }
            if (lost is not null)
            {
                tally.Problems.Add(lost);
                tally.Warnings++;
            }
            written.Add(new WrittenFile(source, file.Bytes));
        }
        catch (Exception e) when (writer.IsFileError(e))
        {
            // Part of this file may be in the batch: take the batch back and write its earlier files again (they
            // succeeded once, on the same state, so they do again), leaving this one out. The batch goes on.
            // Disk and corruption errors stop the run instead.
            writer.RollbackBatch();
            writer.BeginBatch();
            foreach (var earlier in written)
                writer.Write(PreparedArticle.Of(parser.Parse(earlier.Bytes).Article!), earlier.Source, demo, _clock.GetUtcNow().UtcDateTime, out _);
            tally.Rejected++;
            tally.Problems.Add(new ImportProblem(file.Path, ProblemSeverity.Error, null, $"could not be stored: {e.Message}"));
        }
    }

    /// <summary>
    /// Enumerates and reads the files in chunks, passed on in order. A zip entry is read as it is enumerated
    /// (<see cref="ImportItem.ReadInOrder"/>); files are read when their chunk is complete, several at a time, so that
    /// files not in the page cache wait on the disk together rather than one after the other (100,000 files from a
    /// cold cache: 13.2-14.2 s one at a time, 11.9 s eight at a time). A failure (a folder that vanished, say) ends
    /// the channel with it.
    /// </summary>
    private static async Task ReadAsync(IEnumerable<ImportItem> items, int maxBytes, ChannelWriter<RawFile[]> output, CancellationToken ct)
    {
        try
        {
            var chunk = new List<(ImportItem Item, RawFile? Read)>(ParseChunkSize);
            var chunkBytes = 0L;
            foreach (var item in items)
            {
                ct.ThrowIfCancellationRequested();
                chunk.Add((item, item.ReadInOrder ? Read(item, maxBytes) : null));
                chunkBytes += Math.Min(item.Length, maxBytes);
                if (chunk.Count == ParseChunkSize || chunkBytes >= ParseChunkBytes)
                {
                    await output.WriteAsync(ReadChunk(chunk, maxBytes, ct), ct);
                    chunk.Clear();
                    chunkBytes = 0;
                }
            }
            if (chunk.Count > 0)
                await output.WriteAsync(ReadChunk(chunk, maxBytes, ct), ct);
            output.Complete();
        }
        catch (Exception e)
        {
            output.Complete(e);
        }
    }

    /// <summary>Parses each chunk on the parse threads and passes it on, in order; a failure upstream or here ends the channel with it.</summary>
    private static async Task ParseAsync(ChannelReader<RawFile[]> input, ArticleFileParser parser, ChannelWriter<ParsedFile[]> output,
        CancellationToken ct)
    {
        try
        {
            await foreach (var raw in input.ReadAllAsync(ct))
                await output.WriteAsync(Parse(raw, parser, ct), ct);
            output.Complete();
        }
        catch (Exception e)
        {
            output.Complete(e);
        }
    }

    private static RawFile[] ReadChunk(List<(ImportItem Item, RawFile? Read)> chunk, int maxBytes, CancellationToken ct)
    {
        var raw = new RawFile[chunk.Count];
        Parallel.For(0, raw.Length, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = ConcurrentReads },
            i => raw[i] = chunk[i].Read ?? Read(chunk[i].Item, maxBytes));
        return raw;
    }

    /// <summary>Reads one file, at most one byte past the limit.</summary>
    private static RawFile Read(ImportItem item, int maxBytes)
    {
        if (item.Skipped is not null)
            return new RawFile(item, null, null);
        if (item.Length > maxBytes)
            return new RawFile(item, null, TooLarge(item.Length, maxBytes));
        try
        {
            var bytes = item.ReadUpTo(maxBytes);
            return bytes.Length > maxBytes ? new RawFile(item, null, TooLarge(bytes.Length, maxBytes)) : new RawFile(item, bytes, null);
        }
        catch (ImportReadException e)
        {
            return new RawFile(item, null, e.Message);
        }
    }

    private static string TooLarge(long size, int max) =>
        $"the file is too large: {FormatBytes(size)}{(size == max + 1L ? " or more" : "")}; the limit is {FormatBytes(max)} (Import:MaxFileBytes)";

    /// <summary>A size as the limits are stated: "1 MiB", "256 KiB", "812 bytes" (the import page says sizes the same way).</summary>
    public static string FormatBytes(long bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / (1024.0 * 1024)).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " MiB",
        >= 1024 => (bytes / 1024.0).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " KiB",
        _ => $"{bytes} bytes",
    };

    private static ParsedFile[] Parse(RawFile[] raw, ArticleFileParser parser, CancellationToken ct)
    {
        var parsed = new ParsedFile[raw.Length];
        Parallel.For(0, raw.Length, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = ParseThreads }, i =>
        {
            var (item, bytes, error) = raw[i];
            if (item.Skipped is { } why)
            {
                parsed[i] = new ParsedFile(item.DisplayPath, item.PathInRoot, null, [], null, null, why);
                return;
            }
            if (bytes is null)
            {
                parsed[i] = new ParsedFile(item.DisplayPath, item.PathInRoot, null, [new ParseProblem(ProblemSeverity.Error, null, error!)], null, null);
                return;
            }
            var result = parser.Parse(bytes);
            parsed[i] = result.Article is null
                ? new ParsedFile(item.DisplayPath, item.PathInRoot, null, result.Problems, null, null)
                : new ParsedFile(item.DisplayPath, item.PathInRoot, PreparedArticle.Of(result.Article), result.Problems,
                    Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes);
        });
        return parsed;
    }

    /// <summary>
    /// The store's totals for the report, counted after every batch has committed. The count reads every article: at
    /// 10,000,000 on PostgreSQL, while the import's writes were still being checkpointed, it passed the 30 s a command
    /// gets, and an import whose every batch had committed ended in an error. It may take as long as a migration may.
    /// </summary>
    internal static async Task<(int Articles, int References)> CountArticlesAsync(NewsDbContext db, CancellationToken ct)
    {
        var timeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(NewsDbContext.MigrationTimeout);
        try
        {
            var counts = await db.Articles.GroupBy(a => a.IsReference).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            return (counts.FirstOrDefault(c => !c.Key)?.Count ?? 0, counts.FirstOrDefault(c => c.Key)?.Count ?? 0);
        }
        finally
        {
            db.Database.SetCommandTimeout(timeout);
        }
    }

    /// <summary>A file as read: its bytes, or why there are none (too large, unreadable).</summary>
    private sealed record RawFile(ImportItem Item, byte[]? Bytes, string? Error);

    /// <summary>A file as the parse threads hand it to the writer: parsed, prepared (<see cref="PreparedArticle"/>), hashed, and its bytes.</summary>
    /// <param name="Skipped">Why the file was not imported at all (<see cref="ImportItem.Skipped"/>).</param>
    /// <param name="RelativePath"><see cref="ImportItem.PathInRoot"/>.</param>
    private sealed record ParsedFile(string Path, string RelativePath, PreparedArticle? Article, IReadOnlyList<ParseProblem> Problems, string? Hash, byte[]? Bytes,
        string? Skipped = null);

    /// <summary>
    /// A file stored in the current batch, kept to replay it should a later file of the batch fail. Kept as its bytes
    /// (parsed again on that rare path) rather than parsed: a batch's parsed files are ~15 KB each in many small
    /// objects that the GC would have to trace and copy into older generations until the commit; the bytes are
    /// ~3 KB in one array without references.
    /// </summary>
    private sealed record WrittenFile(SourceFile Source, byte[] Bytes);

    private sealed class Tally
    {
        public int Files, Imported, Updated, Unchanged, Rejected, Warnings;
        /// <summary>Bytes of the files stored in committed batches.</summary>
        public long Bytes;
        public List<ImportProblem> Problems { get; } = [];
        private int _files, _imported, _updated;

        /// <summary>After a commit: counts what the batch wrote for the import-rate metric (<see cref="Diagnostics.DashboardMeter"/>).</summary>
        public void Committed()
        {
            Diagnostics.DashboardMeter.ImportCommitted(Files - _files, Imported - _imported, Updated - _updated);
            (_files, _imported, _updated) = (Files, Imported, Updated);
        }
    }
}

/// <summary>An import that did not start, for the reason its message gives (too large for an upload, too little disk).</summary>
public sealed class ImportRefusedException(string message) : InvalidOperationException(message);
