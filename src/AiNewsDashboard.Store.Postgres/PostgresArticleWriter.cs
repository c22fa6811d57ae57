using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Import;
using Npgsql;
using NpgsqlTypes;

namespace AiNewsDashboard.Store.Postgres;

/// <summary>
/// The importer's bulk write path on PostgreSQL, with exactly the SQLite writer's rules (docs/architecture.md, "the
/// writer's invariants"): the same outcome for every file, the same rows. What differs is how rows get there.
/// <list type="bullet">
/// <item>New rows (articles, their URLs, topics, images, related links, the run's list, and what related lists add to
/// references stored earlier) are buffered and sent with binary COPY when the batch commits, not one statement each.
/// A write that must see the table as it is (a new version of a stored article, a second file for one, a removal)
/// sends the buffer first.</item>
/// <item>So that <see cref="Write"/> answers at once without asking the server per file, the writer knows every URL it
/// may meet: the whole URL map when the store holds at most <see cref="PreloadUrlLimit"/> of them (read once), or,
/// above that, the URLs of each file asked in one query.</item>
/// <item>One writer at a time, across app instances and processes: each batch takes a transaction-level advisory lock
/// (<see cref="LockKey"/>) before it reads the next id, so ids are nobody else's. What the writer knows stays valid
/// between its batches unless another writer committed meanwhile: every commit draws from the sequence
/// <see cref="PostgresModelCustomizer.WriterCommits"/>, and a batch that finds someone else's number there forgets
/// what it knew.</item>
/// <item>A value PostgreSQL can't store as text (a NUL character, half a surrogate pair) makes the file a file error
/// before anything of it is written: SQLite would have stored it.</item>
/// <item>Where the role may, COPY runs without the foreign keys' row triggers, and the writer checks the parents its rows
/// name once per send (<see cref="ChecksParentsItself"/>).</item>
/// </list>
/// COPY fires the statement triggers of the change feed (PostgresChangeFeed) like any INSERT, at commit.
/// </summary>
internal sealed class PostgresArticleWriter : IArticleWriter
{
    /// <summary>The advisory lock every writer holds for its batch: "NewsWrit" in ASCII.</summary>
    public const long LockKey = 0x4E65_7773_5772_6974;

    /// <summary>Up to this many stored URLs the writer reads them all at its first batch; above, it asks per file.</summary>
    public const int PreloadUrlLimit = 500_000;

    private readonly long _preloadUrlLimit;

    private const string ArticleColumns =
        "\"Id\", \"Url\", \"WebUrl\", \"OriginalUrl\", \"AmpWebUrl\", \"CdnAmpWebUrl\", \"Title\", \"TitleKey\", \"Excerpt\", \"Category\", \"Type\", \"PublishedAt\", " +
        "\"Quality\", \"Heat\", \"Published\", \"Secured\", \"ExtraJson\", \"ProviderId\", \"IsReference\", \"IsDemo\", \"ContentHash\", \"SourcePath\", " +
        "\"SourceLength\", \"SourceRelativePath\", \"ImportedAt\", \"UpdatedAt\"";

    private readonly NpgsqlConnection _connection;
    private readonly int? _runId;
    private readonly string _articleSequence;
    private readonly bool _checksParentsItself;
    private NpgsqlTransaction? _transaction;

    // What the store holds, as far as this writer knows (see the class summary): URL → article, and each article's state.
    private readonly Dictionary<string, int> _urls = new(StringComparer.Ordinal);
    private readonly Dictionary<int, Known> _known = [];
    private bool _allUrlsKnown;
    private long? _generation;
    private readonly Dictionary<string, int> _providerIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _providersNamedByArticle = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _topicIds = new(StringComparer.Ordinal);
    private bool _namesLoaded;

    // The batch: references created in it (written at its end, or when the buffer is sent), and rows not sent yet.
    private readonly Dictionary<int, PendingReference> _pending = [];
    // What the batch changed, told to the snapshot's cache (StoreCommit), as SQLite's writer does; a removal counts as everything.
    private readonly HashSet<int> _touched = [];
    private bool _touchedEverything;
    /// <summary>The snapshot's counter (PostgresChangeFeed) as the batch found it (what a batch that changed nothing reports); null without the counter.</summary>
    private long? _versionAtBegin;
    private Rows _buffer = new();
    /// <summary>Rows sent ahead while the batch goes on (<see cref="SendAhead"/>); waited for before the connection is used again.</summary>
    private Task? _sending;
    private readonly Dictionary<int, ImportChange> _tracked = [];
    private int _nextId;

    /// <param name="preloadUrlLimit">For the tests of the per-file lookup: <see cref="PreloadUrlLimit"/> otherwise.</param>
    public PostgresArticleWriter(NpgsqlConnection connection, int? runId = null, long preloadUrlLimit = PreloadUrlLimit)
    {
        _connection = connection;
        _runId = runId;
        _preloadUrlLimit = preloadUrlLimit;
        _articleSequence = Scalar<string>("SELECT pg_get_serial_sequence('\"Articles\"', 'Id')")!;
        _checksParentsItself = ChecksParentsItself(connection);
    }

