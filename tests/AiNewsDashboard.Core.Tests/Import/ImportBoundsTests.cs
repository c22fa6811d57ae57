using System.IO.Compression;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.TestSupport;
using Microsoft.Data.Sqlite;

namespace AiNewsDashboard.Core.Tests.Import;

/// <summary>
/// What an import does with hostile paths and sizes (issue 14): a broken archive or a FIFO is one file's problem,
/// never the import's; limits refuse before anything is read; memory is bounded by bytes, not only by files.
/// </summary>
public sealed class ImportBoundsTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static string Article(int n, string? excerpt = null) =>
        new ArticleBuilder().At($"https://example.com/{n}").Titled($"Story {n}").WithExcerpt(excerpt ?? $"Excerpt {n}").Build();

    /// <summary>A zip of <paramref name="count"/> articles, its central directory then broken as the probe broke it.</summary>
    internal static byte[] ZipWithCorruptCentralDirectory(int count)
    {
        var bytes = Zip(Enumerable.Range(0, count).Select(i => ($"a{i}.md", Article(1000 + i))));
        // The central directory's second header loses its signature: ZipArchive opens the archive, then fails on its entries.
        var first = FindSignature(bytes, 0x02014b50, 0);
        var second = FindSignature(bytes, 0x02014b50, first + 4);
        bytes[second] = 0xFF;
        return bytes;
    }

    internal static byte[] Zip(IEnumerable<(string Name, string Text)> files)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, text) in files)
            {
                using var w = new StreamWriter(zip.CreateEntry(name).Open());
                w.Write(text);
            }
        return ms.ToArray();
    }

    private static int FindSignature(byte[] bytes, uint signature, int from)
    {
        for (var i = from; i + 4 <= bytes.Length; i++)
            if (BitConverter.ToUInt32(bytes, i) == signature)
                return i;
        throw new InvalidOperationException("signature not found");
    }

    // Guards: a corrupt central directory threw out of the enumeration, rolled back the good folder beside it and
    // crashed the CLI (exit 134); in an upload it failed every archive.
    [Fact]
    public async Task ImportPaths_CorruptCentralDirectory_RejectsThatArchiveAndImportsTheRest()
    {
        _db.Directory.Write("in/good/one.md", Article(1));
        _db.Directory.Write("in/good/two.md", Article(2));
        var bad = _db.Directory.WriteBytes("in/bad.zip", ZipWithCorruptCentralDirectory(3));
        _db.Directory.WriteBytes("in/ok.zip", Zip([("z.md", Article(3))]));

        var report = await _db.Importer.ImportPathsAsync([_db.Directory.PathOf("in")]);

        Assert.Equal((4, 3, 1), (report.Files, report.Imported, report.Rejected));
        var problem = Assert.Single(report.Problems);
        Assert.Equal(bad, problem.File);
        Assert.Contains("cannot open the zip archive", problem.Message);
        Assert.Contains("Nothing in it was imported", problem.Message);
    }

    // Guards: a FIFO in an import path or the watch folder blocked the importer's one thread in open(2) for ever.
    [Fact]
    public async Task ImportPaths_FifoInFolder_IsSkippedWithAWarningWithoutOpeningIt()
    {
        if (OperatingSystem.IsWindows())
            return; // no FIFOs in a Windows folder
        _db.Directory.Write("in/good.md", Article(1));
        var fifo = _db.Directory.PathOf("in/pipe.md");
        var fifoZip = _db.Directory.PathOf("in/pipe.zip");
        Fifo.Make(fifo);
        Fifo.Make(fifoZip);

        var import = _db.Importer.ImportPathsAsync([_db.Directory.PathOf("in"), fifo]);
        ImportReport report;
        try
        {
            report = await import.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            Fifo.Unblock(fifo);
            Fifo.Unblock(fifoZip);
            throw;
        }

        Assert.Equal((1, 1, 0, 3), (report.Files, report.Imported, report.Rejected, report.Warnings));
        Assert.Equal([fifo, fifo, fifoZip], report.Problems.Select(p => p.File).Order(StringComparer.Ordinal));
        Assert.All(report.Problems, p =>
        {
            Assert.Equal(ProblemSeverity.Warning, p.Severity);
            Assert.Contains("not a regular file", p.Message);
        });
    }

    [Fact]
    public async Task ImportPaths_ArchiveWithTooManyEntries_IsOneRejectedFile()
    {
        var zip = _db.Directory.WriteBytes("many.zip", Zip(Enumerable.Range(0, 5).Select(i => ($"a{i}.md", Article(i)))));
        _db.Directory.Write("single.md", Article(10));

        var report = await _db.Importer.ImportPathsAsync([zip, _db.Directory.PathOf("single.md")], new ImportOptions { MaxArchiveEntries = 4 });

        Assert.Equal((2, 1, 1), (report.Files, report.Imported, report.Rejected));
        var problem = Assert.Single(report.Problems);
        Assert.Equal(zip, problem.File);
        Assert.Contains("5 entries, more than the limit of 4 per archive (Import:MaxArchiveEntries)", problem.Message);
    }

    [Fact]
    public void DeclaredEntries_Zip64Archive_ReadsTheCountFromTheZip64Record()
    {
        // 65,535 entries and more need the Zip64 end record; its count is what the limit is checked against.
        var bytes = Zip(Enumerable.Range(0, 70_000).Select(i => ($"{i}", "")));
        using var ms = new MemoryStream(bytes);
        Assert.Equal(70_000, ZipEndRecord.DeclaredEntries(ms));
    }

    [Fact]
    public async Task ImportPaths_MoreUncompressedBytesThanTheLimit_RefusesBeforeReadingAnything()
    {
        var zip = _db.Directory.WriteBytes("big.zip", Zip(Enumerable.Range(0, 4).Select(i => ($"a{i}.md", Article(i, new string('x', 100_000))))));

        var refused = await Assert.ThrowsAsync<ImportRefusedException>(() =>
            _db.Importer.ImportPathsAsync([zip], new ImportOptions { MaxTotalBytes = 300_000 }));

        Assert.Contains("more than the limit of 292.97 KiB per upload (Import:MaxUploadUncompressedBytes)", refused.Message);
        Assert.Contains("nothing was imported", refused.Message);
        Assert.Equal(0, (await _db.Importer.ImportAsync([], 0)).Articles);
    }

    [Fact]
    public async Task ImportPaths_NotEnoughFreeDisk_RefusesWithNeededAndFree()
    {
        _db.Directory.Write("in/good.md", Article(1));

        var refused = await Assert.ThrowsAsync<ImportRefusedException>(() =>
            _db.Importer.ImportPathsAsync([_db.Directory.PathOf("in")], new ImportOptions { MinFreeDiskBytes = long.MaxValue / 4 }));

        Assert.Matches(@"about [\d.,]+ MiB is needed .* and [\d.,]+ MiB is free where the database is", refused.Message);
        Assert.Equal(0, (await _db.Importer.ImportAsync([], 0)).Articles);
    }

    // Guards: a batch kept every file's bytes until its commit, 10,000 files at a time: 3,000 files of 1 MiB held
    // 3 GB (the probe saw 6.9 GB resident). Batches and chunks now end by bytes too. Slow: it imports 270 MB.
    [Trait("Category", "Slow")]
    [Fact]
    public async Task Import_LargeFiles_CommitsBeforeTheirBytesPileUp()
    {
        const int Files = 300, Size = 900_000;
        var excerpt = new string('x', Size);
        var mostUncommitted = 0;
        await using var probe = new SqliteConnection(_db.ConnectionString);
        await probe.OpenAsync();
        using var count = probe.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM Articles";

        IEnumerable<ImportItem> Items()
        {
            for (var i = 0; i < Files; i++)
            {
                var n = i;
                yield return new ImportItem($"big/{n:D4}.md", Size, _ =>
                {
                    // Read in the enumerating thread (ReadInOrder): how many files are read but not yet committed.
                    var committed = Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
                    mostUncommitted = Math.Max(mostUncommitted, n - committed);
                    return System.Text.Encoding.UTF8.GetBytes(Article(n, excerpt));
                }, ReadInOrder: true);
            }
        }

        var report = await _db.Importer.ImportAsync(Items(), Files, new ImportOptions { BatchBytes = 4 * 1024 * 1024 });

        Assert.Equal(Files, report.Imported);
        // In flight at most: the batch (4 MiB) and seven chunks of 16 MiB (one being read, two waiting, one being
        // parsed, two waiting, one being written): about 140 files of this size. Before, all 300 until the end.
        Assert.InRange(mostUncommitted, 1, 150);
    }
}
