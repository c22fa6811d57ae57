using System.Globalization;
using System.Text;

namespace AiNewsDashboard.Demo;

/// <summary>One generated article file: where it goes (always '/'-separated) and its full text.</summary>
public sealed record GeneratedArticle(string RelativePath, string Text);

/// <summary>
/// Makes a synthetic, plausible corpus of AI/tech news articles in the same front-matter format as real article files,
/// for the demo a new user sees and for benchmarks (up to millions of files).
/// </summary>
/// <remarks>
/// The corpus is a sequence of <em>stories</em>: one event covered by 1-8 outlets within hours to a couple of days,
/// with similar titles and shared topics. Every article's related list names other articles of its story (exact
/// URL, title, date, provider and quality), and about 15% of related entries name articles that are not in the corpus,
/// which the dashboard shows as reference articles. Each story draws from its own random stream seeded by
/// (seed, story number), so output depends only on (seed, shape, count) and memory stays flat however many are generated.
/// <see cref="DemoShape.RealWorld"/> reshapes the same stories like the public data sets users import.
/// </remarks>
public sealed class DemoCorpusGenerator
{
    public const int DefaultSeed = 20261124;

    /// <summary>Most files per folder, so file explorers and file systems stay quick on large corpora.</summary>
    public const int FilesPerFolder = 1000;

    private readonly int _seed;
    private readonly DemoShape _shape;

    public DemoCorpusGenerator(int seed = DefaultSeed, DemoShape shape = DemoShape.Demo)
    {
        if (!Enum.IsDefined(shape))
            throw new ArgumentOutOfRangeException(nameof(shape), shape, "Unknown corpus shape.");
        _seed = seed;
        _shape = shape;
    }

    /// <summary>Streams <paramref name="count"/> articles, deterministic for (seed, count): same input, byte-identical output.</summary>
    public IEnumerable<GeneratedArticle> Generate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return GenerateCore(count, story: null);
    }

    /// <summary>Writes <see cref="Generate"/> under <paramref name="outDir"/> as UTF-8 files; returns how many were written.</summary>
    public int WriteTo(string outDir, int count, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(outDir);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        Directory.CreateDirectory(outDir);
        string? folder = null;
        int written = 0;
        foreach (var article in GenerateCore(count, story: null))
        {
            ct.ThrowIfCancellationRequested();
            string path = Path.Combine(outDir, article.RelativePath.Replace('/', Path.DirectorySeparatorChar));
            string dir = Path.GetDirectoryName(path)!;
            if (dir != folder)
            {
                Directory.CreateDirectory(dir);
                folder = dir;
            }
            File.WriteAllText(path, article.Text, utf8);
            written++;
        }
        return written;
    }

    /// <summary>Relative path of the article at <paramref name="index"/>: "0000/000123.md".</summary>
    public static string RelativePathFor(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{index / FilesPerFolder:D4}/{index:D6}.md");

    /// <summary>Like <see cref="Generate"/>, also reporting each article's story number (for tests and statistics).</summary>
    internal IEnumerable<(GeneratedArticle Article, long Story)> GenerateWithStories(int count)
    {
        var story = new long[1];
        foreach (var article in GenerateCore(count, story))
            yield return (article, story[0]);
    }

    private IEnumerable<GeneratedArticle> GenerateCore(int count, long[]? story)
    {
        var builder = new DemoStoryBuilder(_seed, _shape);
        var writer = new DemoArticleWriter();
        int index = 0;
        for (long storyNumber = 0; index < count; storyNumber++)
        {
            var s = builder.Build(storyNumber, index, count - index);
            if (story is not null) story[0] = storyNumber;
            for (int i = 0; i < s.Size; i++, index++)
                yield return new GeneratedArticle(RelativePathFor(index), writer.Write(s, i));
        }
    }
}

/// <summary>One picture attached to an article.</summary>
internal readonly record struct DemoImage(string Url, int Width, int Height, bool IsCached);

