using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Data;

public sealed class NewsDbContext(DbContextOptions<NewsDbContext> options) : DbContext(options)
{
    /// <summary>
    /// How long one migration statement may run. A migration that fills a new column rewrites every article: on
    /// PostgreSQL a million articles took minutes on two busy cores, past the 30 s a command gets otherwise, and start-up
    /// failed; the statements run in one transaction, so a stopped migration leaves the database as it was.
    /// </summary>
    public static readonly TimeSpan MigrationTimeout = TimeSpan.FromHours(6);

    public DbSet<Article> Articles => Set<Article>();
    public DbSet<ArticleUrl> ArticleUrls => Set<ArticleUrl>();
    public DbSet<Provider> Providers => Set<Provider>();
    public DbSet<Topic> Topics => Set<Topic>();
    public DbSet<ArticleTopic> ArticleTopics => Set<ArticleTopic>();
    public DbSet<ArticleImage> ArticleImages => Set<ArticleImage>();
    public DbSet<RelatedLink> RelatedLinks => Set<RelatedLink>();
    public DbSet<AppMeta> Meta => Set<AppMeta>();
    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();
    public DbSet<MergeRule> MergeRules => Set<MergeRule>();
    public DbSet<ImportRunArticle> ImportRunArticles => Set<ImportRunArticle>();
    public DbSet<UndoneImport> UndoneImports => Set<UndoneImport>();
    public DbSet<Collections.ProviderCollection> ProviderCollections => Set<Collections.ProviderCollection>();
    public DbSet<Views.SavedView> SavedViews => Set<Views.SavedView>();
    public DbSet<Annotations.Annotation> Annotations => Set<Annotations.Annotation>();
    public DbSet<Reports.ReportSchedule> ReportSchedules => Set<Reports.ReportSchedule>();
    public DbSet<Reports.ReportRun> ReportRuns => Set<Reports.ReportRun>();
    public DbSet<Alerts.AlertRule> AlertRules => Set<Alerts.AlertRule>();
    public DbSet<Alerts.Alert> Alerts => Set<Alerts.Alert>();
    public DbSet<Alerts.AlertFeed> AlertFeeds => Set<Alerts.AlertFeed>();
    public DbSet<Alerts.Webhook> Webhooks => Set<Alerts.Webhook>();
    public DbSet<Alerts.WebhookDelivery> WebhookDeliveries => Set<Alerts.WebhookDelivery>();
    public DbSet<Syndication.CopyGroup> CopyGroups => Set<Syndication.CopyGroup>();
    public DbSet<Syndication.CopyGroupMember> CopyGroupMembers => Set<Syndication.CopyGroupMember>();
    public DbSet<Syndication.CopyKey> CopyKeys => Set<Syndication.CopyKey>();
    public DbSet<SnapshotCommit> SnapshotCommits => Set<SnapshotCommit>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(NewsDbContext).Assembly);
}
