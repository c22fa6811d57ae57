using AiNewsDashboard.Web.Components.Pages;

namespace AiNewsDashboard.Web.Tests.Components;

public sealed class LabelsTests
{
    [Theory]
    [InlineData(0, "0 references")]
    [InlineData(1, "1 reference")] // was "1 references" on the overview's span card
    [InlineData(2, "2 references")]
    [InlineData(12345, "12,345 references")]
    public void Count_WithANoun_IsSingularForExactlyOne(int n, string expected) =>
        Assert.Equal(expected, Labels.Count(n, "reference"));
}
