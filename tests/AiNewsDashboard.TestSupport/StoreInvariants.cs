using Microsoft.Data.Sqlite;

namespace AiNewsDashboard.TestSupport;

/// <summary>
/// The store's rules that no schema constraint enforces, checked with plain SQL on a connection of its own. Tests call
/// <see cref="AssertHoldAsync"/> after every write path (import, re-import, reference upgrade, replay after a failed file,
/// demo seed and removal), so a new way of writing that breaks one fails a test instead of a user's search:
/// <list type="bullet">
/// <item>Every article is in the full-text index with its current title and excerpt: the writer indexes the articles
/// it inserts itself, and there is no insert trigger (SqliteFullTextSearch.SchemaV2).</item>
/// <item>URLs are unique only through ArticleUrls: Articles.Url has no index of its own, so each article's Url must be
/// one of its own keys there, which makes it distinct.</item>
/// <item>A reference looks as the writer makes one, whoever made it: none of the columns only a file gives, no topics,
/// no related list, never updated, and named by at least one link.</item>
/// <item>Every foreign key holds (the writer defers them to the commit).</item>
/// <item>Every article's TitleKey is its title's key, null without a title (what the sort by title reads).</item>
/// </list>
/// </summary>
public static class StoreInvariants
{
    /// <summary>The columns only an article's own file fills. Listed here, not taken from the writer, to check it.</summary>
    private static readonly string[] ColumnsOnlyAFileGives =
        ["OriginalUrl", "Category", "Heat", "Published", "Secured", "ExtraJson", "ContentHash", "SourcePath", "SourceLength", "SourceRelativePath"];

    /// <summary>Stands for "any of <see cref="ColumnsOnlyAFileGives"/> the schema has is set" in <see cref="Checks"/>.</summary>
    private const string FileColumnsSet = "{file columns set}";

    private static readonly (string Rule, string Sql)[] Checks =
    [
        ("Articles.Url must be distinct (it is unique only through ArticleUrls)",
            "SELECT Url || ' (' || COUNT(*) || ' articles)' FROM Articles GROUP BY Url HAVING COUNT(*) > 1"),
        ("every article's Url must be one of its own keys in ArticleUrls",
            "SELECT 'article ' || a.Id || ' ' || a.Url FROM Articles a LEFT JOIN ArticleUrls u ON u.Url = a.Url WHERE u.ArticleId IS NOT a.Id"),
        // Only the columns the schema has: some tests write into the schema of an earlier migration.
        ("a reference must have none of the columns only a file gives, and UpdatedAt = ImportedAt",
            $"SELECT 'reference ' || Id || ' ' || Url FROM Articles WHERE IsReference = 1 AND " +
            $"({FileColumnsSet} OR UpdatedAt <> ImportedAt)"),
        ("a reference has no topics",
            "SELECT DISTINCT 'reference ' || a.Id || ' ' || a.Url FROM Articles a JOIN ArticleTopics t ON t.ArticleId = a.Id WHERE a.IsReference = 1"),
        ("a reference has no related list",
            "SELECT DISTINCT 'reference ' || a.Id || ' ' || a.Url FROM Articles a JOIN RelatedLinks l ON l.ArticleId = a.Id WHERE a.IsReference = 1"),
        ("a reference lives only while a link names it",
            "SELECT 'reference ' || a.Id || ' ' || a.Url FROM Articles a WHERE a.IsReference = 1 AND NOT EXISTS (SELECT 1 FROM RelatedLinks l WHERE l.TargetArticleId = a.Id)"),
        ("every foreign key must hold",
            "SELECT \"table\" || ' row ' || COALESCE(rowid, '?') || ' -> ' || parent FROM pragma_foreign_key_check"),
    ];

    /// <summary>Throws, naming the rule and the first offending rows, when the database breaks one of the rules.</summary>
    public static async Task AssertHoldAsync(string databasePath)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        await connection.OpenAsync();
        var broken = new List<string>();
        var present = new List<string>();
        await using (var columns = connection.CreateCommand())
        {
            columns.CommandText = "SELECT name FROM pragma_table_info('Articles')";
            await using var reader = await columns.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                present.Add(reader.GetString(0));
        }
        var fileColumnsSet = string.Join(" OR ", ColumnsOnlyAFileGives.Where(present.Contains).Select(c => c + " IS NOT NULL"));
        foreach (var (rule, sql) in Checks)
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = sql.Replace(FileColumnsSet, fileColumnsSet, StringComparison.Ordinal);
            var offenders = new List<string>();
            await using (var reader = await cmd.ExecuteReaderAsync())
                while (await reader.ReadAsync() && offenders.Count < 5)
                    offenders.Add(reader.GetString(0));
            if (offenders.Count > 0)
                broken.Add($"{rule}: {string.Join("; ", offenders)}");
        }

        // The title order reads only the key (Queries/TitleOrder): one written without its title, or left stale by a
        // write path, would list the article out of place. A schema from before migration AddTitleKey has none.
        if (present.Contains("TitleKey"))
        {
            await using var keys = connection.CreateCommand();
            keys.CommandText = "SELECT Id, Title, TitleKey FROM Articles";
            var offenders = new List<string>();
            await using (var reader = await keys.ExecuteReaderAsync())
                while (await reader.ReadAsync() && offenders.Count < 5)
                {
                    var title = reader.IsDBNull(1) ? null : reader.GetString(1);
                    var key = reader.IsDBNull(2) ? null : reader.GetString(2);
                    if (!string.Equals(key, Core.Data.TitleKeys.Of(title), StringComparison.Ordinal))
                        offenders.Add($"article {reader.GetInt32(0)} '{title}' has key '{key}'");
                }
            if (offenders.Count > 0)
                broken.Add($"every article's TitleKey must be its title's key (Data/TitleKeys): {string.Join("; ", offenders)}");
        }

        // rank = 1: for an external-content index, compare it with the rows of Articles, not only with itself.
        // A schema from before migration AddArticleSearch has no index to check.
        await using (var fts = connection.CreateCommand())
        {
            fts.CommandText = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ArticleSearch'";
            var hasIndex = await fts.ExecuteScalarAsync() is not null;
            fts.CommandText = "INSERT INTO ArticleSearch(ArticleSearch, rank) VALUES ('integrity-check', 1)";
            try
            {
                if (hasIndex)
                    await fts.ExecuteNonQueryAsync();
            }
            catch (SqliteException e)
            {
                broken.Add($"the full-text index must hold every article with its current title and excerpt " +
                    $"(FTS5 integrity-check failed: {e.Message})");
            }
        }

        if (broken.Count > 0)
            throw new StoreInvariantException($"{databasePath} breaks the store's rules:\n" + string.Join("\n", broken));
    }
}

public sealed class StoreInvariantException(string message) : Exception(message);
