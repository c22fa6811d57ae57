using AiNewsDashboard.Core.Signals;

namespace AiNewsDashboard.Core.Tests.Signals;

/// <summary>
/// Drift must find a real step and date it, and stay silent on noise and on thin data (issue 16: "It must not fire on
/// noise: it needs enough articles and an effect larger than its uncertainty").
/// </summary>
public sealed class QualityDriftDetectorTests
{
    private static readonly SignalSettings Settings = new();
    private static readonly int FirstWeek = QualityDriftDetector.WeekOfDay(new DateOnly(2024, 1, 1).DayNumber - new DateOnly(1970, 1, 1).DayNumber);

    /// <summary>Weeks of articles with qualities drawn around mean(week) with spread sd.</summary>
    private static List<WeekTally> Weeks(int weeks, int perWeek, Func<int, double> mean, double sd, int seed)
    {
        var rng = new Random(seed);
        var list = new List<WeekTally>();
        for (var w = 0; w < weeks; w++)
        {
            int n = perWeek, count = 0;
            long sum = 0, squares = 0;
            for (var i = 0; i < n; i++)
            {
                var gaussian = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
                var q = Math.Clamp((int)Math.Round(mean(w) + sd * gaussian), 0, 100);
                count++;
                sum += q;
                squares += q * q;
            }
            list.Add(new WeekTally(FirstWeek + w, count, sum, squares));
        }
        return list;
    }

    [Fact]
    public void WeekOfDay_CountsWeeksFromMonday19691229_BeforeItToo()
    {
        for (var day = -1_000; day <= 1_000; day++)
        {
            var week = QualityDriftDetector.WeekOfDay(day);
            var start = QualityDriftDetector.StartOf(week).DayNumber - new DateOnly(1970, 1, 1).DayNumber;
            Assert.InRange(day - start, 0, 6);
            Assert.Equal(DayOfWeek.Monday, QualityDriftDetector.StartOf(week).DayOfWeek);
        }
        Assert.Equal(0, QualityDriftDetector.WeekOfDay(-3));
        Assert.Equal(-1, QualityDriftDetector.WeekOfDay(-4));
    }

    [Fact]
    public void Detect_AClearStep_IsFoundAndDatedToItsWeek()
    {
        var weeks = Weeks(40, 5, w => w < 25 ? 70 : 50, 10, seed: 1);

        var point = Assert.Single(QualityDriftDetector.Detect(weeks, Settings));

        Assert.Equal(QualityDriftDetector.StartOf(FirstWeek + 25), point.Date);
        Assert.True(point.Quality.Change < -15, $"change {point.Quality.Change}");
        Assert.True(point.Quality.Z <= -Settings.DriftMinZ);
        Assert.Equal(125, point.Quality.Before.Count);
        Assert.Equal(75, point.Quality.After.Count);
        Assert.Equal(QualityDriftDetector.StartOf(FirstWeek), point.BeforeFrom);
    }

    [Fact]
    public void Detect_ARise_IsFoundToo()
    {
        var point = Assert.Single(QualityDriftDetector.Detect(Weeks(30, 6, w => w < 10 ? 40 : 65, 8, seed: 2), Settings));
        Assert.Equal(QualityDriftDetector.StartOf(FirstWeek + 10), point.Date);
        Assert.True(point.Quality.Change > 0);
    }

    [Fact]
    public void Detect_PureNoise_FindsNothing_OverManySeeds()
    {
        var fired = Enumerable.Range(0, 200).Count(seed => QualityDriftDetector.Detect(Weeks(60, 4, _ => 60, 12, seed), Settings).Count > 0);
        Assert.Equal(0, fired);
    }

    [Fact]
    public void Detect_AStepOnTooFewArticles_StaysSilent()
    {
        // A big step, but only 10 scored articles on each side: fewer than DriftMinScoredPerSide.
        var weeks = Weeks(20, 1, w => w < 10 ? 80 : 30, 5, seed: 3);
        Assert.Empty(QualityDriftDetector.Detect(weeks, Settings));
    }

    [Fact]
    public void Detect_AStepSmallerThanItsUncertainty_StaysSilent()
    {
        // Three points on a spread of 15 with 60 articles a side: about one standard error, not four.
        var weeks = Weeks(24, 5, w => w < 12 ? 60 : 57, 15, seed: 4);
        Assert.Empty(QualityDriftDetector.Detect(weeks, Settings));
    }
}
