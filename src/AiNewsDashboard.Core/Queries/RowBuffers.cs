using System.Buffers;

namespace AiNewsDashboard.Core.Queries;

/// <summary>
/// The row buffers of selections (<see cref="ArticleSelection"/>): one row number per matching article, so up to the
/// whole snapshot. Small ones come from the shared pool. Large ones (<see cref="LargeLength"/> rows and up) are kept
/// here instead, at most <see cref="MaxKept"/> of them: the shared pool would keep one per thread that ever returned
/// one and more per core, each rounded up to a power of two (at 10 million articles it held three of 64 MiB after a
/// full collection, 201 MB for nothing). A query that finds every kept buffer in use allocates its own, which the
/// collector takes back.
/// </summary>
internal static class RowBuffers
{
    /// <summary>From this length (4 MiB of rows) a buffer is kept here, not in the shared pool.</summary>
    internal const int LargeLength = 1 << 20;

    /// <summary>How many large buffers are kept: one per core that can run a query at once, at least two, at most four.</summary>
    internal static readonly int MaxKept = Math.Clamp(Environment.ProcessorCount, 2, 4);

    private static readonly Lock Gate = new();
    private static readonly int[]?[] Kept = new int[MaxKept][];

    /// <summary>A buffer of at least <paramref name="length"/> rows, its contents undefined; give it back with <see cref="Return"/>.</summary>
    public static int[] Rent(int length)
    {
        if (length < LargeLength)
            return ArrayPool<int>.Shared.Rent(Math.Max(1, length));
        lock (Gate)
        {
            // The smallest kept buffer that is long enough, so a long one stays for a long selection.
            var best = -1;
            for (var i = 0; i < Kept.Length; i++)
                if (Kept[i] is { } kept && kept.Length >= length && (best < 0 || kept.Length < Kept[best]!.Length))
                    best = i;
            if (best >= 0)
            {
                var buffer = Kept[best]!;
                Kept[best] = null;
                return buffer;
            }
        }
        // Rounded up to whole LargeLength steps: a snapshot that grows a little still fits the buffers kept.
        var rounded = (int)Math.Min(Array.MaxLength, ((long)length + LargeLength - 1) / LargeLength * LargeLength);
        return GC.AllocateUninitializedArray<int>(rounded);
    }

    /// <summary>Takes back a buffer from <see cref="Rent"/>: kept for the next selection, or left to the collector when enough are kept.</summary>
    public static void Return(int[] buffer)
    {
        if (buffer.Length < LargeLength)
        {
            ArrayPool<int>.Shared.Return(buffer);
            return;
        }
        lock (Gate)
        {
            // A free slot, else the place of the shortest kept buffer if this one is longer (the snapshot grew).
            var slot = -1;
            for (var i = 0; i < Kept.Length; i++)
            {
                if (Kept[i] is null)
                {
                    slot = i;
                    break;
                }
                if (Kept[i]!.Length < buffer.Length && (slot < 0 || Kept[i]!.Length < Kept[slot]!.Length))
                    slot = i;
            }
            if (slot >= 0)
                Kept[slot] = buffer;
        }
    }

    /// <summary>How many large buffers are kept, and their total length in rows (tests).</summary>
    internal static (int Count, long Rows) Held()
    {
        lock (Gate)
            return (Kept.Count(k => k is not null), Kept.Sum(k => (long)(k?.Length ?? 0)));
    }
}