/// <summary>An article of a story, in the corpus or (External) only cited by others. Reused from story to story.</summary>
internal sealed class DemoMember
{
    public DemoProvider Provider = DemoVocabulary.Providers[0];
    public string Category = "news";
    public int Minute;
    public int Quality;
    public int Heat;
    public bool Published;
    public bool External;
    public uint Id;
    public string Title = "";
    public string Excerpt = "";
    public string WebUrl = "";
    public string OriginalUrl = "";
    public string? AmpUrl;
    public string? CdnAmpUrl;
    public string DateText = "";
    public readonly DemoImage[] Images = new DemoImage[3];
    public int ImageCount;
    /// <summary>Whether the related entries that cite this article include its first image (real data often omits it).</summary>
    public bool ImageWhenCited;
    public readonly int[] Topics = new int[4];
    public int TopicCount;
    /// <summary>Neither quality nor heat in the file (<see cref="DemoShape.RealWorld"/>).</summary>
    public bool Unscored;
    /// <summary>Topics spelled the other way (<see cref="DemoRealWorld.TopicAliases"/>).</summary>
    public bool AliasTopics;
    /// <summary>A topic beyond the vocabulary's, written last ("U.S. News" or "US news").</summary>
    public string? ExtraTopic;
    /// <summary>Indices into the story's members (externals included) of the articles this one cites.</summary>
    public readonly int[] Related = new int[5];
    public int RelatedCount;
    /// <summary>This article rendered as a related entry; built once per story by the writer.</summary>
    public string? CitedYaml;
}

/// <summary>A story: members [0, Size) are in the corpus sorted by time; [Size, Size + ExternalCount) are cited only.</summary>
internal sealed class DemoStory
{
    public const int MaxSize = 8;
    public const int MaxExternal = 2;
    public readonly DemoMember[] Members = CreateMembers();
    public int Size;
    public int ExternalCount;
    public int PrimaryTopic;
    public int MonthIndex;

    private static DemoMember[] CreateMembers()
    {
        var members = new DemoMember[MaxSize + MaxExternal];
        for (int i = 0; i < members.Length; i++) members[i] = new DemoMember();
        return members;
    }
}

/// <summary>Builds one story at a time from its own seeded stream. Not thread-safe; one per enumeration.</summary>
internal sealed class DemoStoryBuilder
{
    // Story sizes 1..8: most stories are covered once, a few by many outlets.
    private static readonly double[] SizeCumulative = Cumulative([40, 20, 13, 9, 7, 5, 3, 3]);
    private static readonly double[][] EventCumulativeByTopic = BuildEventTables();
    private static readonly double[] RelatedCountCumulative = Cumulative([12, 28, 25, 17, 10, 8]);
    private static readonly double[] CompanyCumulative = BuildCompanyTable();

    private readonly ulong _seedKey;
    private readonly uint _idKey;
    private readonly DemoRandom _rng = new(0);
    private readonly DemoStory _story = new();
    private readonly string[] _slots = new string[52];
    private readonly double[] _providerCumulative = new double[DemoVocabulary.Providers.Length];
    private readonly bool[] _providerUsed = new bool[DemoVocabulary.Providers.Length];
    private readonly int[] _storyTopics = new int[4];
    private int _storyTopicCount;
    private readonly int[] _delays = new int[DemoStory.MaxSize + DemoStory.MaxExternal];
    private readonly int[] _scratch = new int[DemoStory.MaxSize + DemoStory.MaxExternal];
    private readonly StringBuilder _text = new(512);
    private uint _externalCounter;
    private readonly bool _realWorld;
    /// <summary>URLs of the articles a later one carries again (<see cref="DemoRealWorld.CopyOf"/>), by index.</summary>
    private readonly Dictionary<int, string> _pairOriginals = [];

    public DemoStoryBuilder(int seed, DemoShape shape = DemoShape.Demo)
    {
        _realWorld = shape == DemoShape.RealWorld;
        _seedKey = DemoRandom.Mix((ulong)(uint)seed ^ 0x5DEECE66DUL);
        _idKey = (uint)DemoRandom.Mix(_seedKey + 1);
    }

