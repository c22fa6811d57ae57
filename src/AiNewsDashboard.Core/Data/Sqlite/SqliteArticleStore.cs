using AiNewsDashboard.Core.Import;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Data.Sqlite;

/// <summary>SQLite's writer side: <see cref="SqliteArticleWriter"/> and the undo's reads (<see cref="SqliteImportUndo"/>).</summary>
public sealed class SqliteArticleStore : IArticleStore
{
    public IArticleWriter OpenWriter(NewsDbContext db, int? runId = null) => new SqliteArticleWriter(Connection(db), runId: runId);

    public string? DiskFolder(NewsDbContext db)
    {
        var file = db.Database.GetDbConnection().DataSource;
        return string.IsNullOrEmpty(file) || file == ":memory:" ? null : Path.GetDirectoryName(Path.GetFullPath(file));
    }

    public UndoPlan PreviewUndo(NewsDbContext db, int runId, int maxListed)
    {
        var connection = Connection(db);
        // One read transaction: every count and list comes from the same moment, even while an import commits.
        using var read = connection.BeginTransaction(deferred: true);
        var plan = SqliteImportUndo.Plan(connection, runId, maxListed);
        read.Rollback(); // the staged ids too
        return plan;
    }

    public UndoPlan PlanUndo(NewsDbContext db, int runId, int maxListed, out IReadOnlyList<int> toRemove) =>
        SqliteImportUndo.Plan(Connection(db), runId, maxListed, out toRemove);

    public int RecordUndo(NewsDbContext db, UndoPlan plan, string? undoneBy, DateTime startedUtc, DateTime finishedUtc) =>
        SqliteImportUndo.Record(Connection(db), plan, undoneBy, startedUtc, finishedUtc);

    private static SqliteConnection Connection(NewsDbContext db) => (SqliteConnection)db.Database.GetDbConnection();
}
