namespace AiNewsDashboard.Demo;

/// <summary>
/// The planted syndication ring: every in-corpus article of story <see cref="StoryNumber"/> carries one wire story's
/// text (the copies with the outlet's name after the title, as aggregators print it), published within
/// <see cref="Size"/> hours of the first. Copy detection must find exactly this group, its first article as the first
/// publisher (the tests check it). The story is small-numbered, so any corpus of thirty articles has it; its size and
/// providers are the generator's own, so no other story changes.
/// </summary>
public static class DemoSyndication
{
    /// <summary>The story rewritten (the generator gives it six in-corpus articles).</summary>
    public const long StoryNumber = 9;

    /// <summary>Its in-corpus articles: the first publisher and five copies.</summary>
    public const int Size = 6;

    public const string Title = "Regulators fine chipmaker over export licence breaches";

    public const string Excerpt =
        "Trade regulators fined a chipmaker on Monday for shipping accelerator boards without the export licences its customers needed, " +
        "the first penalty under rules that took effect in the spring. The company said it had tightened its checks and would not appeal.";

    /// <summary>Rewrites the story's in-corpus members (title, excerpt, times a little over an hour apart); other stories are left as they are.</summary>
    internal static void Plant(DemoStory story, long storyNumber, bool realWorld)
    {
        if (realWorld || storyNumber != StoryNumber)
            return;
        var start = story.Members[0].Minute;
        for (var i = 0; i < story.Size; i++)
        {
            var m = story.Members[i];
            m.Title = i == 0 ? Title : $"{Title} - {m.Provider.Name}";
            m.Excerpt = Excerpt;
            m.Minute = start + 70 * i;
            m.DateText = DemoStoryBuilder.FormatDate(DemoTimeline.ToDateTime(m.Minute));
        }
    }
}
