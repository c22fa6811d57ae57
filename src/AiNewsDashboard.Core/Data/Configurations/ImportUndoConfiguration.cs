using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiNewsDashboard.Core.Data.Configurations;

internal sealed class ImportRunArticleConfiguration : IEntityTypeConfiguration<ImportRunArticle>
{
    public void Configure(EntityTypeBuilder<ImportRunArticle> b)
    {
        b.HasKey(a => new { a.RunId, a.ArticleId });
        // "Did a later run update this article?" (ImportUndo), one lookup per article of the run.
        b.HasIndex(a => new { a.ArticleId, a.RunId });
        b.HasOne<ImportRun>().WithMany().HasForeignKey(a => a.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UndoneImportConfiguration : IEntityTypeConfiguration<UndoneImport>
{
    public void Configure(EntityTypeBuilder<UndoneImport> b)
    {
        b.HasKey(u => u.RunId); // a run is undone at most once: a second undo fails here even if two race
        b.HasIndex(u => u.UndoRunId).IsUnique();
        b.HasOne<ImportRun>().WithMany().HasForeignKey(u => u.RunId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ImportRun>().WithMany().HasForeignKey(u => u.UndoRunId).OnDelete(DeleteBehavior.Cascade);
    }
}
