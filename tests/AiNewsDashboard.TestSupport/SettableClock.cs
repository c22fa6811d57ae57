namespace AiNewsDashboard.TestSupport;

/// <summary>A clock the test sets and moves: relative ranges, schedules, alerts and caches read it.</summary>
public sealed class SettableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}
