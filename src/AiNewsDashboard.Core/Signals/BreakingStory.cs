using System.Text.Json.Serialization;

namespace AiNewsDashboard.Core.Signals;

/// <summary>
/// A story growing now. In the window (<see cref="BreakingReport.WindowStart"/>, <see cref="BreakingReport.Now"/>] it gained
/// <paramref name="NewArticles"/> articles and <paramref name="NewProviders"/> providers that hadn't covered it before;
/// before the window it had <paramref name="PastArticles"/> articles over <paramref name="PastWindows"/> windows' time
/// (at least one). <see cref="Growth"/> weighs the new articles against that past pace. Times are UTC.
/// </summary>
public sealed record BreakingStory(int Id, string? Headline, string? FirstProvider, string? FirstProviderDomain, DateTime FirstAt,
    double HoursSinceFirst, int Articles, int Providers, int NewArticles, int NewProviders, int PastArticles, double PastWindows)
{
    /// <summary>Articles a window before it: the story's own past pace.</summary>
    public double PastPace => PastArticles / PastWindows;

    /// <summary>New articles in the window per (1 + the past pace): 8 new on a quiet story scores 8, on one that gained 7 a window before, 1.</summary>
    public double Growth => NewArticles / (1 + PastPace);
}

/// <summary>
/// The stories growing fastest at <paramref name="Now"/>, the latest matching article (so a historical corpus shows its
/// own breaking stories). <paramref name="StoriesChecked"/> stories had an article in the window.
/// </summary>
public sealed record BreakingReport(DateTime? Now, int WindowHours, int StoriesChecked, BreakingGap Gap, IReadOnlyList<BreakingStory> Stories,
    int MinNewArticles, int MinNewProviders)
{
    public DateTime? WindowStart => Now?.AddHours(-WindowHours);
}

/// <summary>Why no story is breaking.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BreakingGap>))]
public enum BreakingGap
{
    None,
    /// <summary>No article matches the filter.</summary>
    NoArticles,
    /// <summary>Articles match, none has a publication time.</summary>
    NoDates,
    /// <summary>Stories had articles in the window, none gained enough articles and providers against its own past.</summary>
    NothingGrowing,
}