    /// <summary>Builds story number <paramref name="storyNumber"/>, whose first in-corpus article has global index <paramref name="firstIndex"/>.</summary>
    public DemoStory Build(long storyNumber, int firstIndex, int maxSize)
    {
        var rng = _rng;
        rng.Reset(DemoRandom.Mix(_seedKey ^ ((ulong)storyNumber * 0xD1B54A32D192ED03UL)));
        var story = _story;

        int month = rng.PickCumulative(DemoTimeline.MonthCumulative);
        int startMinute = _realWorld ? DemoRealWorld.PickStartMinute(rng) : PickStartMinute(rng, month);
        int primary = rng.PickCumulative(DemoTimeline.TopicCumulativeByMonth[month]);
        var topic = DemoVocabulary.Topics[primary];
        int topicCount = _storyTopicCount = PickStoryTopics(rng, primary);
        var evt = DemoVocabulary.Events[rng.PickCumulative(EventCumulativeByTopic[primary])];
        FillSlots(rng, topic, startMinute);

        int size = Math.Min(rng.PickCumulative(SizeCumulative) + 1, maxSize);
        // About 15% of related entries should leave the corpus: a story cites 0-2 articles outside it.
        double e = rng.NextDouble();
        int externals = e < 0.55 ? 0 : e < 0.88 ? 1 : 2;
        DemoSignals.PlantBreakingSize(!_realWorld, storyNumber, maxSize, ref size, ref externals);
        story.Size = size;
        story.ExternalCount = externals;
        story.PrimaryTopic = primary;
        story.MonthIndex = month;

        PrepareProviderWeights(primary, evt.Kind);
        int titleOffset = rng.Next(evt.Titles.Length);
        int excerptOffset = rng.Next(evt.Excerpts.Length);
        int newsCount = 0;
        int hotness = 10 + 7 * (size + externals) + (int)(35 * rng.NextDouble());
        int total = size + externals;
        for (int i = 0; i < total; i++)
        {
            var m = story.Members[i];
            m.External = i >= size;
            m.Provider = DemoVocabulary.Providers[PickProvider(rng)];
            if (_realWorld && rng.Chance(DemoRealWorld.TailShare))
                m.Provider = DemoRealWorld.PickTailProvider(rng);
            m.Category = PickCategory(rng, m.Provider, m.External);
            string titleTemplate = m.Category switch
            {
                "opinion" => rng.Pick(DemoVocabulary.OpinionTitles),
                "analysis" => rng.Pick(DemoVocabulary.AnalysisTitles),
                "press-release" => rng.Pick(DemoVocabulary.PressTitles),
                _ => evt.Titles[(titleOffset + newsCount++) % evt.Titles.Length],
            };
            m.Title = Fill(titleTemplate);
            m.Excerpt = BuildExcerpt(rng, evt, m.Category, excerptOffset + i);
            _delays[i] = PickDelayMinutes(rng, m);
            m.Quality = Clamp((int)Math.Round(m.Provider.QualityMean + m.Provider.QualitySpread * rng.NextGaussian()), 0, 100);
            m.Heat = rng.Chance(0.1) ? -1 : Clamp((int)Math.Round(hotness + 12 * rng.NextGaussian()), 0, 100);
            m.Published = rng.Chance(0.3);
            m.Unscored = _realWorld && rng.Chance(DemoRealWorld.UnscoredShare);
            m.AliasTopics = _realWorld && rng.Chance(DemoRealWorld.AliasTopicShare);
            m.ExtraTopic = _realWorld && rng.Chance(DemoRealWorld.UsNewsTopicShare) ? (rng.Chance(0.5) ? "U.S. News" : "US news") : null;
            m.TopicCount = 0;
            m.Topics[m.TopicCount++] = primary;
            for (int t = 1; t < topicCount; t++)
                if (rng.Chance(0.8)) m.Topics[m.TopicCount++] = _storyTopics[t];
            m.CitedYaml = null;
        }
        DemoSignals.PlantBreakingTimes(!_realWorld, storyNumber, _delays, total, ref startMinute);
        AssignTimes(story, startMinute, total);
        DemoSignals.PlantDrift(!_realWorld, story, total);
        SortInCorpusByTime(story);
        DemoBlindspot.Plant(story, storyNumber, rng, _realWorld);
        DemoSyndication.Plant(story, storyNumber, _realWorld);

        for (int i = 0; i < total; i++)
        {
            var m = story.Members[i];
            uint raw = m.External ? 0x80000000u | _externalCounter++ : (uint)(firstIndex + i);
            m.Id = DemoRandom.Scramble(raw ^ _idKey);
            BuildUrlsAndImages(rng, m);
            if (_realWorld && !m.External)
                PairUrl(m, firstIndex + i);
        }
        for (int i = 0; i < size; i++) PickRelated(rng, story, i);
        return story;
    }

