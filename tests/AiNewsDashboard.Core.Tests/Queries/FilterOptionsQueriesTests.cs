using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;

namespace AiNewsDashboard.Core.Tests.Queries;

public sealed class FilterOptionsQueriesTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private FilterOptionsQueries Choices() => new(_db.Get<ArticleFactsCache>());

    [Fact]
    public async Task Get_Articles_OffersProvidersByNameTopicsAndLowerCaseCategoriesOnce()
    {
        await _db.ImportArticlesAsync(
            new ArticleBuilder().From("zeta.example", "Alpha Daily").PublishedOn(2014, 3, 10).InCategory("Opinion").WithTopics("Chips"),
            new ArticleBuilder().From("alpha.example", "Zeta Times").PublishedOn(2014, 3, 11).InCategory("opinion").WithTopics("AI"),
            new ArticleBuilder().From("beta.example", "Beta").PublishedOn(2014, 3, 12).InCategory("News"));

        var choices = await Choices().GetAsync();

        Assert.Equal(["zeta.example", "beta.example", "alpha.example"], choices.Providers.Select(p => p.Domain));
        Assert.Equal(["AI", "Chips"], choices.Topics);
        Assert.Equal(["news", "opinion"], choices.Categories);
    }

    // Every open page's provider picker reads these, so they are worked out with the choices, not in each session.
    [Fact]
    public async Task Get_Providers_PickersShowTheNameWithTheDomainOrTheDomainAlone()
    {
        await _db.ImportArticlesAsync(
            new ArticleBuilder().From("zeta.example", "Alpha Daily").PublishedOn(2014, 3, 10),
            new ArticleBuilder().From("plain.example").PublishedOn(2014, 3, 11));

        var choices = await Choices().GetAsync();

        Assert.Equal(["zeta.example", "plain.example"], choices.ProviderDomains);
        Assert.Equal("Alpha Daily (zeta.example)", choices.ProviderLabel("zeta.example"));
        Assert.Equal("plain.example", choices.ProviderLabel("plain.example"));
        Assert.Equal("gone.example", choices.ProviderLabel("gone.example"));
    }

    // A related link makes a reference under the provider it names; when the linked article's own file arrives from
    // another provider, the reference's provider is left with no article at all. A real corpus holds thousands of
    // those (22,772 of 40,811 in the real-shaped benchmark corpus): offered, each would filter to nothing.
    [Fact]
    public async Task Get_ProviderLeftWithoutArticles_IsNotOffered()
    {
        await _db.ImportArticlesAsync(new ArticleBuilder().From("a.example").PublishedOn(2014, 3, 10)
            .RelatedTo("https://wire.example/story", domain: "wire.example"));
        var withReference = await Choices().GetAsync();
        await _db.ImportArticlesAsync(new ArticleBuilder().At("https://wire.example/story").From("b.example").PublishedOn(2014, 3, 11));

        var choices = await Choices().GetAsync();

        Assert.Equal(["a.example", "wire.example"], withReference.ProviderDomains);
        Assert.Equal(["a.example", "b.example"], choices.ProviderDomains);
    }

    // Every filtered page asks twice per open (prerender, circuit); at a million articles each answer cost most of a second.
    [Fact]
    public async Task Get_SameSnapshot_AnswersTheChoicesWorkedOutBefore()
    {
        await _db.ImportArticlesAsync(new ArticleBuilder().From("a.example").PublishedOn(2014, 3, 10).InCategory("news"));
        var queries = Choices();

        var first = await queries.GetAsync();
        var second = await queries.GetAsync();

        Assert.Same(first, second);
    }

    [Fact]
    public async Task Get_AfterAnImport_OffersWhatItBrought()
    {
        await _db.ImportArticlesAsync(new ArticleBuilder().From("a.example").PublishedOn(2014, 3, 10).InCategory("news"));
        var queries = Choices();
        var before = await queries.GetAsync();

        await _db.ImportArticlesAsync(new ArticleBuilder().From("b.example").PublishedOn(2014, 3, 11).InCategory("sport").WithTopics("Chips"));
        var after = await queries.GetAsync();

        Assert.Equal(["a.example"], before.Providers.Select(p => p.Domain));
        Assert.Equal(["a.example", "b.example"], after.Providers.Select(p => p.Domain));
        Assert.Equal(["news", "sport"], after.Categories);
        Assert.DoesNotContain("Chips", before.Topics);
        Assert.Contains("Chips", after.Topics);
    }
}
