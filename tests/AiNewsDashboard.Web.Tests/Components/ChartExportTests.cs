using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Web.Components.Charts;

namespace AiNewsDashboard.Web.Tests.Components;

/// <summary>What an exported chart says about itself once it has left the page: the filter in words, the dates, its file name.</summary>
public sealed class ChartExportTests
{
    private static readonly DataExtent Extent = new(new DateOnly(2024, 1, 10), new DateOnly(2024, 2, 20));

    [Fact]
    public void For_FullFilter_SpellsEveryPartAndNamesTheFileByPageChartAndDates()
    {
        var label = ChartExport.For("Topics over time", null,
            "http://localhost/topics?from=2025-01-01&to=2025-06-30&provider=a.example&provider=b.example&topic=AI&category=news&q=chip%20OR%20wafer" +
            "&minQuality=50&maxQuality=90&published=true&references=include", Extent);

        Assert.Equal("Providers: a.example, b.example \u00B7 Topic: AI \u00B7 Category: news \u00B7 Search: \u201Cchip OR wafer\u201D \u00B7 Quality 50\u201390 \u00B7 " +
            "Published only \u00B7 References included", label.Filter);
        Assert.Equal("2025-01-01 \u2013 2025-06-30", label.DateRange);
        Assert.Equal("topics-topics-over-time-2025-01-01_2025-06-30", label.FileStem);
        Assert.StartsWith("http://localhost/topics?from=2025-01-01", label.Source);
    }

    [Fact]
    public void For_OpenRange_ClosesItWithTheDataSpanAndSaysSo()
    {
        var label = ChartExport.For("Timeline", null, "http://localhost/", Extent);

        Assert.Equal("All articles", label.Filter);
        Assert.Equal("All dates (2024-01-10 \u2013 2024-02-20)", label.DateRange);
        Assert.Equal("overview-timeline-2024-01-10_2024-02-20", label.FileStem);
    }

    [Fact]
    public void For_HalfOpenRangeWithoutData_SaysWhatIsKnown()
    {
        var label = ChartExport.For("Its timeline", "periods", "http://localhost/providers/a.example?from=2025-03-01&maxQuality=20", null);

        Assert.Equal("From 2025-03-01", label.DateRange);
        Assert.Equal("Quality at most 20", label.Filter);
        Assert.Equal("providers-a-example-periods-2025-03-01_end", label.FileStem);
    }

    [Theory]
    [InlineData("Share of all articles over time", "share-of-all-articles-over-time")]
    [InlineData("  Ünïcode / <script> ", "n-code-script")]
    [InlineData("***", "chart")]
    public void Slug_KeepsLettersAndDigitsOnly(string text, string slug) => Assert.Equal(slug, ChartExport.Slug(text));
}
