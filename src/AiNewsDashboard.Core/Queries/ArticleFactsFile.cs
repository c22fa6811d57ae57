using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace AiNewsDashboard.Core.Queries;

/// <summary>
/// Which store and which state of it a snapshot file was written from: a file is used only for the very same
/// (<see cref="ArticleFactsFileStore"/>).
/// </summary>
/// <param name="StoreId">A random id the store keeps in its <c>Meta</c> table: another database never matches.</param>
/// <param name="DataVersion">The store's change-feed version the snapshot was read at.</param>
/// <param name="MaxId">The highest article id then: a database restored from a backup and written to since may reach the
/// same version with other articles, and most likely another highest id.</param>
/// <param name="CommitTicks">When the commit that made <paramref name="DataVersion"/> was logged (the store's commit log), 0
/// when no logged commit did: a database restored from a backup reaches that version again with another commit, so a file
/// is brought up to date from the log only while the store still holds that very commit.</param>
internal readonly record struct SnapshotStamp(string StoreId, long DataVersion, int MaxId, long CommitTicks);

/// <summary>
/// The snapshot's binary file: its arrays as they lie in memory, the small lookup tables before them and a checksum
/// after them, so a restart reads 40 bytes an article straight into place (a second or two at ten million articles)
/// instead of reading and sorting every article again (about 20 s there).
/// </summary>
/// <remarks>
/// Layout: the magic <c>AINFACTS</c>, the format number, the stamp and the tables (length-prefixed), the column arrays
/// in a fixed order, then the XxHash3 of everything after the format number. A file that is cut short, altered, of
/// another format or from another machine's byte order is refused with the reason, never half-read into a snapshot.
/// </remarks>
internal static class ArticleFactsFile
{
    private static readonly byte[] Magic = "AINFACTS"u8.ToArray();

    /// <summary>Bumped whenever the layout changes: an older file is then simply not used (and soon overwritten).</summary>
    private const int Format = 3;

    public static void Write(Stream stream, ArticleFacts facts, SnapshotStamp stamp)
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("The snapshot file is written in little-endian byte order only.");
        stream.Write(Magic);
        stream.Write(BitConverter.GetBytes(Format));
        var hash = new XxHash3();
        void Put(ReadOnlySpan<byte> bytes)
        {
            hash.Append(bytes);
            stream.Write(bytes);
        }

        var header = new MemoryStream();
        using (var w = new BinaryWriter(header, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(stamp.StoreId);
            w.Write(stamp.DataVersion);
            w.Write(stamp.MaxId);
            w.Write(stamp.CommitTicks);
            w.Write(facts.Count);
            w.Write(facts.TopicIndices.Length);
            WriteList(w, facts.ProviderTable, (w, p) => { w.Write(p.Domain); w.Write(p.Name); });
            WriteList(w, facts.TopicTable, (w, t) => { w.Write(t.Name); w.Write(t.Key); });
            WriteList(w, facts.CategoryNames, (w, c) => w.Write(c));
            WriteList(w, [.. facts.ProviderAliases], (w, a) => { w.Write(a.Key); w.Write(a.Value); });
            WriteList(w, [.. facts.TopicAliases], (w, a) => { w.Write(a.Key); w.Write(a.Value); });
            WriteList(w, facts.MergeRules, (w, r) => { w.Write((int)r.Kind); w.Write(r.Alias); w.Write(r.Canonical); });
            WriteList(w, [.. facts.LargeHeats ?? []], (w, h) => { w.Write(h.Key); w.Write(h.Value); });
            WriteList(w, facts.TitleBounds, (w, b) => { w.Write(b.Key!); w.Write(b.Id); });
        }
        Put(BitConverter.GetBytes((int)header.Length));
        Put(header.GetBuffer().AsSpan(0, (int)header.Length));

        Put(MemoryMarshal.AsBytes(facts.Ids.AsSpan()));
        Put(MemoryMarshal.AsBytes(facts.Days.AsSpan()));
        Put(MemoryMarshal.AsBytes(facts.SecondOfDay.AsSpan()));
        Put(MemoryMarshal.AsBytes(facts.Providers.AsSpan()));
        Put(MemoryMarshal.AsBytes(facts.CategoryCodes.AsSpan()));
        Put(MemoryMarshal.AsBytes(facts.Qualities.AsSpan()));
        Put(MemoryMarshal.AsBytes(facts.HeatCodes.AsSpan()));
        Put(MemoryMarshal.AsBytes(facts.Published.AsSpan()));
        Put(MemoryMarshal.AsBytes(facts.IsReference.AsSpan()));
        Put(facts.TitleBuckets);
        Put(MemoryMarshal.AsBytes(facts.TopicOffsets.AsSpan()));
        Put(MemoryMarshal.AsBytes(facts.TopicIndices.AsSpan()));
        stream.Write(BitConverter.GetBytes(hash.GetCurrentHashAsUInt64()));
    }

