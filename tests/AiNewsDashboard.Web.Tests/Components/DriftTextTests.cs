using AiNewsDashboard.Core.Signals;
using AiNewsDashboard.Web.Components.Pages;

namespace AiNewsDashboard.Web.Tests.Components;

/// <summary>The drift line under one provider's quality chart speaks of that provider, not of "no provider".</summary>
public sealed class DriftTextTests
{
    private static DriftReport Report(DriftGap gap, int scored) => new(156, scored, gap == DriftGap.NoDrift ? 1 : 0, gap, [], 20, 0.1, 4.0);

    [Fact]
    public void ProviderLine_TooFewScored_SaysHowManyOfItsArticlesCarryAScore()
    {
        Assert.Equal("Quality drift: none. Fewer than 40 of its dated articles here carry a quality score (24 scored in all): too few to tell a change from noise.",
            DriftText.ProviderLine(Report(DriftGap.TooFewScored, 24)));
    }

    [Fact]
    public void ProviderLine_NoDrift_SaysItsQualityHeld()
    {
        Assert.Equal("Quality drift: none. Its quality didn't change by more than its uncertainty.", DriftText.ProviderLine(Report(DriftGap.NoDrift, 120)));
    }

    [Fact]
    public void ProviderLine_NoScores_SaysSoAsTheSignalsPageDoes()
    {
        Assert.Equal("Quality drift: none. " + DriftText.Gap(Report(DriftGap.NoQualityScores, 0)), DriftText.ProviderLine(Report(DriftGap.NoQualityScores, 0)));
        Assert.Contains("carries a quality score", DriftText.ProviderLine(Report(DriftGap.NoQualityScores, 0)));
    }
}