    public void BeginBatch()
    {
        _transaction = _connection.BeginTransaction();
        _touched.Clear();
        _touchedEverything = false;
        Execute($"SELECT pg_advisory_xact_lock({LockKey})");
        Execute(PostgresChangeFeed.CounterV1.MarkWriterBatch);
        // Not locked: the counter's row is locked only at the commit (PostgresChangeFeed.CounterV2).
        _versionAtBegin = Scalar<long?>(PostgresChangeFeed.CounterV1.Read);
        // Read after the lock: the last writer's commit is visible now.
        using (var state = Command($"""
            SELECT (SELECT CASE WHEN is_called THEN last_value END FROM "{PostgresModelCustomizer.WriterCommits}"),
                   GREATEST((SELECT max("Id") FROM "Articles"), (SELECT CASE WHEN is_called THEN last_value END FROM {_articleSequence}), 0) + 1
            """))
        using (var reader = state.ExecuteReader())
        {
            reader.Read();
            var generation = reader.IsDBNull(0) ? (long?)null : reader.GetInt64(0);
            _nextId = checked((int)reader.GetInt64(1));
            if (generation is null || generation != _generation)
                Forget();
        }
        Execute("""
            CREATE TEMP TABLE IF NOT EXISTS writer_fills (
              "Seq" integer, "Id" integer, "WebUrl" text, "AmpWebUrl" text, "CdnAmpWebUrl" text, "Title" text, "TitleKey" text, "Excerpt" text, "Type" text,
              "PublishedAt" timestamp, "Quality" integer, "ProviderId" integer, "IsDemo" boolean) ON COMMIT DELETE ROWS;
            CREATE TEMP TABLE IF NOT EXISTS writer_tracks ("ArticleId" integer, "Change" integer) ON COMMIT DELETE ROWS;
            """);
        if (!_namesLoaded)
            LoadNames();
        if (!_allUrlsKnown && _urls.Count == 0 && Scalar<long>("SELECT count(*) FROM \"ArticleUrls\"") <= _preloadUrlLimit)
        {
            LoadUrls(null);
            _allUrlsKnown = true;
        }
    }

    /// <remarks>
    /// Moves the snapshot's counter once, when a statement of the batch changed a table the snapshot reads (the change
    /// feed's triggers noted it), and logs what the batch touched (Core's SnapshotCommitLog), in the batch's
    /// transaction: the commit carries the counter before and after it, as SQLite's writer's does.
    /// </remarks>
    public StoreCommit CommitBatch()
    {
        if (_transaction is null)
            return new StoreCommit([]);
        Flush();
        // Ids assigned here must never be handed out again, by this writer or by an identity default.
        Execute($"SELECT setval('{_articleSequence}', {_nextId - 1}) WHERE {_nextId - 1} > COALESCE((SELECT CASE WHEN is_called THEN last_value END FROM {_articleSequence}), 0)");
        var generation = Scalar<long>($"SELECT nextval('\"{PostgresModelCustomizer.WriterCommits}\"')");
        IReadOnlyCollection<int>? touched = _touchedEverything ? null : [.. _touched];
        var (versionBefore, versionAfter) = (_versionAtBegin, _versionAtBegin);
        if (_versionAtBegin is not null && Scalar<bool>(PostgresChangeFeed.CounterV1.WriterChangedSomething))
        {
            // After the batch's last row write, so the row stays locked only until the commit just below. Others may
            // have moved the counter since the batch began (their commits are theirs): the batch follows the value
            // just before its own move, which its lock keeps until it commits.
            versionAfter = Scalar<long>(PostgresChangeFeed.CounterV1.Bump);
            versionBefore = versionAfter - 1;
            SnapshotCommitLog.Append(_connection, _transaction, touched, versionBefore.Value, versionAfter.Value, DateTime.UtcNow);
        }
        _transaction.Commit();
        _transaction.Dispose();
        _transaction = null;
        _generation = generation;
        _tracked.Clear();
        return new StoreCommit(touched, versionBefore, versionAfter);
    }

    public void RollbackBatch()
    {
        StopSending();
        _transaction?.Rollback();
        _transaction?.Dispose();
        _transaction = null;
        ClearBuffers();
        _tracked.Clear();
        Forget();
        _generation = null;
    }

    public FileOutcome Write(PreparedArticle article, SourceFile file, bool demo, DateTime now, out ImportProblem? lost)
    {
        var outcome = WriteFile(article, file, demo, now, out lost);
        if (_buffer.Articles.Count >= SendAheadArticles)
            SendAhead();
        return outcome;
    }

