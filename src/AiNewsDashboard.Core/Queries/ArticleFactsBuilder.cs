namespace AiNewsDashboard.Core.Queries;

/// <summary>
/// Collects raw rows as a store reads them (in any order) and turns them into an <see cref="ArticleFacts"/> snapshot:
/// sorts rows by publication time and lays topics out in CSR form. Store-neutral: the SQLite reader
/// (Data/Sqlite/SqliteArticleFactsReader) feeds it. One builder makes one snapshot: <see cref="Build"/> lets go of
/// each of its own columns as soon as the snapshot's are made from them, since at 10 million articles they are some
/// 600 MB, and the snapshot's own columns are allocated beside them.
/// </summary>
internal sealed class ArticleFactsBuilder(int capacity = 1024)
{
    private readonly List<ProviderEntry> _providers = [];
    private readonly Dictionary<long, int> _providerIndexByDbId = [];
    private readonly List<TopicEntry> _topics = [];
    private readonly Dictionary<long, int> _topicIndexByDbId = [];
    private readonly List<string> _categories = [];
    private readonly Dictionary<string, int> _categoryIndex = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Alias, string Canonical)> _providerRules = [];
    private readonly List<(string Alias, string Canonical)> _topicRules = [];
    private readonly List<MergeRuleEntry> _rules = [];

    // Rows in the order they were added ("read order").
    private int _count;
    private int[] _ids = new int[capacity];
    private long[] _seconds = new long[capacity];
    private int[] _providerIdx = new int[capacity];
    private int[] _categoryIdx = new int[capacity];
    private sbyte[] _quality = new sbyte[capacity];
    private int[] _heat = new int[capacity];
    private sbyte[] _published = new sbyte[capacity];
    private bool[] _isReference = new bool[capacity];

    // The title order: titled ids in the store's (TitleKey, Id) order (a whole read), and the keys read: those of the
    // buckets' first rows after a whole read, each read article's in a read of some articles.
    private int[] _titledOrder = [];
    private int _titledCount;
    private Dictionary<int, string?>? _titleKeys;

    private bool _built;
    private int _pairCount;
    private int[] _pairArticle = new int[capacity * 3];
    private int[] _pairTopic = new int[capacity * 3];

    private const long UnknownSeconds = ArticleFacts.UnknownSeconds;

    public void AddProvider(long dbId, string domain, string name)
    {
        _providerIndexByDbId[dbId] = _providers.Count;
        _providers.Add(new ProviderEntry(domain, name));
    }

    public void AddTopic(long dbId, string name, string key)
    {
        _topicIndexByDbId[dbId] = _topics.Count;
        _topics.Add(new TopicEntry(name, key));
    }

    /// <summary>
    /// Counts provider domain (or topic key) <paramref name="alias"/> as <paramref name="canonical"/> in the snapshot.
    /// Applied when it is built, so rules may come in any order; a rule naming an unknown entry is ignored.
    /// </summary>
    public void AddMergeRule(Data.MergeKind kind, string alias, string canonical)
    {
        (kind == Data.MergeKind.Provider ? _providerRules : _topicRules).Add((alias, canonical));
        _rules.Add(new MergeRuleEntry(kind, alias, canonical));
    }

    /// <summary>Adds an article; providers must have been added before.</summary>
    public void AddArticle(int id, long? publishedUnixSeconds, long? providerDbId, string? category, int? quality, int? heat,
        bool? published, bool isReference)
    {
        if (_count == _ids.Length)
            Grow();
        var i = _count++;
        _ids[i] = id;
        _seconds[i] = publishedUnixSeconds ?? UnknownSeconds;
        _providerIdx[i] = providerDbId is { } p && _providerIndexByDbId.TryGetValue(p, out var pi) ? pi : ArticleFacts.None;
        _categoryIdx[i] = category is null ? ArticleFacts.None : CategoryIndex(category);
        _quality[i] = quality is { } q and >= 0 and <= 100 ? (sbyte)q : ArticleFacts.UnknownQuality;
        _heat[i] = heat is { } h and >= 0 ? h : ArticleFacts.UnknownHeat;
        _published[i] = published is { } b ? (sbyte)(b ? 1 : 0) : ArticleFacts.UnknownPublished;
        _isReference[i] = isReference;
    }

    /// <summary>Adds one of an article's topics; topics must have been added before. Pairs for unknown articles are ignored.</summary>
    public void AddArticleTopic(int articleId, long topicDbId)
    {
        if (!_topicIndexByDbId.TryGetValue(topicDbId, out var t))
            return;
        if (_pairCount == _pairArticle.Length)
        {
            Array.Resize(ref _pairArticle, _pairArticle.Length * 2);
            Array.Resize(ref _pairTopic, _pairTopic.Length * 2);
        }
        _pairArticle[_pairCount] = articleId;
        _pairTopic[_pairCount++] = t;
    }

    /// <summary>
    /// Adds the next titled article in the store's (TitleKey, Id) order (a whole read): each row's title bucket comes
    /// from its rank (<see cref="TitleBuckets"/>). Then <see cref="TitleBoundIds"/> names the articles whose keys
    /// <see cref="AddTitleKey"/> must give.
    /// </summary>
    public void AddTitled(int id)
    {
        if (_titledCount == _titledOrder.Length)
            Array.Resize(ref _titledOrder, Math.Max(1024, _titledOrder.Length * 2));
        _titledOrder[_titledCount++] = id;
    }

    /// <summary>The articles that start the title buckets, in order: their keys are the buckets' bounds.</summary>
    public int[] TitleBoundIds()
    {
        var buckets = TitleBuckets.CountFor(_titledCount);
        var ids = new int[buckets];
        for (var b = 0; b < buckets; b++)
            ids[b] = _titledOrder[TitleBuckets.FirstRank(b, _titledCount, buckets)];
        return ids;
    }

    /// <summary>
    /// The title key of an article: after a whole read, of each that starts a title bucket (<see cref="TitleBoundIds"/>);
    /// in a read of some articles, of each of them, which <see cref="ArticleFactsDelta"/> places by key.
    /// </summary>
    public void AddTitleKey(int id, string? key) => (_titleKeys ??= [])[id] = key;

    public ArticleFacts Build(long dataVersion)
    {
        if (_built)
            throw new InvalidOperationException("A builder makes one snapshot; its rows were let go when it made it.");
        _built = true;
        var n = _count;
        var order = DateOrder();
        var (providerTable, providerRemap, providerAliases) = Merge(_providers, p => p.Domain, _providerRules);
        var (topicTable, topicRemap, topicAliases) = Merge(_topics, t => t.Key, _topicRules);

        // Column by column, each of the builder's own let go as soon as the snapshot's is made from it, so the collector
        // may have it back for the next: the two sets of columns are never all held at once.
        var ids = InRowOrder(ref _ids, order);
        var days = new int[n];
        var secondOfDay = new int[n];
        for (var row = 0; row < n; row++)
        {
            var seconds = _seconds[order[row]];
            days[row] = seconds == UnknownSeconds ? ArticleFacts.UnknownDay : (int)Math.Floor(seconds / 86400.0);
            secondOfDay[row] = seconds == UnknownSeconds ? 0 : (int)(seconds - days[row] * 86400L);
        }
        _seconds = [];
        var providers = new int[n];
        for (var row = 0; row < n; row++)
            providers[row] = _providerIdx[order[row]] is var p and >= 0 ? providerRemap[p] : ArticleFacts.None;
        _providerIdx = [];
        var categories = new ushort[n];
        for (var row = 0; row < n; row++)
            categories[row] = ArticleFacts.CategoryCode(_categoryIdx[order[row]]);
        _categoryIdx = [];
        var qualities = InRowOrder(ref _quality, order);
        var heats = new ushort[n];
        Dictionary<int, int>? largeHeats = null;
        for (var row = 0; row < n; row++)
            heats[row] = ArticleFacts.HeatCode(_heat[order[row]], row, ref largeHeats);
        _heat = [];
        var published = InRowOrder(ref _published, order);
        var isReference = InRowOrder(ref _isReference, order);
        order = [];

        var rowOfId = ArticleFacts.RowsOfIds(ids);
        // A whole read's keys are its bounds; a read of some articles hands its keys on (a whole read of a store without
        // titled articles reads no key either way).
        var readTitleKeys = _titledCount > 0 ? null : _titleKeys;
        var (titleBuckets, titleBounds) = TitleBucketsOf(rowOfId, n);
        var (offsets, topicIndices) = TopicsCsr(rowOfId, ids.Length, topicAliases.Count > 0 ? topicRemap : null);
        _pairArticle = [];
        _pairTopic = [];
        var columns = new ArticleFactsColumns(ids, days, secondOfDay, providers, categories, qualities, heats, largeHeats, published, isReference,
            titleBuckets, offsets, topicIndices);
        return new ArticleFacts(columns, providerTable, topicTable, [.. _categories], dataVersion, providerAliases, topicAliases, [.. _rules], rowOfId,
            titleBounds, readTitleKeys);
    }

    /// <summary>Each row's title bucket from its rank in the title order, and the buckets' bounds; every row untitled without one.</summary>
    private (byte[] Buckets, TitleCursor[] Bounds) TitleBucketsOf(int[] rowOfId, int rows)
    {
        var buckets = new byte[rows];
        Array.Fill(buckets, TitleBuckets.Untitled);
        var count = TitleBuckets.CountFor(_titledCount);
        for (var rank = 0; rank < _titledCount; rank++)
            if ((uint)_titledOrder[rank] < (uint)rowOfId.Length && rowOfId[_titledOrder[rank]] is var row and >= 0)
                buckets[row] = TitleBuckets.OfRank(rank, _titledCount, count);
        var bounds = new TitleCursor[count];
        foreach (var (b, id) in TitleBoundIds().Index())
            bounds[b] = new TitleCursor(_titleKeys?.GetValueOrDefault(id)
                ?? throw new InvalidOperationException($"The key of article {id}, which starts title bucket {b}, was not read."), id);
        _titledOrder = [];
        return (buckets, bounds);
    }

    /// <summary>A column of the builder's in row order; the builder's own is let go at once.</summary>
    private static T[] InRowOrder<T>(ref T[] column, int[] order)
    {
        var rows = new T[order.Length];
        for (var row = 0; row < rows.Length; row++)
            rows[row] = column[order[row]];
        column = [];
        return rows;
    }

    /// <summary>
    /// Applies merge rules to a lookup table: the entries no rule folds away, in their read order (so without rules the
    /// table is exactly as read), each old index's place in it, and each folded-away key with the index it now counts as.
    /// Chains (a into b, b into c) end at their last entry; a cycle, which the rules' editor refuses but a hand-edited
    /// table could hold, leaves its members unmerged.
    /// </summary>
    internal static (T[] Table, int[] Remap, Dictionary<string, int> Aliases) Merge<T>(List<T> entries, Func<T, string> key,
        List<(string Alias, string Canonical)> rules)
    {
        var n = entries.Count;
        var remap = new int[n];
        var aliases = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        if (rules.Count == 0)
        {
            for (var i = 0; i < n; i++)
                remap[i] = i;
            return ([.. entries], remap, aliases);
        }

        var indexOf = new Dictionary<string, int>(n, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < n; i++)
            indexOf.TryAdd(key(entries[i]), i);
        var parent = new int[n];
        for (var i = 0; i < n; i++)
            parent[i] = i;
        foreach (var (alias, canonical) in rules)
            if (indexOf.TryGetValue(alias, out var a) && indexOf.TryGetValue(canonical, out var c) && a != c)
                parent[a] = c;

        var root = new int[n];
        for (var i = 0; i < n; i++)
        {
            var r = i;
            var steps = 0;
            while (parent[r] != r && steps++ <= n)
                r = parent[r];
            root[i] = parent[r] == r ? r : i;
        }
        var table = new List<T>(n);
        for (var i = 0; i < n; i++)
            if (root[i] == i)
            {
                remap[i] = table.Count;
                table.Add(entries[i]);
            }
        for (var i = 0; i < n; i++)
            if (root[i] != i)
            {
                remap[i] = remap[root[i]];
                aliases.TryAdd(key(entries[i]), remap[i]);
            }
        return ([.. table], remap, aliases);
    }

    /// <summary>Read indices in row order: time descending, then id descending; undated last, id descending.</summary>
    private int[] DateOrder()
    {
        var n = _count;
        var dated = 0;
        long min = long.MaxValue, max = long.MinValue;
        for (var i = 0; i < n; i++)
        {
            if (_seconds[i] == UnknownSeconds)
                continue;
            dated++;
            min = Math.Min(min, _seconds[i]);
            max = Math.Max(max, _seconds[i]);
        }

        var order = new int[n];
        var datedOrder = order.AsSpan(0, dated);
        var k = 0;
        for (var i = 0; i < n; i++)
            if (_seconds[i] != UnknownSeconds)
                datedOrder[k++] = i;
        if (dated > 0 && (ulong)(max - min) < 1UL << 32)
        {
            // One 64-bit key per row, (seconds since the oldest << 31 | id): a plain numeric sort, no comparer calls.
            var keys = new long[dated];
            for (var j = 0; j < dated; j++)
                keys[j] = ((_seconds[datedOrder[j]] - min) << 31) | (uint)_ids[datedOrder[j]];
            keys.AsSpan().Sort(datedOrder);
            datedOrder.Reverse();
        }
        else
        {
            datedOrder.Sort((a, b) => _seconds[a] != _seconds[b] ? _seconds[b].CompareTo(_seconds[a]) : _ids[b].CompareTo(_ids[a]));
        }

        var undated = order.AsSpan(dated);
        k = 0;
        for (var i = 0; i < n; i++)
            if (_seconds[i] == UnknownSeconds)
                undated[k++] = i;
        undated.Sort((a, b) => _ids[b].CompareTo(_ids[a]));
        return order;
    }

    /// <param name="remap">Merged topic indices; an article that carries two spellings of one topic then counts it once.</param>
    private (int[] Offsets, int[] Topics) TopicsCsr(int[] rowOfId, int rows, int[]? remap)
    {
        var offsets = new int[rows + 1];
        for (var p = 0; p < _pairCount; p++)
            if ((uint)_pairArticle[p] < (uint)rowOfId.Length && rowOfId[_pairArticle[p]] is var row and >= 0)
                offsets[row + 1]++;
        for (var row = 0; row < rows; row++)
            offsets[row + 1] += offsets[row];
        var topics = new int[offsets[^1]];
        // Each row's start moves along as its topics are placed, so it ends at the next row's start; moved back one row
        // afterwards, the offsets are as counted. No second array of starts.
        for (var p = 0; p < _pairCount; p++)
            if ((uint)_pairArticle[p] < (uint)rowOfId.Length && rowOfId[_pairArticle[p]] is var row and >= 0)
                topics[offsets[row]++] = _pairTopic[p];
        for (var row = rows; row > 0; row--)
            offsets[row] = offsets[row - 1];
        offsets[0] = 0;
        if (remap is null)
            return (offsets, topics);

        // Compact in place: each row keeps the first occurrence of each merged topic.
        var write = 0;
        for (var row = 0; row < rows; row++)
        {
            var start = write;
            for (var t = offsets[row]; t < offsets[row + 1]; t++)
            {
                var topic = remap[topics[t]];
                if (topics.AsSpan(start, write - start).IndexOf(topic) < 0)
                    topics[write++] = topic;
            }
            offsets[row] = start;
        }
        offsets[rows] = write;
        return (offsets, write == topics.Length ? topics : topics[..write]);
    }

    private int CategoryIndex(string category)
    {
        if (_categoryIndex.TryGetValue(category, out var c))
            return c;
        c = _categories.Count;
        _categories.Add(category);
        _categoryIndex[category] = c;
        return c;
    }

    private void Grow()
    {
        var size = _ids.Length * 2;
        Array.Resize(ref _ids, size);
        Array.Resize(ref _seconds, size);
        Array.Resize(ref _providerIdx, size);
        Array.Resize(ref _categoryIdx, size);
        Array.Resize(ref _quality, size);
        Array.Resize(ref _heat, size);
        Array.Resize(ref _published, size);
        Array.Resize(ref _isReference, size);
    }
}
