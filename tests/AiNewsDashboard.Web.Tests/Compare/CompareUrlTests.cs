using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Web.Components.Compare;

namespace AiNewsDashboard.Web.Tests.Compare;

/// <summary>The comparison in the URL: compact, read back exactly, and every mistake named by its query and field.</summary>
public sealed class CompareUrlTests
{
    private const string Origin = "https://news-dashboard.example.org";

    private static IReadOnlyList<CompareQuerySpec> RoundTrip(IReadOnlyList<CompareQuerySpec> specs, out QueryProblems problems)
    {
        var url = CompareUrl.For(specs, ("granularity", "week"));
        problems = new QueryProblems();
        return CompareUrl.FromQueryString(new Uri(Origin + url).Query, problems);
    }

    [Fact]
    public void RoundTrip_EveryFieldAndAwkwardText_ComesBackEqual()
    {
        CompareQuerySpec[] specs =
        [
            new("Chips; memory: 50%, or more", "#123abc", new DashboardFilter
            {
                From = new DateOnly(2024, 1, 1), To = new DateOnly(2024, 3, 31), Providers = ["alpha.example", "beta.example"],
                Topics = ["A.I.", "Large Language Models"], Categories = ["news"], Text = "\"memory chip\" OR wafer* -sale & 100% +x",
                MinQuality = 20, MaxQuality = 90, Published = false, IncludeReferences = true, Collections = ["a;b:c%", "wire services"],
            }),
            CompareUrl.New(1, DashboardFilter.All),
            new("Ünïcödé ✓", CompareUrl.DefaultColor(2), new DashboardFilter { Text = "café", Published = true }),
        ];

        var back = RoundTrip(specs, out var problems);

        Assert.True(problems.IsEmpty, string.Join("; ", problems.Messages));
        Assert.Equal(specs, back);
    }

    [Fact]
    public void Encode_DefaultNameAndColour_AreLeftOut()
    {
        var url = CompareUrl.For([CompareUrl.New(0, new DashboardFilter { Text = "chip" }), CompareUrl.New(1, DashboardFilter.All)]);

        Assert.Equal("/compare?q1=s:chip&q2=n:", url);
    }

    // The promise: five queries of twenty providers each still fit in a link.
    [Fact]
    public void FiveQueriesOfTwentyProviders_FitInTwoThousandCharacters_AndComeBack()
    {
        // Long domains, all different: a hundred providers with names as long as the demo's.
        var specs = Enumerable.Range(0, 5).Select(q => new CompareQuerySpec($"Collection {q + 1} wire services", CompareUrl.DefaultColor(q),
            new DashboardFilter
            {
                From = new DateOnly(2024, 1, 1), To = new DateOnly(2024, 12, 31), Text = $"artificial intelligence regulation {q}",
                Providers = Enumerable.Range(0, 20).Select(p => $"{Outlets[(q * 20 + p) % Outlets.Length]}{q}{p}.example").Order(StringComparer.OrdinalIgnoreCase).ToArray(),
                Topics = ["Generative AI"],
            })).ToArray();

        var url = Origin + CompareUrl.For(specs, ("granularity", "month"), ("view", "share"));
        var back = RoundTrip(specs, out var problems);

        Assert.True(url.Length <= CompareUrl.MaxUrlLength, $"{url.Length} characters");
        Assert.True(CompareUrl.Fits(url));
        Assert.True(problems.IsEmpty, string.Join("; ", problems.Messages));
        Assert.Equal(specs, back);
    }

    [Fact]
    public void ShortComparison_StaysReadable()
    {
        var url = CompareUrl.For([CompareUrl.New(0, new DashboardFilter { Providers = ["alpha.example"] })]);

        Assert.DoesNotContain($"{CompareUrl.Compressed}=", url);
        Assert.Contains("q1=p:alpha.example", url);
    }

    [Fact]
    public void Read_BadFields_AreNamedByQueryAndField_AndTheRestIsKept()
    {
        var problems = new QueryProblems();

        var specs = CompareUrl.FromQueryString("q1=s:chip;f:2024-13-01;c:red&q2=n:Two;x:1;lo:200&q3=s:(chip", problems);

        Assert.Equal(3, specs.Count);
        Assert.Equal("chip", specs[0].Filter.Text);
        Assert.Null(specs[0].Filter.From);
        Assert.Equal(CompareUrl.DefaultColor(0), specs[0].Color);
        Assert.Equal("Two", specs[1].Name);
        Assert.Equal(["q1", "q2", "q3"], problems.Names);
        var messages = problems.Entries.ToArray();
        Assert.Contains(messages, m => m.Name == "q1" && m.Message.StartsWith("q1 (Query 1), f: from: '2024-13-01' is not a date", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Name == "q1" && m.Message.Contains("c: 'red' is not a colour", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Name == "q2" && m.Message.Contains("'x' is not a field", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Name == "q2" && m.Message.Contains("lo: minQuality: '200'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Name == "q3" && m.Message.Contains("s: q:", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_CutShortCompressedLink_SaysSo()
    {
        var problems = new QueryProblems();

        var specs = CompareUrl.FromQueryString("z=AbCd", problems);

        Assert.Empty(specs);
        Assert.Equal(["z"], problems.Names);
    }

    [Fact]
    public void StartingWith_KeepsTheFilterAsQueryOne_AndGivesQueryTwoOnlyItsDates()
    {
        var filter = new DashboardFilter { From = new DateOnly(2024, 2, 1), To = new DateOnly(2024, 2, 29), Text = "chip", Providers = ["alpha.example"] };

        var specs = CompareUrl.StartingWith(filter);

        Assert.Equal(filter, specs[0].Filter);
        Assert.Equal(new DashboardFilter { From = filter.From, To = filter.To }, specs[1].Filter);
        Assert.NotEqual(specs[0].Color, specs[1].Color);
    }

    private static readonly string[] Outlets =
    [
        "dailyledger", "techcurrent", "signalwire", "neuraltimes", "bytebulletin", "circuitreview", "datadispatch", "siliconcourier",
        "marketpulse", "computeweekly", "newsroomdirect", "cloudchronicle", "roboreport", "algorithmpost", "futurestack", "globaltechobserver",
        "startupradar", "inferencedaily", "prchannel", "vectorgazette", "metrobusinessjournal", "capitaltechreview", "opensourceweekly",
    ];
}
