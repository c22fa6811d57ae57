using System.Globalization;
using AiNewsDashboard.Core.Import;
using Microsoft.Data.Sqlite;

namespace AiNewsDashboard.Core.Data.Sqlite;

/// <summary>
/// The SQL behind <see cref="ImportUndo"/>: what undoing a run would remove and keep, read on one connection (in the
/// writer's transaction for the undo itself, so the plan is exactly what is removed), and the undo's history rows.
/// What a removal keeps as references is the writer's own rule (<see cref="SqliteArticleWriter.LinkedFromOutsideSql"/>).
/// </summary>
internal sealed class SqliteImportUndo(SqliteConnection connection) : IUndoReads
{
    public static UndoPlan Plan(SqliteConnection connection, int runId, int maxListed) => Plan(connection, runId, maxListed, out _);

    /// <param name="toRemove">The ids to hand to <see cref="SqliteArticleWriter.RemoveArticles"/>: empty when refused.</param>
    public static UndoPlan Plan(SqliteConnection connection, int runId, int maxListed, out IReadOnlyList<int> toRemove) =>
        ImportUndoPlanner.Plan(new SqliteImportUndo(connection), runId, maxListed, out toRemove);

    public (int UndoRunId, DateTime StartedAt, string? StartedBy)? UndoneBy(int runId)
    {
        using var undone = Command(connection, """
            SELECT u.UndoRunId, r.StartedAt, r.StartedBy FROM UndoneImports u JOIN ImportRuns r ON r.Id = u.UndoRunId WHERE u.RunId = $run
            """, runId);
        using var reader = undone.ExecuteReader();
        return reader.Read() ? (reader.GetInt32(0), reader.GetDateTime(1), reader.IsDBNull(2) ? null : reader.GetString(2)) : null;
    }

    public IEnumerable<ListedArticle> Listed(int runId)
    {
        // Every article the run listed, with the latest later run that updated it (or made a reference of the run an article), if any.
        using var listed = Command(connection, """
            SELECT c.ArticleId, c.Change, a.IsReference, a.Title, a.Url,
                   (SELECT max(l.RunId) FROM ImportRunArticles l WHERE l.ArticleId = c.ArticleId AND l.RunId > c.RunId AND l.Change IN (2, 3))
            FROM ImportRunArticles c LEFT JOIN Articles a ON a.Id = c.ArticleId
            WHERE c.RunId = $run ORDER BY c.ArticleId
            """, runId);
        using var reader = listed.ExecuteReader();
        var rows = new List<ListedArticle>();
        while (reader.Read())
            rows.Add(new ListedArticle(reader.GetInt32(0), (ImportChange)reader.GetInt32(1), !reader.IsDBNull(2) && reader.GetInt64(2) != 0,
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetInt32(5)));
        return rows;
    }

    public HashSet<int> StageRemoval(IEnumerable<int> ids)
    {
        SqliteArticleWriter.StageRemoval(connection, ids);
        var kept = new HashSet<int>();
        using var linked = connection.CreateCommand();
        linked.CommandText = SqliteArticleWriter.LinkedFromOutsideSql;
        using var reader = linked.ExecuteReader();
        while (reader.Read())
            kept.Add(reader.GetInt32(0));
        return kept;
    }

    public int ReferencesRemoved() => Count(connection, $"""
        SELECT COUNT(*) FROM Articles a WHERE a.IsReference = 1
          AND a.Id IN (SELECT l.TargetArticleId FROM RelatedLinks l WHERE l.ArticleId IN (SELECT Id FROM {SqliteArticleWriter.RemovalTable})
                       UNION SELECT Id FROM {SqliteArticleWriter.RemovalTable})
          AND NOT EXISTS (SELECT 1 FROM RelatedLinks l WHERE l.TargetArticleId = a.Id
                          AND l.ArticleId NOT IN (SELECT Id FROM {SqliteArticleWriter.RemovalTable}))
        """);

    public ImportRun? ReadRun(int runId) => ReadRun(connection, runId);

    /// <summary>Records the undo of <paramref name="plan"/>'s run: its own row in the history, and which run it undid.</summary>
    /// <returns>The undo's run id.</returns>
    public static int Record(SqliteConnection connection, UndoPlan plan, string? undoneBy, DateTime startedUtc, DateTime finishedUtc)
    {
        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO ImportRuns (StartedAt, FinishedAt, StartedBy, Kind, Source, Files, Imported, Updated, Unchanged, Rejected, Warnings, Problems, Cancelled)
            VALUES ($started, $finished, $by, 'undo', $source, 0, 0, 0, 0, 0, 0, 0, 0);
            SELECT last_insert_rowid();
            """;
        insert.Parameters.AddWithValue("$started", startedUtc);
        insert.Parameters.AddWithValue("$finished", finishedUtc);
        insert.Parameters.AddWithValue("$by", (object?)undoneBy ?? DBNull.Value);
        insert.Parameters.AddWithValue("$source", ImportUndoPlanner.UndoSource(plan));
        var undoRunId = Convert.ToInt32(insert.ExecuteScalar(), CultureInfo.InvariantCulture);

        using var undone = connection.CreateCommand();
        undone.CommandText = """
            INSERT INTO UndoneImports (RunId, UndoRunId, ArticlesRemoved, ReferencesRemoved, KeptAsReferences, KeptUpdatedLater, UpdatedNotReverted)
            VALUES ($run, $undo, $articles, $references, $kept, $later, $updated)
            """;
        undone.Parameters.AddWithValue("$run", plan.RunId);
        undone.Parameters.AddWithValue("$undo", undoRunId);
        undone.Parameters.AddWithValue("$articles", plan.ArticlesToRemove);
        undone.Parameters.AddWithValue("$references", plan.ReferencesToRemove);
        undone.Parameters.AddWithValue("$kept", plan.KeptAsReferences);
        undone.Parameters.AddWithValue("$later", plan.KeptUpdatedLater);
        undone.Parameters.AddWithValue("$updated", plan.UpdatedNotReverted);
        undone.ExecuteNonQuery();
        return undoRunId;
    }

    private static ImportRun? ReadRun(SqliteConnection connection, int runId)
    {
        using var cmd = Command(connection, $"SELECT {string.Join(", ", ImportUndoPlanner.RunColumns)} FROM ImportRuns WHERE Id = $run", runId);
        using var r = cmd.ExecuteReader();
        return r.Read() ? ImportUndoPlanner.RunOf(r) : null;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, int runId)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("$run", runId);
        return cmd;
    }

    private static int Count(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
