using AiNewsDashboard.Core.Queries;

namespace AiNewsDashboard.Core.Tests.Queries;

public sealed class DashboardFilterTests
{
    [Fact]
    public void QueryString_RoundTrip_GivesAnEqualFilter()
    {
        var filter = new DashboardFilter
        {
            From = new DateOnly(2024, 1, 1), To = new DateOnly(2024, 3, 31), Providers = ["a.example", "b.example"],
            Topics = ["AI", "Machine Learning"], Categories = ["news"], Text = "open source & datasets", MinQuality = 40,
            MaxQuality = 90, Published = false, IncludeReferences = true,
        };

        var again = DashboardFilter.FromQueryString(filter.ToQueryString());

        Assert.Equal(filter, again);
        Assert.Equal(filter.ToQueryString(), again.ToQueryString());
    }

    [Fact]
    public void ToQueryString_Defaults_AreLeftOut() => Assert.Equal("", DashboardFilter.All.ToQueryString());

    [Fact]
    public void FromQueryString_RepeatedAndCommaSeparatedValues_AreMergedSortedAndDeduplicated()
    {
        var f = DashboardFilter.FromQueryString("provider=B.example&provider=a.example,b.example&topic=ai&topic=AI");

        Assert.Equal(["a.example", "b.example"], f.Providers);
        Assert.Single(f.Topics);
    }

    [Theory]
    [InlineData("from=2024-13-01", "from: '2024-13-01' is not a date")]
    [InlineData("minQuality=101", "minQuality: '101' is not a quality")]
    [InlineData("published=maybe", "published: 'maybe' is not true or false")]
    [InlineData("references=all", "references: 'all' is not include or exclude")]
    [InlineData("from=2024-05-01&to=2024-04-01", "from: 2024-05-01 is after to: 2024-04-01")]
    [InlineData("q=a%00b", "q: character U+0000 at position 2 is not allowed")]
    [InlineData("q=tab%09", "q: character U+0009 at position 4 is not allowed")]
    [InlineData("minQuality=60&maxQuality=40", "minQuality: 60 is above maxQuality: 40")]
    public void FromQueryString_BadValue_IsReportedByNameAndIgnored(string query, string expected)
    {
        var problems = new QueryProblems();

        var f = DashboardFilter.FromQueryString(query, problems);

        var (name, message) = Assert.Single(problems.Entries);
        Assert.StartsWith(expected, message);
        Assert.Equal(expected[..expected.IndexOf(':')], name);
        Assert.Equal(DashboardFilter.All, f);
    }

    [Theory]
    [InlineData("q=%22chip", "q: the quote at position 1 is never closed")]
    [InlineData("q=(a%20OR", "q: OR at position 4 has nothing after it")]
    [InlineData("q=NOT", "q: NOT at position 1 has nothing after it")]
    [InlineData("q=a%20OR", "q: OR at position 3 has nothing after it")]
    [InlineData("q=-foo", "q: '-' at position 1 has nothing to exclude from: search for something as well, as in chip -memory")]
    public void FromQueryString_SearchWithAMistake_NamesItsPositionAndKeepsTheTextButSearchesNothing(string query, string expected)
    {
        var problems = new QueryProblems();

        var f = DashboardFilter.FromQueryString(query, problems);

        Assert.Equal(("q", expected), Assert.Single(problems.Entries));
        // Kept, so the search box and the link still hold what the analyst typed, to correct it.
        Assert.Equal(Uri.UnescapeDataString(query[2..]), f.Text);
        Assert.Null(f.Search);
    }

    [Fact]
    public void FromQueryString_SearchWithOperators_IsReadWithoutProblems()
    {
        var problems = new QueryProblems();

        var f = DashboardFilter.FromQueryString("q=(chip%20OR%20wafer*)%20-%22memory%20price%22", problems);

        Assert.True(problems.IsEmpty);
        Assert.Equal("AND(OR(chip, wafer*), NOT(\"memory price\"))", f.Search!.ToString());
    }

    [Fact]
    public void PreviousPeriod_OfAQuarter_IsTheEqualLengthBefore()
    {
        var f = new DashboardFilter { From = new DateOnly(2024, 4, 1), To = new DateOnly(2024, 4, 30), Topics = ["AI"] };

        var previous = f.PreviousPeriod()!;

        Assert.Equal((new DateOnly(2024, 3, 2), new DateOnly(2024, 3, 31)), (previous.From!.Value, previous.To!.Value));
        Assert.Equal(["AI"], previous.Topics);
        Assert.Null(DashboardFilter.All.PreviousPeriod());
    }

    [Fact]
    public void ToUtcExclusive_IncludesTheWholeLastDay() =>
        Assert.Equal(new DateTime(2024, 5, 2, 0, 0, 0, DateTimeKind.Utc), new DashboardFilter { To = new DateOnly(2024, 5, 1) }.ToUtcExclusive);
}
