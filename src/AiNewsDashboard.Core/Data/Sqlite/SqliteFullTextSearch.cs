using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Data.Sqlite;

/// <summary>
/// Full-text search over articles' titles and excerpts with SQLite FTS5: an external-content index
/// (<c>ArticleSearch</c>, rowid = Articles.Id) that stores only the index, not a second copy of the text, kept in sync
/// by the importer's writer (which indexes its new articles a batch at a time) and by triggers on updates and deletes.
/// Whole words, case- and accent-insensitive (unicode61, remove_diacritics 2).
/// A PostgreSQL store would bring its own counterpart (tsvector + GIN).
/// </summary>
public sealed class SqliteFullTextSearch(IDbContextFactory<NewsDbContext> dbFactory)
{
    /// <summary>
    /// The schema as migration <c>AddArticleSearch</c> created it. Migrations replay history, so never edit these:
    /// a change to the index is a new migration with its own statements.
    /// </summary>
    internal static class SchemaV1
    {
        /// <summary>
        /// While a row of Meta with this key exists, articles with an id above its value are indexed by whoever wrote
        /// the row, not by the triggers: the importer's batches (see <see cref="SqliteArticleWriter"/>). FTS5 inside a
        /// trigger flushes its pending index at every statement (SQLite opens a savepoint per trigger program), which
        /// makes indexing row by row four times as expensive as one INSERT ... SELECT per batch. The row only exists
        /// inside the importer's open transaction, so no other connection ever sees it, and a crash rolls it back.
        /// </summary>
        public const string PendingAfterIdKey = "ArticleSearch.PendingAfterId";

        // Triggers act on rows at or below the pending id (all rows, when there is none).
        private const string Indexed = $"COALESCE((SELECT CAST(Value AS INTEGER) FROM Meta WHERE Key = '{PendingAfterIdKey}'), 9223372036854775807)";

        // columnsize=0: we never rank by bm25, and the per-row size table would cost the importer one more b-tree
        // insert per article. UPDATE triggers fire only when Title or Excerpt really changed; the importer's
        // UPDATE statements name both columns on every re-import, and most re-imports leave them as they were.
        public static readonly string[] Up =
        [
            "CREATE VIRTUAL TABLE ArticleSearch USING fts5(Title, Excerpt, content='Articles', content_rowid='Id', " +
            "columnsize=0, tokenize='unicode61 remove_diacritics 2')",
            $"""
            CREATE TRIGGER ArticleSearch_AfterInsert AFTER INSERT ON Articles WHEN new.Id <= {Indexed} BEGIN
              INSERT INTO ArticleSearch(rowid, Title, Excerpt) VALUES (new.Id, new.Title, new.Excerpt);
            END
            """,
            $"""
            CREATE TRIGGER ArticleSearch_AfterDelete AFTER DELETE ON Articles WHEN old.Id <= {Indexed} BEGIN
              INSERT INTO ArticleSearch(ArticleSearch, rowid, Title, Excerpt) VALUES ('delete', old.Id, old.Title, old.Excerpt);
            END
            """,
            $"""
            CREATE TRIGGER ArticleSearch_AfterUpdate AFTER UPDATE OF Title, Excerpt ON Articles
            WHEN (old.Title IS NOT new.Title OR old.Excerpt IS NOT new.Excerpt) AND old.Id <= {Indexed} BEGIN
              INSERT INTO ArticleSearch(ArticleSearch, rowid, Title, Excerpt) VALUES ('delete', old.Id, old.Title, old.Excerpt);
              INSERT INTO ArticleSearch(rowid, Title, Excerpt) VALUES (new.Id, new.Title, new.Excerpt);
            END
            """,
            // Index the rows that were there before this migration.
            "INSERT INTO ArticleSearch(ArticleSearch) VALUES ('rebuild')",
        ];

        public static readonly string[] Down =
        [
            "DROP TRIGGER IF EXISTS ArticleSearch_AfterUpdate",
            "DROP TRIGGER IF EXISTS ArticleSearch_AfterDelete",
            "DROP TRIGGER IF EXISTS ArticleSearch_AfterInsert",
            "DROP TABLE IF EXISTS ArticleSearch",
        ];

        /// <summary>Starts a batch whose new articles the writer indexes itself (inside its transaction).</summary>
        public const string BeginPending =
            $"INSERT OR REPLACE INTO Meta (Key, Value) SELECT '{PendingAfterIdKey}', COALESCE(MAX(Id), 0) FROM Articles";

        /// <summary>Indexes the batch's new articles, as they are at its end, in one statement, and ends the batch.</summary>
        public static readonly string[] EndPending =
        [
            $"INSERT INTO ArticleSearch (rowid, Title, Excerpt) SELECT Id, Title, Excerpt FROM Articles WHERE Id > " +
            $"(SELECT CAST(Value AS INTEGER) FROM Meta WHERE Key = '{PendingAfterIdKey}')",
            $"DELETE FROM Meta WHERE Key = '{PendingAfterIdKey}'",
        ];
    }

