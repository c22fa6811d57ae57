using System.Globalization;
using AiNewsDashboard.Core.Import;
using Microsoft.Data.Sqlite;

namespace AiNewsDashboard.Core.Data.Sqlite;

/// <summary>
/// The importer's bulk write path: prepared commands on one open connection, one transaction per batch.
/// There is no savepoint per file (inside a transaction SQLite copies every page a savepoint touches into a
/// statement journal, which cost a fifth of the write time): when a write fails, the importer rolls the batch back
/// and replays the files before it, so each file is still all-or-nothing.
/// The schema itself belongs to EF Core (see Data/Migrations); this class only writes rows into it, and indexes each
/// batch's new articles for full-text search in one statement at the batch's end (it is the only code that writes
/// articles, their URLs, providers and topics, for imports, for the demo removal (<see cref="RemoveDemo"/>) and for undoing an import (<see cref="RemoveArticles"/>); triggers
/// index updates and deletions: SqliteFullTextSearch.SchemaV1 and SchemaV2; the tests check both rules after every write
/// path, with TestSupport's StoreInvariants). The write-ahead log
/// is copied back into the database file on a thread of its own (<see cref="SqliteWalCheckpointer"/>).
/// A reference created during a batch is kept in memory until the batch ends (<see cref="PendingReference"/>): most
/// are upgraded by their own file a few files later, which then writes the article once instead of inserting the
/// reference and rewriting it. Foreign keys are checked at commit, so links to such a reference can be written at once.
/// An article's own file replaces what it stored before only when it is a new version of the same file (the same
/// path) or wins against that file by <see cref="DuplicateFileRule"/>: two files for one URL then store the same
/// row in any order, and importing them again writes nothing.
/// SQLite-specific (last_insert_rowid, INSERT OR IGNORE, sqlite_sequence, defer_foreign_keys); a PostgreSQL store would
/// bring its own writer.
/// </summary>
internal sealed class SqliteArticleWriter : IArticleWriter
{
    private const string ArticleColumns =
        "Id, Url, WebUrl, OriginalUrl, AmpWebUrl, CdnAmpWebUrl, Title, TitleKey, Excerpt, Category, Type, PublishedAt, Quality, Heat, " +
        "Published, Secured, ExtraJson, ProviderId, IsReference, IsDemo, ContentHash, SourcePath, SourceLength, SourceRelativePath, ImportedAt, UpdatedAt";

    private readonly SqliteConnection _connection;
    private readonly List<SqlitePreparedStatement> _statements = [];
    private SqliteTransaction? _transaction;
    private readonly SqliteWalCheckpointer? _checkpointer;
    private readonly string _restorePragmas;
    /// <summary>
    /// Whether Articles has SourceLength and SourceRelativePath (migration RememberWinningFile on). Without them (the
    /// tests write into older schemas, as with the full-text index) the writer leaves them out, and
    /// <see cref="DuplicateFileRule"/> sees every stored file as one stored before they were recorded.
    /// </summary>
    private readonly bool _remembersSource;
    private const string SourceColumns = ", SourceLength, SourceRelativePath";
    /// <summary>Whether Articles has TitleKey (migration AddTitleKey on); older schemas get it filled by that migration.</summary>
    private readonly bool _keysTitles;

    // Providers and topics are few; caching their ids saves a lookup per article. A rollback clears the caches.
    private readonly Dictionary<string, int> _providerIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _providersNamedByArticle = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _topicIds = new(StringComparer.Ordinal);

    // This batch's references not yet in Articles, by id. Ids are assigned here, in the order AUTOINCREMENT would
    // assign them had every reference been inserted when it was created, so the rows end up exactly as they would.
    private readonly Dictionary<int, PendingReference> _pending = [];
    private int _nextId;

    private readonly SqlitePreparedStatement _findByUrl, _findSource, _nextArticleId, _insertArticle, _updateArticle, _fillReference, _insertUrl,
        _findProvider, _insertProvider, _nameProvider, _findTopic, _insertTopic, _insertArticleTopic, _insertImage, _insertRelated,
        _oldTargets, _deleteTopics, _deleteImages, _deleteRelated, _deleteOrphanReference;
    private readonly SqlitePreparedStatement? _beginSearchBatch;
    // The snapshot's counter (SqliteChangeFeed): moved once per batch that changed a row, instead of a trigger per row.
    private readonly SqlitePreparedStatement _totalChanges, _bumpSnapshotVersion, _snapshotVersion;
    private long _changesAtBegin;
    // What the batch changed, told to the snapshot's cache (StoreCommit): the articles a file wrote, the references it
    // made, filled or dropped; a removal can't say (providers and topics go too), so it counts as everything.
    private readonly HashSet<int> _touched = [];
    private bool _touchedEverything;
    private long _versionAtBegin;
    /// <summary>Whether the schema has the commit log (migration AddSnapshotCommitLog on): the tests write into older schemas too.</summary>
    private readonly bool _logsCommits;
    /// <summary>Records what this run did to each article (ImportRunArticles); null when the writer writes for no run.</summary>
    private readonly SqlitePreparedStatement? _trackChange;
    private readonly SqlitePreparedStatement[] _endSearchBatch = [];

