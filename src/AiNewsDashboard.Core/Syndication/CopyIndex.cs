namespace AiNewsDashboard.Core.Syndication;

/// <summary>
/// A multimap from 32-bit keys to article ids in two flat arrays (open addressing, linear probing; 0 marks a free
/// slot): about 11 bytes an entry at its load, where a dictionary of lists would take several times that. A key holds at
/// most a set number of ids (<c>cap</c>), so a boilerplate bucket or a logo can't grow a probe run without end.
/// </summary>
internal sealed class HashMultimap
{
    private uint[] _keys = new uint[1024];
    private int[] _values = new int[1024];

    public int Count { get; private set; }

    public long Bytes => (long)_keys.Length * (sizeof(uint) + sizeof(int));

    /// <summary>Adds (key, value) unless the key already holds <paramref name="cap"/> values (or this very value); says how many it holds now.</summary>
    public int Add(uint key, int value, int cap)
    {
        if (Count + 1 > _keys.Length * 7L / 10)
            Grow();
        key = key == 0 ? 1 : key;
        var mask = _keys.Length - 1;
        var held = 0;
        for (var i = (int)(Mix(key) & (uint)mask); ; i = (i + 1) & mask)
        {
            if (_keys[i] == 0)
            {
                if (held >= cap)
                    return held;
                _keys[i] = key;
                _values[i] = value;
                Count++;
                return held + 1;
            }
            if (_keys[i] == key)
            {
                if (_values[i] == value)
                    return held;
                held++;
            }
        }
    }

    /// <summary>Calls <paramref name="each"/> for every value under the key.</summary>
    public void ForEach<TState>(uint key, ref TState state, Action<int, TState> each)
    {
        key = key == 0 ? 1 : key;
        var mask = _keys.Length - 1;
        for (var i = (int)(Mix(key) & (uint)mask); _keys[i] != 0; i = (i + 1) & mask)
            if (_keys[i] == key)
                each(_values[i], state);
    }

    public int CountOf(uint key)
    {
        key = key == 0 ? 1 : key;
        var mask = _keys.Length - 1;
        var n = 0;
        for (var i = (int)(Mix(key) & (uint)mask); _keys[i] != 0; i = (i + 1) & mask)
            if (_keys[i] == key)
                n++;
        return n;
    }

    private void Grow()
    {
        var (keys, values) = (_keys, _values);
        _keys = new uint[keys.Length * 2];
        _values = new int[keys.Length * 2];
        var mask = _keys.Length - 1;
        for (var j = 0; j < keys.Length; j++)
        {
            if (keys[j] == 0)
                continue;
            var i = (int)(Mix(keys[j]) & (uint)mask);
            while (_keys[i] != 0)
                i = (i + 1) & mask;
            _keys[i] = keys[j];
            _values[i] = values[j];
        }
    }

    private static uint Mix(uint x)
    {
        x ^= x >> 16;
        x *= 0x7feb352d;
        x ^= x >> 15;
        x *= 0x846ca68b;
        return x ^ (x >> 16);
    }
}

/// <summary>
/// The LSH index of the articles seen so far: each article's MinHash bands, its normalised title (when long enough to
/// mean something) and its images, each a key in one <see cref="HashMultimap"/>; and each article's print
/// (<see cref="CopyPrint"/>, the last one added for its id), on which candidates are checked. Only hashes are kept,
/// never text.
/// </summary>
internal sealed class CopyIndex(SyndicationSettings settings)
{
    /// <summary>Most articles one band or title key keeps: the earliest are enough to join a group, and a boilerplate text can't make every lookup scan thousands.</summary>
    internal const int MaxBucket = 64;

    private readonly HashMultimap _map = new();

    /// <summary>Each indexed article's publication day (DateOnly.DayNumber + 1; 0 when undated), by id: candidates
    /// published too far apart to be copies are dropped before they are compared. Ids are dense, so an array.</summary>
    private int[] _days = new int[1024];

    private CopyPrint?[] _prints = new CopyPrint?[1024];
    private long _printBytes;

    public SyndicationSettings Settings => settings;
    public int Entries => _map.Count;
    public long Bytes => _map.Bytes + (long)_days.Length * sizeof(int) + (long)_prints.Length * 16 + _printBytes;

    /// <summary>The print of an indexed article; null for an id never added.</summary>
    public CopyPrint? PrintOf(int id) => id >= 0 && id < _prints.Length ? _prints[id] : null;

    public void Add(CopyText text)
    {
        if (text.Id >= _days.Length)
            Array.Resize(ref _days, Math.Max(text.Id + 1, _days.Length * 2));
        if (text.Id >= _prints.Length)
            Array.Resize(ref _prints, _days.Length);
        _days[text.Id] = DayOf(text);
        _printBytes += text.Print.Bytes - (_prints[text.Id]?.Bytes ?? 0);
        _prints[text.Id] = text.Print;
        foreach (var key in BandKeys(text))
            _map.Add(key, text.Id, MaxBucket);
        if (TitleKey(text) is { } title)
            _map.Add(title, text.Id, MaxBucket);
        // One more than the limit is enough to know an image is a logo.
        foreach (var image in text.Images)
            _map.Add(ImageKey(image), text.Id, settings.MaxImageShare + 1);
    }

    /// <summary>Articles that share a band, the title or an image (a logo aside) with <paramref name="text"/>, itself left out.</summary>
    public void AddCandidates(CopyText text, HashSet<int> into)
    {
        var state = into;
        foreach (var key in BandKeys(text))
            _map.ForEach(key, ref state, static (id, set) => set.Add(id));
        if (TitleKey(text) is { } title)
            _map.ForEach(title, ref state, static (id, set) => set.Add(id));
        foreach (var image in text.Images)
            if (!IsLogo(image))
                _map.ForEach(ImageKey(image), ref state, static (id, set) => set.Add(id));
        into.Remove(text.Id);
        // A day of slack: the rule compares exact times.
        if (DayOf(text) is var day and > 0)
            into.RemoveWhere(id => id < _days.Length && _days[id] > 0 && Math.Abs(_days[id] - day) > settings.MaxLagDays + 1);
    }

    private static int DayOf(CopyText text) => text.Article.PublishedAt is { } t ? DateOnly.FromDateTime(t).DayNumber + 1 : 0;

    /// <summary>Shown by more articles than <see cref="SyndicationSettings.MaxImageShare"/>.</summary>
    public bool IsLogo(ulong image) => _map.CountOf(ImageKey(image)) > settings.MaxImageShare;

    private IEnumerable<uint> BandKeys(CopyText text)
    {
        if (text.Shingles.Length == 0)
            yield break;
        var signature = text.Signature(settings.Hashes);
        var rows = settings.RowsPerBand;
        for (var b = 0; b < settings.Bands; b++)
        {
            var h = CopyText.Mix(0xB000UL + (ulong)b);
            for (var r = 0; r < rows; r++)
                h = CopyText.Mix(h ^ signature[b * rows + r]);
            yield return (uint)h;
        }
    }

    private uint? TitleKey(CopyText text) =>
        text.TitleWordCount >= settings.MinTitleWords ? (uint)CopyText.Mix(CopyText.Hash(text.Title) ^ 0x7171UL) : null;

    private static uint ImageKey(ulong image) => (uint)CopyText.Mix(image ^ 0x1313UL);
}
