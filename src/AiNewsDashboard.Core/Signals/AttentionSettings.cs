namespace AiNewsDashboard.Core.Signals;

/// <summary>
/// How quality-weighted attention and coverage gaps read the corpus (the web app binds them from the <c>Attention</c>
/// settings section). The defaults suit a corpus where a minority of articles carry quality scores.
/// </summary>
public sealed record AttentionSettings
{
    /// <summary>A figure needs at least this share (0 to 1) of its articles to carry what it is based on (a scored
    /// provider, a heat); below it the figure is withheld, with the reason.</summary>
    public double MinCoverage { get; init; } = 0.10;

    /// <summary>A provider's shrunk score weighs its articles only once it rests on this many rated articles.</summary>
    public int MinRatedArticles { get; init; } = 10;

    /// <summary>High-quality providers: scored providers whose score is at or above this quantile (0 to 1) of all scored
    /// providers' scores (nearest rank); 0.75 is the top quartile.</summary>
    public double HighQualityQuantile { get; init; } = 0.75;

    /// <summary>Coverage gaps compare the last window of this many days (ending on the newest matching article) ...</summary>
    public int WindowDays { get; init; } = 7;

    /// <summary>... with this many windows before it, the topic's own baseline.</summary>
    public int BaselineWindows { get; init; } = 8;

    /// <summary>A gap's topic stands at least this many robust standard deviations above its baseline's median.</summary>
    public double MinSurge { get; init; } = 3;

    /// <summary>A gap's topic has at least this many articles in the last window.</summary>
    public int MinArticles { get; init; } = 10;

    /// <summary>A gap's share of high-quality coverage is below this fraction (0 to 1) of their usual share across all topics.</summary>
    public double MaxShareRatio { get; init; } = 0.5;

    public static AttentionSettings Default { get; } = new();
}
