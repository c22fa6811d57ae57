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

public sealed class WebhookConfiguration : IEntityTypeConfiguration<Webhook>
{
    public void Configure(EntityTypeBuilder<Webhook> b)
    {
        b.ToTable("Webhooks");
        b.Property(w => w.Name).HasMaxLength(Webhook.MaxNameLength);
        b.Property(w => w.Url).HasMaxLength(Webhook.MaxUrlLength);
    }
}

public sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> b)
    {
        b.ToTable("WebhookDeliveries");
        b.HasIndex(d => d.DeliveryId).IsUnique();
        // The sender's question: what is pending.
        b.HasIndex(d => new { d.State, d.Id });
        b.HasIndex(d => d.WebhookId);
        // Once per webhook and alert, whatever retries or restarts happen.
        b.HasIndex(d => new { d.AlertId, d.WebhookId }).IsUnique();
        b.Property(d => d.State).HasConversion<string>().HasMaxLength(16);
        b.Property(d => d.Event).HasMaxLength(16);
        b.HasOne<Webhook>().WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(d => d.Alert).WithMany().HasForeignKey(d => d.AlertId).OnDelete(DeleteBehavior.Cascade);
    }
}
