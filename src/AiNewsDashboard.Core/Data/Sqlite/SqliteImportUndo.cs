using System.Globalization;
using AiNewsDashboard.Core.Import;
using Microsoft.Data.Sqlite;

namespace AiNewsDashboard.Core.Data.Sqlite;

/// <summary>
/// The SQL behind <see cref="ImportUndo"/>: what undoing a run would remove and keep, read on one connection (in the
/// writer's transaction for the undo itself, so the plan is exactly what is removed), and the undo's history rows.
/// What a removal keeps as references is the writer's own rule (<see cref="SqliteArticleWriter.LinkedFromOutsideSql"/>).
/// </summary>
internal static class SqliteImportUndo
{
    public static UndoPlan Plan(SqliteConnection connection, int runId, int maxListed) => Plan(connection, runId, maxListed, out _);

    /// <param name="toRemove">The ids to hand to <see cref="SqliteArticleWriter.RemoveArticles"/>: empty when refused.</param>
    public static UndoPlan Plan(SqliteConnection connection, int runId, int maxListed, out IReadOnlyList<int> toRemove)
    {
        toRemove = [];
        var run = ReadRun(connection, runId);
        if (run is null)
            return UndoPlan.Refused(runId, null, UndoRefusal.NotFound, $"there is no import #{runId} in the history.");
        if (run.Kind == "undo")
            return UndoPlan.Refused(runId, run, UndoRefusal.IsAnUndo,
                $"#{runId} is itself an undo ({run.Source}); an undo can't be undone: import those files again.");
        using (var undone = Command(connection, """
            SELECT u.UndoRunId, r.StartedAt, r.StartedBy FROM UndoneImports u JOIN ImportRuns r ON r.Id = u.UndoRunId WHERE u.RunId = $run
            """, runId))
        using (var reader = undone.ExecuteReader())
            if (reader.Read())
                return UndoPlan.Refused(runId, run, UndoRefusal.AlreadyUndone,
                    $"import #{runId} was already undone, by #{reader.GetInt32(0)} on {Utc(reader.GetDateTime(1))}" +
                    $"{(reader.IsDBNull(2) ? "" : $" ({reader.GetString(2)})")}; there is nothing left to undo.");
        if (run.FinishedAt is null)
            return UndoPlan.Refused(runId, run, UndoRefusal.NotFinished,
                $"import #{runId} has no end recorded: it is still running, or the app or command stopped while it ran. " +
                "Wait for it to finish; one cut short can't be undone (import the same files again to finish it).");

        var removable = new List<UndoArticle>();
        var updatedLater = new List<UndoArticle>();
        var updated = new List<UndoArticle>();
        var listedAny = false;
        // Every article the run listed that is still stored, with the latest later run that updated it (or made a
        // reference of the run an article), if any.
        using (var listed = Command(connection, """
            SELECT c.ArticleId, c.Change, a.IsReference, a.Title, a.Url,
                   (SELECT max(l.RunId) FROM ImportRunArticles l WHERE l.ArticleId = c.ArticleId AND l.RunId > c.RunId AND l.Change IN (2, 3))
            FROM ImportRunArticles c LEFT JOIN Articles a ON a.Id = c.ArticleId
            WHERE c.RunId = $run ORDER BY c.ArticleId
            """, runId))
        using (var reader = listed.ExecuteReader())
        {
            while (reader.Read())
            {
                listedAny = true;
                if (reader.IsDBNull(4))
                    continue; // gone since (a later removal)
                var article = new UndoArticle(reader.GetInt32(0), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4),
                    reader.GetInt64(2) != 0, reader.IsDBNull(5) ? null : reader.GetInt32(5));
                if ((ImportChange)reader.GetInt32(1) == ImportChange.Updated)
                    updated.Add(article);
                else if (article.LaterRunId is not null)
                    updatedLater.Add(article);
                else
                    removable.Add(article);
            }
        }
        if (!listedAny)
            return run.Imported + run.Updated > 0
                ? UndoPlan.Refused(runId, run, UndoRefusal.NotRecorded,
                    $"import #{runId} ran before imports listed the articles they add, so what it added is not known; it can't be undone.")
                : UndoPlan.Refused(runId, run, UndoRefusal.NothingToRemove,
                    $"import #{runId} added and updated no articles (its files were unchanged or rejected): there is nothing to undo.");

