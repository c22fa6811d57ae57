using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;

namespace AiNewsDashboard.Core.Tests.Queries;

/// <summary>Five articles and one reference, different in every field a filter looks at.</summary>
public sealed class FilterCorpus : IAsyncLifetime
{
    public TestDatabase Db { get; private set; } = null!;
    public Dictionary<string, int> Ids { get; } = [];

    public static readonly ArticleBuilder A1 = new ArticleBuilder().From("alpha.example", "Alpha News").PublishedOn(2024, 1, 10).InCategory("news")
        .WithQuality(80).WithHeat(50).Published(true).WithTopics("AI", "Robotics").Titled("Robots learn to walk")
        .WithExcerpt("A lab in Zürich trained robots for a year.");
    public static readonly ArticleBuilder A2 = new ArticleBuilder().From("alpha.example", "Alpha News").PublishedOn(2024, 2, 15).InCategory("analysis")
        .WithQuality(40).Published(false).WithTopics("Chips").Titled("Chip makers race").WithExcerpt("Foundries expand; open-source tools help.");
    public static readonly ArticleBuilder A3 = new ArticleBuilder().From("beta.example", "Beta").PublishedOn(2024, 3, 20).InCategory("News")
        .WithQuality(null).Published(null).WithTopics("ai").Titled("Open-source model released").WithExcerpt("The \"Mistral\" team shipped it.");
    public static readonly ArticleBuilder A4 = new ArticleBuilder().From("gamma.example", "Gamma").PublishedOn(2024, 3, 31).InCategory("opinion")
        .WithQuality(95).Published(true).WithTopics("Robotics", "Chips").Titled("Why chips matter").WithExcerpt("Supply is tight.")
        .RelatedTo("https://elsewhere.example/robots", "Reference about robots", "elsewhere.example", 40);
    public static readonly ArticleBuilder A5 = new ArticleBuilder().From("beta.example", "Beta").PublishedOn(2023, 12, 31).InCategory("news")
        .WithQuality(60).Published(false).WithTopics().Titled("Year end review").WithExcerpt("Looking back at 2023.");

    public async Task InitializeAsync()
    {
        Db = await TestDatabase.CreateAsync();
        await Db.ImportArticlesAsync(A1, A2, A3, A4, A5);
        foreach (var (name, article) in new[] { ("a1", A1), ("a2", A2), ("a3", A3), ("a4", A4), ("a5", A5) })
            Ids[name] = await Db.IdOfAsync(article);
        Ids["r1"] = await Db.IdOfAsync("https://elsewhere.example/robots");
    }

    public async Task DisposeAsync() => await Db.DisposeAsync();
}

/// <summary>Every condition of <see cref="DashboardFilter"/> on its own and together, through the article list.</summary>
public sealed class DashboardFilterMatchingTests(FilterCorpus corpus) : IClassFixture<FilterCorpus>
{
    /// <summary>The names (a1..a5, r1) of the matching articles, newest first.</summary>
    private async Task<string[]> MatchAsync(DashboardFilter filter)
    {
        var page = await corpus.Db.Get<ArticleQueries>().GetPageAsync(filter, take: 100);
        var names = corpus.Ids.ToDictionary(kv => kv.Value, kv => kv.Key);
        Assert.Equal(page.Total, page.Items.Count);
        return page.Items.Select(i => names[i.Id]).ToArray();
    }

    [Fact]
    public async Task Filter_Nothing_MatchesEveryArticleButNoReference() =>
        Assert.Equal(["a4", "a3", "a2", "a1", "a5"], await MatchAsync(DashboardFilter.All));

    [Fact]
    public async Task Filter_IncludeReferences_AddsTheReferenceArticles() =>
        // The reference is dated two hours after a4, whose related list names it.
        Assert.Equal(["r1", "a4", "a3", "a2", "a1", "a5"], await MatchAsync(new DashboardFilter { IncludeReferences = true }));

    [Fact]
    public async Task Filter_DateRange_IncludesBothEndDays() =>
        Assert.Equal(["a3", "a2", "a1"], await MatchAsync(new DashboardFilter { From = new DateOnly(2024, 1, 10), To = new DateOnly(2024, 3, 20) }));

    [Fact]
    public async Task Filter_OneSidedDateRange_IsOpenOnTheOtherSide()
    {
        Assert.Equal(["a4", "a3"], await MatchAsync(new DashboardFilter { From = new DateOnly(2024, 3, 1) }));
        Assert.Equal(["a5"], await MatchAsync(new DashboardFilter { To = new DateOnly(2023, 12, 31) }));
    }

    [Fact]
    public async Task Filter_Providers_MatchAnyOfTheDomainsIgnoringCase() =>
        Assert.Equal(["a4", "a3", "a5"], await MatchAsync(new DashboardFilter { Providers = ["BETA.example", "gamma.example"] }));

