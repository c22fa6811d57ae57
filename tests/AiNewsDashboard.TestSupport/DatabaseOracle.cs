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
