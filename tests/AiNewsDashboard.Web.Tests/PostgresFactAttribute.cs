using AiNewsDashboard.TestSupport;

namespace AiNewsDashboard.Web.Tests;

/// <summary>
/// A test against a real PostgreSQL (<see cref="PostgresServer"/>). Without PostgreSQL installed it is skipped with the
/// reason printed; in CI (CI=true) it always runs, so a missing server fails instead of passing silently.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.SkipReason is { } reason)
            Skip = reason;
    }
}
