using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Import;
using Npgsql;

namespace AiNewsDashboard.Store.Postgres;

/// <summary>
/// The SQL behind the undo on PostgreSQL (the rules are <see cref="ImportUndoPlanner"/>'s, for both stores): what a run
/// listed, what a removal keeps (the writer's own <see cref="PostgresArticleWriter.LinkedFromOutsideSql"/>), and the
/// undo's history rows. Commands run in whatever transaction the connection has open (the writer's, for the undo).
/// </summary>
internal sealed class PostgresImportUndo(NpgsqlConnection connection) : IUndoReads
{
    public ImportRun? ReadRun(int runId)
    {
        using var cmd = Command(
            $"SELECT {string.Join(", ", ImportUndoPlanner.RunColumns.Select(c => $"\"{c}\""))} FROM \"ImportRuns\" WHERE \"Id\" = @run", runId);
        using var r = cmd.ExecuteReader();
        return r.Read() ? ImportUndoPlanner.RunOf(r) : null;
    }

    public (int UndoRunId, DateTime StartedAt, string? StartedBy)? UndoneBy(int runId)
    {
        using var cmd = Command("""
            SELECT u."UndoRunId", r."StartedAt", r."StartedBy" FROM "UndoneImports" u JOIN "ImportRuns" r ON r."Id" = u."UndoRunId" WHERE u."RunId" = @run
            """, runId);
        using var r = cmd.ExecuteReader();
        return r.Read() ? (r.GetInt32(0), r.GetDateTime(1), r.IsDBNull(2) ? null : r.GetString(2)) : null;
    }

    public IEnumerable<ListedArticle> Listed(int runId)
    {
        using var cmd = Command("""
            SELECT c."ArticleId", c."Change", a."IsReference", a."Title", a."Url",
                   (SELECT max(l."RunId") FROM "ImportRunArticles" l WHERE l."ArticleId" = c."ArticleId" AND l."RunId" > c."RunId" AND l."Change" IN (2, 3))
            FROM "ImportRunArticles" c LEFT JOIN "Articles" a ON a."Id" = c."ArticleId"
            WHERE c."RunId" = @run ORDER BY c."ArticleId"
            """, runId);
        using var r = cmd.ExecuteReader();
        var rows = new List<ListedArticle>();
        while (r.Read())
            rows.Add(new ListedArticle(r.GetInt32(0), (ImportChange)r.GetInt32(1), !r.IsDBNull(2) && r.GetBoolean(2),
                r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetInt32(5)));
        return rows;
    }

    public HashSet<int> StageRemoval(IEnumerable<int> ids)
    {
        PostgresArticleWriter.StageRemoval(connection, ids);
        using var cmd = new NpgsqlCommand(PostgresArticleWriter.LinkedFromOutsideSql, connection);
        using var r = cmd.ExecuteReader();
        var kept = new HashSet<int>();
        while (r.Read())
            kept.Add(r.GetInt32(0));
        return kept;
    }

    public int ReferencesRemoved()
    {
        const string removal = PostgresArticleWriter.RemovalTable;
        using var cmd = new NpgsqlCommand($"""
            SELECT COUNT(*) FROM "Articles" a WHERE a."IsReference"
              AND a."Id" IN (SELECT l."TargetArticleId" FROM "RelatedLinks" l WHERE l."ArticleId" IN (SELECT "Id" FROM {removal})
                             UNION SELECT "Id" FROM {removal})
              AND NOT EXISTS (SELECT 1 FROM "RelatedLinks" l WHERE l."TargetArticleId" = a."Id"
                              AND l."ArticleId" NOT IN (SELECT "Id" FROM {removal}))
            """, connection);
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Records the undo of <paramref name="plan"/>'s run: its own row in the history, and which run it undid.</summary>
    public static int Record(NpgsqlConnection connection, UndoPlan plan, string? undoneBy, DateTime startedUtc, DateTime finishedUtc)
    {
        using var cmd = new NpgsqlCommand("""
            WITH undo AS (
              INSERT INTO "ImportRuns" ("StartedAt", "FinishedAt", "StartedBy", "Kind", "Source", "Files", "Imported", "Updated", "Unchanged",
                                        "Rejected", "Warnings", "Problems", "Cancelled")
              VALUES (@started, @finished, @by, 'undo', @source, 0, 0, 0, 0, 0, 0, 0, false) RETURNING "Id")
            INSERT INTO "UndoneImports" ("RunId", "UndoRunId", "ArticlesRemoved", "ReferencesRemoved", "KeptAsReferences", "KeptUpdatedLater",
                                         "UpdatedNotReverted")
            SELECT @run, "Id", @articles, @references, @kept, @later, @updated FROM undo RETURNING "UndoRunId"
            """, connection);
        cmd.Parameters.AddWithValue("started", NpgsqlTypes.NpgsqlDbType.Timestamp, DateTime.SpecifyKind(startedUtc, DateTimeKind.Unspecified));
        cmd.Parameters.AddWithValue("finished", NpgsqlTypes.NpgsqlDbType.Timestamp, DateTime.SpecifyKind(finishedUtc, DateTimeKind.Unspecified));
        cmd.Parameters.AddWithValue("by", NpgsqlTypes.NpgsqlDbType.Text, (object?)undoneBy ?? DBNull.Value);
        cmd.Parameters.AddWithValue("source", ImportUndoPlanner.UndoSource(plan));
        cmd.Parameters.AddWithValue("run", plan.RunId);
        cmd.Parameters.AddWithValue("articles", plan.ArticlesToRemove);
        cmd.Parameters.AddWithValue("references", plan.ReferencesToRemove);
        cmd.Parameters.AddWithValue("kept", plan.KeptAsReferences);
        cmd.Parameters.AddWithValue("later", plan.KeptUpdatedLater);
        cmd.Parameters.AddWithValue("updated", plan.UpdatedNotReverted);
        return (int)cmd.ExecuteScalar()!;
    }

    private NpgsqlCommand Command(string sql, int runId)
    {
        var cmd = new NpgsqlCommand(sql, connection);
        cmd.Parameters.AddWithValue("run", runId);
        return cmd;
    }
}
