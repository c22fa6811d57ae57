using AiNewsDashboard.Core;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Store.Postgres;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiNewsDashboard.Web.Tests.Postgres;

/// <summary>
/// The read side on PostgreSQL, through the same registrations as the app: the snapshot, full-text search with the
/// dashboard's query syntax, and the change feed that shows one instance's commit in another.
/// </summary>
public sealed class PostgresQueriesTests
{
    /// <summary>An app instance's data services on <paramref name="cs"/>, as the web host registers them.</summary>
    private static ServiceProvider Instance(string cs) =>
        new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection([new("ConnectionStrings:News", cs)]).Build())
            .AddDashboardOptions()
            .AddNewsStore()
            .AddNewsData(sp => sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ResolvedConnectionString)
            .BuildServiceProvider();

    internal static async Task<(ServiceProvider Services, IDbContextFactory<NewsDbContext> Factory)> StartAsync(string? cs = null)
    {
        cs ??= await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        var services = Instance(cs);
        var factory = services.GetRequiredService<IDbContextFactory<NewsDbContext>>();
        await services.GetRequiredService<INewsStore>().InitializeAsync(factory);
        return (services, factory);
    }

    private static async Task AddArticleAsync(IDbContextFactory<NewsDbContext> factory, string url, string title, string? excerpt = null, string topic = "AI")
    {
        await using var db = await factory.CreateDbContextAsync();
        var provider = await db.Providers.FirstOrDefaultAsync(p => p.Domain == "example.com") ?? new Provider { Domain = "example.com", Name = "Example" };
        var stored = await db.Topics.FirstOrDefaultAsync(t => t.Key == Topic.KeyOf(topic)) ?? new Topic { Name = topic, Key = Topic.KeyOf(topic) };
        var now = new DateTime(2026, 3, 1, 12, 0, 0);
        db.Articles.Add(new Article
        {
            Url = url, Title = title, Excerpt = excerpt, Provider = provider, PublishedAt = now, Quality = 70, Heat = 5, Published = true,
            ImportedAt = now, UpdatedAt = now, Topics = [new ArticleTopic { Topic = stored }],
        });
        await db.SaveChangesAsync();
    }

    [PostgresFact]
    public async Task Snapshot_ArticlesInPostgres_HoldsTheirFactsAndTopics()
    {
        var (services, factory) = await StartAsync();
        await using var _ = services;
        await AddArticleAsync(factory, "https://example.com/a", "Chip makers race ahead");
        await AddArticleAsync(factory, "https://example.com/b", "Regulators meet", topic: "Policy");

        var facts = await services.GetRequiredService<ArticleFactsCache>().GetFreshAsync();
        var totals = await services.GetRequiredService<OverviewQueries>().GetTotalsAsync();

        Assert.Equal(2, facts.Count);
        Assert.Equal((2, 0, 1, 2, 0), (totals.Articles, totals.References, totals.Providers, totals.Topics, totals.DemoArticles));
        Assert.Equal(new DateTime(2026, 3, 1), totals.FirstPublished);
    }

    [PostgresFact]
    public async Task Search_DashboardSyntax_FindsStemsPrefixesPhrasesAndExclusions()
    {
        var (services, factory) = await StartAsync();
        await using var _ = services;
        await AddArticleAsync(factory, "https://example.com/1", "Chip makers race ahead", "New chips for data centres");
        await AddArticleAsync(factory, "https://example.com/2", "Regulators meet chipmakers", "Open source models discussed");
        await AddArticleAsync(factory, "https://example.com/3", "Open models win", "Source code it's here");
        var search = services.GetRequiredService<IFullTextSearch>();

        async Task<int[]> Find(string text)
        {
            var ids = new List<int>();
            await search.ForEachMatchAsync(search.ExpressionFor(SearchQuery.Parse(text).Query!), ids.Add);
            await using var db = await factory.CreateDbContextAsync();
            return [.. db.Articles.Where(a => ids.Contains(a.Id)).OrderBy(a => a.Url).Select(a => a.Url.Substring(a.Url.Length - 1)).AsEnumerable().Select(int.Parse)];
        }

        Assert.IsType<PostgresFullTextSearch>(search);
        Assert.Equal(new[] { 1 }, await Find("chip"));               // "chips" and "chip" share a stem
        Assert.Equal(new[] { 1, 2 }, await Find("chip*"));           // a prefix reaches "chipmakers"
        Assert.Equal(new[] { 2 }, await Find("\"open source\""));    // a phrase: the words in order
        Assert.Equal(new[] { 3 }, await Find("open -chip*"));        // exclusion
        Assert.Equal(new[] { 1, 3 }, await Find("win OR centres"));
        Assert.Equal(new[] { 2, 3 }, await Find("Source"));
        // A quote inside a word is no syntax (no error). Where the stores differ: PostgreSQL's english configuration
        // drops stop words ("it", "s"), so this finds nothing there, where SQLite's FTS5 (porter, no stop words) finds 3.
        Assert.Empty(await Find("it's"));
    }

    [PostgresFact]
    public async Task Highlight_Match_MarksTheWordsInTitleAndExcerpt()
    {
        var (services, factory) = await StartAsync();
        await using var _ = services;
        await AddArticleAsync(factory, "https://example.com/1", "Chip makers race ahead", "New chips for data centres");
        var search = services.GetRequiredService<IFullTextSearch>();

        var marks = await search.HighlightAsync(SearchQuery.Parse("chip").Query!, [1]);

        var title = "Chip makers race ahead";
        Assert.Equal("Chip", title.Substring(marks[1].TitleMarks[0].Start, marks[1].TitleMarks[0].Length));
        Assert.Contains("chips", marks[1].Excerpt!.Marks.Select(m => marks[1].Excerpt!.Text.Substring(m.Start, m.Length)));
    }

    [PostgresFact]
    public async Task ChangeFeed_CommitByAnotherInstance_MakesThisInstancesSnapshotStale()
    {
        var (a, factoryA) = await StartAsync();
        await using var _ = a;
        var (b, _) = await StartAsync(factoryA.CreateDbContext().Database.GetConnectionString());
        await using var __ = b;
        var cacheB = b.GetRequiredService<ArticleFactsCache>();
        Assert.Equal(0, (await cacheB.GetFreshAsync()).Count);
        await Wait.UntilAsync(() => b.GetRequiredService<IChangeFeed>().CurrentVersion() is not null, "instance B listening");

        await AddArticleAsync(factoryA, "https://example.com/new", "Imported on instance A");

        // B was never told: only PostgreSQL's NOTIFY, through B's change feed, can make its snapshot stale.
        await Wait.UntilAsync(() => cacheB.GetAsync().Result.Count == 1, "instance B showing instance A's article");
    }
}
