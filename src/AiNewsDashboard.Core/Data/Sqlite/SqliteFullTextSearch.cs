using System.Text;
using Microsoft.Data.Sqlite;
using AiNewsDashboard.Core.Queries;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Data.Sqlite;

/// <summary>
/// Full-text search over articles' titles and excerpts with SQLite FTS5: an external-content index
/// (<c>ArticleSearch</c>, rowid = Articles.Id) that stores only the index, not a second copy of the text, kept in sync
/// by the importer's writer (which indexes its new articles a batch at a time) and by triggers on updates and deletes.
/// Whole words, case- and accent-insensitive (unicode61, remove_diacritics 2), English words by their stem (porter).
/// What users type is parsed by <see cref="SearchQuery"/>; <see cref="ToMatchExpression"/> writes its FTS5 form.
/// A PostgreSQL store would bring its own counterpart (tsvector + GIN).
/// </summary>
public sealed class SqliteFullTextSearch(IDbContextFactory<NewsDbContext> dbFactory) : IFullTextSearch
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
    /// Migration <c>StemEnglishWords</c>: the index stems English words (FTS5's <c>porter</c> tokenizer over the same
    /// unicode61 rules), so "chips" finds "chip" and "launched" finds "launch". The tokenizer of an FTS5 table can't be
    /// changed in place: the table is made again and rebuilt from Articles (the triggers name it, not its definition,
    /// so they stay). Never edit these either: a change is a new migration.
    /// </summary>
    internal static class SchemaV3
    {
        public static readonly string[] Up =
        [
            "DROP TABLE ArticleSearch",
            "CREATE VIRTUAL TABLE ArticleSearch USING fts5(Title, Excerpt, content='Articles', content_rowid='Id', " +
            "columnsize=0, tokenize='porter unicode61 remove_diacritics 2')",
            "INSERT INTO ArticleSearch(ArticleSearch) VALUES ('rebuild')",
        ];

        public static readonly string[] Down =
        [
            "DROP TABLE ArticleSearch",
            SchemaV1.Up[0],
            "INSERT INTO ArticleSearch(ArticleSearch) VALUES ('rebuild')",
        ];
    }

    /// <summary>
    /// The FTS5 form of a search: every word and phrase becomes an FTS5 string (double quotes doubled inside), so no
    /// character of what the user typed is ever FTS5 syntax; the operators come from the tree, each group in parentheses.
    /// </summary>
    public string ExpressionFor(SearchQuery query) => ToMatchExpression(query);

    Task IFullTextSearch.ForEachMatchAsync(string expression, Action<int> onMatch, CancellationToken ct) =>
        ForEachMatchOfExpressionAsync(expression, onMatch, ct);

    public static string ToMatchExpression(SearchQuery query)
    {
        var sb = new StringBuilder();
        Render(query.Root, sb);
        return sb.ToString();
    }

    private static void Render(SearchNode node, StringBuilder sb)
    {
        switch (node)
        {
            case SearchTerm term:
                sb.Append('"').Append(term.Text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
                if (term.IsPrefix)
                    sb.Append('*');
                break;
            case SearchAll all:
                // FTS5's NOT is binary ("a NOT b"): what to exclude always has something to be excluded from.
                for (var i = 0; i < all.Include.Count; i++)
                    RenderGroup(all.Include[i], sb.Append(i > 0 ? " AND " : ""));
                foreach (var excluded in all.Exclude)
                    RenderGroup(excluded, sb.Append(" NOT "));
                break;
            case SearchAny any:
                for (var i = 0; i < any.Parts.Count; i++)
                    RenderGroup(any.Parts[i], sb.Append(i > 0 ? " OR " : ""));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(node), node, "not a search node");
        }
    }

    private static void RenderGroup(SearchNode node, StringBuilder sb)
    {
        if (node is SearchTerm)
        {
            Render(node, sb);
            return;
        }
        Render(node, sb.Append('('));
        sb.Append(')');
    }

    /// <summary>Ids of the articles whose title or excerpt matches <paramref name="query"/>, ascending.</summary>
    public async Task<IReadOnlyList<int>> FindArticleIdsAsync(SearchQuery query, CancellationToken ct = default)
    {
        var ids = new List<int>();
        await ForEachMatchAsync(query, ids.Add, ct);
        return ids;
    }

    /// <summary>Streams matching article ids (ascending) without collecting them; a common word can match most of the corpus.</summary>
    public Task ForEachMatchAsync(SearchQuery query, Action<int> onMatch, CancellationToken ct = default) =>
        ForEachMatchOfExpressionAsync(ToMatchExpression(query), onMatch, ct);

    // Private-use characters that mark matches in highlight() and snippet() output. An article whose own text holds
    // one is shown without marks rather than with wrong ones.
    private const char MarkOpen = '\uE000';
    private const char MarkClose = '\uE001';

    /// <summary>Most words of the excerpt shown around its matches.</summary>
    public const int ExcerptWords = 24;

    /// <summary>
    /// Where <paramref name="query"/> matched each of <paramref name="ids"/>, by FTS5's own tokenizer (so a stemmed or
    /// prefix match marks the whole word). Articles that don't match are left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, SearchHighlight>> HighlightAsync(SearchQuery query, IReadOnlyCollection<int> ids,
        CancellationToken ct = default)
    {
        var result = new Dictionary<int, SearchHighlight>();
        if (ids.Count == 0)
            return result;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await using var cmd = connection.CreateCommand();
        // One article at a time: FTS5 answers "MATCH ... AND rowid = ?" by seeking to that row.
        cmd.CommandText = $"""
            SELECT highlight(ArticleSearch, 0, $open, $close), snippet(ArticleSearch, 1, $open, $close, '…', {ExcerptWords}), a.Title, a.Excerpt
            FROM ArticleSearch JOIN Articles a ON a.Id = ArticleSearch.rowid
            WHERE ArticleSearch MATCH $match AND ArticleSearch.rowid = $id
            """;
        cmd.Parameters.AddWithValue("$open", MarkOpen.ToString());
        cmd.Parameters.AddWithValue("$close", MarkClose.ToString());
        cmd.Parameters.AddWithValue("$match", ToMatchExpression(query));
        var id = cmd.Parameters.Add("$id", SqliteType.Integer);
        foreach (var articleId in ids.Distinct())
        {
            id.Value = articleId;
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct))
                continue;
            var title = reader.IsDBNull(2) ? null : reader.GetString(2);
            var excerpt = reader.IsDBNull(3) ? null : reader.GetString(3);
            IReadOnlyList<TextMark> titleMarks = [];
            if (title is not null && !reader.IsDBNull(0) && !HasMarker(title))
                titleMarks = MarkedText.FromMarkers(reader.GetString(0), MarkOpen, MarkClose).Marks;
            MarkedText? excerptMarks = null;
            if (excerpt is not null && !reader.IsDBNull(1) && !HasMarker(excerpt)
                && MarkedText.FromMarkers(reader.GetString(1), MarkOpen, MarkClose) is { Marks.Count: > 0 } marked)
                excerptMarks = marked;
            result[articleId] = new SearchHighlight(titleMarks, excerptMarks);
        }
        return result;
    }

    private static bool HasMarker(string text) => text.AsSpan().IndexOfAny(MarkOpen, MarkClose) >= 0;

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

}
