namespace AiNewsDashboard.Demo;

/// <summary>
/// The planted coverage gap: one story in <see cref="Period"/> is rewritten into a "Drones" story from a low-quality
/// outlet in the corpus's last <see cref="Days"/> days, so the topic surges at the end of the corpus while the
/// high-quality providers that covered it before stay away. Coverage-gap detection must find exactly this topic on the
/// demo corpus (the tests check it), and the benchmark corpus carries it at scale.
/// </summary>
internal static class DemoBlindspot
{
    /// <summary>The planted topic (<see cref="DemoVocabulary.Topics"/>[<see cref="TopicIndex"/>]).</summary>
    public const string Topic = "Drones";
    public const int TopicIndex = 26;

    /// <summary>One story in this many is planted (when it has at most four articles, cited ones included).</summary>
    public const int Period = 40;

    /// <summary>Planted articles fall in the corpus's last this-many days (within one coverage-gap window).</summary>
    public const int Days = 6;

    /// <summary>The four lowest-quality outlets of the vocabulary (quality means 33 to 41).</summary>
    public static readonly string[] Domains = ["sandboxblog.example", "prchannel.example", "newsroomdirect.example", "bitsandbots.example"];

    private static readonly DemoProvider[] Outlets = Domains.Select(d => DemoVocabulary.Providers.Single(p => p.Domain == d)).ToArray();

    private static readonly string[] Titles =
    [
        "Drone swarm over stadium was a marketing stunt, sources claim",
        "Viral video shows delivery drones 'fighting' over a rooftop",
        "Autonomous drone fleet grounded after mystery signal, insiders say",
        "Experts stunned as hobby drone flies itself across the Channel",
        "Drone autonomy startup promises city-wide air taxis by spring",
        "Leaked memo: drone makers race to skip safety certification",
    ];

    /// <summary>Where each planted story happens: with six headlines and four outlets, stories twelve plants apart once
    /// began with the same headline from the same outlet, and read as one story listed twice.</summary>
    private static readonly string[] Places = ["Leeds", "Rotterdam", "Lyon", "Austin", "Osaka", "Gdansk", "Porto"];

    public static bool IsPlanted(long storyNumber) => storyNumber % Period == Period - 1;

    /// <summary>Rewrites a chosen story in place (providers, quality, heat, topic, title, times); others are left as they are.
    /// The real-world shape keeps its own dates (and mostly carries no quality, so it could not show the gap anyway).</summary>
    public static void Plant(DemoStory story, long storyNumber, DemoRandom rng, bool realWorld)
    {
        if (realWorld)
            return;
        var total = story.Size + story.ExternalCount;
        // A story has one article per outlet: only stories the four outlets can cover alone are planted.
        if (!IsPlanted(storyNumber) || total > Outlets.Length)
            return;
        var span = Days * 1440;
        var start = DemoTimeline.LastMinute - span + 1 + rng.Next(span - 60 * total);
        story.PrimaryTopic = TopicIndex;
        story.MonthIndex = DemoTimeline.Months - 1;
        for (var i = 0; i < total; i++)
        {
            var m = story.Members[i];
            m.Provider = Outlets[(int)((storyNumber / Period + i) % Outlets.Length)];
            m.Quality = Math.Clamp((int)Math.Round(m.Provider.QualityMean + m.Provider.QualitySpread * rng.NextGaussian()), 0, 100);
            m.Heat = 75 + rng.Next(20);
            m.TopicCount = 1;
            m.Topics[0] = TopicIndex;
            m.ExtraTopic = null;
            m.AliasTopics = false;
            m.Title = $"{Titles[(int)((storyNumber / Period + i) % Titles.Length)]} ({Places[(int)(storyNumber / Period % Places.Length)]})";
            m.Excerpt = $"{m.Title}. The claims could not be verified independently.";
            // In order, as the story's members are: in-corpus articles by time, then the cited-only ones.
            m.Minute = start + 60 * i;
            m.DateText = DemoStoryBuilder.FormatDate(DemoTimeline.ToDateTime(m.Minute));
        }
    }
}