    /// <summary>Gives the second file of a pair its first file's URL (<see cref="DemoRealWorld.CopyOf"/>).</summary>
    private void PairUrl(DemoMember m, int index)
    {
        if (DemoRealWorld.IsPairOriginal(index))
            _pairOriginals[index] = m.WebUrl;
        else if (DemoRealWorld.CopyOf(index) is >= 0 and var original && _pairOriginals.Remove(original, out var url))
        {
            m.WebUrl = url;
            m.OriginalUrl = url;
            m.AmpUrl = null;
            m.CdnAmpUrl = null;
        }
    }

    private static int PickStartMinute(DemoRandom rng, int month)
    {
        int day;
        while (true)
        {
            day = rng.Next(DemoTimeline.MonthDays[month]);
            int dow = (DemoTimeline.MonthStartDayOfWeek[month] + day) % 7;
            if (rng.NextDouble() < DemoTimeline.WeekdayAcceptance[dow]) break;
        }
        int hour = rng.PickCumulative(DemoTimeline.HourCumulative);
        return DemoTimeline.MonthStartMinute[month] + day * 1440 + hour * 60 + rng.Next(60);
    }

    /// <summary>Primary topic first, then maybe "AI" and neighbouring topics: 1-4 distinct topics in _storyTopics.</summary>
    private int PickStoryTopics(DemoRandom rng, int primary)
    {
        int n = 0;
        _storyTopics[n++] = primary;
        if (rng.Chance(0.62)) _storyTopics[n++] = DemoVocabulary.Topic_AI;
        var neighbours = DemoVocabulary.Topics[primary].Neighbours;
        int start = rng.Next(neighbours.Length);
        double p = 0.55;
        for (int k = 0; k < neighbours.Length && n < 4; k++, p *= 0.45)
        {
            int candidate = neighbours[(start + k) % neighbours.Length];
            if (!rng.Chance(p)) break;
            if (Array.IndexOf(_storyTopics, candidate, 0, n) < 0) _storyTopics[n++] = candidate;
        }
        return n;
    }

