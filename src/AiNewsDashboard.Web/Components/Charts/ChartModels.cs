namespace AiNewsDashboard.Web.Components.Charts;

/// <summary>One bar: a key the page understands (e.g. a bucket's start date), its label, and its stacked segments.</summary>
/// <param name="Note">A short annotation drawn above the bar (e.g. a peak's top story); its full text is the tooltip.</param>
public sealed record ChartBar(string Key, string Label, IReadOnlyList<double> Values, string? Note = null)
{
    public double Total => Values.Sum();
}
