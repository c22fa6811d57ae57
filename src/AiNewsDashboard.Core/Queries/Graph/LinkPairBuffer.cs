namespace AiNewsDashboard.Core.Queries.Graph;

/// <summary>
/// Collects the store's links (source id &lt;&lt; 32 | target id) as they are read, in fixed chunks, for
/// <see cref="ArticleGraph.Build"/>. A <see cref="List{T}"/> doubles its array as it grows and its <c>ToArray</c> copies
/// it once more: at 17 million links (10 million articles) that held 268 MB of list, the 134 MB array it outgrew and a
/// 136 MB copy at once. Chunks hold the links once, and the one exact array is made at the end.
/// </summary>
internal sealed class LinkPairBuffer
{
    private const int ChunkLength = 1 << 20; // 8 MB: on the large-object heap, never copied while reading
    private readonly List<long[]> _full = [];
    private long[] _chunk = new long[1024];
    private int _used;

    public int Count => _full.Count * ChunkLength + _used;

    public void Add(long pair)
    {
        if (_used == _chunk.Length)
            Grow();
        _chunk[_used++] = pair;
    }

    private void Grow()
    {
        if (_chunk.Length < ChunkLength)
        {
            // The first chunk grows like a list's array, so that a small corpus does not take 8 MB for its few links.
            Array.Resize(ref _chunk, Math.Clamp(_chunk.Length * 4, 1024, ChunkLength));
            return;
        }
        _full.Add(_chunk);
        _chunk = new long[ChunkLength];
        _used = 0;
    }

    /// <summary>Every link added, in the order added, in one array of exactly that length; the chunks are let go.</summary>
    public long[] ToArray()
    {
        var all = new long[Count];
        var at = 0;
        foreach (var chunk in _full)
        {
            chunk.CopyTo(all, at);
            at += chunk.Length;
        }
        _chunk.AsSpan(0, _used).CopyTo(all.AsSpan(at));
        _full.Clear();
        _chunk = [];
        _used = 0;
        return all;
    }
}
