using System.IO.Compression;

namespace AiNewsDashboard.Core.Import;

/// <summary>One article file to import: where it came from (as the user named it) and how to read it.</summary>
/// <param name="ReadInOrder">
/// True when it must be read before the next item is asked for (a zip entry: the archive is not thread-safe and is
/// closed once enumerated); otherwise the importer reads items later and several at a time.
/// </param>
/// <param name="Skipped">
/// Why this is not imported at all (a FIFO, device or socket: never opened); the importer reports it as a warning
/// and does not count it as a file.
/// </param>
/// <param name="RelativePath">
/// The path relative to the import root: below the folder named, or the name of a named file, with "/" between folders
/// and "!" before a zip entry. It decides between two files for one article when all else is equal
/// (<see cref="DuplicateFileRule"/>), so the same folder imported from elsewhere decides the same way. Null: the display path.
/// </param>
public sealed record ImportItem(string DisplayPath, long Length, Func<int, byte[]> ReadUpTo, bool ReadInOrder = false, string? Skipped = null,
    string? RelativePath = null)
{
    /// <summary><see cref="RelativePath"/>, or the display path when the source gave none.</summary>
    public string PathInRoot => RelativePath ?? DisplayPath;
}

/// <summary>What a set of paths holds, from metadata only: the files to import and their bytes (zip entries uncompressed).</summary>
public sealed record ImportSurvey(int Files, long Bytes);

/// <summary>
/// Turns what the user named (files, folders searched recursively, .zip archives, or in-memory texts)
/// into an ordered stream of <see cref="ImportItem"/>s. Order is deterministic (ordinal by path),
/// so an interrupted import re-run finishes with exactly the same end state.
/// </summary>
public static class ImportSource
{
    /// <summary>Entries one .zip archive may hold (Import:MaxArchiveEntries); an archive with more is one rejected file.</summary>
    public const int DefaultMaxArchiveEntries = 100_000;

    /// <summary>
    /// Counts what <see cref="Enumerate"/> will yield, and the bytes it holds (a zip entry at its uncompressed size),
    /// from metadata only: no file contents read, no FIFO or device opened.
    /// </summary>
    public static ImportSurvey Survey(IEnumerable<string> paths, int maxArchiveEntries = DefaultMaxArchiveEntries)
    {
        var files = 0;
        var bytes = 0L;
        foreach (var path in paths)
        {
            foreach (var file in Directory.Exists(path) ? FilesUnderOrNone(path) : [path])
            {
                var (kind, length) = FileKind.Of(file);
                if (kind == FileKind.Kind.Regular && IsZip(file))
                {
                    var (entries, entryBytes) = SurveyZip(file, maxArchiveEntries);
                    files += entries;
                    bytes += entryBytes;
                }
                else if (kind != FileKind.Kind.Other)
                {
                    files++;
                    bytes += length;
                }
            }
        }
        return new ImportSurvey(files, bytes);
    }