    private void FillSlots(DemoRandom rng, DemoTopic topic, int startMinute)
    {
        var s = _slots;
        int company = rng.PickCumulative(CompanyCumulative);
        int other = rng.PickCumulative(CompanyCumulative);
        if (other == company) other = (company + 1 + rng.Next(DemoVocabulary.Companies.Length - 1)) % DemoVocabulary.Companies.Length;
        var claim = rng.Pick(DemoVocabulary.Claims);
        int amount = rng.Pick(DemoVocabulary.AmountsInMillions);
        int valuation;
        do valuation = rng.Pick(DemoVocabulary.ValuationsInMillions); while (valuation < 4 * amount);
        Set('A', Dollars(amount));
        Set('B', rng.Pick(DemoVocabulary.Benchmarks));
        Set('C', DemoVocabulary.Companies[company]);
        Set('D', DemoVocabulary.Companies[other]);
        Set('E', rng.Pick(DemoVocabulary.Sectors));
        Set('F', topic.Field);
        Set('G', rng.Pick(DemoVocabulary.Nationalities));
        Set('H', rng.Pick(DemoVocabulary.Investors));
        Set('I', rng.Pick(DemoVocabulary.Issues));
        Set('J', claim.Plural);
        Set('K', rng.Pick(DemoVocabulary.People));
        Set('L', topic.Things);
        Set('M', rng.Pick(DemoVocabulary.Percents));
        Set('N', rng.Pick(DemoVocabulary.Numbers));
        Set('O', rng.Pick(DemoVocabulary.Rounds));
        Set('P', rng.Pick(DemoVocabulary.Products));
        Set('Q', rng.Pick(DemoVocabulary.Quotes));
        Set('R', rng.Pick(DemoVocabulary.Regulators));
        Set('S', rng.Pick(DemoVocabulary.Cities));
        Set('T', topic.Thing);
        Set('U', rng.Pick(DemoVocabulary.Universities));
        Set('V', rng.Pick(DemoVocabulary.Versions));
        Set('W', DemoVocabulary.WeekdayNames[(int)DemoTimeline.ToDateTime(startMinute).DayOfWeek]);
        Set('X', claim.Singular);
        Set('Y', rng.Pick(DemoVocabulary.SmallNumbers));
        Set('Z', Dollars(valuation));
        Set('f', TitleCase(topic.Field));
        Set('l', TitleCase(topic.Things));
        Set('a', ("aeiouAEIOU".Contains(topic.Thing[0]) ? "an " : "a ") + topic.Thing);
        Set('c', Possessive(s['C' - 'A']));
        Set('d', Possessive(s['D' - 'A']));

        void Set(char slot, string value) => s[SlotIndex(slot)] = value;
        static string Possessive(string name) => name.EndsWith('s') ? name + "'" : name + "'s";
        static string Dollars(int millions) => millions < 1000
            ? "$" + millions.ToString(CultureInfo.InvariantCulture) + " million"
            : "$" + (millions / 1000.0).ToString("0.#", CultureInfo.InvariantCulture) + " billion";
        static string TitleCase(string phrase)
        {
            var chars = phrase.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
                if ((i == 0 || chars[i - 1] is ' ' or '-') && char.IsLower(chars[i])) chars[i] = char.ToUpperInvariant(chars[i]);
            return new string(chars);
        }
    }

    private static int SlotIndex(char c) => c is >= 'A' and <= 'Z' ? c - 'A' : c is >= 'a' and <= 'z' ? 26 + c - 'a' : -1;

    /// <summary>Expands {X} placeholders from the story's slots and capitalises the first letter.</summary>
    private string Fill(string template)
    {
        var sb = _text.Clear();
        AppendFilled(sb, template);
        if (sb.Length > 0 && char.IsLower(sb[0])) sb[0] = char.ToUpperInvariant(sb[0]);
        return sb.ToString();
    }

    private void AppendFilled(StringBuilder sb, string template)
    {
        int start = sb.Length;
        for (int i = template.Length > 0 && template[0] == '+' ? 1 : 0; i < template.Length; i++)
        {
            char c = template[i];
            if (c == '{' && i + 2 < template.Length && template[i + 2] == '}' && SlotIndex(template[i + 1]) >= 0)
            {
                sb.Append(_slots[SlotIndex(template[i + 1])]);
                i += 2;
            }
            else
            {
                sb.Append(c);
            }
        }
        if (sb.Length > start && char.IsLower(sb[start])) sb[start] = char.ToUpperInvariant(sb[start]);
    }

    private string BuildExcerpt(DemoRandom rng, DemoEvent evt, string category, int ordinal)
    {
        string[] pool = category switch
        {
            "opinion" or "analysis" => DemoVocabulary.CommentExcerpts,
            "press-release" => DemoVocabulary.PressExcerpts,
            _ => evt.Excerpts,
        };
        var sb = _text.Clear();
        // Each outlet in a story opens with a different lead sentence where the pool allows, then maybe adds another.
        int leads = 0;
        foreach (var sentence in pool)
            if (sentence[0] != '+') leads++;
        int first = NthLead(pool, category == "news" ? ordinal % leads : rng.Next(leads));
        AppendFilled(sb, pool[first]);
        if (category is "opinion" or "analysis")
        {
            if (rng.Chance(0.6))
            {
                sb.Append(' ');
                AppendFilled(sb, evt.Excerpts[NthLead(evt.Excerpts, rng.Next(2))]);
            }
        }
        else if (pool.Length > 1 && rng.Chance(0.6))
        {
            sb.Append(' ');
            AppendFilled(sb, pool[(first + 1 + rng.Next(pool.Length - 1)) % pool.Length]);
        }
        return sb.ToString();
    }