    [Fact]
    public async Task Filter_UnknownProvider_MatchesNothing() =>
        Assert.Empty(await MatchAsync(new DashboardFilter { Providers = ["nobody.example"] }));

    [Fact]
    public async Task Filter_Topics_MatchAnyOfTheTopicsIgnoringCase()
    {
        // a3 spelled its topic "ai"; topics are one case-insensitively.
        Assert.Equal(["a3", "a1"], await MatchAsync(new DashboardFilter { Topics = ["ai"] }));
        Assert.Equal(["a4", "a2", "a1"], await MatchAsync(new DashboardFilter { Topics = ["CHIPS", "robotics"] }));
    }

    [Fact]
    public async Task Filter_Categories_IgnoreCase() =>
        // a3's category is "News", the others' "news".
        Assert.Equal(["a3", "a1", "a5"], await MatchAsync(new DashboardFilter { Categories = ["NEWS"] }));

    [Fact]
    public async Task Filter_QualityRange_IsInclusiveAndLeavesOutUnknownQuality() =>
        Assert.Equal(["a4", "a1", "a5"], await MatchAsync(new DashboardFilter { MinQuality = 60, MaxQuality = 95 }));

    [Fact]
    public async Task Filter_Published_LeavesOutArticlesWithoutTheFlag()
    {
        Assert.Equal(["a4", "a1"], await MatchAsync(new DashboardFilter { Published = true }));
        Assert.Equal(["a2", "a5"], await MatchAsync(new DashboardFilter { Published = false }));
    }

    [Fact]
    public async Task Filter_Text_MatchesWholeWordsInTitleOrExcerpt()
    {
        Assert.Equal(["a1"], await MatchAsync(new DashboardFilter { Text = "robots" }));
        Assert.Equal(["r1", "a1"], await MatchAsync(new DashboardFilter { Text = "robots", IncludeReferences = true }));
    }

    [Fact]
    public async Task Filter_Text_IgnoresCaseAndAccents() =>
        Assert.Equal(["a1"], await MatchAsync(new DashboardFilter { Text = "ZURICH" }));

    [Fact]
    public async Task Filter_TextWithPunctuationAndQuotes_IsSearchedLiterally()
    {
        // a2's excerpt says "open-source" too, but not "model".
        Assert.Equal(["a3"], await MatchAsync(new DashboardFilter { Text = "\"open-source\" model" }));
        Assert.Equal(["a3"], await MatchAsync(new DashboardFilter { Text = "team \"shipped it\"" }));
    }

    [Theory]
    [InlineData("^chips")]
    [InlineData("chips:")]
    [InlineData("chip*")]
    [InlineData("chips OR chip")]
    public async Task Filter_TextWithWordsAndOperators_FindsEveryFormOfTheWord(string text) =>
        // a4 says "chips", a2 "Chip"; FTS5's own syntax ("^", ":") is searched as plain characters.
        Assert.Equal(["a4", "a2"], await MatchAsync(new DashboardFilter { Text = text }));

    [Fact]
    public async Task Filter_TextNamingAColumn_IsAPhraseNotAColumnFilter() =>
        Assert.Empty(await MatchAsync(new DashboardFilter { Text = "title:chips" })); // the phrase "title chips", in no article

    [Theory]
    [InlineData("\"Mistral")]
    [InlineData("(chips")]
    [InlineData("-chips")]
    public async Task Filter_TextThatIsNotASearch_DoesNotFilter(string text) =>
        // DashboardQuery names the mistake; the pages say the search is ignored, and it is.
        Assert.Equal(["a4", "a3", "a2", "a1", "a5"], await MatchAsync(new DashboardFilter { Text = text }));

    [Fact]
    public async Task Filter_TextWithoutAnyWord_DoesNotFilter() =>
        Assert.Equal(["a4", "a3", "a2", "a1", "a5"], await MatchAsync(new DashboardFilter { Text = "&& -- \"\"" }));

    [Fact]
    public async Task Filter_AllConditionsTogether_MustAllHold()
    {
        var filter = new DashboardFilter
        {
            From = new DateOnly(2024, 1, 1), To = new DateOnly(2024, 12, 31), Providers = ["alpha.example", "gamma.example"],
            Topics = ["Chips"], Categories = ["analysis", "opinion"], MinQuality = 30, MaxQuality = 100, Published = true, Text = "chips",
        };

        Assert.Equal(["a4"], await MatchAsync(filter));
        // Each condition alone lets more through; together only a4 (a2 is not published).
        Assert.Equal(["a2"], await MatchAsync(filter with { Published = false, Text = null }));
    }
}