    /// <summary>
    /// The files to import, in order. Never throws for one file's sake: a file or archive that can't be read is an item
    /// that fails when read (one rejected file, with the reason), so the others are still imported.
    /// </summary>
    public static IEnumerable<ImportItem> Enumerate(IEnumerable<string> paths, int maxArchiveEntries = DefaultMaxArchiveEntries)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                List<string> files;
                string? listError = null;
                try
                {
                    files = FilesUnder(path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    files = [];
                    listError = $"cannot list the folder: {e.Message}";
                }
                if (listError is not null)
                    yield return Rejected(path, listError);
                foreach (var file in files)
                    foreach (var item in FromFile(file, RelativeTo(path, file), maxArchiveEntries))
                        yield return item;
            }
            else
            {
                foreach (var item in FromFile(path, Path.GetFileName(path), maxArchiveEntries))
                    yield return item;
            }
        }
    }

    public static IEnumerable<ImportItem> FromTexts(IEnumerable<(string Name, string Text)> texts)
    {
        foreach (var (name, text) in texts)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            yield return new ImportItem(name, bytes.Length, _ => bytes, RelativePath: name);
        }
    }

    private static string RelativeTo(string root, string file) => Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');

    private static IEnumerable<ImportItem> FromFile(string path, string relativePath, int maxArchiveEntries)
    {
        // The file's type first: opening a FIFO blocks until something writes to it, and the importer's one thread
        // with it (uploads and the watch folder wait behind it, and so does shutdown).
        var (kind, length) = FileKind.Of(path);
        if (kind == FileKind.Kind.Missing)
        {
            yield return Missing(path);
            yield break;
        }
        if (kind == FileKind.Kind.Other)
        {
            yield return new ImportItem(path, 0, _ => [], Skipped: "skipped: not a regular file (a FIFO, device or socket); it was not opened");
            yield break;
        }
        if (IsZip(path))
        {
            foreach (var item in FromZip(path, relativePath, maxArchiveEntries))
                yield return item;
            yield break;
        }
        yield return new ImportItem(path, length, max => ReadFile(path, max), RelativePath: relativePath);
    }

    private static IEnumerable<ImportItem> FromZip(string path, string relativePath, int maxArchiveEntries)
    {
        ZipArchive? zip = null;
        List<ZipArchiveEntry>? entries = null;
        string? error;
        try
        {
            error = TooManyEntries(path, maxArchiveEntries);
            if (error is null)
            {
                zip = ZipFile.OpenRead(path);
                // The central directory is read here: a corrupt one fails now, as this one archive's error.
                entries = [.. zip.Entries.Where(e => !IsDirectoryEntry(e)).OrderBy(e => e.FullName, StringComparer.Ordinal)];
                error = TooManyEntries(entries.Count, maxArchiveEntries);
            }
        }
        catch (Exception e) when (IsArchiveFailure(e))
        {
            error = $"cannot open the zip archive: {e.Message}";
        }
        if (error is not null)
        {
            zip?.Dispose();
            yield return Rejected(path, error + " Nothing in it was imported.");
            yield break;
        }

        using (zip)
        {
            // ZipArchive is not thread-safe: the importer reads each entry in the enumerating thread, before
            // asking for the next one (ReadInOrder), and parses the bytes later in parallel. An entry inflates to at
            // most the size it declares (ZipArchive stops there), and one declaring more than the limit is not read.
            foreach (var entry in entries!)
                yield return new ImportItem($"{path}!{entry.FullName}", entry.Length, max => ReadEntry(entry, max), ReadInOrder: true,
                    RelativePath: $"{relativePath}!{entry.FullName}");
        }
    }

    /// <summary>What a broken or unusual archive throws: it rejects that archive, never the import.</summary>
    private static bool IsArchiveFailure(Exception e) =>
        e is InvalidDataException or IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException;

    /// <summary>
    /// Refuses an archive with too many entries from the count its end record states, before ZipArchive builds an
    /// object for each of them (millions of tiny entries fit in an upload, and would take gigabytes).
    /// </summary>
    private static string? TooManyEntries(string path, int max)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        return ZipEndRecord.DeclaredEntries(fs) is { } n ? TooManyEntries(n, max) : null;
    }

    private static string? TooManyEntries(long entries, int max) => entries > max
        ? $"the zip archive holds {entries:N0} entries, more than the limit of {max:N0} per archive (Import:MaxArchiveEntries)."
        : null;

    private static byte[] ReadEntry(ZipArchiveEntry entry, int max)
    {
        try
        {
            using var s = entry.Open();
            return ReadStream(s, (int)Math.Min(entry.Length, max + 1L), max + 1);
        }
        catch (Exception e) when (IsArchiveFailure(e))
        {
            throw new ImportReadException($"cannot read this entry of the zip archive: {e.Message}");
        }
    }

    private static bool IsDirectoryEntry(ZipArchiveEntry e) => e.FullName.EndsWith('/') || e.FullName.EndsWith('\\');

    /// <summary>Entries and their uncompressed bytes; an archive that will be rejected counts as one file of no bytes.</summary>
    private static (int Files, long Bytes) SurveyZip(string path, int maxArchiveEntries)
    {
        try
        {
            if (TooManyEntries(path, maxArchiveEntries) is not null)
                return (1, 0);
            using var zip = ZipFile.OpenRead(path);
            var entries = zip.Entries.Where(e => !IsDirectoryEntry(e)).ToList();
            return entries.Count > maxArchiveEntries ? (1, 0) : (entries.Count, entries.Sum(e => e.Length));
        }
        catch (Exception e) when (IsArchiveFailure(e))
        {
            return (1, 0);
        }
    }

    private static ImportItem Missing(string path) => Rejected(path, "no such file or folder");

    private static ImportItem Rejected(string path, string why) => new(path, 0, _ => throw new ImportReadException(why));

    private static bool IsZip(string path) => path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for a dot file, or a file in a dot folder, below <paramref name="root"/>: editors' and copy tools' temporaries.</summary>
    public static bool IsHiddenBelow(string root, string path) =>
        Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar).Any(p => p.StartsWith('.'));

    /// <summary>As <see cref="FilesUnder"/>; none when the folder can't be listed (the import reports that).</summary>
    private static List<string> FilesUnderOrNone(string dir)
    {
        try
        {
            return FilesUnder(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>All files below a folder, recursively, hidden ones (".name") skipped, in ordinal path order.</summary>
    private static List<string> FilesUnder(string dir)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System };
        var files = Directory.EnumerateFiles(dir, "*", options)
            .Where(f => !IsHiddenBelow(dir, f))
            .ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private static byte[] ReadFile(string path, int max)
    {
        try
        {
            // Unbuffered: the reads go straight into the array ReadStream returns (a 4 KiB buffer per file was the
            // import's largest allocation after parsing).
            using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            return ReadStream(fs, (int)Math.Min(fs.Length, max + 1L), max + 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImportReadException($"cannot read the file: {e.Message}");
        }
    }

    /// <summary>
    /// Reads at most <paramref name="max"/> bytes. The array is sized to what the file or entry says it holds, so the
    /// usual read fills it exactly and it is returned without a copy; a one-byte read then tells a complete file from
    /// one that is longer than it said (it grew meanwhile, or a zip entry lies about its size).
    /// </summary>
    private static byte[] ReadStream(Stream s, int sizeHint, int max)
    {
        var buffer = new byte[Math.Clamp(sizeHint, 1, max)];
        var total = 0;
        Span<byte> probe = stackalloc byte[1];
        while (true)
        {
            if (total == buffer.Length)
            {
                if (total == max || s.Read(probe) == 0)
                    break;
                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, max));
                buffer[total++] = probe[0];
                continue;
            }
            var read = s.Read(buffer, total, buffer.Length - total);
            if (read == 0)
                break;
            total += read;
        }
        return total == buffer.Length ? buffer : buffer[..total];
    }
}

/// <summary>A file or archive entry that could not be read; the message becomes the file's error.</summary>
public sealed class ImportReadException(string message) : Exception(message);
