using AiNewsDashboard.Core.Reports;

namespace AiNewsDashboard.Web.Tests.Reports;

public sealed class ReportPeriodTests
{
    [Theory]
    // Wednesday 2026-03-04: yesterday; the ISO week Monday 02-23 to Sunday 03-01; February.
    [InlineData(ReportFrequency.Daily, "2026-03-04T00:00:00Z", "2026-03-03", "2026-03-03")]
    [InlineData(ReportFrequency.Daily, "2026-03-04T23:59:59Z", "2026-03-03", "2026-03-03")]
    [InlineData(ReportFrequency.Weekly, "2026-03-04T10:00:00Z", "2026-02-23", "2026-03-01")]
    // On a Monday the week that just ended is the one before it; on a Sunday, still the one before that.
    [InlineData(ReportFrequency.Weekly, "2026-03-02T00:00:00Z", "2026-02-23", "2026-03-01")]
    [InlineData(ReportFrequency.Weekly, "2026-03-01T23:00:00Z", "2026-02-16", "2026-02-22")]
    [InlineData(ReportFrequency.Monthly, "2026-03-04T10:00:00Z", "2026-02-01", "2026-02-28")]
    [InlineData(ReportFrequency.Monthly, "2026-01-01T00:00:00Z", "2025-12-01", "2025-12-31")]
    // A clock in another zone still counts UTC days: 01:00 on 03-04 at +02:00 is 23:00 UTC on 03-03.
    [InlineData(ReportFrequency.Daily, "2026-03-04T01:00:00+02:00", "2026-03-02", "2026-03-02")]
    public void LastEnded_IsThePeriodThatJustEndedInUtc(ReportFrequency frequency, string now, string from, string to)
    {
        var period = ReportPeriod.LastEnded(frequency, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(new ReportPeriod(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)), period);
    }
}
