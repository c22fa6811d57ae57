using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Import;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AiNewsDashboard.Store.Postgres;

/// <summary>PostgreSQL's writer side: <see cref="PostgresArticleWriter"/> and the undo's reads (<see cref="PostgresImportUndo"/>).</summary>
public sealed class PostgresArticleStore : IArticleStore
{
    public IArticleWriter OpenWriter(NewsDbContext db, int? runId = null) => new PostgresArticleWriter(Connection(db), runId);

    /// <summary>The server's disk is not this machine's: no free-space check before an import.</summary>
    public string? DiskFolder(NewsDbContext db) => null;

    public UndoPlan PreviewUndo(NewsDbContext db, int runId, int maxListed)
    {
        var connection = Connection(db);
        // One snapshot for every count and list, even while an import commits; rolled back, with the staged ids.
        using var read = connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
        var plan = ImportUndoPlanner.Plan(new PostgresImportUndo(connection), runId, maxListed, out _);
        read.Rollback();
        return plan;
    }

    public UndoPlan PlanUndo(NewsDbContext db, int runId, int maxListed, out IReadOnlyList<int> toRemove) =>
        ImportUndoPlanner.Plan(new PostgresImportUndo(Connection(db)), runId, maxListed, out toRemove);

    public int RecordUndo(NewsDbContext db, UndoPlan plan, string? undoneBy, DateTime startedUtc, DateTime finishedUtc) =>
        PostgresImportUndo.Record(Connection(db), plan, undoneBy, startedUtc, finishedUtc);

    private static NpgsqlConnection Connection(NewsDbContext db) => (NpgsqlConnection)db.Database.GetDbConnection();
}
