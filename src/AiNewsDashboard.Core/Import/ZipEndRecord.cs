using System.Buffers.Binary;

namespace AiNewsDashboard.Core.Import;

/// <summary>
/// Reads how many entries a .zip archive says it holds from its end-of-central-directory record (and the Zip64 one
/// when the count does not fit in 16 bits), without reading the central directory itself.
/// </summary>
internal static class ZipEndRecord
{
    private const uint EndSignature = 0x06054b50, Zip64LocatorSignature = 0x07064b50, Zip64EndSignature = 0x06064b50;
    private const int EndSize = 22, Zip64LocatorSize = 20, MaxComment = ushort.MaxValue;

    /// <summary>The declared entry count, or null when there is no readable end record (ZipArchive then says what is wrong).</summary>
    public static long? DeclaredEntries(Stream zip)
    {
        var length = zip.Length;
        if (length < EndSize)
            return null;
        var tailLength = (int)Math.Min(length, EndSize + MaxComment + Zip64LocatorSize);
        var tail = new byte[tailLength];
        zip.Seek(length - tailLength, SeekOrigin.Begin);
        zip.ReadExactly(tail);
        // The record is the last one with its signature; a comment may follow it.
        for (var at = tailLength - EndSize; at >= 0; at--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(at)) != EndSignature)
                continue;
            long entries = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(at + 10));
            if (entries != ushort.MaxValue)
                return entries;
            return at >= Zip64LocatorSize ? Zip64Entries(zip, tail.AsSpan(at - Zip64LocatorSize, Zip64LocatorSize)) : null;
        }
        return null;
    }

    private static long? Zip64Entries(Stream zip, ReadOnlySpan<byte> locator)
    {
        if (BinaryPrimitives.ReadUInt32LittleEndian(locator) != Zip64LocatorSignature)
            return null;
        var offset = BinaryPrimitives.ReadInt64LittleEndian(locator[8..]);
        if (offset < 0 || offset > zip.Length - 56)
            return null;
        Span<byte> record = stackalloc byte[56];
        zip.Seek(offset, SeekOrigin.Begin);
        zip.ReadExactly(record);
        return BinaryPrimitives.ReadUInt32LittleEndian(record) == Zip64EndSignature
            ? BinaryPrimitives.ReadInt64LittleEndian(record[32..])
            : null;
    }
}