    /// <summary>The stamp a file carries, read from its first bytes only; null (with the reason) when it is no snapshot file of this format.</summary>
    public static SnapshotStamp? ReadStamp(Stream stream, out string? problem)
    {
        var header = ReadHeader(stream, null, out problem);
        if (header is null)
            return null;
        using var r = new BinaryReader(new MemoryStream(header), Encoding.UTF8);
        return new SnapshotStamp(r.ReadString(), r.ReadInt64(), r.ReadInt32(), r.ReadInt64());
    }

    /// <summary>Reads a whole file into a snapshot; null (with the reason) when it is unreadable, cut short or altered.</summary>
    public static ArticleFacts? Read(Stream stream, out SnapshotStamp stamp, out string? problem)
    {
        stamp = default;
        var hash = new XxHash3();
        var header = ReadHeader(stream, hash, out problem);
        if (header is null)
            return null;
        try
        {
            using var r = new BinaryReader(new MemoryStream(header), Encoding.UTF8);
            stamp = new SnapshotStamp(r.ReadString(), r.ReadInt64(), r.ReadInt32(), r.ReadInt64());
            var count = r.ReadInt32();
            var topicCount = r.ReadInt32();
            var providers = ReadList(r, r => new ProviderEntry(r.ReadString(), r.ReadString()));
            var topics = ReadList(r, r => new TopicEntry(r.ReadString(), r.ReadString()));
            var categories = ReadList(r, r => r.ReadString());
            var providerAliases = ReadList(r, r => KeyValuePair.Create(r.ReadString(), r.ReadInt32()));
            var topicAliases = ReadList(r, r => KeyValuePair.Create(r.ReadString(), r.ReadInt32()));
            var rules = ReadList(r, r => new MergeRuleEntry((Data.MergeKind)r.ReadInt32(), r.ReadString(), r.ReadString()));
            var largeHeats = ReadList(r, r => KeyValuePair.Create(r.ReadInt32(), r.ReadInt32()));
            var titleBounds = ReadList(r, r => new TitleCursor(r.ReadString(), r.ReadInt32()));
            if (count < 0 || topicCount < 0)
                throw new InvalidDataException("negative lengths");
            // The columns the header announces, and the checksum after them: a damaged count is caught here, before
            // arrays of its size are made.
            var columnBytes = (long)count * ArticleFacts.ColumnBytesPerRow
                + sizeof(int) * ((long)count + 1 + topicCount) + sizeof(ulong);
            if (stream.Length - stream.Position < columnBytes)
                throw new EndOfStreamException();

            T[] Column<T>(int length) where T : struct
            {
                var column = GC.AllocateUninitializedArray<T>(length);
                var bytes = MemoryMarshal.AsBytes(column.AsSpan());
                stream.ReadExactly(bytes);
                hash.Append(bytes);
                return column;
            }
            var columns = new ArticleFactsColumns(Column<int>(count), Column<int>(count), Column<int>(count), Column<int>(count),
                Column<ushort>(count), Column<sbyte>(count), Column<ushort>(count), largeHeats.Length == 0 ? null : new Dictionary<int, int>(largeHeats),
                Column<sbyte>(count), Column<bool>(count), Column<byte>(count), Column<int>(count + 1), Column<int>(topicCount));
            Span<byte> checksum = stackalloc byte[sizeof(ulong)];
            stream.ReadExactly(checksum);
            if (BitConverter.ToUInt64(checksum) != hash.GetCurrentHashAsUInt64() || stream.ReadByte() != -1)
            {
                problem = "its checksum does not match: the file was altered or only partly written";
                return null;
            }
            if (Invalid(columns, stamp.MaxId, providers.Length, topics.Length, categories.Length, titleBounds.Length) is { } invalid)
            {
                problem = invalid;
                return null;
            }
            return new ArticleFacts(columns, providers, topics, categories, stamp.DataVersion,
                new Dictionary<string, int>(providerAliases, StringComparer.OrdinalIgnoreCase),
                new Dictionary<string, int>(topicAliases, StringComparer.OrdinalIgnoreCase), rules, titleBounds: titleBounds);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or OverflowException or ArgumentException)
        {
            problem = e is EndOfStreamException ? "it ends early: it was cut short" : $"it can't be read ({e.Message})";
            return null;
        }
    }

