namespace AiNewsDashboard.Demo;

/// <summary>
/// The signals planted in the demo corpus, with known answers, so a first run shows them and tests can check the
/// detectors find exactly these: one provider whose quality drops at a known date, and one story breaking on the
/// corpus's last day (eight outlets within hours). Only the demo shape carries them; the real-world shape stays like
/// the public data sets. Neither draws from the random stream, so every other story is unchanged.
/// </summary>
public static class DemoSignals
{
    /// <summary>The provider whose quality drops.</summary>
    public const string DriftDomain = "dailyledger.example";

    /// <summary>From this day (a Monday) on, its articles score <see cref="DriftDrop"/> points less.</summary>
    public static readonly DateOnly DriftDate = new(2025, 9, 1);

    public const int DriftDrop = 22;

    /// <summary>The story number that breaks on the last day; small, so any corpus of a few dozen articles has it.</summary>
    public const long BreakingStoryNumber = 11;

    /// <summary>How many outlets cover the breaking story: the most any story has.</summary>
    public const int BreakingSize = DemoStory.MaxSize;

    /// <summary>The breaking story's first article: this many hours before the corpus's last minute.</summary>
    public const int BreakingStartHoursBeforeEnd = 14;

    private static readonly int DriftMinute = (int)((DriftDate.ToDateTime(TimeOnly.MinValue) - DemoTimeline.Epoch).Ticks / TimeSpan.TicksPerMinute);

    /// <summary>The breaking story is as large as a story gets, from in-corpus outlets only.</summary>
    internal static void PlantBreakingSize(bool demo, long storyNumber, int maxSize, ref int size, ref int externals)
    {
        if (!demo || storyNumber != BreakingStoryNumber)
            return;
        size = Math.Min(BreakingSize, maxSize);
        externals = 0;
    }

    /// <summary>The breaking story's outlets publish one after another, about every 100 minutes, ending before the corpus does.</summary>
    internal static void PlantBreakingTimes(bool demo, long storyNumber, int[] delays, int total, ref int startMinute)
    {
        if (!demo || storyNumber != BreakingStoryNumber)
            return;
        startMinute = DemoTimeline.LastMinute - BreakingStartHoursBeforeEnd * 60;
        for (var i = 0; i < total; i++)
            delays[i] = i * 100;
    }

    /// <summary>The drifting provider's articles from <see cref="DriftDate"/> on lose <see cref="DriftDrop"/> points.</summary>
    internal static void PlantDrift(bool demo, DemoStory story, int total)
    {
        if (!demo)
            return;
        for (var i = 0; i < total; i++)
        {
            var m = story.Members[i];
            if (m.Provider.Domain == DriftDomain && m.Minute >= DriftMinute)
                m.Quality = Math.Max(0, m.Quality - DriftDrop);
        }
    }
}
