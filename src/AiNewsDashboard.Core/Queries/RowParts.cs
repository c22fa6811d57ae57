namespace AiNewsDashboard.Core.Queries;

/// <summary>
/// How a long pass over rows is cut into consecutive parts that the cores work on side by side: a selection's
/// conditions (<see cref="ArticleSelection.Create"/>) and the tallies over it (<see cref="ArticleSelection.InParts{T}"/>,
/// <see cref="ArticleSelection.InBucketParts{T}"/>). A short pass stays whole: handing parts to other threads costs more
/// than it saves.
/// </summary>
/// <param name="MinRows">The fewest rows a part gets.</param>
/// <param name="MaxParts">The most parts a pass is cut into.</param>
internal readonly record struct RowParts(int MinRows, int MaxParts)
{
    /// <summary>
    /// Parts of at least 65,536 rows (a simple pass over them takes a tenth of a millisecond or more, handing one to
    /// another thread some microseconds), one per core.
    /// </summary>
    public static readonly RowParts Default = new(1 << 16, Math.Clamp(Environment.ProcessorCount, 1, 16));

    /// <summary>How many parts a pass over <paramref name="rows"/> rows is cut into.</summary>
    public int For(int rows) => Math.Clamp(rows / Math.Max(1, MinRows), 1, Math.Max(1, MaxParts));

    /// <summary>
    /// Runs <paramref name="part"/> (k, start, end) over each part of [0, <paramref name="rows"/>): in this thread when
    /// there is one, side by side on the cores when there are more.
    /// </summary>
    public void Run(int rows, Action<int, int, int> part)
    {
        var parts = For(rows);
        if (parts == 1)
            part(0, 0, rows);
        else
            Parallel.For(0, parts, k =>
            {
                var (start, end) = Bounds(rows, parts, k);
                part(k, start, end);
            });
    }

    /// <summary>Part <paramref name="k"/> of <paramref name="parts"/> over rows [0, <paramref name="rows"/>): about equal, in order, together all of them.</summary>
    public static (int Start, int End) Bounds(int rows, int parts, int k) =>
        ((int)((long)rows * k / parts), (int)((long)rows * (k + 1) / parts));
}

/// <summary>A tally over one part of a selection's rows, into that part's own state.</summary>
internal delegate void RowsTally<in T>(ReadOnlySpan<int> rows, T state);

/// <summary>A tally over the rows of one bucket of a time axis that lie in one part, into that part's own state.</summary>
internal delegate void BucketTally<in T>(int bucket, ReadOnlySpan<int> rows, T state);
