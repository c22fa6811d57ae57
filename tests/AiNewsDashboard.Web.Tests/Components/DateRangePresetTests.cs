using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Web.Components.Filters;

namespace AiNewsDashboard.Web.Tests.Components;

/// <summary>The time control's presets write relative ranges, so a kept link or saved view rolls forward.</summary>
public sealed class DateRangePresetTests
{
    [Theory]
    [InlineData(DateRangePreset.Last7Days, "range=last7d", "2026-05-09", "2026-05-15")]
    [InlineData(DateRangePreset.Last30Days, "range=last30d", "2026-04-16", "2026-05-15")]
    [InlineData(DateRangePreset.ThisQuarter, "range=thisquarter", "2026-04-01", "2026-05-15")]
    [InlineData(DateRangePreset.LastQuarter, "range=lastquarter", "2026-01-01", "2026-03-31")]
    [InlineData(DateRangePreset.ThisYear, "range=thisyear", "2026-01-01", "2026-05-15")]
    public void Apply_RelativePreset_WritesTheRangeAndResolvesItsDates(DateRangePreset preset, string query, string from, string to)
    {
        var filter = DateRangePresets.Apply(DashboardFilter.All with { Topics = ["AI"] }, preset, new DateOnly(2026, 5, 15));

        Assert.Equal(query + "&topic=AI", filter.ToQueryString());
        Assert.Equal((DateOnly.Parse(from), DateOnly.Parse(to)), (filter.From!.Value, filter.To!.Value));
        Assert.Equal(preset, DateRangePresets.Detect(DashboardFilter.FromQueryString(query), new DateOnly(2030, 1, 1)));
    }

    [Fact]
    public void SetADate_OnARelativeRange_MakesItAbsolute()
    {
        var filter = DateRangePresets.Apply(DashboardFilter.All, DateRangePreset.Last7Days, new DateOnly(2026, 5, 15)) with { From = new DateOnly(2026, 5, 1) };

        Assert.Null(filter.Range);
        Assert.Equal("from=2026-05-01&to=2026-05-15", filter.ToQueryString());
    }
}