    private static int NthLead(string[] pool, int n)
    {
        for (int i = 0; i < pool.Length; i++)
            if (pool[i][0] != '+' && n-- == 0) return i;
        return 0;
    }

    private static string PickCategory(DemoRandom rng, DemoProvider provider, bool external)
    {
        if (provider.IsWire) return rng.Chance(0.75) ? "press-release" : "news";
        if (external) return "news";
        double r = rng.NextDouble();
        return r < 0.8 ? "news" : r < 0.91 ? "analysis" : "opinion";
    }

    /// <summary>Outlets on the story's beat join far more often; wires rarely carry investigations and court news.</summary>
    private void PrepareProviderWeights(int primary, string eventKind)
    {
        var providers = DemoVocabulary.Providers;
        bool wireFriendly = eventKind is "launch" or "funding" or "partnership" or "people" or "acquisition" or "deployment";
        double total = 0;
        for (int p = 0; p < providers.Length; p++)
        {
            var provider = providers[p];
            double w = provider.Weight;
            if (provider.Beat == primary) w *= 6;
            else if (provider.Beat >= 0 && Array.IndexOf(_storyTopics, provider.Beat, 0, _storyTopicCount) >= 0) w *= 2.5;
            if (provider.IsWire && !wireFriendly) w *= 0.3;
            total += w;
            _providerCumulative[p] = total;
            _providerUsed[p] = false;
        }
    }

    /// <summary>A provider not yet in this story (each outlet covers a story once).</summary>
    private int PickProvider(DemoRandom rng)
    {
        for (int attempt = 0; attempt < 64; attempt++)
        {
            int p = rng.PickCumulative(_providerCumulative);
            if (!_providerUsed[p])
            {
                _providerUsed[p] = true;
                return p;
            }
        }
        int q = rng.Next(_providerUsed.Length);
        while (_providerUsed[q]) q = (q + 1) % _providerUsed.Length;
        _providerUsed[q] = true;
        return q;
    }

    /// <summary>
    /// Minutes after the event at which this member publishes: fast outlets (low Lag) tend to be first, some coverage
    /// follows the next day, and commentary comes later still. Capped at three days.
    /// </summary>
    private static int PickDelayMinutes(DemoRandom rng, DemoMember m)
    {
        double u = rng.NextDouble();
        double hours = m.Provider.Lag * (0.25 + 10 * u * u);
        if (rng.Chance(0.18)) hours += 6 + 30 * rng.NextDouble();
        if (m.Category is "opinion" or "analysis") hours += 4 + 20 * rng.NextDouble();
        return (int)Math.Min(hours * 60, 72 * 60);
    }

    /// <summary>The earliest member publishes at the story's start; the story is moved back if it would run past the end of the range.</summary>
    private void AssignTimes(DemoStory story, int startMinute, int total)
    {
        int min = int.MaxValue, max = int.MinValue;
        for (int i = 0; i < total; i++)
        {
            min = Math.Min(min, _delays[i]);
            max = Math.Max(max, _delays[i]);
        }
        int shift = Math.Max(0, startMinute + (max - min) - DemoTimeline.LastMinute);
        for (int i = 0; i < total; i++)
        {
            var m = story.Members[i];
            m.Minute = startMinute - shift + _delays[i] - min;
            m.DateText = FormatDate(DemoTimeline.ToDateTime(m.Minute));
        }
    }

    private static void SortInCorpusByTime(DemoStory story)
    {
        var members = story.Members;
        for (int i = 1; i < story.Size; i++)
        {
            var m = members[i];
            int j = i - 1;
            while (j >= 0 && members[j].Minute > m.Minute)
            {
                members[j + 1] = members[j];
                j--;
            }
            members[j + 1] = m;
        }
    }

