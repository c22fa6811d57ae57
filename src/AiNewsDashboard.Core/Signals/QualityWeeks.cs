using AiNewsDashboard.Core.Queries;

namespace AiNewsDashboard.Core.Signals;

/// <summary>
/// What quality drift reads from one part of a selection's rows (<see cref="ArticleSelection.InParts{T}"/>): the scored
/// rows, and each provider's scored articles by week, newest week first as the rows run. The parts, in row order, give
/// a provider's weeks (<see cref="WeeksOf"/>). A pass that reads the same rows for more (the managers' summary's tally)
/// fills it on the way, so drift needs no pass of its own.
/// </summary>
/// <remarks>
/// Weeks are kept only for the providers drift may test: those with at least <paramref name="fewest"/> dated scored
/// articles in the whole snapshot (<see cref="ArticleFacts.ProviderScoredDated"/>). With references included, tens of
/// thousands of providers have a scored row or two; a list each cost a pointer chase per row and megabytes of small
/// objects per pass. A row adds to its provider's current week, a flat record; a list takes a week once it is complete.
/// </remarks>
internal sealed class QualityWeeks(ArticleFacts facts, int fewest)
{
    private readonly int _fewest = fewest;
    private readonly int[] _inSnapshot = facts.ProviderScoredDated;
    private readonly WeekTally[] _current = new WeekTally[facts.ProviderTable.Length];
    private readonly List<WeekTally>?[] _done = new List<WeekTally>?[facts.ProviderTable.Length];

    /// <summary>Rows with a known quality, with a provider or not.</summary>
    public int Scored;

    /// <summary>Counts a scored row of <paramref name="provider"/> (never negative) on a known day.</summary>
    public void Add(int provider, int day, int quality)
    {
        if (_inSnapshot[provider] < _fewest)
            return;
        var one = new WeekTally(QualityDriftDetector.WeekOfDay(day), 1, quality, quality * quality);
        ref var current = ref _current[provider];
        if (current.Count > 0 && current.Week == one.Week)
        {
            current = current.Plus(one);
            return;
        }
        if (current.Count > 0)
            (_done[provider] ??= []).Add(current);
        current = one;
    }

    /// <summary>The drift's own pass, for a selection no other pass reads.</summary>
    public static QualityWeeks[] Of(ArticleSelection selection, int fewest)
    {
        var facts = selection.Facts;
        return selection.InParts(() => new QualityWeeks(facts, fewest), (rows, part) =>
        {
            var (qualities, providers, days) = (facts.Qualities, facts.Providers, facts.Days);
            foreach (var r in rows)
            {
                var q = qualities[r];
                if (q < 0)
                    continue;
                part.Scored++;
                if (providers[r] is var p and >= 0 && days[r] is var day && day != ArticleFacts.UnknownDay)
                    part.Add(p, day, q);
            }
        });
    }

    /// <summary>The scored rows of every part.</summary>
    public static int ScoredOf(QualityWeeks[] parts) => parts.Sum(part => part.Scored);

    /// <summary>
    /// A provider's weeks over every part (in row order), oldest first, a week cut between two parts added up; null
    /// when it has fewer than the parts' fewest scored articles. Takes the parts' weeks of that provider, so it is asked
    /// once per provider; many providers may be asked at once.
    /// </summary>
    public static List<WeekTally>? WeeksOf(QualityWeeks[] parts, int provider)
    {
        List<WeekTally>? weeks = null;
        var scored = 0;
        foreach (var part in parts)
        {
            // Rows run newest first: a part's complete weeks are newer than the one it was adding to when it ended.
            var current = part._current[provider];
            if (current.Count == 0)
                continue;
            var done = part._done[provider];
            part._done[provider] = null;
            if (weeks is null && done is not null)
            {
                weeks = done;
                foreach (var week in done)
                    scored += week.Count;
            }
            else if (done is not null)
                foreach (var week in done)
                    Append(week);
            Append(current);
        }
        if (weeks is null || scored < parts[0]._fewest)
            return null;
        weeks.Reverse();
        return weeks;

        void Append(WeekTally week)
        {
            scored += week.Count;
            weeks ??= [];
            if (weeks.Count > 0 && weeks[^1].Week == week.Week)
                weeks[^1] = weeks[^1].Plus(week);
            else
                weeks.Add(week);
        }
    }
}
