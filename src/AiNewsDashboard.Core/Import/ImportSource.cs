using System.IO.Compression;

namespace AiNewsDashboard.Core.Import;

/// <summary>One article file to import: where it came from (as the user named it) and how to read it.</summary>
/// <param name="ReadInOrder">
/// True when it must be read before the next item is asked for (a zip entry: the archive is not thread-safe and is
/// closed once enumerated); otherwise the importer reads items later and several at a time.
/// </param>
public sealed record ImportItem(string DisplayPath, long Length, Func<int, byte[]> ReadUpTo, bool ReadInOrder = false);

/// <summary>
/// Turns what the user named (files, folders searched recursively, .zip archives, or in-memory texts)
/// into an ordered stream of <see cref="ImportItem"/>s. Order is deterministic (ordinal by path),
/// so an interrupted import re-run finishes with exactly the same end state.
/// </summary>
public static class ImportSource
{
    /// <summary>Counts what <see cref="Enumerate"/> will yield, from metadata only (no file contents read).</summary>
    public static int Count(IEnumerable<string> paths)
    {
        var n = 0;
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in FilesUnder(path))
                    n += IsZip(file) ? CountZip(file) : 1;
            }
            else
                n += IsZip(path) && File.Exists(path) ? CountZip(path) : 1;
        }
        return n;
    }

    public static IEnumerable<ImportItem> Enumerate(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in FilesUnder(path))
                    foreach (var item in FromFile(file))
                        yield return item;
            }
            else
            {
                foreach (var item in FromFile(path))
                    yield return item;
            }
        }
    }

    public static IEnumerable<ImportItem> FromTexts(IEnumerable<(string Name, string Text)> texts)
    {
        foreach (var (name, text) in texts)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            yield return new ImportItem(name, bytes.Length, _ => bytes);
        }
    }

    private static IEnumerable<ImportItem> FromFile(string path)
    {
        if (!File.Exists(path))
        {
            yield return Missing(path);
            yield break;
        }
        if (IsZip(path))
        {
            foreach (var item in FromZip(path))
                yield return item;
            yield break;
        }
        var length = new FileInfo(path).Length;
        yield return new ImportItem(path, length, max => ReadFile(path, max));
    }

    private static IEnumerable<ImportItem> FromZip(string path)
    {
        ZipArchive? zip = null;
        string? openError = null;
        try
        {
            zip = ZipFile.OpenRead(path);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            openError = $"cannot open the zip archive: {e.Message}";
        }
        if (zip is null)
        {
            yield return new ImportItem(path, 0, _ => throw new ImportReadException(openError!));
            yield break;
        }

        using (zip)
        {
            // ZipArchive is not thread-safe: the importer reads each entry in the enumerating thread, before
            // asking for the next one (ReadInOrder), and parses the bytes later in parallel. Reading stops one byte
            // past the limit, so an entry whose declared size lies (a zip bomb) never inflates further than that.
            foreach (var entry in zip.Entries.Where(e => !IsDirectoryEntry(e)).OrderBy(e => e.FullName, StringComparer.Ordinal))
                yield return new ImportItem($"{path}!{entry.FullName}", entry.Length, max => ReadEntry(entry, max), ReadInOrder: true);
        }
    }

    private static byte[] ReadEntry(ZipArchiveEntry entry, int max)
    {
        try
        {
            using var s = entry.Open();
            return ReadStream(s, (int)Math.Min(entry.Length, max + 1L), max + 1);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new ImportReadException($"cannot read this entry of the zip archive: {e.Message}");
        }
    }

    private static bool IsDirectoryEntry(ZipArchiveEntry e) => e.FullName.EndsWith('/') || e.FullName.EndsWith('\\');

    private static int CountZip(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            return zip.Entries.Count(e => !IsDirectoryEntry(e));
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return 1;
        }
    }

    private static ImportItem Missing(string path) =>
        new(path, 0, _ => throw new ImportReadException("no such file or folder"));

    private static bool IsZip(string path) => path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for a dot file, or a file in a dot folder, below <paramref name="root"/>: editors' and copy tools' temporaries.</summary>
    public static bool IsHiddenBelow(string root, string path) =>
        Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar).Any(p => p.StartsWith('.'));

    /// <summary>All files below a folder, recursively, hidden ones (".name") skipped, in ordinal path order.</summary>
    private static IEnumerable<string> FilesUnder(string dir)
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
