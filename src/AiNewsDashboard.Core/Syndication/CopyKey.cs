using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiNewsDashboard.Core.Syndication;

/// <summary>
/// One entry of copy detection's LSH index, kept in the store: an article filed under one of its keys (a MinHash band,
/// its normalised title, an image; see <see cref="CopyDetector"/>). A key holds a capped number of articles, the
/// earliest checked. <see cref="Day"/> is the article's publication day (<c>DateOnly.DayNumber + 1</c>, 0 when undated),
/// so candidates published too far apart are dropped before their texts are read. No foreign key: a removed article's
/// rows may stay, and a candidate that is no longer an article is simply not found when its text is read.
/// </summary>
public sealed class CopyKey
{
    public int Key { get; set; }
    public int ArticleId { get; set; }
    public int Day { get; set; }
}

public sealed class CopyKeyConfiguration : IEntityTypeConfiguration<CopyKey>
{
    public void Configure(EntityTypeBuilder<CopyKey> b)
    {
        b.ToTable("CopyKeys");
        // Looked up by key; the article id in the key makes an entry unique, so inserting one twice does nothing.
        b.HasKey(k => new { k.Key, k.ArticleId });
        b.Property(k => k.Key).ValueGeneratedNever();
        b.Property(k => k.ArticleId).ValueGeneratedNever();
    }
}
