using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiNewsDashboard.Core.Data.Configurations;

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> b)
    {
        // No index on Url: it is unique through ArticleUrls, whose primary key holds every URL an article is known by,
        // its Url included (the importer registers it there with the row). A second unique index on the same long,
        // randomly ordered text cost the import a third of its Articles insert time, and no query reads by it.
        // Covers every column the query snapshot reads (Queries/ArticleFacts): scanning this index instead of the
        // table, whose rows carry URLs, excerpts and JSON, is what lets a million articles load in about a second.
        // Led by PublishedAt, it serves date ranges and ordering as the plain PublishedAt index it replaced did.
        b.HasIndex(a => new { a.PublishedAt, a.IsReference, a.ProviderId, a.Category, a.Quality, a.Heat, a.Published })
            .HasDatabaseName("IX_Articles_Facts");
        b.HasIndex(a => new { a.ProviderId, a.PublishedAt });
        b.HasIndex(a => a.IsDemo);
        // The article list sorted by title walks this in order (Queries/TitleOrder), a page at a time, instead of holding
        // every title in memory. PostgreSQL's column and index compare in "C" order (set in its migration), as SQLite does.
        b.HasIndex(a => new { a.TitleKey, a.Id });
        // Copy detection (Syndication/SyndicationService) reads what changed since its last pass by this, not by a scan.
        b.HasIndex(a => a.UpdatedAt);
        b.HasOne(a => a.Provider).WithMany().HasForeignKey(a => a.ProviderId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Topics).WithOne().HasForeignKey(t => t.ArticleId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Images).WithOne().HasForeignKey(i => i.ArticleId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Related).WithOne().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Urls).WithOne(u => u.Article).HasForeignKey(u => u.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ArticleUrlConfiguration : IEntityTypeConfiguration<ArticleUrl>
{
    public void Configure(EntityTypeBuilder<ArticleUrl> b)
    {
        b.HasKey(u => u.Url);
        b.HasIndex(u => u.ArticleId);
    }
}

internal sealed class ProviderConfiguration : IEntityTypeConfiguration<Provider>
{
    public void Configure(EntityTypeBuilder<Provider> b) => b.HasIndex(p => p.Domain).IsUnique();
}

internal sealed class TopicConfiguration : IEntityTypeConfiguration<Topic>
{
    public void Configure(EntityTypeBuilder<Topic> b) => b.HasIndex(t => t.Key).IsUnique();
}

internal sealed class ArticleTopicConfiguration : IEntityTypeConfiguration<ArticleTopic>
{
    public void Configure(EntityTypeBuilder<ArticleTopic> b)
    {
        b.HasKey(t => new { t.ArticleId, t.TopicId });
        b.HasIndex(t => new { t.TopicId, t.ArticleId });
        b.HasOne(t => t.Topic).WithMany().HasForeignKey(t => t.TopicId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ArticleImageConfiguration : IEntityTypeConfiguration<ArticleImage>
{
    public void Configure(EntityTypeBuilder<ArticleImage> b) => b.HasIndex(i => new { i.ArticleId, i.Position });
}

internal sealed class RelatedLinkConfiguration : IEntityTypeConfiguration<RelatedLink>
{
    public void Configure(EntityTypeBuilder<RelatedLink> b)
    {
        b.HasIndex(r => new { r.ArticleId, r.Position });
        // Who links to an article (reference clean-up) and, covering both ends, the graph's read of every link: an index
        // scan of a few tens of MB instead of the wide rows (3 s → 0.3 s at 1.7 million links), at no extra write cost.
        b.HasIndex(r => new { r.TargetArticleId, r.ArticleId });
        // A link never keeps an article alive or blocks its removal: the importer removes orphaned references itself.
        b.HasOne(r => r.Target).WithMany().HasForeignKey(r => r.TargetArticleId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class AppMetaConfiguration : IEntityTypeConfiguration<AppMeta>
{
    public void Configure(EntityTypeBuilder<AppMeta> b) => b.HasKey(m => m.Key);
}

internal sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> b) => b.HasIndex(r => r.StartedAt);
}

internal sealed class MergeRuleConfiguration : IEntityTypeConfiguration<MergeRule>
{
    public void Configure(EntityTypeBuilder<MergeRule> b)
    {
        // Stored as text, so the table reads plainly in any SQLite shell.
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        // One canonical per alias: a second rule for the same alias is refused before it gets here.
        b.HasIndex(r => new { r.Kind, r.Alias }).IsUnique();
    }
}
