using Microsoft.Data.Sqlite;

namespace AiNewsDashboard.TestSupport;

/// <summary>Numbers read straight from a database file with plain SQL: an oracle independent of the app's own queries.</summary>
public static class DatabaseOracle
{
    /// <summary>Every stored article and reference: the graph's nodes when nothing is filtered.</summary>
    public const string Articles = "SELECT COUNT(*) FROM Articles";

    /// <summary>Distinct links between two different stored articles: the graph's edges when nothing is filtered.</summary>
    public const string DistinctLinks =
        "SELECT COUNT(*) FROM (SELECT DISTINCT ArticleId, TargetArticleId FROM RelatedLinks WHERE TargetArticleId IS NOT NULL AND TargetArticleId <> ArticleId)";

    /// <summary>
    /// Ids of the copies (syndication) the graph folds into their first publisher's node: group members with an
    /// earlier member (by date, undated last, then id).
    /// </summary>
    public const string FoldedCopies =
        "SELECT m.ArticleId FROM CopyGroupMembers m JOIN Articles a ON a.Id = m.ArticleId WHERE a.IsReference = 0 AND EXISTS (" +
        "SELECT 1 FROM CopyGroupMembers f JOIN Articles b ON b.Id = f.ArticleId WHERE f.GroupId = m.GroupId AND b.IsReference = 0 AND (" +
        "COALESCE(b.PublishedAt, '9999') < COALESCE(a.PublishedAt, '9999') OR (COALESCE(b.PublishedAt, '9999') = COALESCE(a.PublishedAt, '9999') AND b.Id < a.Id)))";

    /// <summary>The graph's nodes when nothing is filtered: every article but the folded copies.</summary>
    public const string GraphNodes = $"SELECT COUNT(*) FROM Articles WHERE Id NOT IN ({FoldedCopies})";

    /// <summary>The graph's edges when nothing is filtered: distinct links between two nodes.</summary>
    public const string GraphEdges =
        "SELECT COUNT(*) FROM (SELECT DISTINCT ArticleId, TargetArticleId FROM RelatedLinks WHERE TargetArticleId IS NOT NULL AND TargetArticleId <> ArticleId " +
        $"AND ArticleId NOT IN ({FoldedCopies}) AND TargetArticleId NOT IN ({FoldedCopies}))";

    /// <summary>1 once copy detection has made its first pass over the database.</summary>
    public const string CopyDetectionRan = "SELECT COUNT(*) FROM Meta WHERE Key = 'Syndication.Through'";

    public static async Task<long> ScalarAsync(string databasePath, string sql) => Convert.ToInt64(await ValueAsync(databasePath, sql));

    /// <summary>The first column of the first row (a count, a PRAGMA's answer, a text), on a connection of its own.</summary>
    public static async Task<object?> ValueAsync(string databasePath, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync();
    }
}
