namespace AiNewsDashboard.Core.Queries;

/// <summary>
/// An immutable, in-memory, column-per-array snapshot of what the dashboard aggregates about every article (references
/// included): under 40 bytes an article (topics and the id-to-row map included), so a million articles fit in about 40 MB
/// and a full pass over them takes a few milliseconds. Plain GROUP BY in SQLite needs seconds for that. Text (titles, excerpts, URLs) stays in SQLite.
/// </summary>
/// <remarks>
/// Rows are sorted by publication time descending, ties by article id descending, articles without a date last
/// (newest id first): any filtered list of rows is already in the article list's default order. Day numbers are days
/// since 1970-01-01 (UTC). Unknown values carry sentinels: <see cref="UnknownDay"/>, quality -1, heat -1 (heat
/// is never negative otherwise), published -1, provider and category -1.
/// Heat is an int, not a short: files may carry any non-negative integer, and means must stay exact.
/// </remarks>
public sealed class ArticleFacts
{
    public const int UnknownDay = int.MinValue;
    public const long UnknownSeconds = long.MinValue;
    public const sbyte UnknownQuality = -1;
    public const int UnknownHeat = -1;
    public const sbyte UnknownPublished = -1;
    public const int None = -1;

    internal static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    internal ArticleFacts(ArticleFactsColumns columns, ProviderEntry[] providers, TopicEntry[] topics, string[] categories, long dataVersion,
        IReadOnlyDictionary<string, int>? providerAliases = null, IReadOnlyDictionary<string, int>? topicAliases = null,
        MergeRuleEntry[]? mergeRules = null, int[]? rowOfId = null, TitleCursor[]? titleBounds = null,
        IReadOnlyDictionary<int, string?>? readTitleKeys = null)
    {
        Count = columns.Ids.Length;
        Ids = columns.Ids;
        Days = columns.Days;
        SecondOfDay = columns.SecondOfDay;
        Providers = columns.Providers;
        if (categories.Length >= ushort.MaxValue)
            throw new InvalidOperationException($"The snapshot holds up to {ushort.MaxValue - 1:N0} categories; the store has {categories.Length:N0}.");
        CategoryCodes = columns.CategoryCodes;
        Qualities = columns.Qualities;
        HeatCodes = columns.HeatCodes;
        LargeHeats = columns.LargeHeats;
        Published = columns.Published;
        IsReference = columns.IsReference;
        TitleBuckets = columns.TitleBuckets;
        TitleBounds = titleBounds ?? [];
        ReadTitleKeys = readTitleKeys;
        TopicOffsets = columns.TopicOffsets;
        TopicIndices = columns.TopicIndices;
        ProviderTable = providers;
        TopicTable = topics;
        CategoryNames = categories;
        DataVersion = dataVersion;

        var known = 0;
        while (known < Count && Days[known] != UnknownDay)
            known++;
        DatedCount = known;

        RowOfId = rowOfId ?? RowsOfIds(Ids); // the builder made it already, to lay out the topics

        ProviderIndexByDomain = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < providers.Length; i++)
            ProviderIndexByDomain.TryAdd(providers[i].Domain, i);
        TopicIndexByKey = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < topics.Length; i++)
            TopicIndexByKey.TryAdd(topics[i].Key, i);
        // A merged-away domain or topic finds its canonical entry: filtering by either spelling selects both.
        foreach (var (domain, index) in providerAliases ?? new Dictionary<string, int>())
            ProviderIndexByDomain.TryAdd(domain, index);
        foreach (var (key, index) in topicAliases ?? new Dictionary<string, int>())
            TopicIndexByKey.TryAdd(key, index);
        MergedProviders = providerAliases?.Count ?? 0;
        MergedTopics = topicAliases?.Count ?? 0;
        ProviderAliases = providerAliases ?? new Dictionary<string, int>();
        TopicAliases = topicAliases ?? new Dictionary<string, int>();
        MergeRules = mergeRules ?? [];
        CategoryIndexByName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < categories.Length; i++)
            CategoryIndexByName.TryAdd(categories[i], i);

        // Provider order for sorting the article list by provider: by name, then domain.
        var byName = Enumerable.Range(0, providers.Length)
            .OrderBy(i => providers[i].Name, StringComparer.OrdinalIgnoreCase).ThenBy(i => providers[i].Domain, StringComparer.Ordinal).ToArray();
        ProviderNameRanks = new int[providers.Length];
        for (var rank = 0; rank < byName.Length; rank++)
            ProviderNameRanks[byName[rank]] = rank;
    }

    /// <summary>Articles in the snapshot, references included.</summary>
    public int Count { get; }

    /// <summary>Rows [0, DatedCount) have a publication date; the rest don't.</summary>
    public int DatedCount { get; }

    /// <summary>What the store's change feed said before this snapshot was read.</summary>
    internal long DataVersion { get; }

    /// <summary>The provider's invalidation count when this snapshot started loading.</summary>
    internal long Generation { get; set; }

    public DateTime LoadedAtUtc { get; internal set; }
    public TimeSpan LoadDuration { get; internal set; }

    internal int[] Ids { get; }
    internal int[] Days { get; }

    /// <summary>Publication time in Unix seconds, <see cref="UnknownSeconds"/> when unknown (lead times need more than days).</summary>
    internal long SecondsOf(int row) => Days[row] == UnknownDay ? UnknownSeconds : Days[row] * SecondsPerDay + SecondOfDay[row];

    /// <summary>The row's category (an index into <see cref="CategoryNames"/>), or <see cref="None"/>.</summary>
    internal int CategoryOf(int row) => CategoryCodes[row] - 1;

    /// <summary>The row's heat, or <see cref="UnknownHeat"/>.</summary>
    internal int HeatOf(int row) => HeatCodes[row] is var code && code != ushort.MaxValue ? code - 1 : LargeHeats![row];

    /// <summary>
    /// The row of the highest known heat among <paramref name="rows"/>, the first of equals (so the newest, rows being
    /// newest first); the first row when none has a heat; -1 when there are none. Heat codes order as heats do, except
    /// among the large ones kept beside the column.
    /// </summary>
    internal int HottestOf(ReadOnlySpan<int> rows)
    {
        var codes = HeatCodes;
        int best = -1, bestCode = -1;
        foreach (var r in rows)
        {
            int code = codes[r];
            if (code > bestCode || (code == ushort.MaxValue && bestCode == ushort.MaxValue && LargeHeats![r] > LargeHeats[best]))
                (best, bestCode) = (r, code);
        }
        return best;
    }

    /// <summary>
    /// The topics of <paramref name="rows"/> (ascending) as one slice of <see cref="TopicIndices"/>, when the rows are
    /// consecutive (a date range with references, or everything) or, with <paramref name="allButReferences"/>, every row
    /// between the first and the last but references, which have no topics: consecutive rows' topics are adjacent, so
    /// they are counted without a lookup per row. False otherwise.
    /// </summary>
    internal bool TryGetTopicsOf(ReadOnlySpan<int> rows, bool allButReferences, out ReadOnlySpan<int> topics)
    {
        topics = default;
        if (rows.Length == 0)
            return true;
        if (rows[^1] - rows[0] != rows.Length - 1 && !(allButReferences && !ReferencesHaveTopics))
            return false;
        topics = TopicIndices.AsSpan(TopicOffsets[rows[0]], TopicOffsets[rows[^1] + 1] - TopicOffsets[rows[0]]);
        return true;
    }

    private int _referencesHaveTopics = -1;

    /// <summary>Whether any reference has a topic (references are stored from links, without any; worked out once).</summary>
    internal bool ReferencesHaveTopics
    {
        get
        {
            if (_referencesHaveTopics < 0)
            {
                var any = false;
                for (var r = 0; r < Count && !any; r++)
                    any = IsReference[r] && TopicOffsets[r + 1] > TopicOffsets[r];
                _referencesHaveTopics = any ? 1 : 0;
            }
            return _referencesHaveTopics == 1;
        }
    }

    /// <summary>How <see cref="CategoryOf"/> reads a category back: 0 for none.</summary>
    internal static ushort CategoryCode(int category) => (ushort)(category + 1);

    /// <summary>How <see cref="HeatOf"/> reads a heat back: 0 for unknown; a heat too large for the code goes into <paramref name="large"/>, by row.</summary>
    internal static ushort HeatCode(int heat, int row, ref Dictionary<int, int>? large)
    {
        if (heat < LargeHeat)
            return (ushort)(heat + 1);
        (large ??= [])[row] = heat;
        return ushort.MaxValue;
    }

    internal int[] Providers { get; }
    internal sbyte[] Qualities { get; }

    // Narrow columns, read through the methods above: a day and a second within it instead of a 64-bit time (the day
    // is kept anyway for the filters), a category and a heat in 16 bits each (0: none / unknown; heats from 65,534 on,
    // rare, are kept exactly beside the column).
    private const long SecondsPerDay = 86_400;
    private const int LargeHeat = ushort.MaxValue - 1;
    /// <summary>Seconds since the start of the row's day (0 when undated); see <see cref="SecondsOf"/>.</summary>
    internal int[] SecondOfDay { get; }
    /// <summary>Category codes (<see cref="CategoryCode"/>); read through <see cref="CategoryOf"/>.</summary>
    internal ushort[] CategoryCodes { get; }
    /// <summary>Heat codes (<see cref="HeatCode"/>); read through <see cref="HeatOf"/>.</summary>
    internal ushort[] HeatCodes { get; }
    /// <summary>The heats from 65,534 on, by row; null when there are none.</summary>
    internal Dictionary<int, int>? LargeHeats { get; }
    internal sbyte[] Published { get; }
    internal bool[] IsReference { get; }

    /// <summary>Each row's range of the title order (<see cref="Queries.TitleBuckets"/>): a byte a row.</summary>
    internal byte[] TitleBuckets { get; }

    /// <summary>Where each titled bucket starts in the store's (TitleKey, Id) order; bucket 0 reaches back to the start.</summary>
    internal TitleCursor[] TitleBounds { get; }

    /// <summary>
    /// The title keys of the articles, by id, when only some were read (<see cref="IArticleFactsSource.ReadArticlesAsync"/>):
    /// <see cref="ArticleFactsDelta"/> places them in the current snapshot's buckets. Null in a whole snapshot.
    /// </summary>
    internal IReadOnlyDictionary<int, string?>? ReadTitleKeys { get; }

    /// <summary>Rows per title bucket, counted when first asked.</summary>
    internal int[] TitleBucketSizes => _titleBucketSizes ??= Queries.TitleBuckets.Sizes(TitleBuckets);

    private int[]? _titleBucketSizes;
    /// <summary>CSR: the topics of row r are TopicIndices[TopicOffsets[r] .. TopicOffsets[r + 1]), in no particular order.</summary>
    internal int[] TopicOffsets { get; }
    internal int[] TopicIndices { get; }
    /// <summary>Providers and topics that merge rules fold into another (they have no entry of their own in the tables below).</summary>
    public int MergedProviders { get; }

    /// <inheritdoc cref="MergedProviders"/>
    public int MergedTopics { get; }

    /// <summary>Providers as every view shows them: one entry per canonical provider; merged-away domains map to it.</summary>
    internal ProviderEntry[] ProviderTable { get; }
    internal TopicEntry[] TopicTable { get; }
    internal string[] CategoryNames { get; }
    internal int[] ProviderNameRanks { get; }
    internal int[] RowOfId { get; }
    internal Dictionary<string, int> ProviderIndexByDomain { get; }
    internal Dictionary<string, int> TopicIndexByKey { get; }
    internal Dictionary<string, int> CategoryIndexByName { get; }

    /// <summary>Each provider's place in the ordinal order of the domains (a tie-break of the leaderboard), made when first asked.</summary>
    internal int[] ProviderDomainRanks => _providerDomainRanks ??= DomainRanks(ProviderTable);

    private int[]? _providerDomainRanks;

    /// <summary>
    /// Each provider's rows with a quality and a day, made when first asked: no selection holds more, so quality drift
    /// keeps no weeks for a provider with fewer than it tests (with references included, tens of thousands have one or two).
    /// </summary>
    internal int[] ProviderScoredDated => LazyInitializer.EnsureInitialized(ref _providerScoredDated, ref _providerScoredDatedLock, CountScoredDated);

    // Asked for by each part of a pass at once: the one count, the others wait for it.
    private int[]? _providerScoredDated;
    private object? _providerScoredDatedLock;

    private int[] CountScoredDated()
    {
        var counts = new int[ProviderTable.Length];
        for (var r = 0; r < Count; r++)
            if (Qualities[r] >= 0 && Providers[r] is var p and >= 0 && Days[r] != UnknownDay)
                counts[p]++;
        return counts;
    }

    private static int[] DomainRanks(ProviderEntry[] providers)
    {
        var domains = providers.Select(p => p.Domain).ToArray();
        var order = Enumerable.Range(0, domains.Length).ToArray();
        Array.Sort(domains, order, StringComparer.Ordinal);
        var ranks = new int[domains.Length];
        for (var rank = 0; rank < order.Length; rank++)
            ranks[order[rank]] = rank;
        return ranks;
    }

    /// <summary>Merged-away provider domains (topic keys) and the index in the table they count as.</summary>
    internal IReadOnlyDictionary<string, int> ProviderAliases { get; }

    /// <inheritdoc cref="ProviderAliases"/>
    internal IReadOnlyDictionary<string, int> TopicAliases { get; }

    /// <summary>The merge rules as read: a snapshot updated in place (<see cref="ArticleFactsDelta"/>) needs the same ones.</summary>
    internal MergeRuleEntry[] MergeRules { get; }

    /// <summary>
    /// Bytes held by the snapshot's arrays (lookup tables and dictionaries are not counted: they are small). Per row:
    /// four ints (id, day, second of the day, provider), two 16-bit codes (category, heat), two sbytes (quality,
    /// published), a bool and a title bucket (24 bytes), plus a topic offset and the id-to-row map (8) and 4 per topic:
    /// under 40 bytes an article at a million real-shaped articles (2 topics each, on average).
    /// </summary>
    public long EstimatedBytes =>
        (long)Count * ColumnBytesPerRow + sizeof(int) * ((long)TopicOffsets.Length + TopicIndices.Length + RowOfId.Length)
        + (LargeHeats?.Count ?? 0) * 12L;

    /// <summary>The bytes a row takes in the one-value-a-row columns (<see cref="EstimatedBytes"/>, the snapshot file).</summary>
    internal const int ColumnBytesPerRow = sizeof(int) * 4 + sizeof(ushort) * 2 + sizeof(sbyte) * 2 + sizeof(bool) + sizeof(byte);

    /// <summary>The provider a stored domain counts as: its own entry, or the one it is merged into; null when unknown here.</summary>
    internal ProviderEntry? ProviderFor(string? domain) =>
        domain is not null && ProviderIndexByDomain.TryGetValue(domain, out var i) ? ProviderTable[i] : null;

    /// <summary>The topic a stored topic key counts as (its own, or the one it is merged into); null when unknown here.</summary>
    internal TopicEntry? TopicFor(string? key) =>
        key is not null && TopicIndexByKey.TryGetValue(key, out var i) ? TopicTable[i] : null;

    /// <summary>
    /// Which providers (indices into <see cref="ProviderTable"/>) some article or reference names. A stored provider can
    /// be left with none: a reference's, once the linked article's own file named another provider (22,772 of the
    /// 40,811 in the real-shaped corpus of a million articles). Choices and suggestions leave those out.
    /// </summary>
    internal bool[] ProvidersNamed()
    {
        var named = new bool[ProviderTable.Length];
        foreach (var provider in Providers.AsSpan(0, Count))
            if (provider >= 0)
                named[provider] = true;
        return named;
    }

    /// <summary>
    /// Each id's row, <see cref="None"/> for ids not held. Ids come from AUTOINCREMENT, so they are dense unless many
    /// articles were removed: an array beats a dictionary.
    /// </summary>
    internal static int[] RowsOfIds(int[] ids)
    {
        var maxId = 0;
        foreach (var id in ids)
            maxId = Math.Max(maxId, id);
        var rowOfId = new int[ids.Length == 0 ? 0 : maxId + 1];
        Array.Fill(rowOfId, None);
        for (var row = 0; row < ids.Length; row++)
            rowOfId[ids[row]] = row;
        return rowOfId;
    }

    internal int RowOf(int articleId) => (uint)articleId < (uint)RowOfId.Length ? RowOfId[articleId] : None;

    internal ReadOnlySpan<int> TopicsOf(int row) => TopicIndices.AsSpan(TopicOffsets[row], TopicOffsets[row + 1] - TopicOffsets[row]);

    internal static int DayOf(DateOnly date) => date.DayNumber - EpochDayNumber;

    internal static DateOnly DateOf(int day) => DateOnly.FromDayNumber(day + EpochDayNumber);
}

internal sealed record ProviderEntry(string Domain, string Name);

/// <summary>A merge rule as the snapshot read it.</summary>
internal readonly record struct MergeRuleEntry(Data.MergeKind Kind, string Alias, string Canonical);

/// <summary>A topic: <see cref="Key"/> is its case-insensitive identity, <see cref="Name"/> its first spelling.</summary>
internal sealed record TopicEntry(string Name, string Key);

/// <summary>
/// The raw columns of a snapshot, already in row order (see <see cref="ArticleFacts"/>) and as narrow as it keeps them:
/// publication time as the day and the second within it, category and heat as 16-bit codes
/// (<see cref="ArticleFacts.CategoryCode"/>, <see cref="ArticleFacts.HeatCode"/>), so neither a full load, nor an
/// update, nor the snapshot file builds a wider column only to narrow it.
/// </summary>
internal sealed record ArticleFactsColumns(
    int[] Ids, int[] Days, int[] SecondOfDay, int[] Providers, ushort[] CategoryCodes, sbyte[] Qualities, ushort[] HeatCodes,
    Dictionary<int, int>? LargeHeats, sbyte[] Published, bool[] IsReference, byte[] TitleBuckets, int[] TopicOffsets, int[] TopicIndices);