    /// <param name="maxLogBytes">How far the write-ahead log may grow before a batch waits for the checkpoint (<see cref="SqliteWalCheckpointer"/>).</param>
    /// <param name="runId">
    /// The import history's run this writer writes for: each article it adds, upgrades or updates is listed under it
    /// (<see cref="ImportRunArticle"/>), in the same transaction, so the run can be undone (Import/ImportUndo).
    /// </param>
    public SqliteArticleWriter(SqliteConnection connection, long maxLogBytes = SqliteWalCheckpointer.DefaultMaxLogBytes, int? runId = null)
    {
        _connection = connection;
        // Bulk-write settings for this connection, put back on Dispose (the connection goes back to the pool): a 256 MiB
        // page cache (a large import's indexes stop fitting the default 64 MiB, and every lookup and insert then
        // misses), and no automatic checkpoint inside our commits: a thread of its own copies the log back meanwhile.
        _restorePragmas = $"PRAGMA cache_size={Pragma("cache_size")}; PRAGMA wal_autocheckpoint={Pragma("wal_autocheckpoint")};";
        _checkpointer = SqliteWalCheckpointer.For(connection, maxLogBytes);
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA cache_size=-262144;" + (_checkpointer is null ? "" : " PRAGMA wal_autocheckpoint=0;");
            pragma.ExecuteNonQuery();
        }
        _remembersSource = HasColumn("Articles", "SourceLength");
        _keysTitles = HasColumn("Articles", "TitleKey");
        var articleColumns = _remembersSource ? ArticleColumns : ArticleColumns.Replace(SourceColumns, "", StringComparison.Ordinal);
        if (!_keysTitles)
            articleColumns = articleColumns.Replace(" TitleKey,", "", StringComparison.Ordinal);
        // No article row means a pending reference (only those are in ArticleUrls without one; foreign keys are deferred).
        _findByUrl = Prepare(
            "SELECT u.ArticleId, a.IsReference, a.ContentHash FROM ArticleUrls u LEFT JOIN Articles a ON a.Id = u.ArticleId WHERE u.Url = $url", "$url");
        // Only when a different file comes for a stored article (never for a new or an unchanged one).
        _findSource = Prepare(
            $"SELECT PublishedAt, SourcePath, {(_remembersSource ? "SourceLength, SourceRelativePath" : "NULL, NULL")}, ContentHash FROM Articles WHERE Id = $id",
            "$id");
        // As AUTOINCREMENT does: one past the largest id ever used.
        _nextArticleId = Prepare(
            "SELECT max(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'Articles'), 0), COALESCE((SELECT max(Id) FROM Articles), 0)) + 1");
        _insertArticle = Prepare($"INSERT INTO Articles ({articleColumns}) VALUES ({Params(articleColumns)})", Names(articleColumns));
        // An article's own file replaces everything but its id (so links to it survive) and the AMP aliases,
        // which only ever come from other files' related lists. Url changes only if no other article is known by it.
        _updateArticle = Prepare($"""
            UPDATE Articles SET
              Url = CASE WHEN EXISTS (SELECT 1 FROM ArticleUrls o WHERE o.Url = $Url AND o.ArticleId <> $Id) THEN Url ELSE $Url END,
              WebUrl = $WebUrl, OriginalUrl = $OriginalUrl, Title = $Title, {(_keysTitles ? "TitleKey = $TitleKey," : "")}
              Excerpt = $Excerpt, Category = $Category,
              Type = $Type, PublishedAt = $PublishedAt, Quality = $Quality, Heat = $Heat, Published = $Published,
              Secured = $Secured, ExtraJson = $ExtraJson, ProviderId = $ProviderId, IsReference = 0, IsDemo = $IsDemo,
              ContentHash = $ContentHash, SourcePath = $SourcePath,
              {(_remembersSource ? "SourceLength = $SourceLength, SourceRelativePath = $SourceRelativePath," : "")} UpdatedAt = $UpdatedAt
            WHERE Id = $Id
            """, ["$Id", "$Url", "$WebUrl", "$OriginalUrl", "$Title", "$Excerpt", "$Category", "$Type", "$PublishedAt", "$Quality",
            "$Heat", "$Published", "$Secured", "$ExtraJson", "$ProviderId", "$IsDemo", "$ContentHash", "$SourcePath", "$UpdatedAt",
            .. (_remembersSource ? (string[])["$SourceLength", "$SourceRelativePath"] : []), .. (_keysTitles ? (string[])["$TitleKey"] : [])]);
        // A reference only ever gains what it lacked: the first file to describe it wins, and data from a
        // related list never overwrites data from the article's own file (IsReference = 1 guards that).
        _fillReference = Prepare($"""
            UPDATE Articles SET
              WebUrl = COALESCE(WebUrl, $WebUrl), AmpWebUrl = COALESCE(AmpWebUrl, $AmpWebUrl),
              CdnAmpWebUrl = COALESCE(CdnAmpWebUrl, $CdnAmpWebUrl), Title = COALESCE(Title, $Title),
              {(_keysTitles ? "TitleKey = CASE WHEN Title IS NULL THEN $TitleKey ELSE TitleKey END," : "")}
              Excerpt = COALESCE(Excerpt, $Excerpt), Type = COALESCE(Type, $Type), PublishedAt = COALESCE(PublishedAt, $PublishedAt),
              Quality = COALESCE(Quality, $Quality), ProviderId = COALESCE(ProviderId, $ProviderId), IsDemo = IsDemo AND $IsDemo
            WHERE Id = $Id AND IsReference = 1
            """, ["$Id", "$WebUrl", "$AmpWebUrl", "$CdnAmpWebUrl", "$Title", "$Excerpt", "$Type", "$PublishedAt", "$Quality", "$ProviderId", "$IsDemo",
            .. (_keysTitles ? (string[])["$TitleKey"] : [])]);
        _insertUrl = Prepare("INSERT OR IGNORE INTO ArticleUrls (Url, ArticleId) VALUES ($url, $id)", "$url", "$id");
        _findProvider = Prepare("SELECT Id FROM Providers WHERE Domain = $key", "$key");
        _insertProvider = Prepare("INSERT INTO Providers (Domain, Name, NamedByArticle) VALUES ($key, $name, 0)", "$key", "$name");
        _nameProvider = Prepare("UPDATE Providers SET Name = $name, NamedByArticle = 1 WHERE Id = $id AND NamedByArticle = 0", "$id", "$name");
        _findTopic = Prepare("SELECT Id FROM Topics WHERE Key = $key", "$key");
        _insertTopic = Prepare("INSERT INTO Topics (Key, Name) VALUES ($key, $name)", "$key", "$name");
        _insertArticleTopic = Prepare("INSERT OR IGNORE INTO ArticleTopics (ArticleId, TopicId, Position) VALUES ($a, $t, $p)", "$a", "$t", "$p");
        _insertImage = Prepare("INSERT INTO ArticleImages (ArticleId, Position, Url, Width, Height, IsCached) VALUES ($a, $p, $url, $w, $h, $c)",
            "$a", "$p", "$url", "$w", "$h", "$c");
        _insertRelated = Prepare("""
            INSERT INTO RelatedLinks (ArticleId, Position, TargetArticleId, Title, Excerpt, PublishedAt, WebUrl, AmpWebUrl, CdnAmpWebUrl,
                                      Type, ProviderName, ProviderDomain, Quality, ImagesJson, ExtraJson)
            VALUES ($a, $p, $t, $title, $excerpt, $at, $web, $amp, $cdn, $type, $pname, $pdomain, $q, $images, $extra)
            """, "$a", "$p", "$t", "$title", "$excerpt", "$at", "$web", "$amp", "$cdn", "$type", "$pname", "$pdomain", "$q", "$images", "$extra");
        _oldTargets = Prepare("SELECT DISTINCT TargetArticleId FROM RelatedLinks WHERE ArticleId = $id AND TargetArticleId IS NOT NULL", "$id");
        _deleteTopics = Prepare("DELETE FROM ArticleTopics WHERE ArticleId = $id", "$id");
        _deleteImages = Prepare("DELETE FROM ArticleImages WHERE ArticleId = $id", "$id");
        _deleteRelated = Prepare("DELETE FROM RelatedLinks WHERE ArticleId = $id", "$id");
        _deleteOrphanReference = Prepare(
            "DELETE FROM Articles WHERE Id = $id AND IsReference = 1 AND NOT EXISTS (SELECT 1 FROM RelatedLinks WHERE TargetArticleId = $id)", "$id");

