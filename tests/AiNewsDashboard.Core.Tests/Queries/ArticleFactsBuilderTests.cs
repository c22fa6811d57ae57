using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Queries;

namespace AiNewsDashboard.Core.Tests.Queries;

/// <summary>
/// The builder's topic layout (each row's topics, in the order they were added, wherever the row lands in date order)
/// and its one-snapshot contract.
/// </summary>
public sealed class ArticleFactsBuilderTests
{
    private static readonly long Day = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    [Fact]
    public void Build_GivesEachRowItsOwnTopicsInTheOrderAdded_RowsWithoutTopicsIncluded()
    {
        var builder = new ArticleFactsBuilder(4);
        builder.AddProvider(1, "p.example", "P");
        builder.AddTopic(10, "AI", "ai");
        builder.AddTopic(11, "Chips", "chips");
        builder.AddTopic(12, "Policy", "policy");
        // Read in an order unlike the date order (newest first: 3, 1, 4; 2 undated, last).
        builder.AddArticle(1, Day + 200, 1, null, null, null, null, isReference: false);
        builder.AddArticle(2, null, 1, null, null, null, null, isReference: false);
        builder.AddArticle(3, Day + 300, 1, null, null, null, null, isReference: false);
        builder.AddArticle(4, Day + 100, 1, null, null, null, null, isReference: false);
        builder.AddArticleTopic(3, 12);
        builder.AddArticleTopic(1, 11);
        builder.AddArticleTopic(2, 10);
        builder.AddArticleTopic(3, 10);
        builder.AddArticleTopic(1, 12);
        builder.AddArticleTopic(99, 10); // an article the builder never saw: ignored

        var facts = builder.Build(dataVersion: 1);

        Assert.Equal([3, 1, 4, 2], facts.Ids);
        Assert.Equal(["Policy", "AI"], TopicNames(facts, 3));
        Assert.Equal(["Chips", "Policy"], TopicNames(facts, 1));
        Assert.Empty(TopicNames(facts, 4));
        Assert.Equal(["AI"], TopicNames(facts, 2));
    }

    [Fact]
    public void Build_WithAMergeRule_CountsTwoSpellingsOnOneArticleOnce()
    {
        var builder = new ArticleFactsBuilder(2);
        builder.AddTopic(10, "Large Language Models", "large language models");
        builder.AddTopic(11, "Large  Language Models", "large  language models");
        builder.AddTopic(12, "Chips", "chips");
        builder.AddMergeRule(MergeKind.Topic, "Large  Language Models", "Large Language Models");
        builder.AddArticle(1, Day, null, null, null, null, null, isReference: false);
        builder.AddArticle(2, Day + 1, null, null, null, null, null, isReference: false);
        builder.AddArticleTopic(1, 11);
        builder.AddArticleTopic(1, 12);
        builder.AddArticleTopic(1, 10);
        builder.AddArticleTopic(2, 11);

        var facts = builder.Build(dataVersion: 1);

        Assert.Equal(["Large Language Models", "Chips"], TopicNames(facts, 1));
        Assert.Equal(["Large Language Models"], TopicNames(facts, 2));
    }

    [Fact]
    public void Build_ASecondTime_IsRefused_SinceTheRowsWereLetGo()
    {
        var builder = new ArticleFactsBuilder(1);
        builder.AddArticle(1, Day, null, null, null, null, null, isReference: false);
        Assert.Equal(1, builder.Build(dataVersion: 1).Count);

        var e = Assert.Throws<InvalidOperationException>(() => builder.Build(dataVersion: 2));
        Assert.Contains("one snapshot", e.Message, StringComparison.Ordinal);
    }

    private static string[] TopicNames(ArticleFacts facts, int articleId)
    {
        var topics = facts.TopicsOf(facts.RowOf(articleId)).ToArray();
        return [.. topics.Select(t => facts.TopicTable[t].Name)];
    }
}
