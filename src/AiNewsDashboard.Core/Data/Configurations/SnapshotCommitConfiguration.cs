using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiNewsDashboard.Core.Data.Configurations;

internal sealed class SnapshotCommitConfiguration : IEntityTypeConfiguration<SnapshotCommit>
{
    public void Configure(EntityTypeBuilder<SnapshotCommit> b)
    {
        b.ToTable("SnapshotCommits");
        // The store's version, written by the writer: never generated. Reads and the prune go by its range.
        b.HasKey(c => c.VersionAfter);
        b.Property(c => c.VersionAfter).ValueGeneratedNever();
    }
}
