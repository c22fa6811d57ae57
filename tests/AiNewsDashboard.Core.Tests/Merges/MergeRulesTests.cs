using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Merges;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Demo;
using AiNewsDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Tests.Merges;

/// <summary>Merge rules as the query snapshot applies them, and the rules' own checks.</summary>
public sealed class MergeRulesTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private MergeRules Rules => _db.Get<MergeRules>();
    private Task<ArticleFacts> FactsAsync() => _db.Get<ArticleFactsCache>().GetFreshAsync();

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await _db.ImportArticlesAsync(
            new ArticleBuilder().From("huffingtonpost.example", "Huffington Post").PublishedOn(2024, 1, 1).WithTopics("U.S. News", "AI"),
            new ArticleBuilder().From("huffingtonpost.example", "Huffington Post").PublishedOn(2024, 1, 2).WithTopics("AI"),
            new ArticleBuilder().From("huffpost.example", "HuffPost").PublishedOn(2024, 1, 3).WithTopics("US news", "U.S. News"),
            new ArticleBuilder().From("other.example", "Other").PublishedOn(2024, 1, 4).WithTopics("US news"));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Snapshot_ProviderRule_CountsTheAliasAsTheCanonicalProviderAndFiltersSelectBoth()
    {
        await Rules.AddAsync(MergeKind.Provider, "HuffPost", "huffingtonpost.example");

        var facts = await FactsAsync();

        Assert.Equal(["huffingtonpost.example", "other.example"], facts.ProviderTable.Select(p => p.Domain).Order());
        Assert.Equal(1, facts.MergedProviders);
        var byCanonical = await _db.Get<ArticleQueries>().GetPageAsync(DashboardFilter.All with { Providers = ["huffingtonpost.example"] });
        var byAlias = await _db.Get<ArticleQueries>().GetPageAsync(DashboardFilter.All with { Providers = ["huffpost.example"] });
        Assert.Equal(3, byCanonical.Total);
        Assert.Equal(3, byAlias.Total);
        // The article list (and so the CSV) names the canonical provider, for the alias's article too.
        Assert.All(byCanonical.Items, i => Assert.Equal(("huffingtonpost.example", "Huffington Post"), (i.ProviderDomain, i.ProviderName)));
        var detail = await _db.Get<ArticleQueries>().GetArticleAsync(byCanonical.Items[0].Id);
        Assert.Equal(("huffingtonpost.example", "Huffington Post"), (detail!.ProviderDomain, detail.ProviderName));
        Assert.Equal(2, (await _db.Get<OverviewQueries>().GetTotalsAsync()).Providers);
    }

    [Fact]
    public async Task Snapshot_TopicRule_ArticleWithBothSpellingsCountsOnce()
    {
        await Rules.AddAsync(MergeKind.Topic, "us NEWS", "U.S. News");

        var top = await _db.Get<TopicQueries>().GetTopTopicsAsync(DashboardFilter.All, 10);
        var page = await _db.Get<ArticleQueries>().GetPageAsync(DashboardFilter.All with { Topics = ["US news"] });

        Assert.Equal([("U.S. News", 3), ("AI", 2)], top.Select(t => (t.Topic, t.Articles)));
        Assert.Equal(3, page.Total);
        Assert.All(page.Items, i => Assert.DoesNotContain("US news", i.Topics));
        Assert.Single(page.Items.Single(i => i.ProviderDomain == "huffpost.example").Topics); // "US news" and "U.S. News" listed once
    }

    [Fact]
    public async Task Remove_AfterRules_GivesBackTheSnapshotAsImported()
    {
        var before = Describe(await FactsAsync());
        await Rules.AddAsync(MergeKind.Provider, "huffpost.example", "huffingtonpost.example");
        await Rules.AddAsync(MergeKind.Topic, "US news", "U.S. News");
        Assert.NotEqual(before, Describe(await FactsAsync()));

        await Rules.RemoveAsync(MergeKind.Provider, "huffpost.example");
        await Rules.RemoveAsync(MergeKind.Topic, "us news");

        Assert.Equal(before, Describe(await FactsAsync()));
        await using var db = await _db.ContextAsync();
        Assert.Equal(3, await db.Providers.CountAsync()); // the rules never touched the imported rows
        Assert.Empty(await Rules.ListAsync());
    }

    [Fact]
    public async Task Snapshot_Chain_EndsAtTheLastProviderAndUndoingOneLinkUndoesOnlyIt()
    {
        await Rules.AddAsync(MergeKind.Provider, "huffpost.example", "huffingtonpost.example");
        await Rules.AddAsync(MergeKind.Provider, "huffingtonpost.example", "other.example");
        Assert.Equal(["other.example"], (await FactsAsync()).ProviderTable.Select(p => p.Domain));

        await Rules.RemoveAsync(MergeKind.Provider, "huffingtonpost.example");

        Assert.Equal(["huffingtonpost.example", "other.example"], (await FactsAsync()).ProviderTable.Select(p => p.Domain).Order());
    }

    [Theory]
    [InlineData("huffpost.example", "HuffPost", "are the same provider")]
    [InlineData("nowhere.example", "HuffPost", "There is no provider with the domain or name 'nowhere.example'")]
    [InlineData("", "HuffPost", "An empty provider name")]
    public async Task Add_BadRule_IsRefusedWithTheReason(string alias, string canonical, string message)
    {
        var e = await Assert.ThrowsAsync<MergeRuleException>(() => Rules.AddAsync(MergeKind.Provider, alias, canonical));

        Assert.Contains(message, e.Message);
        Assert.Empty(await Rules.ListAsync());
    }

    [Fact]
    public async Task Add_AliasMergedAlreadyOrALoop_IsRefused()
    {
        await Rules.AddAsync(MergeKind.Provider, "huffpost.example", "huffingtonpost.example");

        var again = await Assert.ThrowsAsync<MergeRuleException>(() => Rules.AddAsync(MergeKind.Provider, "huffpost.example", "other.example"));
        var loop = await Assert.ThrowsAsync<MergeRuleException>(() => Rules.AddAsync(MergeKind.Provider, "huffingtonpost.example", "huffpost.example"));

        Assert.Contains("already merged into huffingtonpost.example; remove that rule first", again.Message);
        Assert.Contains("would make a loop", loop.Message);
        Assert.Single(await Rules.ListAsync());
    }

    [Fact]
    public async Task Remove_NoSuchRule_IsRefused()
    {
        var e = await Assert.ThrowsAsync<MergeRuleException>(() => Rules.RemoveAsync(MergeKind.Topic, "AI"));

        Assert.Contains("No rule merges the topic 'AI'", e.Message);
    }

    [Fact]
    public async Task Suggest_RealShapedCorpus_FindsTheAliasSpellingsItPlants()
    {
        await using var db = await TestDatabase.CreateAsync();
        new DemoCorpusGenerator(DemoCorpusGenerator.DefaultSeed, DemoShape.RealWorld).WriteTo(db.Directory.PathOf("corpus"), 1500);
        await db.ImportAsync(db.Directory.PathOf("corpus"));

        var suggestions = await db.Get<MergeRules>().SuggestAsync();

        string[] Group(MergeKind kind, string key) =>
            suggestions.Single(s => s.Kind == kind && (s.Canonical.Key == key || s.Aliases.Any(a => a.Key == key)))
                is var s ? [.. s.Aliases.Select(a => a.Key).Append(s.Canonical.Key).Order(StringComparer.Ordinal)] : [];
        Assert.Equal(["huffingtonpost.example", "huffpost.example"], Group(MergeKind.Provider, "huffpost.example"));
        Assert.Equal(["news.usnews.example", "usnews.example"], Group(MergeKind.Provider, "usnews.example"));
        Assert.Equal(["u.s. news", "us news"], Group(MergeKind.Topic, "us news"));
        Assert.Equal(["a.i.", "ai"], Group(MergeKind.Topic, "ai"));
        Assert.Equal(["machine learning", "machine-learning"], Group(MergeKind.Topic, "machine learning"));
        var usNews = suggestions.Single(s => s.Kind == MergeKind.Provider && s.Canonical.Key.EndsWith("usnews.example", StringComparison.Ordinal));
        Assert.Contains("same registrable domain usnews.example", usNews.Reasons);
    }

    // Its only reference became the linked article's own, from another provider: nothing is left under it to merge.
    [Fact]
    public async Task Suggest_ProviderLeftWithoutArticles_IsNotSuggested()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.ImportArticlesAsync(new ArticleBuilder().From("news.wire.example", "Wire News").PublishedOn(2024, 1, 1)
            .RelatedTo("https://wire.example/story", domain: "wire.example"));
        var before = await db.Get<MergeRules>().SuggestAsync();
        await db.ImportArticlesAsync(new ArticleBuilder().At("https://wire.example/story").From("b.example", "B").PublishedOn(2024, 1, 2));
        await db.Get<ArticleFactsCache>().GetFreshAsync();

        var after = await db.Get<MergeRules>().SuggestAsync();

        Assert.Contains(before, s => s.Kind == MergeKind.Provider && s.Canonical.Key == "news.wire.example" && s.Aliases.Any(a => a.Key == "wire.example"));
        Assert.DoesNotContain(after, s => s.Kind == MergeKind.Provider);
    }

    [Fact]
    public async Task Suggest_AcceptedGroup_IsNoLongerSuggested()
    {
        var suggestions = await Rules.SuggestAsync();
        Assert.Same(suggestions, await Rules.SuggestAsync()); // kept while the snapshot is
        var suggestion = suggestions.Single(s => s.Kind == MergeKind.Topic);
        Assert.Equal(["u.s. news", "us news"], suggestion.Aliases.Select(a => a.Key).Append(suggestion.Canonical.Key).Order(StringComparer.Ordinal));

        await Rules.AcceptAsync(suggestion);

        Assert.DoesNotContain(await Rules.SuggestAsync(), s => s.Kind == MergeKind.Topic);
    }

    private static string Describe(ArticleFacts facts) =>
        string.Join("|", facts.ProviderTable.Select(p => p.Domain)) + "#" + string.Join("|", facts.TopicTable.Select(t => t.Key)) + "#" +
        string.Join(",", facts.Providers) + "#" + string.Join(",", facts.TopicIndices) + "#" + string.Join(",", facts.TopicOffsets);
}