    private void BuildUrlsAndImages(DemoRandom rng, DemoMember m)
    {
        var date = DemoTimeline.ToDateTime(m.Minute);
        string domain = m.Provider.Domain;
        string id = m.Id.ToString("x8", CultureInfo.InvariantCulture);
        string slug = Slugify(m.Title);
        var sb = _text.Clear();
        sb.Append("https://").Append(domain).Append('/');
        AppendDatePath(sb, date, withDay: true);
        sb.Append(slug).Append('-').Append(id);
        m.WebUrl = sb.ToString();

        if (m.Category == "press-release")
        {
            string company = Slugify(_slots[SlotIndex('C')]).Replace("-", "", StringComparison.Ordinal);
            // originalUrl is this article's own pre-redirect address (an alias of it), so it is unique per article
            // even when several outlets carry the same release.
            m.OriginalUrl = "https://newsroom." + company + ".example/releases/" + slug + "-" + id;
        }
        else
        {
            double r = rng.NextDouble();
            m.OriginalUrl = r < 0.88 ? m.WebUrl
                : r < 0.95 ? m.WebUrl + "?utm_source=rss&utm_medium=feed"
                : "https://feeds." + domain + "/~r/" + slug + "-" + id;
        }

        if (m.Provider.HasAmp)
        {
            m.AmpUrl = m.WebUrl + "/amp/";
            m.CdnAmpUrl = "https://amp-cache.example/c/s/" + m.AmpUrl["https://".Length..];
        }
        else
        {
            m.AmpUrl = null;
            m.CdnAmpUrl = null;
        }

        double k = rng.NextDouble();
        m.ImageCount = k < 0.85 ? 1 : k < 0.97 ? 2 : 3;
        for (int i = 0; i < m.ImageCount; i++)
        {
            var (w, h) = rng.Pick(DemoVocabulary.ImageSizes);
            sb.Clear().Append("https://img.").Append(domain).Append('/');
            AppendDatePath(sb, date, withDay: false);
            sb.Append(id).Append('-').AppendInvariant(i + 1).Append(rng.Pick(DemoVocabulary.ImageExtensions));
            m.Images[i] = new DemoImage(sb.ToString(), w, h, rng.Chance(0.9));
        }
        m.ImageWhenCited = rng.Chance(0.8);
    }

    /// <summary>Related entries: up to 5 other members of the story, in-corpus or external, oldest first.</summary>
    private void PickRelated(DemoRandom rng, DemoStory story, int self)
    {
        var m = story.Members[self];
        int others = story.Size - 1;
        int inCorpus = Math.Min(rng.PickCumulative(RelatedCountCumulative), others);
        int external = 0;
        if (story.ExternalCount > 0 && rng.Chance(0.52))
            external = story.ExternalCount > 1 && rng.Chance(0.3) ? 2 : 1;
        inCorpus = Math.Min(inCorpus, 5 - external);

        // Partial Fisher-Yates over the other in-corpus members.
        int n = 0;
        for (int i = 0; i < story.Size; i++)
            if (i != self) _scratch[n++] = i;
        int count = 0;
        for (int k = 0; k < inCorpus; k++)
        {
            int j = k + rng.Next(n - k);
            (_scratch[k], _scratch[j]) = (_scratch[j], _scratch[k]);
            m.Related[count++] = _scratch[k];
        }
        int firstExternal = rng.Next(Math.Max(1, story.ExternalCount));
        for (int k = 0; k < external; k++)
            m.Related[count++] = story.Size + (firstExternal + k) % story.ExternalCount;

        for (int i = 1; i < count; i++)
        {
            int v = m.Related[i];
            int j = i - 1;
            while (j >= 0 && story.Members[m.Related[j]].Minute > story.Members[v].Minute)
            {
                m.Related[j + 1] = m.Related[j];
                j--;
            }
            m.Related[j + 1] = v;
        }
        m.RelatedCount = count;
    }