        if (runId is { } run)
        {
            // The first change of a run wins: an article the run added and then rewrote (two files for one URL) stays Added.
            _trackChange = Prepare($"INSERT OR IGNORE INTO ImportRunArticles (RunId, ArticleId, Change) VALUES ({run}, $id, $change)", "$id", "$change");
        }

        _totalChanges = Prepare("SELECT total_changes()");
        _bumpSnapshotVersion = Prepare(SqliteChangeFeed.SchemaV1.Bump);
        _snapshotVersion = Prepare(SqliteChangeFeed.SchemaV1.Read);
        _logsCommits = HasTable("SnapshotCommits");

        // The full-text index (when the schema has it, i.e. from migration AddArticleSearch on): the batch's new
        // articles are indexed in one statement at its end instead of one trigger run each (SqliteFullTextSearch.SchemaV1).
        if (HasTable("ArticleSearch"))
        {
            _beginSearchBatch = Prepare(SqliteFullTextSearch.SchemaV1.BeginPending);
            _endSearchBatch = SqliteFullTextSearch.SchemaV1.EndPending.Select(sql => Prepare(sql)).ToArray();
        }
    }

    public void BeginBatch()
    {
        _checkpointer?.BeforeWrite();
        // BEGIN IMMEDIATE: the write lock from the start, so the ids assigned below are nobody else's.
        _transaction = _connection.BeginTransaction(deferred: false);
        using (var defer = _connection.CreateCommand())
        {
            // Links to a pending reference are written before its row; SQLite turns this off again at commit or rollback.
            // A fresh command each time, not a prepared statement: SQLite sets a flag pragma while compiling it, so
            // running a statement prepared earlier sets nothing (tried: every reference link then failed its check).
            defer.CommandText = "PRAGMA defer_foreign_keys = ON";
            defer.ExecuteNonQuery();
        }
        _nextId = checked((int)_nextArticleId.ScalarInt64()!.Value);
        _beginSearchBatch?.Execute();
        _changesAtBegin = _totalChanges.ScalarInt64()!.Value;
        // Under the write lock: nobody else moves the counter until this batch commits.
        _versionAtBegin = _snapshotVersion.ScalarInt64()!.Value;
        _touched.Clear();
        _touchedEverything = false;
    }

    public StoreCommit CommitBatch()
    {
        if (_transaction is null)
            return new StoreCommit([]);
        foreach (var id in _pending.Keys.Order().ToList())
            Materialize(id);
        if (_totalChanges.ScalarInt64() != _changesAtBegin)
            _bumpSnapshotVersion.Execute();
        var versionAtEnd = _snapshotVersion.ScalarInt64()!.Value;
        foreach (var c in _endSearchBatch)
            c.Execute();
        IReadOnlyCollection<int>? touched = _touchedEverything ? null : [.. _touched];
        if (_logsCommits)
            SnapshotCommitLog.Append(_connection, _transaction, touched, _versionAtBegin, versionAtEnd, DateTime.UtcNow);
        _transaction.Commit();
        _transaction.Dispose();
        _transaction = null;
        _checkpointer?.AfterCommit();
        return new StoreCommit(touched, _versionAtBegin, versionAtEnd);
    }

    public void RollbackBatch()
    {
        _transaction?.Rollback();
        _transaction?.Dispose();
        _transaction = null;
        _pending.Clear();
        // Ids cached during the batch may be gone now.
        _providerIds.Clear();
        _providersNamedByArticle.Clear();
        _topicIds.Clear();
    }

    /// <summary>Writes one parsed file into the current batch.</summary>
    /// <param name="lost">
    /// When another file for the same article is stored (a different path): the warning for whichever of the two lost
    /// by <see cref="DuplicateFileRule"/>, naming the winner. A losing file writes nothing but the URLs it adds
    /// to the article (so either order leaves the same URLs), and counts as unchanged.
    /// </param>
    /// <exception cref="SqliteException">
    /// The file could not be stored. Part of it may be in the batch: the caller must roll the batch back
    /// (<see cref="RollbackBatch"/>) and replay the batch's earlier files.
    /// </exception>
    public FileOutcome Write(PreparedArticle article, SourceFile file, bool demo, DateTime now, out ImportProblem? lost)
    {
        lost = null;
        var existing = Find(article.Keys);
        if (existing is { IsReference: false } e)
        {
            if (e.ContentHash == file.Hash)
                return FileOutcome.Unchanged;
            var stored = StoredFile(e.Id);
            if (stored.Path != file.Path) // a second file for the article, not a new version of its file
            {
                var (wins, reason) = DuplicateFileRule.Decide(
                    new DuplicateFileRule.File(file.Path, file.RelativePath, file.Length, article.Article.PublishedAt, file.Hash), stored);
                if (!wins)
                {
                    AddUrls(article.Keys, e.Id, e.Key);
                    lost = new ImportProblem(file.Path, ProblemSeverity.Warning, null, DuplicateFileRule.LostTo(stored.Path, reason));
                    return FileOutcome.Unchanged;
                }
                lost = new ImportProblem(stored.Path, ProblemSeverity.Warning, null, DuplicateFileRule.LostTo(file.Path, reason));
            }
        }
        return WriteArticle(article, existing, file, demo, now);
    }

    /// <summary>The stored article's own file, as <see cref="DuplicateFileRule"/> compares it.</summary>
    private DuplicateFileRule.File StoredFile(int id)
    {
        _findSource.Set("$id", id);
        try
        {
            if (!_findSource.Step())
                throw new InvalidOperationException($"Article {id} was found by its URL but has no row.");
            var published = _findSource.GetString(0) is { } text
                ? DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)
                : (DateTime?)null;
            return new DuplicateFileRule.File(_findSource.GetString(1) ?? "", _findSource.GetString(3),
                _findSource.IsNull(2) ? null : _findSource.GetInt64(2), published, _findSource.GetString(4) ?? "");
        }
        finally
        {
            _findSource.Reset();
        }
    }

    private FileOutcome WriteArticle(PreparedArticle prepared, Existing? existing, SourceFile file, bool demo, DateTime now)
    {
        var a = prepared.Article;
        var keys = prepared.Keys;
        var providerId = ProviderId(a.Provider, prepared.ProviderDomain, ownFile: true);
        int id;
        List<int> oldTargets = [];
        if (existing is { } p && _pending.Remove(p.Id, out var reference))
        {
            // Upgraded in the batch that created it: written once, as the UPDATE below would leave it (the reference
            // contributes its id, its AMP aliases and when it was first imported). A reference has no topics or links.
            id = p.Id;
            InsertArticle(ArticleRow.OfFile(id, prepared, providerId, demo, file, reference.ImportedAt, now) with
            {
                AmpWebUrl = reference.AmpWebUrl,
                CdnAmpWebUrl = reference.CdnAmpWebUrl,
            });
        }
        else if (existing is { } e)
        {
            id = e.Id;
            Track(id, e.IsReference ? ImportChange.Upgraded : ImportChange.Updated);
            oldTargets = OldTargets(id);
            Run(_deleteTopics, id);
            Run(_deleteImages, id);
            Run(_deleteRelated, id);
            UpdateArticle(ArticleRow.OfFile(id, prepared, providerId, demo, file, importedAt: now, updatedAt: now));
        }
        else
        {
            id = _nextId++;
            Track(id, ImportChange.Added);
            InsertArticle(ArticleRow.OfFile(id, prepared, providerId, demo, file, importedAt: now, updatedAt: now));
        }
        AddUrls(keys, id, existing?.Key);
        _touched.Add(id);
        _touched.UnionWith(oldTargets);

        for (var i = 0; i < a.Topics.Count; i++)
        {
            var topicId = TopicId(a.Topics[i]);
            _insertArticleTopic.Set("$a", id).Set("$t", topicId).Set("$p", i).Execute();
        }
        InsertImages(id, a.Images);

        for (var i = 0; i < a.Related.Count; i++)
            InsertRelated(id, i, a.Related[i], prepared.Related[i], demo, now);

        foreach (var target in oldTargets)
        {
            Materialize(target); // the row must exist for the statement to see it (rare: a file's second version in one batch)
            Run(_deleteOrphanReference, target);
        }

        return existing is { IsReference: false } ? FileOutcome.Updated : FileOutcome.Imported;
    }

    /// <summary>Takes every demo article and reference out, in the current batch (<see cref="Remove"/>).</summary>
    /// <returns>How many articles (references included) were removed.</returns>
    public int RemoveDemo()
    {
        StageRemoval(null);
        Execute($"INSERT INTO {RemovalTable} (Id) SELECT Id FROM Articles WHERE IsDemo = 1");
        var (removed, _) = Remove();
        return removed;
    }

    /// <summary>Takes the given articles and references out, in the current batch (<see cref="Remove"/>), as an undone import does.</summary>
    /// <returns>How many rows were removed (references included), and the ids of those kept as references.</returns>
    public (int Removed, IReadOnlyList<int> KeptAsReferences) RemoveArticles(IEnumerable<int> ids)
    {
        StageRemoval(ids);
        return Remove();
    }

    /// <summary>The temporary table that holds the ids a removal takes out (<see cref="StageRemoval"/>).</summary>
    internal const string RemovalTable = "temp.ArticlesToRemove";

    /// <summary>
    /// Of the staged ids (<see cref="StageRemoval"/>), those an article that stays links to: a removal keeps them as
    /// references. What a removal would keep, for a preview as for the removal itself.
    /// </summary>
    internal const string LinkedFromOutsideSql = $"""
        SELECT r.Id FROM {RemovalTable} r WHERE EXISTS (
          SELECT 1 FROM RelatedLinks l WHERE l.TargetArticleId = r.Id AND l.ArticleId NOT IN (SELECT Id FROM {RemovalTable}))
        ORDER BY r.Id
        """;

    /// <summary>
    /// Fills the removal table with <paramref name="ids"/> (empty when null). A temporary table lives in the connection's
    /// own temporary database, so a preview can stage ids on a reading connection without taking the write lock.
    /// </summary>
    internal static void StageRemoval(SqliteConnection connection, IEnumerable<int>? ids)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"CREATE TEMP TABLE IF NOT EXISTS ArticlesToRemove (Id INTEGER PRIMARY KEY); DELETE FROM {RemovalTable};";
        cmd.ExecuteNonQuery();
        if (ids is null)
            return;
        cmd.CommandText = $"INSERT OR IGNORE INTO {RemovalTable} (Id) VALUES ($id)";
        var id = cmd.Parameters.Add("$id", SqliteType.Integer);
        cmd.Prepare();
        foreach (var value in ids)
        {
            id.Value = value;
            cmd.ExecuteNonQuery();
        }
    }

    private void StageRemoval(IEnumerable<int>? ids)
    {
        if (_transaction is null)
            throw new InvalidOperationException("A removal runs inside a batch (BeginBatch).");
        StageRemoval(_connection, ids);
    }

    /// <summary>
    /// Takes the staged articles and references out (<see cref="RemovalTable"/>). One that an article outside the
    /// removal links to stays, as the reference the writer would have made of it: no topics, no related list, none of
    /// <see cref="ArticleRow.ColumnsOnlyAFileGives"/>, never updated; what a related entry could say (title, dates, images, its
    /// URLs) is kept, so no remaining article loses a link or what it shows of one. References that no link names any
    /// more, and providers and topics left without articles, go too. Deletions leave the full-text index by its triggers.
    /// </summary>
    private (int Removed, IReadOnlyList<int> KeptAsReferences) Remove()
    {
        _touchedEverything = true;
        var kept = new List<int>();
        using (var find = _connection.CreateCommand())
        {
            find.CommandText = LinkedFromOutsideSql;
            using var reader = find.ExecuteReader();
            while (reader.Read())
                kept.Add(reader.GetInt32(0));
        }
        using (var demote = _connection.CreateCommand())
        {
            demote.CommandText =
                $"UPDATE Articles SET IsReference = 1, IsDemo = 0, {string.Join(", ", ArticleRow.ColumnsOnlyAFileGives.Where(c => _remembersSource || !SourceColumns.Contains(c, StringComparison.Ordinal)).Select(c => c + " = NULL"))}, " +
                $"UpdatedAt = ImportedAt WHERE Id = $id; DELETE FROM {RemovalTable} WHERE Id = $id;";
            var id = demote.Parameters.Add("$id", SqliteType.Integer);
            foreach (var keptId in kept)
            {
                Run(_deleteTopics, keptId);
                Run(_deleteRelated, keptId);
                id.Value = keptId;
                demote.ExecuteNonQuery();
            }
        }
        var removed = Execute($"DELETE FROM Articles WHERE Id IN (SELECT Id FROM {RemovalTable})");
        // As when a re-import drops a link (_deleteOrphanReference): a reference lives only while something names it.
        removed += Execute("DELETE FROM Articles WHERE IsReference = 1 AND NOT EXISTS (SELECT 1 FROM RelatedLinks l WHERE l.TargetArticleId = Articles.Id)");
        Execute("DELETE FROM Providers WHERE NOT EXISTS (SELECT 1 FROM Articles a WHERE a.ProviderId = Providers.Id)");
        Execute("DELETE FROM Topics WHERE NOT EXISTS (SELECT 1 FROM ArticleTopics t WHERE t.TopicId = Topics.Id)");
        Execute($"DELETE FROM {RemovalTable}");
        _providerIds.Clear();
        _providersNamedByArticle.Clear();
        _topicIds.Clear();
        return (removed, kept);
    }

    private int Execute(string sql)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteNonQuery();
    }

    private void InsertRelated(int articleId, int position, RelatedEntry r, PreparedRelated prepared, bool demo, DateTime now)
    {
        var keys = prepared.Keys;
        int? targetId = null;
        if (keys.Count > 0)
        {
            var providerId = ProviderId(r.Provider, prepared.ProviderDomain!, ownFile: false);
            var target = Find(keys);
            if (target is { } found)
            {
                targetId = found.Id;
                if (_pending.TryGetValue(found.Id, out var pending))
                    pending.Fill(r, demo);
                else if (found.IsReference)
                {
                    if (_keysTitles)
                        _fillReference.Set("$TitleKey", TitleKeys.Of(r.Title));
                    _fillReference.Set("$Id", found.Id).Set("$WebUrl", r.WebUrl).Set("$AmpWebUrl", r.AmpWebUrl)
                        .Set("$CdnAmpWebUrl", r.CdnAmpWebUrl).Set("$Title", r.Title).Set("$Excerpt", r.Excerpt).Set("$Type", r.Type)
                        .Set("$PublishedAt", r.PublishedAt).Set("$Quality", r.Quality).Set("$ProviderId", providerId).Set("$IsDemo", demo)
                        .Execute();
                }
            }
            else
            {
                targetId = _nextId++;
                Track(targetId.Value, ImportChange.Added);
                _pending.Add(targetId.Value, new PendingReference(keys[0], r, providerId, demo, now));
            }
            AddUrls(keys, targetId.Value, target?.Key);
            _touched.Add(targetId.Value);
        }

        _insertRelated.Set("$a", articleId).Set("$p", position).Set("$t", targetId).Set("$title", r.Title).Set("$excerpt", r.Excerpt)
            .Set("$at", r.PublishedAt).Set("$web", r.WebUrl).Set("$amp", r.AmpWebUrl).Set("$cdn", r.CdnAmpWebUrl).Set("$type", r.Type)
            .Set("$pname", r.Provider?.Name).Set("$pdomain", r.Provider?.Domain).Set("$q", r.Quality)
            .Set("$images", prepared.ImagesJson)
            .Set("$extra", r.ExtraJson)
            .Execute();
    }

    /// <summary>Writes a pending reference's row and images now (at the batch's end, or when a statement must see it).</summary>
    private void Materialize(int id)
    {
        if (!_pending.Remove(id, out var r))
            return;
        InsertArticle(r.ToRow(id));
        InsertImages(id, r.Images);
    }

    private void InsertArticle(in ArticleRow r)
    {
        if (_remembersSource)
            _insertArticle.Set("$SourceLength", r.SourceLength).Set("$SourceRelativePath", r.SourceRelativePath);
        if (_keysTitles)
            _insertArticle.Set("$TitleKey", r.TitleKey);
        _insertArticle.Set("$Id", r.Id).Set("$Url", r.Url).Set("$WebUrl", r.WebUrl).Set("$OriginalUrl", r.OriginalUrl).Set("$AmpWebUrl", r.AmpWebUrl)
            .Set("$CdnAmpWebUrl", r.CdnAmpWebUrl).Set("$Title", r.Title).Set("$Excerpt", r.Excerpt).Set("$Category", r.Category).Set("$Type", r.Type)
            .Set("$PublishedAt", r.PublishedAt).Set("$Quality", r.Quality).Set("$Heat", r.Heat).Set("$Published", r.Published).Set("$Secured", r.Secured)
            .Set("$ExtraJson", r.ExtraJson).Set("$ProviderId", r.ProviderId).Set("$IsReference", r.IsReference).Set("$IsDemo", r.IsDemo)
            .Set("$ContentHash", r.ContentHash).Set("$SourcePath", r.SourcePath).Set("$ImportedAt", r.ImportedAt).Set("$UpdatedAt", r.UpdatedAt)
            .Execute();
    }

    /// <summary>Rewrites an article from its own file: every column but the id, the AMP aliases and when it was first imported.</summary>
    private void UpdateArticle(in ArticleRow r)
    {
        if (_remembersSource)
            _updateArticle.Set("$SourceLength", r.SourceLength).Set("$SourceRelativePath", r.SourceRelativePath);
        if (_keysTitles)
            _updateArticle.Set("$TitleKey", r.TitleKey);
        _updateArticle.Set("$Id", r.Id).Set("$Url", r.Url).Set("$WebUrl", r.WebUrl).Set("$OriginalUrl", r.OriginalUrl).Set("$Title", r.Title)
            .Set("$Excerpt", r.Excerpt).Set("$Category", r.Category).Set("$Type", r.Type).Set("$PublishedAt", r.PublishedAt)
            .Set("$Quality", r.Quality).Set("$Heat", r.Heat).Set("$Published", r.Published).Set("$Secured", r.Secured)
            .Set("$ExtraJson", r.ExtraJson).Set("$ProviderId", r.ProviderId).Set("$IsDemo", r.IsDemo).Set("$ContentHash", r.ContentHash)
            .Set("$SourcePath", r.SourcePath).Set("$UpdatedAt", r.UpdatedAt)
            .Execute();
    }

    private void InsertImages(int articleId, IReadOnlyList<ImageInfo> images)
    {
        for (var i = 0; i < images.Count; i++)
        {
            var img = images[i];
            _insertImage.Set("$a", articleId).Set("$p", i).Set("$url", img.Url).Set("$w", img.Width).Set("$h", img.Height).Set("$c", img.IsCached)
                .Execute();
        }
    }

    /// <param name="found">The key <see cref="Find"/> matched, if any: it is stored already, so no need to try again.</param>
    private void AddUrls(IReadOnlyList<string> keys, int articleId, int? found)
    {
        for (var i = 0; i < keys.Count; i++)
            if (i != found)
                _insertUrl.Set("$url", keys[i]).Set("$id", articleId).Execute();
    }

    private List<int> OldTargets(int articleId)
    {
        var ids = new List<int>();
        _oldTargets.Set("$id", articleId);
        try
        {
            while (_oldTargets.Step())
                ids.Add((int)_oldTargets.GetInt64(0));
        }
        finally
        {
            _oldTargets.Reset();
        }
        return ids;
    }

    private Existing? Find(IReadOnlyList<string> keys)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            _findByUrl.Set("$url", keys[i]);
            try
            {
                if (_findByUrl.Step())
                {
                    var id = (int)_findByUrl.GetInt64(0);
                    if (_findByUrl.IsNull(1))
                        return _pending.ContainsKey(id)
                            ? new Existing(id, IsReference: true, ContentHash: null, i)
                            : throw new InvalidOperationException($"ArticleUrls maps {keys[i]} to article {id}, which does not exist.");
                    return new Existing(id, _findByUrl.GetInt64(1) != 0, _findByUrl.GetString(2), i);
                }
            }
            finally
            {
                _findByUrl.Reset();
            }
        }
        return null;
    }

    /// <summary>
    /// Providers are keyed by domain (<see cref="PreparedArticle.ProviderDomain"/>). The name an article's own file
    /// gives wins over one from a related list, as with every other field.
    /// </summary>
    private int ProviderId(ProviderInfo? provider, string domain, bool ownFile)
    {
        var name = provider?.Name is { Length: > 0 } n ? n : null;
        var id = CachedId(_providerIds, domain, name ?? domain, _findProvider, _insertProvider);
        if (ownFile && name is not null && !_providersNamedByArticle.Contains(domain))
        {
            _nameProvider.Set("$id", id).Set("$name", name).Execute();
            _providersNamedByArticle.Add(domain);
        }
        return id;
    }

    private int TopicId(string topic) => CachedId(_topicIds, Topic.KeyOf(topic), topic, _findTopic, _insertTopic);

    private static int CachedId(Dictionary<string, int> cache, string key, string name, SqlitePreparedStatement find, SqlitePreparedStatement insert)
    {
        if (cache.TryGetValue(key, out var id))
            return id;
        id = (int)(find.Set("$key", key).ScalarInt64() ?? insert.Set("$key", key).Set("$name", name).Insert());
        cache[key] = id;
        return id;
    }

    private string Pragma(string name)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = $"PRAGMA {name}";
        return Convert.ToString(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    private bool HasColumn(string table, string column)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT 1 FROM pragma_table_info($table) WHERE name = $column";
        cmd.Parameters.AddWithValue("$table", table);
        cmd.Parameters.AddWithValue("$column", column);
        return cmd.ExecuteScalar() is not null;
    }

    private bool HasTable(string name)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $name";
        cmd.Parameters.AddWithValue("$name", name);
        return cmd.ExecuteScalar() is not null;
    }

    private SqlitePreparedStatement Prepare(string sql, params string[] parameters)
    {
        var statement = new SqlitePreparedStatement(_connection, sql, parameters);
        _statements.Add(statement);
        return statement;
    }

    private void Track(int articleId, ImportChange change) => _trackChange?.Set("$id", articleId).Set("$change", (int)change).Execute();

    private static void Run(SqlitePreparedStatement statement, int id) => statement.Set("$id", id).Execute();

    private static string Params(string columns) => string.Join(", ", Names(columns));
    private static string[] Names(string columns) => columns.Split(", ").Select(c => "$" + c).ToArray();

    /// <summary>Rolls back an unfinished batch, waits for the last checkpoint, and gives the connection its settings back.</summary>
    /// <summary>Constraint and similar errors concern one file; a full disk, an I/O error or corruption stop the run.</summary>
    public bool IsFileError(Exception error) =>
        error is SqliteException e && e.SqliteErrorCode is not (SqliteErrors.Full or SqliteErrors.IoErr or SqliteErrors.Corrupt);

    private static class SqliteErrors
    {
        public const int IoErr = 10, Corrupt = 11, Full = 13;
    }

    public void Dispose()
    {
        _transaction?.Dispose();
        foreach (var s in _statements)
            s.Dispose();
        _checkpointer?.Dispose();
        using var pragma = _connection.CreateCommand();
        pragma.CommandText = _restorePragmas;
        pragma.ExecuteNonQuery();
    }

    /// <param name="Key">Which of the keys looked up found it.</param>
    private readonly record struct Existing(int Id, bool IsReference, string? ContentHash, int Key);

}

