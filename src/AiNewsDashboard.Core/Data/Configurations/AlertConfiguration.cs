using AiNewsDashboard.Core.Alerts;
using AiNewsDashboard.Core.Views;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiNewsDashboard.Core.Data.Configurations;

public sealed class AlertRuleConfiguration : IEntityTypeConfiguration<AlertRule>
{
    public void Configure(EntityTypeBuilder<AlertRule> b)
    {
        b.ToTable("AlertRules");
        b.Property(r => r.Name).HasMaxLength(AlertRule.MaxNameLength);
        b.Property(r => r.Condition).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(r => r.OwnerId);
        // A rule watches a saved view: it goes with it.
        b.HasOne<SavedView>().WithMany().HasForeignKey(r => r.SavedViewId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> b)
    {
        b.ToTable("Alerts");
        b.HasIndex(a => new { a.RuleId, a.Key }).IsUnique();
        b.HasIndex(a => new { a.OwnerId, a.FiredUtc });
        b.HasOne<AlertRule>().WithMany().HasForeignKey(a => a.RuleId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AlertFeedConfiguration : IEntityTypeConfiguration<AlertFeed>
{
    public void Configure(EntityTypeBuilder<AlertFeed> b)
    {
        b.ToTable("AlertFeeds");
        b.HasKey(f => f.OwnerId);
        b.HasIndex(f => f.Token).IsUnique();
    }
}
