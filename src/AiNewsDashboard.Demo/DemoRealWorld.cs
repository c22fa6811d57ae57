namespace AiNewsDashboard.Demo;

/// <summary>What a generated corpus looks like.</summary>
public enum DemoShape
{
    /// <summary>The demo a new user sees: about 40 outlets, 2019 to 2026 with volume growing, every article scored.</summary>
    Demo,

    /// <summary>
    /// Shaped like public news data sets, the data users bring: thousands of outlets with a power-law tail, most articles
    /// in one dense spring (2014) and a thin spread over 2015-2022, no quality or heat on most articles, alias spellings
    /// of outlets ("HuffPost"/"Huffington Post", "U.S. News"/"US news") and of topics, and a few pairs of files that
    /// carry the same URL. For testing and benchmarking the app against such data (<see cref="DemoRealWorld"/>).
    /// </summary>
    RealWorld,
}

/// <summary>
/// The parameters of <see cref="DemoShape.RealWorld"/>. The stories, titles and links are the demo's; this changes who
/// publishes them, when, with which scores, and how names are spelled.
/// </summary>
internal static class DemoRealWorld
{
    public static readonly DateTime SpikeStart = new(2014, 3, 10, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime SpikeEnd = new(2014, 6, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime ThinStart = new(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    /// <summary>Stories start by this day, so their coverage (at most three days) ends before 2022-09-18.</summary>
    public static readonly DateTime ThinEnd = new(2022, 9, 15, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Share of stories in the spring-2014 spike; the rest spread evenly over 2015 to 2022.</summary>
    public const double SpikeShare = 0.8;

    /// <summary>Share of articles with neither quality nor heat (both fields absent from the file).</summary>
    public const double UnscoredShare = 0.85;

    /// <summary>Share of articles published by the long tail rather than by the demo's 40 outlets.</summary>
    public const double TailShare = 0.55;

    /// <summary>Share of articles that spell their topics the other way (<see cref="TopicAliases"/>).</summary>
    public const double AliasTopicShare = 0.25;

    /// <summary>Share of articles that also carry the "U.S. News" topic, half of them spelled "US news".</summary>
    public const double UsNewsTopicShare = 0.08;

    /// <summary>
    /// The tail's first outlets: two outlets under two spellings each. They are the most frequent of the tail, so every
    /// corpus of a few hundred articles has both spellings of both.
    /// </summary>
    private static readonly (string Name, string Domain)[] AliasOutlets =
    [
        ("HuffPost", "huffpost.example"),
        ("Huffington Post", "huffingtonpost.example"),
        ("U.S. News", "usnews.example"),
        ("US news", "news.usnews.example"),
    ];

    /// <summary>Other spellings of demo topics, equal after folding case, spacing, punctuation and "U.S."/"US".</summary>
    public static readonly IReadOnlyDictionary<string, string> TopicAliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AI"] = "A.I.",
        ["Generative AI"] = "Generative A.I.",
        ["Machine Learning"] = "Machine-Learning",
        ["Open Source"] = "Open-Source",
        ["Large Language Models"] = "Large  Language Models",
    };

    private static readonly string[] Places =
    [
        "Riverside", "Lakeside", "Hillcrest", "Maple", "Cedar", "Oakwood", "Pinevale", "Harbor", "Summit", "Granite",
        "Prairie", "Bayview", "Northfield", "Southgate", "Eastbrook", "Westmoor", "Clearwater", "Silvercreek", "Stonebridge", "Fairview",
        "Brookfield", "Ashford", "Kingsley", "Millbrook", "Redwood", "Sunset", "Highland", "Meadow", "Willow", "Elmhurst",
        "Ironridge", "Copperhill", "Crystal Lake", "Falcon", "Eagle", "Lantern", "Compass", "Anchor", "Meridian", "Horizon",
        "Frontier", "Union", "Liberty", "Heritage", "Capitol", "Metro", "Valley", "Coastal", "Desert", "Mountain",
        "Island", "Twin Rivers", "Three Forks", "Blue Ridge", "Red Rock", "Grand Plains", "Lowland", "Seaside", "Greenfield", "Rosewood",
    ];

    private static readonly string[] Mastheads =
    [
        "Tribune", "Herald", "Gazette", "Courier", "Chronicle", "Times", "Post", "Journal", "Observer", "Ledger",
        "Sentinel", "Dispatch", "Register", "Record", "Bulletin", "Review", "Monitor", "Examiner", "Express", "Star",
        "Sun", "Daily", "Press", "Voice", "Standard", "Mirror", "Reporter", "Advocate", "Telegraph", "Inquirer",
        "Leader", "Independent", "Messenger", "Current", "Digest", "Report", "Wire", "Insider", "Weekly", "Beacon",
    ];

    private static readonly string[] Editions =
    [
        "", " Online", " Today", " Tech", " Business", " Live", " Now", " Digital", " Network", " Media",
        " News", " Plus", " Hub", " Extra", " Edition", " Local", " World", " Science", " Money", " Review",
    ];

    /// <summary>Outlets in the tail: the alias outlets, then every place, masthead and edition combination.</summary>
    public static readonly int TailSize = AliasOutlets.Length + Places.Length * Mastheads.Length * Editions.Length;

    private static readonly DemoProvider?[] Tail = new DemoProvider?[TailSize];

    /// <summary>
    /// An outlet of the tail, Zipf-distributed (s = 1: the outlet at rank r publishes about 1/r as often as the first),
    /// drawn in O(1) by inverting the continuous distribution: rank = (TailSize + 1)^u - 1.
    /// </summary>
    public static DemoProvider PickTailProvider(DemoRandom rng)
    {
        int rank = Math.Min((int)Math.Pow(TailSize + 1, rng.NextDouble()) - 1, TailSize - 1);
        return Tail[rank] ??= CreateTailProvider(rank);
    }

    /// <summary>Tail outlet by rank (for tests).</summary>
    public static DemoProvider TailProvider(int rank) => Tail[rank] ??= CreateTailProvider(rank);

    private static DemoProvider CreateTailProvider(int rank)
    {
        string name, domain;
        if (rank < AliasOutlets.Length)
        {
            (name, domain) = AliasOutlets[rank];
        }
        else
        {
            int r = rank - AliasOutlets.Length;
            name = Places[r % Places.Length] + " " + Mastheads[r / Places.Length % Mastheads.Length] +
                Editions[r / (Places.Length * Mastheads.Length)];
            domain = DemoStoryBuilder.Slugify(name).Replace("-", "", StringComparison.Ordinal) + ".example";
        }
        // Scores vary by outlet, but stably: derived from the rank, not from the story being generated.
        uint h = DemoRandom.Scramble((uint)rank ^ 0x9E3779B9u);
        double quality = 35 + h % 45;
        double lag = 0.6 + (h >> 8) % 20 / 10.0;
        return new DemoProvider(name, domain, Weight: 0, quality, QualitySpread: 10, lag, Beat: -1, IsWire: false, HasAmp: false);
    }

    /// <summary>A story's start, in minutes from <see cref="DemoTimeline.Epoch"/> (negative: before 2019).</summary>
    public static int PickStartMinute(DemoRandom rng)
    {
        var (from, to) = rng.Chance(SpikeShare) ? (SpikeStart, SpikeEnd) : (ThinStart, ThinEnd);
        int a = Minutes(from), b = Minutes(to);
        return a + (int)(rng.NextDouble() * (b - a));
    }

    private static int Minutes(DateTime utc) => (int)((utc - DemoTimeline.Epoch).Ticks / TimeSpan.TicksPerMinute);

    /// <summary>
    /// Pairs of files that carry the same URL: the article at index <c>CopyOf(i)</c> is published again at index i, as
    /// when a data set holds two versions of one page. One pair per <see cref="PairEvery"/> articles.
    /// </summary>
    public const int PairEvery = 2000;
    private const int FirstPair = 100, PairGap = 7;

    public static bool IsPairOriginal(int index) => index >= FirstPair && (index - FirstPair) % PairEvery == 0;

    /// <summary>The index whose URL the article at <paramref name="index"/> carries again, or -1.</summary>
    public static int CopyOf(int index) => IsPairOriginal(index - PairGap) ? index - PairGap : -1;
}
