using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Core.Merges;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Queries.Graph;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiNewsDashboard.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>The store and the queries over it. One DbContext per operation, through the factory.</summary>
    public static IServiceCollection AddNewsData(this IServiceCollection services, string connectionString) =>
        services.AddNewsData(_ => connectionString);

    /// <summary>
    /// Resolves the connection string when the factory is first built, so late configuration still counts. The store is
    /// SQLite unless the host registered an <see cref="INewsStore"/> first (the web host picks one from the settings).
    /// </summary>
    public static IServiceCollection AddNewsData(this IServiceCollection services, Func<IServiceProvider, string> connectionString)
    {
        services.TryAddSingleton<INewsStore>(sp => new SqliteNewsStore(connectionString(sp)));
        services.AddDbContextFactory<NewsDbContext>((sp, o) => sp.GetRequiredService<INewsStore>().Configure(o));
        services.AddSingleton<SqliteFullTextSearch>();
        services.TryAddSingleton<IFullTextSearch>(sp => sp.GetRequiredService<SqliteFullTextSearch>());
        services.TryAddSingleton<IArticleFactsSource, SqliteArticleFactsSource>();
        services.TryAddSingleton<IChangeFeed, SqliteChangeFeed>();
        services.TryAddSingleton<IArticleStore, SqliteArticleStore>();
        // The in-memory snapshot every aggregate is answered from; one per app, reloaded when the data changes: this
        // process's writers publish their commits, the store's change feed tells of everyone else's.
        services.AddSingleton<StoreCommits>();
        // The snapshot's file between runs: the web host names it; without a path (the command line, tests) there is none.
        services.TryAddSingleton(new SnapshotFileSettings());
        services.AddSingleton<ArticleFactsFileStore>();
        services.AddSingleton<ArticleFactsCache>();
        services.AddSingleton<ArticleMatcher>();
        services.AddSingleton<OverviewQueries>();
        services.AddSingleton<TimelineQueries>();
        services.AddSingleton<TopicQueries>();
        services.AddSingleton<CompareQueries>();
        services.AddSingleton<ProviderQualityQueries>();
        services.AddSingleton<ArticleQueries>();
        services.AddSingleton<DataExtentQueries>();
        services.AddSingleton<Signals.AttentionQueries>();
        services.AddSingleton<Signals.BlindspotQueries>();
        // The related-link graph: built from the snapshot on first use (the graph page and API), then kept current.
        services.AddSingleton<ArticleGraphCache>();
        services.AddSingleton<GraphQueries>();
        // Merge rules: applied by the snapshot; the list is read once, for the suggestions.
        services.AddSingleton(_ => PublicSuffixList.Load());
        services.AddSingleton<MergeRules>();
        services.AddSingleton<StoryQueries>();
        // Signals (drift, breaking stories): the host binds the Signals section over these defaults.
        services.TryAddSingleton(new Signals.SignalSettings());
        services.AddSingleton<Signals.SignalQueries>();
        // Copy detection (syndication): the host binds the Syndication section over these defaults; its worker runs the passes.
        services.TryAddSingleton(new Syndication.SyndicationSettings());
        services.TryAddSingleton(_ => new Diagnostics.UserActivity());
        services.AddSingleton<Syndication.SyndicationService>();
        services.AddSingleton<Syndication.SyndicationQueries>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<Collections.ProviderCollectionService>();
        services.AddSingleton<FilterReader>();
        services.AddSingleton<Views.SavedViewService>();
        services.AddSingleton<Annotations.AnnotationService>();
        services.TryAddSingleton(Signals.AttentionSettings.Default);
        services.AddSingleton<Alerts.AlertService>();
        // Webhooks: the host names the networks they may reach over these defaults (none).
        services.TryAddSingleton(Alerts.WebhookTargets.None);
        services.AddSingleton<Alerts.WebhookService>();
        return services;
    }

    public static IServiceCollection AddArticleImport(this IServiceCollection services)
    {
        services.AddSingleton<ArticleImporter>();
        services.AddSingleton<ImportHistory>();
        services.AddSingleton<ImportUndo>();
        return services;
    }
}
