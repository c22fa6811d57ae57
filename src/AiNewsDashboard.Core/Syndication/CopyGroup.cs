using AiNewsDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiNewsDashboard.Core.Syndication;

/// <summary>A group of articles that are copies of one text (a wire story, a press release, one article under several URLs).</summary>
public sealed class CopyGroup
{
    public int Id { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// An article's place in a copy group, and why it is there: the member it was matched with, the reasons that held and
/// the similarity of their texts. An article is in one group at most. Who published first is not stored: it follows
/// from the members' dates, so it stays right when a member is removed.
/// </summary>
/// <remarks>
/// The member's date of publication is kept with it (an article written again is checked again, and its row written
/// anew), so the groups are read from this table alone. Read with each member's article, PostgreSQL looked up every
/// member in the articles' table: 25–35 s for 533,202 members at 10,000,000 articles, past a command's 30 s, more as
/// detection went on, and again after every pass that checked an article.
/// </remarks>
public sealed class CopyGroupMember
{
    public int ArticleId { get; set; }
    public int GroupId { get; set; }
    public CopyGroup? Group { get; set; }
    /// <summary>The member this one was found to copy (or be copied by); no foreign key, so it may name an article since removed.</summary>
    public int? MatchedArticleId { get; set; }
    public CopyReasons Reasons { get; set; }
    public double Similarity { get; set; }
    public DateTime? PublishedAt { get; set; }
}

public sealed class CopyGroupConfiguration : IEntityTypeConfiguration<CopyGroup>
{
    public void Configure(EntityTypeBuilder<CopyGroup> b) => b.ToTable("CopyGroups");
}

public sealed class CopyGroupMemberConfiguration : IEntityTypeConfiguration<CopyGroupMember>
{
    public void Configure(EntityTypeBuilder<CopyGroupMember> b)
    {
        b.ToTable("CopyGroupMembers");
        b.HasKey(m => m.ArticleId);
        b.HasIndex(m => m.GroupId);
        b.Property(m => m.Reasons).HasConversion<int>();
        // A removed article leaves its group; a group goes with its last row.
        b.HasOne<Article>().WithOne().HasForeignKey<CopyGroupMember>(m => m.ArticleId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.Group).WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}