    /// <summary>
    /// What would make the snapshot unsafe to query (an index out of its table), which a checksum alone can't rule out
    /// for a file some other program wrote; null when the columns hold together.
    /// </summary>
    private static string? Invalid(ArticleFactsColumns c, int maxId, int providers, int topics, int categories, int titleBuckets)
    {
        var n = c.Ids.Length;
        if (c.TopicOffsets[0] != 0 || c.TopicOffsets[n] != c.TopicIndices.Length)
            return "its topic offsets do not cover its topics";
        for (var row = 0; row < n; row++)
        {
            if ((uint)c.Ids[row] > (uint)maxId || c.Providers[row] < ArticleFacts.None || c.Providers[row] >= providers
                || c.CategoryCodes[row] > categories || c.TopicOffsets[row] > c.TopicOffsets[row + 1]
                || (c.HeatCodes[row] == ushort.MaxValue && c.LargeHeats?.ContainsKey(row) != true)
                || (c.TitleBuckets[row] != TitleBuckets.Untitled && c.TitleBuckets[row] >= Math.Max(1, titleBuckets)))
                return $"row {row} points outside its tables";
        }
        foreach (var topic in c.TopicIndices)
            if ((uint)topic >= (uint)topics)
                return "a topic points outside its table";
        return null;
    }

    private static byte[]? ReadHeader(Stream stream, XxHash3? hash, out string? problem)
    {
        try
        {
            Span<byte> start = stackalloc byte[Magic.Length + sizeof(int) * 2];
            stream.ReadExactly(start);
            if (!start[..Magic.Length].SequenceEqual(Magic))
            {
                problem = "it is not a snapshot file";
                return null;
            }
            if (BitConverter.ToInt32(start[Magic.Length..]) is var format && format != Format)
            {
                problem = $"it has format {format}, this version reads format {Format}";
                return null;
            }
            var length = BitConverter.ToInt32(start[(Magic.Length + sizeof(int))..]);
            if (length is < 0 or > 1 << 30)
            {
                problem = "its header is damaged";
                return null;
            }
            var header = new byte[length];
            stream.ReadExactly(header);
            hash?.Append(start[(Magic.Length + sizeof(int))..]);
            hash?.Append(header);
            problem = null;
            return header;
        }
        catch (EndOfStreamException)
        {
            problem = "it ends early: it was cut short";
            return null;
        }
    }

    private static void WriteList<T>(BinaryWriter w, IReadOnlyCollection<T> items, Action<BinaryWriter, T> write)
    {
        w.Write(items.Count);
        foreach (var item in items)
            write(w, item);
    }

    private static T[] ReadList<T>(BinaryReader r, Func<BinaryReader, T> read)
    {
        var count = r.ReadInt32();
        if (count < 0 || count > r.BaseStream.Length - r.BaseStream.Position)
            throw new InvalidDataException("a table's length is damaged");
        var items = new T[count];
        for (var i = 0; i < count; i++)
            items[i] = read(r);
        return items;
    }
}
