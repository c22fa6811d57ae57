using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Web.Components.Filters;

namespace AiNewsDashboard.Web.Tests.Components;

/// <summary>The one wording of a filter on images, print and reports.</summary>
public sealed class FilterWordsTests
{
    [Fact]
    public void Of_NamesCollectionsBeforeProviders_AndSaysAllArticlesForNoFilter()
    {
        var filter = new DashboardFilter { Collections = ["wire services"], Providers = ["a.example", "b.example"], Text = "chip", MaxQuality = 40 };

        Assert.Equal("Collection: wire services · Providers: a.example, b.example · Search: \u201Cchip\u201D · Quality at most 40", FilterWords.Of(filter));
        Assert.Equal("All articles", FilterWords.Of(DashboardFilter.All));
    }

    [Fact]
    public void Dates_NameARelativeRange_AndCloseAnOpenEndWithTheData()
    {
        var extent = new DataExtent(new DateOnly(2014, 3, 10), new DateOnly(2022, 9, 18));
        var last30 = DashboardFilter.All.WithRange(RelativeRange.Last30d, new DateOnly(2026, 12, 4));

        Assert.Equal("Last 30 days (2026-11-05 – 2026-12-04)", FilterWords.Dates(last30));
        Assert.Equal("All dates (2014-03-10 – 2022-09-18)", FilterWords.Dates(DashboardFilter.All, extent));
        Assert.Equal("From 2020-01-01", FilterWords.Dates(new DashboardFilter { From = new DateOnly(2020, 1, 1) }));
        Assert.Equal("All dates", FilterWords.Dates(DashboardFilter.All));
    }
}