        SqliteArticleWriter.StageRemoval(connection, removable.Select(a => a.Id));
        var kept = new HashSet<int>();
        using (var linked = connection.CreateCommand())
        {
            linked.CommandText = SqliteArticleWriter.LinkedFromOutsideSql;
            using var reader = linked.ExecuteReader();
            while (reader.Read())
                kept.Add(reader.GetInt32(0));
        }
        // References that go: those no article outside the removal links to (a kept one loses its related list too).
        var referencesRemoved = Count(connection, $"""
            SELECT COUNT(*) FROM Articles a WHERE a.IsReference = 1
              AND a.Id IN (SELECT l.TargetArticleId FROM RelatedLinks l WHERE l.ArticleId IN (SELECT Id FROM {SqliteArticleWriter.RemovalTable})
                           UNION SELECT Id FROM {SqliteArticleWriter.RemovalTable})
              AND NOT EXISTS (SELECT 1 FROM RelatedLinks l WHERE l.TargetArticleId = a.Id
                              AND l.ArticleId NOT IN (SELECT Id FROM {SqliteArticleWriter.RemovalTable}))
            """);
        var removedArticles = removable.Where(a => !a.IsReference && !kept.Contains(a.Id)).ToList();
        var keptReferences = removable.Where(a => kept.Contains(a.Id)).ToList();

        // Something changes only if a row goes or an article becomes a reference; keeping references as they are is no undo.
        var changes = removedArticles.Count + referencesRemoved + keptReferences.Count(a => !a.IsReference);
        var refusal = changes == 0 ? UndoRefusal.NothingToRemove : UndoRefusal.None;
        var problem = refusal == UndoRefusal.None ? null
            : updatedLater.Count > 0
                ? $"nothing import #{runId} added can be removed: later imports updated the articles it added ({updatedLater.Count:N0}), so they stay" +
                  (keptReferences.Count > 0 ? $", and other articles link to the rest ({keptReferences.Count:N0})." : ".")
            : keptReferences.Count > 0
                ? $"nothing import #{runId} added can be removed: other articles link to all of it ({keptReferences.Count:N0}), so it stays."
            : removable.Count == 0 && updated.Count > 0
                ? $"import #{runId} added no articles; it updated {updated.Count:N0}, and updates are not reverted: there is nothing to undo."
                : $"nothing import #{runId} added is still stored: there is nothing to undo.";
        toRemove = refusal == UndoRefusal.None ? removable.Select(a => a.Id).ToList() : [];
        return new UndoPlan(runId, run, refusal, problem, removedArticles.Count, referencesRemoved, keptReferences.Count, updatedLater.Count,
            updated.Count, removedArticles.Take(maxListed).ToList(), keptReferences.Take(maxListed).ToList(),
            updatedLater.Take(maxListed).ToList(), updated.Take(maxListed).ToList());
    }

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
        insert.Parameters.AddWithValue("$source", $"import #{plan.RunId}: {plan.Run!.Source}");
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
        using var cmd = Command(connection, """
            SELECT Id, Kind, Source, StartedBy, StartedAt, FinishedAt, Files, Imported, Updated, Unchanged, Rejected, Cancelled, Error
            FROM ImportRuns WHERE Id = $run
            """, runId);
        using var r = cmd.ExecuteReader();
        if (!r.Read())
            return null;
        return new ImportRun
        {
            Id = r.GetInt32(0), Kind = r.GetString(1), Source = r.GetString(2), StartedBy = r.IsDBNull(3) ? null : r.GetString(3),
            StartedAt = DateTime.SpecifyKind(r.GetDateTime(4), DateTimeKind.Utc),
            FinishedAt = r.IsDBNull(5) ? null : DateTime.SpecifyKind(r.GetDateTime(5), DateTimeKind.Utc),
            Files = r.GetInt32(6), Imported = r.GetInt32(7), Updated = r.GetInt32(8), Unchanged = r.GetInt32(9), Rejected = r.GetInt32(10),
            Cancelled = r.GetInt64(11) != 0, Error = r.IsDBNull(12) ? null : r.GetString(12),
        };
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

    private static string Utc(DateTime t) => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
}
