using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Import;

namespace AiNewsDashboard.Store.Postgres;

/// <summary>
/// The importer's side of PostgreSQL. Not written yet: every way of writing articles (import, undo, demo seeding and
/// removal) says so plainly instead of failing somewhere inside.
/// </summary>
public sealed class PostgresArticleStore : IArticleStore
{
    private const string NotYet =
        "importing into PostgreSQL is not available yet (the binary COPY writer is still to come); import into a SQLite file for now";

    public IArticleWriter OpenWriter(NewsDbContext db, int? runId = null) => throw new NotSupportedException(NotYet);
    public string? DiskFolder(NewsDbContext db) => null;
    public UndoPlan PreviewUndo(NewsDbContext db, int runId, int maxListed) => throw new NotSupportedException(NotYet);
    public UndoPlan PlanUndo(NewsDbContext db, int runId, int maxListed, out IReadOnlyList<int> toRemove) => throw new NotSupportedException(NotYet);
    public int RecordUndo(NewsDbContext db, UndoPlan plan, string? undoneBy, DateTime startedUtc, DateTime finishedUtc) =>
        throw new NotSupportedException(NotYet);
}
