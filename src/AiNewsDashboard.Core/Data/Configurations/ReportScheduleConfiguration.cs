using AiNewsDashboard.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AiNewsDashboard.Core.Data.Configurations;

public sealed class ReportScheduleConfiguration : IEntityTypeConfiguration<ReportSchedule>
{
    public void Configure(EntityTypeBuilder<ReportSchedule> b)
    {
        b.ToTable("ReportSchedules");
        b.Property(s => s.Frequency).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(s => s.SavedViewId);
        b.HasMany(s => s.Runs).WithOne(r => r.Schedule).HasForeignKey(r => r.ScheduleId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ReportRunConfiguration : IEntityTypeConfiguration<ReportRun>
{
    public void Configure(EntityTypeBuilder<ReportRun> b)
    {
        b.ToTable("ReportRuns");
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        // One run per schedule and period, whichever server gets there first.
        b.HasIndex(r => new { r.ScheduleId, r.PeriodFrom }).IsUnique();
    }
}