    /// <summary>
    /// Migration <c>IndexNewArticlesInBatches</c>: only the importer's writer inserts articles
    /// (<see cref="SqliteArticleWriter"/>), and it indexes every article it inserts at the end of its batch
    /// (<see cref="SchemaV1.EndPending"/>). The insert trigger did nothing for those rows but evaluate its WHEN
    /// clause, a lookup in Meta on every insert: 4-7% of the writer's time. The update and delete triggers stay, so
    /// edits and deletions by anyone (demo removal, say) keep the index in step. A new way of inserting articles must
    /// index them the same way, or bring the trigger back: the tests run FTS5's integrity-check against Articles after
    /// every write path (TestSupport's StoreInvariants), so one that doesn't fails them.
    /// Never edit these either: a change is a new migration.
    /// </summary>
    internal static class SchemaV2
    {
        public static readonly string[] Up = ["DROP TRIGGER IF EXISTS ArticleSearch_AfterInsert"];

        /// <summary>Puts the trigger back as SchemaV1 made it, and indexes what was inserted without it meanwhile.</summary>
        public static readonly string[] Down =
        [
            SchemaV1.Up[1],
            "INSERT INTO ArticleSearch(ArticleSearch) VALUES ('rebuild')",
        ];
    }

    /// <summary>
    /// Turns what a user typed into an FTS5 expression that cannot be a syntax error: every word, and every
    /// "quoted phrase", becomes an FTS5 string (double quotes doubled inside), and all of them must match.
    /// Words without a letter or digit ("&amp;", "-") are left out. Null when nothing searchable is left.
    /// </summary>
    public static string? ToMatchExpression(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var terms = new List<string>();
        var span = text.AsSpan();
        var i = 0;
        while (i < span.Length)
        {
            if (char.IsWhiteSpace(span[i]))
            {
                i++;
                continue;
            }
            ReadOnlySpan<char> term;
            if (span[i] == '"' && span[(i + 1)..].IndexOf('"') is var close and >= 0)
            {
                term = span.Slice(i + 1, close);
                i += close + 2;
            }
            else
            {
                var end = i;
                while (end < span.Length && !char.IsWhiteSpace(span[end]))
                    end++;
                term = span[i..end];
                i = end;
            }
            if (HasWordCharacter(term))
                terms.Add(Quote(term));
        }
        return terms.Count == 0 ? null : string.Join(' ', terms);
    }

    /// <summary>Ids of the articles whose title or excerpt matches <paramref name="text"/> (see <see cref="ToMatchExpression"/>), ascending.</summary>
    public async Task<IReadOnlyList<int>> FindArticleIdsAsync(string text, CancellationToken ct = default)
    {
        var ids = new List<int>();
        await ForEachMatchAsync(text, ids.Add, ct);
        return ids;
    }

    /// <summary>Streams matching article ids (ascending) without collecting them; a common word can match most of the corpus.</summary>
    public Task ForEachMatchAsync(string text, Action<int> onMatch, CancellationToken ct = default) =>
        ToMatchExpression(text) is { } match ? ForEachMatchOfExpressionAsync(match, onMatch, ct) : Task.CompletedTask;

    /// <summary>Like <see cref="ForEachMatchAsync"/>, for an expression that <see cref="ToMatchExpression"/> already made.</summary>
    /// <remarks>
    /// FTS5 finds the 600,000 articles that contain "AI" in a million in ~30 ms, but handing them over one row at a
    /// time through a data reader costs twice that again. So SQLite joins each slice of ids (by rowid range, to bound
    /// the string) into one comma-separated text, and we parse that.
    /// </remarks>
    internal async Task ForEachMatchOfExpressionAsync(string matchExpression, Action<int> onMatch, CancellationToken ct)
    {
        const long Slice = 1 << 20;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await using var maxId = connection.CreateCommand();
        maxId.CommandText = "SELECT COALESCE(MAX(Id), 0) FROM Articles";
        var last = Convert.ToInt64(await maxId.ExecuteScalarAsync(ct));

        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT group_concat(rowid) FROM ArticleSearch WHERE ArticleSearch MATCH $match AND rowid >= $from AND rowid < $to";
        cmd.Parameters.AddWithValue("$match", matchExpression);
        var from = cmd.Parameters.Add("$from", SqliteType.Integer);
        var to = cmd.Parameters.Add("$to", SqliteType.Integer);
        for (long start = 0; start <= last; start += Slice)
        {
            from.Value = start;
            to.Value = start + Slice;
            if (await cmd.ExecuteScalarAsync(ct) is not string ids)
                continue;
            var id = 0;
            foreach (var c in ids)
            {
                if (c == ',')
                {
                    onMatch(id);
                    id = 0;
                }
                else
                    id = id * 10 + (c - '0');
            }
            onMatch(id);
        }
    }

    private static bool HasWordCharacter(ReadOnlySpan<char> term)
    {
        foreach (var c in term)
            if (char.IsLetterOrDigit(c))
                return true;
        return false;
    }

    private static string Quote(ReadOnlySpan<char> term)
    {
        var sb = new StringBuilder(term.Length + 2).Append('"');
        foreach (var c in term)
            sb.Append(c == '"' ? "\"\"" : c);
        return sb.Append('"').ToString();
    }
}