    /// <summary>Lower-case ASCII words joined by '-', at most about 60 characters, cut at a word boundary.</summary>
    internal static string Slugify(string title)
    {
        Span<char> buffer = stackalloc char[72];
        int len = 0, lastWordEnd = 0;
        bool pendingDash = false;
        foreach (char ch in title)
        {
            char c = Fold(ch);
            if (c == '\0') continue;
            if (c == '-')
            {
                pendingDash = len > 0;
                continue;
            }
            if (pendingDash)
            {
                lastWordEnd = len;
                if (len >= 60) break;
                buffer[len++] = '-';
                pendingDash = false;
            }
            if (len >= buffer.Length) { len = lastWordEnd; break; }
            buffer[len++] = c;
        }
        if (len > 60 && lastWordEnd > 0) len = lastWordEnd;
        return len == 0 ? "story" : new string(buffer[..len]);

        // Letters and digits kept (lower-cased, common accents dropped), apostrophes removed, everything else a separator.
        static char Fold(char ch) => ch switch
        {
            >= 'a' and <= 'z' or >= '0' and <= '9' => ch,
            >= 'A' and <= 'Z' => (char)(ch + 32),
            '\'' or '\u2019' => '\0',
            '\u00e1' or '\u00e0' or '\u00e4' => 'a',
            '\u00e9' or '\u00e8' => 'e',
            '\u00ed' => 'i',
            '\u00f3' or '\u00f6' => 'o',
            '\u00fa' or '\u00fc' => 'u',
            '\u00f1' => 'n',
            _ => '-',
        };
    }

    private static void AppendDatePath(StringBuilder sb, DateTime date, bool withDay)
    {
        sb.AppendInvariant(date.Year).Append('/');
        Append2(sb, date.Month).Append('/');
        if (withDay) Append2(sb, date.Day).Append('/');
    }

    private static StringBuilder Append2(StringBuilder sb, int v) => sb.Append((char)('0' + v / 10)).Append((char)('0' + v % 10));

    /// <summary>yyyy-MM-ddTHH:mm:ssZ without culture or format parsing.</summary>
    internal static string FormatDate(DateTime d) => string.Create(20, d, static (span, d) =>
    {
        int y = d.Year;
        span[0] = (char)('0' + y / 1000);
        span[1] = (char)('0' + y / 100 % 10);
        span[2] = (char)('0' + y / 10 % 10);
        span[3] = (char)('0' + y % 10);
        span[4] = '-';
        Two(span[5..], d.Month);
        span[7] = '-';
        Two(span[8..], d.Day);
        span[10] = 'T';
        Two(span[11..], d.Hour);
        span[13] = ':';
        Two(span[14..], d.Minute);
        span[16] = ':';
        Two(span[17..], d.Second);
        span[19] = 'Z';

        static void Two(Span<char> s, int v)
        {
            s[0] = (char)('0' + v / 10);
            s[1] = (char)('0' + v % 10);
        }
    });

    private static int Clamp(int v, int lo, int hi) => v < lo ? lo : v > hi ? hi : v;

    internal static double[] Cumulative(ReadOnlySpan<double> weights)
    {
        var result = new double[weights.Length];
        double total = 0;
        for (int i = 0; i < weights.Length; i++) result[i] = total += weights[i];
        return result;
    }

    private static double[][] BuildEventTables()
    {
        var topics = DemoVocabulary.Topics;
        var tables = new double[topics.Length][];
        for (int t = 0; t < topics.Length; t++)
        {
            string digits = topics[t].EventWeights;
            if (digits.Length != DemoVocabulary.Events.Length)
                throw new InvalidOperationException($"Topic '{topics[t].Name}' has {digits.Length} event weights, expected {DemoVocabulary.Events.Length}.");
            var weights = new double[digits.Length];
            for (int i = 0; i < digits.Length; i++) weights[i] = digits[i] - '0';
            tables[t] = Cumulative(weights);
        }
        return tables;
    }

    /// <summary>Companies follow a long tail too, so entity charts have clear leaders.</summary>
    private static double[] BuildCompanyTable()
    {
        var weights = new double[DemoVocabulary.Companies.Length];
        for (int i = 0; i < weights.Length; i++) weights[i] = 1.0 / (i + 2);
        return Cumulative(weights);
    }
}
