using AiNewsDashboard.Core.Annotations;
using AiNewsDashboard.Core.Collections;
using AiNewsDashboard.Core.Views;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiNewsDashboard.Core.Data.Configurations;

internal sealed class ProviderCollectionConfiguration : IEntityTypeConfiguration<ProviderCollection>
{
    public void Configure(EntityTypeBuilder<ProviderCollection> b)
    {
        b.Property(c => c.Name).HasMaxLength(ProviderCollectionService.MaxNameLength).UseCollation("NOCASE");
        b.HasIndex(c => c.Name).IsUnique(); // names are what URLs carry: one per name, any case
        b.Property(c => c.Description).HasMaxLength(ProviderCollectionService.MaxDescriptionLength);
    }
}

internal sealed class SavedViewConfiguration : IEntityTypeConfiguration<SavedView>
{
    public void Configure(EntityTypeBuilder<SavedView> b)
    {
        b.Property(v => v.Name).HasMaxLength(SavedViewService.MaxNameLength);
        b.HasIndex(v => v.OwnerId);
        b.Ignore(v => v.Url);
    }
}

internal sealed class AnnotationConfiguration : IEntityTypeConfiguration<Annotation>
{
    public void Configure(EntityTypeBuilder<Annotation> b)
    {
        b.Property(a => a.Label).HasMaxLength(Annotation.MaxLabelLength);
        b.Property(a => a.Url).HasMaxLength(Annotation.MaxUrlLength);
        b.HasIndex(a => a.From);
        // A view's annotations go with it.
        b.HasOne<SavedView>().WithMany().HasForeignKey(a => a.SavedViewId).OnDelete(DeleteBehavior.Cascade);
    }
}