    private FileOutcome WriteFile(PreparedArticle article, SourceFile file, bool demo, DateTime now, out ImportProblem? lost)
    {
        lost = null;
        StorableText.Check(article, file);
        if (!_allUrlsKnown)
            LoadUrls(article.Keys.Concat(article.Related.SelectMany(r => r.Keys)).Where(k => !_urls.ContainsKey(k)).Distinct().ToArray());
        var existing = Find(article.Keys);
        if (existing is { IsReference: false } e)
        {
            if (e.ContentHash == file.Hash)
                return FileOutcome.Unchanged;
            var stored = StoredFile(e.Id);
            if (stored.Path != file.Path)
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

    private DuplicateFileRule.File StoredFile(int id)
    {
        Flush(); // the article may still be in the buffer
        using var cmd = Command("""SELECT "PublishedAt", "SourcePath", "SourceLength", "SourceRelativePath", "ContentHash" FROM "Articles" WHERE "Id" = @id""");
        cmd.Parameters.AddWithValue("id", id);
        using var r = cmd.ExecuteReader();
        if (!r.Read())
            throw new InvalidOperationException($"Article {id} was found by its URL but has no row.");
        return new DuplicateFileRule.File(r.IsDBNull(1) ? "" : r.GetString(1), r.IsDBNull(3) ? null : r.GetString(3),
            r.IsDBNull(2) ? null : r.GetInt64(2), r.IsDBNull(0) ? null : DateTime.SpecifyKind(r.GetDateTime(0), DateTimeKind.Utc),
            r.IsDBNull(4) ? "" : r.GetString(4));
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
            // Upgraded in the batch that created it: written once (the reference gives its id, AMP aliases and import time).
            id = p.Id;
            _buffer.Articles.Add(ArticleRow.OfFile(id, prepared, providerId, demo, file, reference.ImportedAt, now) with
            {
                AmpWebUrl = reference.AmpWebUrl,
                CdnAmpWebUrl = reference.CdnAmpWebUrl,
            });
        }
        else if (existing is { } e)
        {
            id = e.Id;
            Flush(); // the row and its old children must be in the tables
            Track(id, e.IsReference ? ImportChange.Upgraded : ImportChange.Updated);
            using (var old = Command("""
                SELECT DISTINCT "TargetArticleId" FROM "RelatedLinks" WHERE "ArticleId" = @id AND "TargetArticleId" IS NOT NULL
                """))
            {
                old.Parameters.AddWithValue("id", id);
                using var r = old.ExecuteReader();
                while (r.Read())
                    oldTargets.Add(r.GetInt32(0));
            }
            UpdateArticle(ArticleRow.OfFile(id, prepared, providerId, demo, file, importedAt: now, updatedAt: now));
        }
        else
        {
            id = _nextId++;
            Track(id, ImportChange.Added);
            _buffer.Articles.Add(ArticleRow.OfFile(id, prepared, providerId, demo, file, importedAt: now, updatedAt: now));
        }
        _known[id] = new Known(IsReference: false, file.Hash);
        AddUrls(keys, id, existing?.Key);
        _touched.Add(id);
        _touched.UnionWith(oldTargets);

        var topics = new HashSet<int>();
        for (var i = 0; i < a.Topics.Count; i++)
        {
            var topicId = TopicId(a.Topics[i]);
            if (topics.Add(topicId)) // one row per topic, as the primary key (and SQLite's INSERT OR IGNORE) wants
                _buffer.Topics.Add((id, topicId, i));
        }
        for (var i = 0; i < a.Images.Count; i++)
            _buffer.Images.Add((id, i, a.Images[i]));
        for (var i = 0; i < a.Related.Count; i++)
            AddRelated(id, i, a.Related[i], prepared.Related[i], demo, now);

        if (oldTargets.Count > 0)
        {
            Flush(); // the new related list must be in place before asking who still links to the old targets
            foreach (var target in oldTargets)
                DeleteIfOrphanReference(target);
        }
        return existing is { IsReference: false } ? FileOutcome.Updated : FileOutcome.Imported;
    }

    /// <summary>As SQLite's update: every column but the id, the AMP aliases and the import time; Url only if no other article is known by it.</summary>
    private void UpdateArticle(in ArticleRow r)
    {
        using var cmd = Command("""
            DELETE FROM "ArticleTopics" WHERE "ArticleId" = @Id;
            DELETE FROM "ArticleImages" WHERE "ArticleId" = @Id;
            DELETE FROM "RelatedLinks" WHERE "ArticleId" = @Id;
            UPDATE "Articles" SET
              "Url" = CASE WHEN EXISTS (SELECT 1 FROM "ArticleUrls" o WHERE o."Url" = @Url AND o."ArticleId" <> @Id) THEN "Url" ELSE @Url END,
              "WebUrl" = @WebUrl, "OriginalUrl" = @OriginalUrl, "Title" = @Title, "TitleKey" = @TitleKey, "Excerpt" = @Excerpt, "Category" = @Category,
              "Type" = @Type, "PublishedAt" = @PublishedAt, "Quality" = @Quality, "Heat" = @Heat, "Published" = @Published,
              "Secured" = @Secured, "ExtraJson" = @ExtraJson, "ProviderId" = @ProviderId, "IsReference" = false, "IsDemo" = @IsDemo,
              "ContentHash" = @ContentHash, "SourcePath" = @SourcePath, "SourceLength" = @SourceLength,
              "SourceRelativePath" = @SourceRelativePath, "UpdatedAt" = @UpdatedAt
            WHERE "Id" = @Id
            """);
        var ps = cmd.Parameters;
        ps.AddWithValue("Id", r.Id);
        ps.AddWithValue("Url", r.Url);
        Text(ps, "WebUrl", r.WebUrl);
        Text(ps, "OriginalUrl", r.OriginalUrl);
        Text(ps, "Title", r.Title);
        Text(ps, "TitleKey", r.TitleKey);
        Text(ps, "Excerpt", r.Excerpt);
        Text(ps, "Category", r.Category);
        Text(ps, "Type", r.Type);
        ps.Add(new NpgsqlParameter("PublishedAt", NpgsqlDbType.Timestamp) { Value = (object?)Unzoned(r.PublishedAt) ?? DBNull.Value });
        ps.Add(new NpgsqlParameter("Quality", NpgsqlDbType.Integer) { Value = (object?)r.Quality ?? DBNull.Value });
        ps.Add(new NpgsqlParameter("Heat", NpgsqlDbType.Integer) { Value = (object?)r.Heat ?? DBNull.Value });
        ps.Add(new NpgsqlParameter("Published", NpgsqlDbType.Boolean) { Value = (object?)r.Published ?? DBNull.Value });
        Text(ps, "Secured", r.Secured);
        Text(ps, "ExtraJson", r.ExtraJson);
        ps.AddWithValue("ProviderId", r.ProviderId);
        ps.AddWithValue("IsDemo", r.IsDemo);
        Text(ps, "ContentHash", r.ContentHash);
        Text(ps, "SourcePath", r.SourcePath);
        ps.Add(new NpgsqlParameter("SourceLength", NpgsqlDbType.Bigint) { Value = (object?)r.SourceLength ?? DBNull.Value });
        Text(ps, "SourceRelativePath", r.SourceRelativePath);
        ps.Add(new NpgsqlParameter("UpdatedAt", NpgsqlDbType.Timestamp) { Value = Unzoned(r.UpdatedAt)!.Value });
        cmd.ExecuteNonQuery();
    }

    /// <summary>As when SQLite's writer drops a link on a re-import: a reference lives only while something names it.</summary>
    private void DeleteIfOrphanReference(int id)
    {
        using var cmd = Command("""
            WITH gone AS (
              DELETE FROM "Articles" WHERE "Id" = @id AND "IsReference"
                AND NOT EXISTS (SELECT 1 FROM "RelatedLinks" WHERE "TargetArticleId" = @id) RETURNING "Id")
            SELECT u."Url" FROM gone LEFT JOIN "ArticleUrls" u ON u."ArticleId" = gone."Id"
            """);
        cmd.Parameters.AddWithValue("id", id);
        using var r = cmd.ExecuteReader();
        while (r.Read()) // a row only when the reference went: forget it and its URLs (their rows went with it)
        {
            _known.Remove(id);
            if (!r.IsDBNull(0))
                _urls.Remove(r.GetString(0));
        }
    }

    private void AddRelated(int articleId, int position, RelatedEntry r, PreparedRelated prepared, bool demo, DateTime now)
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
                    _buffer.Fills.Add((found.Id, r, providerId, demo));
            }
            else
            {
                targetId = _nextId++;
                Track(targetId.Value, ImportChange.Added);
                _pending.Add(targetId.Value, new PendingReference(keys[0], r, providerId, demo, now));
                _known[targetId.Value] = new Known(IsReference: true, null);
            }
            AddUrls(keys, targetId.Value, target?.Key);
            _touched.Add(targetId.Value);
        }
        _buffer.Related.Add(new RelatedRow(articleId, position, targetId, r, prepared.ImagesJson));
    }

    /// <param name="found">The key <see cref="Find"/> matched, if any: it is stored already.</param>
    private void AddUrls(IReadOnlyList<string> keys, int articleId, int? found)
    {
        for (var i = 0; i < keys.Count; i++)
            if (i != found && _urls.TryAdd(keys[i], articleId)) // a URL another article is known by stays that article's
                _buffer.Urls.Add((keys[i], articleId));
    }

    private Existing? Find(IReadOnlyList<string> keys)
    {
        for (var i = 0; i < keys.Count; i++)
            if (_urls.TryGetValue(keys[i], out var id))
            {
                var known = _known[id];
                return new Existing(id, known.IsReference, known.ContentHash, i);
            }
        return null;
    }

    private void Track(int articleId, ImportChange change)
    {
        // The first change of a run wins (within the batch here; across batches ON CONFLICT DO NOTHING).
        if (_runId is not null && _tracked.TryAdd(articleId, change))
            _buffer.Tracks.Add((articleId, change));
    }

    /// <summary>Sends every buffered row: the batch's references, then articles, their URLs and children, fills and the run's list.</summary>
    private void Flush()
    {
        WaitSent();
        foreach (var id in _pending.Keys.Order().ToList())
        {
            var r = _pending[id];
            _buffer.Articles.Add(r.ToRow(id));
            for (var i = 0; i < r.Images.Count; i++)
                _buffer.Images.Add((id, i, r.Images[i]));
        }
        _pending.Clear();
        Send(_buffer);
    }

    /// <summary>Articles buffered before the batch's rows are sent ahead: the server inserts them while the importer parses on.</summary>
    public const int SendAheadArticles = 2_000;

    /// <summary>
    /// Sends what is buffered on a thread of its own, except what names a reference still pending (its row is written
    /// at the batch's end, or if its own file comes, as the article): those wait in the buffer.
    /// </summary>
    private void SendAhead()
    {
        WaitSent();
        var rows = _buffer;
        _buffer = new Rows();
        // What names a pending reference waits: the reference's row is not there yet.
        _buffer.Urls.AddRange(rows.Urls.Where(u => _pending.ContainsKey(u.ArticleId)));
        rows.Urls.RemoveAll(u => _pending.ContainsKey(u.ArticleId));
        _buffer.Related.AddRange(rows.Related.Where(l => l.TargetId is { } t && _pending.ContainsKey(t)));
        rows.Related.RemoveAll(l => l.TargetId is { } t && _pending.ContainsKey(t));
        _sending = Task.Run(() => Send(rows));
    }

    /// <summary>Waits for rows sent ahead; their failure fails the batch (it is no single file's).</summary>
    private void WaitSent()
    {
        if (_sending is not { } sending)
            return;
        _sending = null;
        try
        {
            sending.GetAwaiter().GetResult();
        }
        catch (System.Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            throw new BatchRowsException(e);
        }
    }

    /// <summary>Waits for rows sent ahead of a batch that is taken back anyway: whether they were stored no longer matters.</summary>
    private void StopSending()
    {
        try
        {
            WaitSent();
        }
        catch (BatchRowsException)
        {
        }
    }

    /// <summary>Rows sent ahead could not be stored: the batch fails, with the server's reason.</summary>
    private sealed class BatchRowsException(System.Exception inner)
        : System.Exception($"rows buffered for this batch could not be stored: {inner.Message}", inner);

    /// <summary>
    /// Sends <paramref name="rows"/>: without the foreign keys' row triggers when the role may (<see cref="ChecksParentsItself"/>),
    /// then their parents checked at once; otherwise as any INSERT.
    /// </summary>
    private void Send(Rows rows)
    {
        if (!_checksParentsItself)
        {
            SendRows(rows);
            return;
        }
        var parents = ParentsOf(rows, _runId);
        Run("SET LOCAL session_replication_role = replica");
        SendRows(rows);
        CheckParents(_connection, _transaction, parents);
        Run("SET LOCAL session_replication_role = origin");
    }

    /// <summary>
    /// Whether the role may set <c>session_replication_role</c> (a superuser, or <c>GRANT SET ON PARAMETER
    /// session_replication_role</c>, PostgreSQL 15 on). COPY then skips the row triggers that check each row's foreign
    /// keys (one query per row and key: 1.3 million for 100,000 articles, some 40% of the server's COPY time), and
    /// <see cref="CheckParents"/> checks the parents the rows name once per send. The change feed's triggers still fire
    /// (PostgresChangeFeed.TriggersV3); constraints, indexes and the generated search column are kept as always.
    /// </summary>
    internal static bool ChecksParentsItself(NpgsqlConnection connection)
    {
        using var version = new NpgsqlCommand("SELECT current_setting('server_version_num')::int", connection);
        var sql = (int)version.ExecuteScalar()! >= 150000
            ? "SELECT has_parameter_privilege('session_replication_role', 'SET')"
            : "SELECT rolsuper FROM pg_roles WHERE rolname = current_user";
        using var allowed = new NpgsqlCommand(sql, connection);
        return allowed.ExecuteScalar() is true;
    }

    /// <summary>The parents that rows name through a foreign key, except the articles the same rows create.</summary>
    internal sealed class Parents
    {
        public HashSet<int> Articles { get; } = [];
        public HashSet<int> Topics { get; } = [];
        public HashSet<int> Providers { get; } = [];
        public HashSet<int> Runs { get; } = [];
    }

    private static Parents ParentsOf(Rows rows, int? runId)
    {
        var parents = new Parents();
        foreach (var r in rows.Articles)
            parents.Providers.Add(r.ProviderId);
        foreach (var (_, articleId) in rows.Urls)
            parents.Articles.Add(articleId);
        foreach (var (articleId, topicId, _) in rows.Topics)
        {
            parents.Articles.Add(articleId);
            parents.Topics.Add(topicId);
        }
        foreach (var (articleId, _, _) in rows.Images)
            parents.Articles.Add(articleId);
        foreach (var l in rows.Related)
        {
            parents.Articles.Add(l.ArticleId);
            if (l.TargetId is { } target)
                parents.Articles.Add(target);
        }
        foreach (var (_, _, providerId, _) in rows.Fills)
            parents.Providers.Add(providerId);
        if (rows.Tracks.Count > 0 && runId is { } run)
            parents.Runs.Add(run);
        // Rows created in this transaction exist once their COPY succeeded, and no one else sees them to delete them.
        foreach (var r in rows.Articles)
            parents.Articles.Remove(r.Id);
        return parents;
    }

    /// <summary>
    /// What the foreign keys' row triggers would have checked, per parent table in one statement: every parent the rows
    /// name exists, and it stays until the commit (<c>FOR KEY SHARE</c>, as those triggers lock it). A missing one fails
    /// the batch as a foreign-key violation would, naming the table and the ids.
    /// </summary>
    internal static void CheckParents(NpgsqlConnection connection, NpgsqlTransaction? transaction, Parents parents)
    {
        (string Table, HashSet<int> Ids)[] tables =
            [("Articles", parents.Articles), ("Topics", parents.Topics), ("Providers", parents.Providers), ("ImportRuns", parents.Runs)];
        foreach (var (table, ids) in tables)
        {
            if (ids.Count == 0)
                continue;
            using var check = new NpgsqlCommand($"""
                WITH held AS (SELECT "Id" FROM "{table}" WHERE "Id" = ANY(@ids) FOR KEY SHARE)
                SELECT i FROM unnest(@ids) i EXCEPT SELECT "Id" FROM held
                """, connection, transaction);
            check.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = ids.ToArray() });
            var missing = new List<int>();
            using (var reader = check.ExecuteReader())
                while (reader.Read())
                    missing.Add(reader.GetInt32(0));
            if (missing.Count > 0)
                throw new PostgresException(
                    $"rows name {missing.Count:N0} {table} that the store does not hold (id {string.Join(", ", missing.Order().Take(10))})",
                    "ERROR", "ERROR", PostgresErrorCodes.ForeignKeyViolation);
        }
    }

    /// <summary>Sends <paramref name="rows"/> by COPY, parents before children; the reference fills and the run's list through temporary tables.</summary>
    private void SendRows(Rows rows)
    {
        if (rows.Articles.Count > 0)
        {
            using var copy = _connection.BeginBinaryImport($"COPY \"Articles\" ({ArticleColumns}) FROM STDIN (FORMAT BINARY)");
            foreach (var r in rows.Articles)
            {
                copy.StartRow();
                copy.Write(r.Id, NpgsqlDbType.Integer);
                copy.Write(r.Url, NpgsqlDbType.Text);
                Write(copy, r.WebUrl);
                Write(copy, r.OriginalUrl);
                Write(copy, r.AmpWebUrl);
                Write(copy, r.CdnAmpWebUrl);
                Write(copy, r.Title);
                Write(copy, r.TitleKey);
                Write(copy, r.Excerpt);
                Write(copy, r.Category);
                Write(copy, r.Type);
                Write(copy, r.PublishedAt);
                Write(copy, r.Quality);
                Write(copy, r.Heat);
                if (r.Published is { } published) copy.Write(published, NpgsqlDbType.Boolean); else copy.WriteNull();
                Write(copy, r.Secured);
                Write(copy, r.ExtraJson);
                copy.Write(r.ProviderId, NpgsqlDbType.Integer);
                copy.Write(r.IsReference, NpgsqlDbType.Boolean);
                copy.Write(r.IsDemo, NpgsqlDbType.Boolean);
                Write(copy, r.ContentHash);
                Write(copy, r.SourcePath);
                if (r.SourceLength is { } length) copy.Write(length, NpgsqlDbType.Bigint); else copy.WriteNull();
                Write(copy, r.SourceRelativePath);
                Write(copy, r.ImportedAt);
                Write(copy, r.UpdatedAt);
            }
            copy.Complete();
            rows.Articles.Clear();
        }
        if (rows.Urls.Count > 0)
        {
            using var copy = _connection.BeginBinaryImport("COPY \"ArticleUrls\" (\"Url\", \"ArticleId\") FROM STDIN (FORMAT BINARY)");
            foreach (var (url, id) in rows.Urls)
            {
                copy.StartRow();
                copy.Write(url, NpgsqlDbType.Text);
                copy.Write(id, NpgsqlDbType.Integer);
            }
            copy.Complete();
            rows.Urls.Clear();
        }
        if (rows.Topics.Count > 0)
        {
            using var copy = _connection.BeginBinaryImport("COPY \"ArticleTopics\" (\"ArticleId\", \"TopicId\", \"Position\") FROM STDIN (FORMAT BINARY)");
            foreach (var (article, topic, position) in rows.Topics)
            {
                copy.StartRow();
                copy.Write(article, NpgsqlDbType.Integer);
                copy.Write(topic, NpgsqlDbType.Integer);
                copy.Write(position, NpgsqlDbType.Integer);
            }
            copy.Complete();
            rows.Topics.Clear();
        }
        if (rows.Images.Count > 0)
        {
            using var copy = _connection.BeginBinaryImport(
                "COPY \"ArticleImages\" (\"ArticleId\", \"Position\", \"Url\", \"Width\", \"Height\", \"IsCached\") FROM STDIN (FORMAT BINARY)");
            foreach (var (article, position, image) in rows.Images)
            {
                copy.StartRow();
                copy.Write(article, NpgsqlDbType.Integer);
                copy.Write(position, NpgsqlDbType.Integer);
                Write(copy, image.Url);
                Write(copy, image.Width);
                Write(copy, image.Height);
                if (image.IsCached is { } cached) copy.Write(cached, NpgsqlDbType.Boolean); else copy.WriteNull();
            }
            copy.Complete();
            rows.Images.Clear();
        }
        if (rows.Related.Count > 0)
        {
            using var copy = _connection.BeginBinaryImport("""
                COPY "RelatedLinks" ("ArticleId", "Position", "TargetArticleId", "Title", "Excerpt", "PublishedAt", "WebUrl", "AmpWebUrl",
                  "CdnAmpWebUrl", "Type", "ProviderName", "ProviderDomain", "Quality", "ImagesJson", "ExtraJson") FROM STDIN (FORMAT BINARY)
                """);
            foreach (var l in rows.Related)
            {
                var r = l.Entry;
                copy.StartRow();
                copy.Write(l.ArticleId, NpgsqlDbType.Integer);
                copy.Write(l.Position, NpgsqlDbType.Integer);
                Write(copy, l.TargetId);
                Write(copy, r.Title);
                Write(copy, r.Excerpt);
                Write(copy, r.PublishedAt);
                Write(copy, r.WebUrl);
                Write(copy, r.AmpWebUrl);
                Write(copy, r.CdnAmpWebUrl);
                Write(copy, r.Type);
                Write(copy, r.Provider?.Name);
                Write(copy, r.Provider?.Domain);
                Write(copy, r.Quality);
                Write(copy, l.ImagesJson);
                Write(copy, r.ExtraJson);
            }
            copy.Complete();
            rows.Related.Clear();
        }
        if (rows.Fills.Count > 0)
        {
            using (var copy = _connection.BeginBinaryImport("""
                COPY writer_fills ("Seq", "Id", "WebUrl", "AmpWebUrl", "CdnAmpWebUrl", "Title", "TitleKey", "Excerpt", "Type", "PublishedAt", "Quality",
                  "ProviderId", "IsDemo") FROM STDIN (FORMAT BINARY)
                """))
            {
                for (var seq = 0; seq < rows.Fills.Count; seq++)
                {
                    var (id, r, providerId, demo) = rows.Fills[seq];
                    copy.StartRow();
                    copy.Write(seq, NpgsqlDbType.Integer);
                    copy.Write(id, NpgsqlDbType.Integer);
                    Write(copy, r.WebUrl);
                    Write(copy, r.AmpWebUrl);
                    Write(copy, r.CdnAmpWebUrl);
                    Write(copy, r.Title);
                    Write(copy, TitleKeys.Of(r.Title));
                    Write(copy, r.Excerpt);
                    Write(copy, r.Type);
                    Write(copy, r.PublishedAt);
                    Write(copy, r.Quality);
                    copy.Write(providerId, NpgsqlDbType.Integer);
                    copy.Write(demo, NpgsqlDbType.Boolean);
                }
                copy.Complete();
            }
            // A reference only gains what it lacked, the first entry to describe it winning: per column, the
            // first value the batch's entries gave, in the order they came.
            Run("""
                UPDATE "Articles" a SET
                  "WebUrl" = COALESCE(a."WebUrl", f."WebUrl"), "AmpWebUrl" = COALESCE(a."AmpWebUrl", f."AmpWebUrl"),
                  "CdnAmpWebUrl" = COALESCE(a."CdnAmpWebUrl", f."CdnAmpWebUrl"), "Title" = COALESCE(a."Title", f."Title"),
                  "TitleKey" = CASE WHEN a."Title" IS NULL THEN f."TitleKey" ELSE a."TitleKey" END,
                  "Excerpt" = COALESCE(a."Excerpt", f."Excerpt"), "Type" = COALESCE(a."Type", f."Type"),
                  "PublishedAt" = COALESCE(a."PublishedAt", f."PublishedAt"), "Quality" = COALESCE(a."Quality", f."Quality"),
                  "ProviderId" = COALESCE(a."ProviderId", f."ProviderId"), "IsDemo" = a."IsDemo" AND f."IsDemo"
                FROM (SELECT "Id",
                        (array_agg("WebUrl" ORDER BY "Seq") FILTER (WHERE "WebUrl" IS NOT NULL))[1] AS "WebUrl",
                        (array_agg("AmpWebUrl" ORDER BY "Seq") FILTER (WHERE "AmpWebUrl" IS NOT NULL))[1] AS "AmpWebUrl",
                        (array_agg("CdnAmpWebUrl" ORDER BY "Seq") FILTER (WHERE "CdnAmpWebUrl" IS NOT NULL))[1] AS "CdnAmpWebUrl",
                        (array_agg("Title" ORDER BY "Seq") FILTER (WHERE "Title" IS NOT NULL))[1] AS "Title",
                        (array_agg("TitleKey" ORDER BY "Seq") FILTER (WHERE "Title" IS NOT NULL))[1] AS "TitleKey",
                        (array_agg("Excerpt" ORDER BY "Seq") FILTER (WHERE "Excerpt" IS NOT NULL))[1] AS "Excerpt",
                        (array_agg("Type" ORDER BY "Seq") FILTER (WHERE "Type" IS NOT NULL))[1] AS "Type",
                        (array_agg("PublishedAt" ORDER BY "Seq") FILTER (WHERE "PublishedAt" IS NOT NULL))[1] AS "PublishedAt",
                        (array_agg("Quality" ORDER BY "Seq") FILTER (WHERE "Quality" IS NOT NULL))[1] AS "Quality",
                        (array_agg("ProviderId" ORDER BY "Seq"))[1] AS "ProviderId",
                        bool_and("IsDemo") AS "IsDemo"
                      FROM writer_fills GROUP BY "Id") f
                WHERE a."Id" = f."Id" AND a."IsReference";
                TRUNCATE writer_fills;
                """);
            rows.Fills.Clear();
        }
        if (rows.Tracks.Count > 0)
        {
            using (var copy = _connection.BeginBinaryImport("COPY writer_tracks (\"ArticleId\", \"Change\") FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var (id, change) in rows.Tracks)
                {
                    copy.StartRow();
                    copy.Write(id, NpgsqlDbType.Integer);
                    copy.Write((int)change, NpgsqlDbType.Integer);
                }
                copy.Complete();
            }
            Run($"""
                INSERT INTO "ImportRunArticles" ("RunId", "ArticleId", "Change") SELECT {_runId}, "ArticleId", "Change" FROM writer_tracks
                ON CONFLICT DO NOTHING;
                TRUNCATE writer_tracks;
                """);
            rows.Tracks.Clear();
        }
    }

    public int RemoveDemo()
    {
        StageRemoval(null);
        Execute($"INSERT INTO {RemovalTable} (\"Id\") SELECT \"Id\" FROM \"Articles\" WHERE \"IsDemo\"");
        var (removed, _) = Remove();
        return removed;
    }

    public (int Removed, IReadOnlyList<int> KeptAsReferences) RemoveArticles(IEnumerable<int> ids)
    {
        StageRemoval(ids);
        return Remove();
    }

    /// <summary>The temporary table that holds the ids a removal takes out (<see cref="StageRemoval(NpgsqlConnection, IEnumerable{int}?)"/>).</summary>
    internal const string RemovalTable = "articles_to_remove";

    /// <summary>Of the staged ids, those an article that stays links to: a removal keeps them as references.</summary>
    internal const string LinkedFromOutsideSql = $"""
        SELECT r."Id" FROM {RemovalTable} r WHERE EXISTS (
          SELECT 1 FROM "RelatedLinks" l WHERE l."TargetArticleId" = r."Id" AND l."ArticleId" NOT IN (SELECT "Id" FROM {RemovalTable}))
        ORDER BY r."Id"
        """;

    /// <summary>Fills the removal table with <paramref name="ids"/> (empty when null), in the connection's own temporary schema.</summary>
    internal static void StageRemoval(NpgsqlConnection connection, IEnumerable<int>? ids)
    {
        using var cmd = new NpgsqlCommand(
            $"CREATE TEMP TABLE IF NOT EXISTS {RemovalTable} (\"Id\" integer PRIMARY KEY); DELETE FROM {RemovalTable};", connection);
        cmd.ExecuteNonQuery();
        if (ids is null)
            return;
        using var insert = new NpgsqlCommand($"INSERT INTO {RemovalTable} (\"Id\") SELECT DISTINCT unnest(@ids)", connection);
        insert.Parameters.AddWithValue("ids", ids.ToArray());
        insert.ExecuteNonQuery();
    }

    private void StageRemoval(IEnumerable<int>? ids)
    {
        if (_transaction is null)
            throw new InvalidOperationException("A removal runs inside a batch (BeginBatch).");
        Flush();
        StageRemoval(_connection, ids);
    }

    /// <summary>As SQLite's writer removes (SqliteArticleWriter.Remove): one linked from outside stays, as the reference the writer would have made.</summary>
    private (int Removed, IReadOnlyList<int> KeptAsReferences) Remove()
    {
        _touchedEverything = true;
        var kept = new List<int>();
        using (var find = Command(LinkedFromOutsideSql))
        using (var reader = find.ExecuteReader())
            while (reader.Read())
                kept.Add(reader.GetInt32(0));
        if (kept.Count > 0)
        {
            using var demote = Command($"""
                DELETE FROM "ArticleTopics" WHERE "ArticleId" = ANY(@ids);
                DELETE FROM "RelatedLinks" WHERE "ArticleId" = ANY(@ids);
                UPDATE "Articles" SET "IsReference" = true, "IsDemo" = false, {string.Join(", ", ArticleRow.ColumnsOnlyAFileGives.Select(c => $"\"{c}\" = NULL"))},
                  "UpdatedAt" = "ImportedAt" WHERE "Id" = ANY(@ids);
                DELETE FROM {RemovalTable} WHERE "Id" = ANY(@ids);
                """);
            demote.Parameters.AddWithValue("ids", kept.ToArray());
            demote.ExecuteNonQuery();
        }
        var removed = Execute($"DELETE FROM \"Articles\" WHERE \"Id\" IN (SELECT \"Id\" FROM {RemovalTable})");
        removed += Execute("""
            DELETE FROM "Articles" a WHERE a."IsReference" AND NOT EXISTS (SELECT 1 FROM "RelatedLinks" l WHERE l."TargetArticleId" = a."Id")
            """);
        Execute("""DELETE FROM "Providers" p WHERE NOT EXISTS (SELECT 1 FROM "Articles" a WHERE a."ProviderId" = p."Id")""");
        Execute("""DELETE FROM "Topics" t WHERE NOT EXISTS (SELECT 1 FROM "ArticleTopics" at WHERE at."TopicId" = t."Id")""");
        Execute($"DELETE FROM {RemovalTable}");
        Forget(); // rows went that the writer knew: ask the store again for the rest of the batch
        return (removed, kept);
    }

    /// <summary>Constraint and data errors concern one file; a lost connection, a full disk or a broken server stop the run.</summary>
    public bool IsFileError(Exception error) => error switch
    {
        StorableText.Exception => true,
        PostgresException e => e.SqlState[..2] is not ("08" or "53" or "57" or "58" or "XX" or "40"),
        _ => false,
    };

    public void Dispose()
    {
        StopSending();
        _transaction?.Dispose();
        _transaction = null;
    }

    /// <summary>Drops what the writer knew of the store (another writer changed it, or a batch was taken back).</summary>
    private void Forget()
    {
        _urls.Clear();
        _known.Clear();
        _allUrlsKnown = false;
        _providerIds.Clear();
        _providersNamedByArticle.Clear();
        _topicIds.Clear();
        _namesLoaded = false;
    }

    private void ClearBuffers()
    {
        _pending.Clear();
        _buffer = new Rows();
    }

    /// <summary>Stored URLs with their article's state: all of them (<paramref name="urls"/> null), or those given.</summary>
    private void LoadUrls(string[]? urls)
    {
        if (urls is { Length: 0 })
            return;
        using var cmd = Command($"""
            SELECT u."Url", u."ArticleId", a."IsReference", a."ContentHash" FROM "ArticleUrls" u JOIN "Articles" a ON a."Id" = u."ArticleId"
            {(urls is null ? "" : "WHERE u.\"Url\" = ANY(@urls)")}
            """);
        if (urls is not null)
            cmd.Parameters.AddWithValue("urls", urls);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var id = r.GetInt32(1);
            _urls[r.GetString(0)] = id;
            _known[id] = new Known(r.GetBoolean(2), r.IsDBNull(3) ? null : r.GetString(3));
        }
    }

    private void LoadNames()
    {
        using (var cmd = Command("SELECT \"Domain\", \"Id\", \"NamedByArticle\" FROM \"Providers\""))
        using (var r = cmd.ExecuteReader())
            while (r.Read())
            {
                _providerIds[r.GetString(0)] = r.GetInt32(1);
                if (r.GetBoolean(2))
                    _providersNamedByArticle.Add(r.GetString(0));
            }
        using (var cmd = Command("SELECT \"Key\", \"Id\" FROM \"Topics\""))
        using (var r = cmd.ExecuteReader())
            while (r.Read())
                _topicIds[r.GetString(0)] = r.GetInt32(1);
        _namesLoaded = true;
    }

    /// <summary>Providers are keyed by domain; the name an article's own file gives wins over one from a related list.</summary>
    private int ProviderId(ProviderInfo? provider, string domain, bool ownFile)
    {
        var name = provider?.Name is { Length: > 0 } n ? n : null;
        var id = CachedId(_providerIds, domain, name ?? domain,
            """SELECT "Id" FROM "Providers" WHERE "Domain" = @key""",
            """INSERT INTO "Providers" ("Domain", "Name", "NamedByArticle") VALUES (@key, @name, false) RETURNING "Id" """);
        if (ownFile && name is not null && !_providersNamedByArticle.Contains(domain))
        {
            using var cmd = Command("""UPDATE "Providers" SET "Name" = @name, "NamedByArticle" = true WHERE "Id" = @id AND NOT "NamedByArticle" """);
            cmd.Parameters.AddWithValue("id", id);
            cmd.Parameters.AddWithValue("name", name);
            cmd.ExecuteNonQuery();
            _providersNamedByArticle.Add(domain);
        }
        return id;
    }

    private int TopicId(string topic) => CachedId(_topicIds, Topic.KeyOf(topic), topic,
        """SELECT "Id" FROM "Topics" WHERE "Key" = @key""",
        """INSERT INTO "Topics" ("Key", "Name") VALUES (@key, @name) RETURNING "Id" """);

    private int CachedId(Dictionary<string, int> cache, string key, string name, string findSql, string insertSql)
    {
        if (cache.TryGetValue(key, out var id))
            return id;
        if (!_namesLoaded)
        {
            using var find = Command(findSql);
            find.Parameters.AddWithValue("key", key);
            if (find.ExecuteScalar() is int found)
                return cache[key] = found;
        }
        using var insert = Command(insertSql);
        insert.Parameters.AddWithValue("key", key);
        insert.Parameters.AddWithValue("name", name);
        return cache[key] = (int)insert.ExecuteScalar()!;
    }

    private NpgsqlCommand Command(string sql)
    {
        WaitSent();
        return new(sql, _connection, _transaction);
    }

    /// <summary>For <see cref="Send"/>, which may run while the writer waits for it: no wait.</summary>
    private void Run(string sql)
    {
        using var cmd = new NpgsqlCommand(sql, _connection, _transaction);
        cmd.ExecuteNonQuery();
    }

    private int Execute(string sql)
    {
        using var cmd = Command(sql);
        return cmd.ExecuteNonQuery();
    }

    private T? Scalar<T>(string sql)
    {
        using var cmd = Command(sql);
        return cmd.ExecuteScalar() is T value ? value : default;
    }

    private static void Text(NpgsqlParameterCollection ps, string name, string? value) =>
        ps.Add(new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value });

    /// <summary>As the EF model stores a moment: <c>timestamp without time zone</c>, the Kind dropped (PostgresModelCustomizer).</summary>
    private static DateTime? Unzoned(DateTime? value) => value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Unspecified) : null;

    private static void Write(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null) copy.WriteNull(); else copy.Write(value, NpgsqlDbType.Text);
    }

    private static void Write(NpgsqlBinaryImporter copy, int? value)
    {
        if (value is { } v) copy.Write(v, NpgsqlDbType.Integer); else copy.WriteNull();
    }

    private static void Write(NpgsqlBinaryImporter copy, DateTime? value)
    {
        if (Unzoned(value) is { } v) copy.Write(v, NpgsqlDbType.Timestamp); else copy.WriteNull();
    }

    private readonly record struct Known(bool IsReference, string? ContentHash);

    /// <summary>Rows not sent yet, in the order they came.</summary>
    private sealed class Rows
    {
        public List<ArticleRow> Articles { get; } = [];
        public List<(string Url, int ArticleId)> Urls { get; } = [];
        public List<(int ArticleId, int TopicId, int Position)> Topics { get; } = [];
        public List<(int ArticleId, int Position, ImageInfo Image)> Images { get; } = [];
        public List<RelatedRow> Related { get; } = [];
        public List<(int Id, RelatedEntry Entry, int ProviderId, bool Demo)> Fills { get; } = [];
        public List<(int ArticleId, ImportChange Change)> Tracks { get; } = [];
    }

    /// <param name="Key">Which of the keys looked up found it.</param>
    private readonly record struct Existing(int Id, bool IsReference, string? ContentHash, int Key);

    private sealed record RelatedRow(int ArticleId, int Position, int? TargetId, RelatedEntry Entry, string? ImagesJson);
}
