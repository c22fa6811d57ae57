using System.Diagnostics;
using System.Globalization;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Syndication;

/// <summary>
/// What one detection pass did, and where its time went: reading the changed articles, finding their copies (of which
/// asking the store for the entries under their keys and the candidates' texts: <paramref name="Load"/>), recording
/// the groups and entries. <paramref name="Backfilled"/>: articles checked before the index was kept in the store, filed
/// under their keys by this pass; <paramref name="TextsRead"/>: article texts read, those included.
/// </summary>
public sealed record SyndicationPass(int Checked, int Matches, int Groups, int Copies, int Backfilled, TimeSpan Duration,
    TimeSpan Read = default, TimeSpan Detect = default, TimeSpan Load = default, TimeSpan Record = default, int TextsRead = 0);

/// <summary>
/// How far copy detection has got with the articles written since its last finished pass: the pass at work
/// (<paramref name="Running"/>) has checked <paramref name="Checked"/> of them and <paramref name="Unchecked"/> are
/// still to check (their copies are not in the groups yet). A first pass over ten million articles takes hours.
/// </summary>
public sealed record CopyDetectionProgress(int Checked, int Unchecked, bool Running)
{
    public static readonly CopyDetectionProgress Done = new(0, 0, false);

    public bool Finished => Unchecked == 0;
}

/// <summary>
/// Keeps the copy groups (<see cref="CopyGroups"/>) current. The groups live in the store (CopyGroups,
/// CopyGroupMembers), so they are there at once after a restart, and so does the LSH index they are found with
/// (CopyKeys, see <see cref="CopyDetector"/>): nothing is built at start and nothing but one batch is held in memory. A
/// pass (<see cref="UpdateAsync"/>, run off the request path by the host's worker after each commit) reads only the
/// articles written since the last pass (by <c>UpdatedAt</c>, which is indexed), checks them against the index of
/// everything before, and records their groups, their index entries and how far it got in one transaction.
/// </summary>
/// <remarks>
/// A database whose articles were checked before the index was stored (the watermark set, <c>Syndication.KeysThrough</c>
/// not yet <c>all</c>) has them filed first, once: a batch at a time in id order, each batch's entries with the last id
/// done in one transaction, so an interrupted backfill carries on where it stopped.
/// </remarks>
public sealed class SyndicationService(IDbContextFactory<NewsDbContext> dbFactory, SyndicationSettings settings, TimeProvider clock, UserActivity? users = null)
{
    internal const string ThroughKey = "Syndication.Through";

    /// <summary>The last article id the backfill filed, or <see cref="AllFiled"/>.</summary>
    internal const string KeysThroughKey = "Syndication.KeysThrough";

    internal const string AllFiled = "all";

    private readonly SemaphoreSlim _gate = new(1, 1);
    // Apart from the pass's gate: a page never waits for a pass (one may be a long backfill).
    private readonly SemaphoreSlim _loadGate = new(1, 1);
    private readonly CopyDetector _detector = new(settings);
    private int _memberRows = -1; // CopyGroupMembers rows when the groups were last read
    private volatile CopyGroups? _groups;
    private volatile CopyDetectionProgress? _progress;
    private int _toldUnfinished; // 1 once Progress said detection hasn't finished: the pass's end must reach the pages

    /// <summary>Articles checked (or filed) per transaction.</summary>
    internal int BatchSize { get; init; } = 10_000;

    /// <summary>After each batch the backfill committed, with the last id it filed.</summary>
    internal event Action<int>? BackfillCommitted;

    /// <summary>After each batch a pass checked and recorded.</summary>
    internal event Action? BatchRecorded;

    public SyndicationSettings Settings => settings;

    /// <summary>The groups at hand, without reading the store: null before the first <see cref="GetAsync"/> or pass.</summary>
    public CopyGroups? Current => _groups;

    private long _version;
    private long _batches;

    /// <summary>
    /// How many passes recorded new groups in this process, or ended after <see cref="Progress"/> said they hadn't:
    /// what watches for new data compares it without loading the groups.
    /// </summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>How many batches passes have recorded in this process: what watches <see cref="Progress"/> move compares.</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>
    /// How far detection has got, as the groups' reader should be told: null before the groups were first read or a
    /// pass began. A pass of one batch (every pass after a routine commit) counts as finished: it ends in a moment.
    /// </summary>
    public CopyDetectionProgress? Progress
    {
        get
        {
            var progress = _progress;
            if (progress is { Running: true } && progress.Checked + progress.Unchecked <= BatchSize)
                return CopyDetectionProgress.Done;
            if (progress is { Finished: false })
                Volatile.Write(ref _toldUnfinished, 1);
            return progress;
        }
    }

    /// <summary>
    /// <see cref="Progress"/> as an answer reports it: finished before the groups were first read. Until it is finished
    /// the groups lack the copies among the articles still to check, so a share of originals would count them as originals.
    /// </summary>
    public CopyDetectionProgress Detection => Progress ?? CopyDetectionProgress.Done;

    /// <summary>The groups as last recorded (read from the store on first use), and how many articles are still to check.</summary>
    public async Task<CopyGroups> GetAsync(CancellationToken ct = default)
    {
        if (_groups is { } groups)
            return groups;
        await _loadGate.WaitAsync(ct);
        try
        {
            if (_groups is { } loaded)
                return loaded;
            var read = await LoadGroupsAsync(ct);
            if (_progress is null)
                Interlocked.CompareExchange(ref _progress, new CopyDetectionProgress(0, await CountUncheckedAsync(ct), false), null);
            // A pass may have recorded newer groups meanwhile: they win.
            return Interlocked.CompareExchange(ref _groups, read, null) ?? read;
        }
        finally
        {
            _loadGate.Release();
        }
    }

    /// <summary>
    /// The next pass is held back (this instance is importing: <c>SyndicationWorker</c>): counts the articles written
    /// since the last pass, so that answers say they aren't checked yet rather than that detection has finished. A
    /// batch's worth or fewer counts as none, as a pass of one batch does: the pass after the import checks them in a
    /// moment. Nothing while a pass runs.
    /// </summary>
    public async Task NoteWaitingAsync(CancellationToken ct = default)
    {
        if (!await _gate.WaitAsync(0, ct))
            return;
        try
        {
            var waiting = await CountUncheckedAsync(ct);
            if (waiting > BatchSize)
                _progress = new CopyDetectionProgress(0, waiting, false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Checks every article written since the last pass and records the groups they join. One pass at a time.</summary>
    public async Task<SyndicationPass> UpdateAsync(CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        await _gate.WaitAsync(ct);
        try
        {
            var store = new StoredCopyKeys(dbFactory);
            var (through, keysThrough) = await ReadMarksAsync(ct);
            var backfilled = keysThrough == AllFiled ? 0 : await BackfillAsync(through, keysThrough, store, ct);
            var backlog = await CountChangedAsync(through, ct);
            _progress = new CopyDetectionProgress(0, backlog, backlog > 0);
            int checkedArticles = 0, matches = 0;
            TimeSpan read = default, detect = default, record = default;
            while (true)
            {
                await Yield(ct);
                var phase = Stopwatch.StartNew();
                var batch = await ReadChangedAsync(through, store, ct);
                read += phase.Elapsed;
                if (batch.Count == 0)
                    break;
                phase.Restart();
                var found = await _detector.CheckAsync(batch.Select(b => b.Article).ToList(), store, ct: ct);
                detect += phase.Elapsed;
                through = (batch[^1].UpdatedAt, batch[^1].Article.Id);
                phase.Restart();
                await RecordAsync(batch.Select(b => b.Article.Id).ToList(), found, through, ct);
                record += phase.Elapsed;
                checkedArticles += batch.Count;
                matches += found.Matches.Count;
                _progress = new CopyDetectionProgress(checkedArticles, Math.Max(backlog - checkedArticles, 0), true);
                Interlocked.Increment(ref _batches);
                BatchRecorded?.Invoke();
            }
            // Read again even when nothing was checked if a member row went: a removed article (an undo, demo remove)
            // leaves its group. A demoted one was checked again, as a reference.
            var memberRows = await CountMembersAsync(ct);
            if (checkedArticles == 0 && _groups is not null && memberRows == _memberRows)
            {
                Finish(newGroups: false);
                return new SyndicationPass(0, 0, _groups.Groups.Count, _groups.CopyCount, backfilled, watch.Elapsed, read, TextsRead: store.TextsRead);
            }
            await Yield(ct);
            var groups = await LoadGroupsAsync(ct);
            _memberRows = memberRows;
            // New groups make a new DataState: answers kept per state (counts with copies once, the story graph, the
            // leaderboard) are made again over the same snapshot, which needs no reload.
            var kept = _groups;
            var newGroups = kept is null || !groups.SameAs(kept);
            if (newGroups)
                _groups = kept = groups;
            Finish(newGroups);
            return new SyndicationPass(checkedArticles, matches, kept!.Groups.Count, kept.CopyCount, backfilled, watch.Elapsed,
                read, detect, store.Load, record, store.TextsRead);
        }
        finally
        {
            // A pass cut short (the store unreachable, the app stopping) leaves what it didn't check to the next one.
            if (_progress is { Running: true } progress)
                _progress = progress with { Running = false };
            _gate.Release();
        }
    }

    /// <summary>
    /// A pass is done: every article is checked. Open pages hear of new groups, and of the end of a pass they were told
    /// hadn't finished, even when it found nothing (the groups' answers, kept per <see cref="CopyGroups"/>, stay).
    /// </summary>
    private void Finish(bool newGroups)
    {
        _progress = CopyDetectionProgress.Done;
        if (Interlocked.Exchange(ref _toldUnfinished, 0) == 1 || newGroups)
            Interlocked.Increment(ref _version);
    }

    /// <summary>Between batches: users being answered go first (<see cref="UserActivity"/>).</summary>
    private Task Yield(CancellationToken ct) => users?.YieldAsync(ct) ?? Task.CompletedTask;

    /// <summary>Rows in the stored index (what the benchmark reports in place of an index in memory).</summary>
    public async Task<int> CountEntriesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CopyKeys.CountAsync(ct);
    }

    /// <summary>The watermark (the last article checked, by UpdatedAt then id) and how far the backfill got.</summary>
    private async Task<((DateTime UpdatedAt, int Id) Through, string? KeysThrough)> ReadMarksAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var marks = await db.Meta.AsNoTracking().Where(m => m.Key == ThroughKey || m.Key == KeysThroughKey).ToDictionaryAsync(m => m.Key, m => m.Value, ct);
        var through = (DateTime.MinValue, 0);
        if (marks.GetValueOrDefault(ThroughKey)?.Split(':') is [var ticks, var id]
            && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t)
            && int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var i))
            through = (new DateTime(t, DateTimeKind.Unspecified), i);
        return (through, marks.GetValueOrDefault(KeysThroughKey));
    }

    /// <summary>
    /// Files the articles checked before the index was kept in the store (those up to the watermark, past the last id
    /// filed), without looking for their copies again: their groups are recorded already. Returns how many it filed.
    /// </summary>
    private async Task<int> BackfillAsync((DateTime UpdatedAt, int Id) through, string? keysThrough, StoredCopyKeys store, CancellationToken ct)
    {
        var lastId = int.TryParse(keysThrough, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : 0;
        var filed = 0;
        while (through.UpdatedAt != DateTime.MinValue)
        {
            await Yield(ct);
            List<CopyCandidate> batch;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                var (at, id) = through;
                batch = await StoredCopyKeys.CandidatesAsync(db, db.Articles
                    .Where(a => a.Id > lastId && !a.IsReference && (a.UpdatedAt < at || (a.UpdatedAt == at && a.Id <= id)))
                    .OrderBy(a => a.Id).Take(BatchSize), ct);
                if (batch.Count == 0)
                    break;
                store.Read(batch.Count);
            }
            var check = await _detector.CheckAsync(batch, store, findCopies: false, ct);
            lastId = batch[^1].Id;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await StoredCopyKeys.InsertAsync(db, check.NewEntries, ct);
                await SetMetaAsync(db, KeysThroughKey, lastId.ToString(CultureInfo.InvariantCulture), ct);
                await tx.CommitAsync(ct);
            }
            filed += batch.Count;
            BackfillCommitted?.Invoke(lastId);
        }
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            await SetMetaAsync(db, KeysThroughKey, AllFiled, ct);
        return filed;
    }

    private static async Task SetMetaAsync(NewsDbContext db, string key, string value, CancellationToken ct)
    {
        if (await db.Meta.FirstOrDefaultAsync(m => m.Key == key, ct) is { } meta)
            db.Entry(meta).Property(m => m.Value).CurrentValue = value;
        else
            db.Meta.Add(new AppMeta { Key = key, Value = value });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The articles written after the watermark <paramref name="through"/>, in the order passes go through them. The first
    /// condition, implied by the second, lets the index on UpdatedAt start the scan at the watermark: without it
    /// PostgreSQL scanned from the oldest article and filtered, 15 s a batch at 10,000,000 articles 15% into the first
    /// pass (1.46M rows passed over), and more the further it got; 0.15 s with it.
    /// </summary>
    internal static IQueryable<Article> ChangedSince(IQueryable<Article> articles, (DateTime UpdatedAt, int Id) through)
    {
        var (at, id) = through;
        return articles
            .Where(a => a.UpdatedAt >= at && (a.UpdatedAt > at || (a.UpdatedAt == at && a.Id > id)))
            .OrderBy(a => a.UpdatedAt).ThenBy(a => a.Id);
    }

    /// <summary>The articles written since the last pass's watermark: what the next pass will check.</summary>
    private async Task<int> CountUncheckedAsync(CancellationToken ct) => await CountChangedAsync((await ReadMarksAsync(ct)).Through, ct);

    /// <summary>The articles written later than the watermark's instant: all that <see cref="ChangedSince"/> holds but those written at that instant after its id.</summary>
    internal static IQueryable<Article> ChangedAfter(IQueryable<Article> articles, DateTime at) => articles.Where(a => a.UpdatedAt > at);

    /// <summary>
    /// How many articles were written after the watermark: what a pass has to check. Counted as those written later than
    /// its instant, a range of the UpdatedAt index that PostgreSQL counts from the index alone, plus the few written at
    /// that instant after its id. Counted with <see cref="ChangedSince"/>'s condition, which needs each row's id, PostgreSQL
    /// read the table: 41 s for 9.5 million of 11.4 million articles, past a command's 30 s, so the first pass failed at its
    /// start every 10 s and the Signals page with it; 4.7 s from the index. Only a count, so it may take as long as it needs.
    /// </summary>
    private async Task<int> CountChangedAsync((DateTime UpdatedAt, int Id) through, CancellationToken ct)
    {
        var (at, id) = through;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Database.SetCommandTimeout(NewsDbContext.MigrationTimeout);
        return await ChangedAfter(db.Articles, at).CountAsync(ct) + await db.Articles.CountAsync(a => a.UpdatedAt == at && a.Id > id, ct);
    }

    private async Task<List<(CopyCandidate Article, DateTime UpdatedAt)>> ReadChangedAsync((DateTime UpdatedAt, int Id) through, StoredCopyKeys store, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await ChangedSince(db.Articles.AsNoTracking(), through).Take(BatchSize)
            .Select(a => new { a.Id, a.Title, a.Excerpt, a.PublishedAt, a.UpdatedAt, a.IsReference }).ToListAsync(ct);
        if (rows.Count == 0)
            return [];
        var ids = rows.Where(r => !r.IsReference).Select(r => r.Id).ToList();
        var images = await StoredCopyKeys.ImagesAsync(db, ids, ct);
        store.Read(ids.Count);
        // References are read too, only to move past them: they have no text of their own.
        return rows.Select(r => (new CopyCandidate(r.Id, r.IsReference ? null : r.Title, r.IsReference ? null : r.Excerpt,
            images.GetValueOrDefault(r.Id) ?? [], StoredCopyKeys.Utc(r.PublishedAt)), r.UpdatedAt)).ToList();
    }

    /// <summary>
    /// Records a batch's matches: an article checked again (its file changed) first leaves its group; a match joins
    /// two groups into one (union), or starts one. With the batch's index entries and the new position of the
    /// watermark, in one transaction (an article checked again adds its new entries; its old ones stay, and its print,
    /// read afresh, decides). The
    /// unions are worked out in memory first, so the store sees one insert per new group and member and one update per
    /// stored group merged into another.
    /// </summary>
    private async Task RecordAsync(List<int> batchIds, CopyCheck found, (DateTime UpdatedAt, int Id) through, CancellationToken ct)
    {
        var (matches, published) = (found.Matches, found.Published);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // One parameter (a JSON array) however many ids, rather than a parameter each.
        await db.CopyGroupMembers.Where(m => EF.Parameter(batchIds).Contains(m.ArticleId)).ExecuteDeleteAsync(ct);
        var involved = matches.SelectMany(m => (int[])[m.ArticleId, m.MatchedId]).Distinct().ToList();
        // Each involved article's group: a stored group's id, or a new group's number below zero.
        var groupOf = await db.CopyGroupMembers.AsNoTracking().Where(m => EF.Parameter(involved).Contains(m.ArticleId))
            .ToDictionaryAsync(m => m.ArticleId, m => m.GroupId, ct);
        var joined = new Dictionary<int, int>(); // a group merged into another: the other
        int Find(int group)
        {
            while (joined.TryGetValue(group, out var into))
                group = into;
            return group;
        }
        var added = new List<CopyGroupMember>();
        var newGroups = 0;
        foreach (var match in matches)
        {
            var hasA = groupOf.TryGetValue(match.ArticleId, out var a);
            var hasB = groupOf.TryGetValue(match.MatchedId, out var b);
            if (hasA && hasB)
            {
                if (Find(a) is var into && Find(b) is var from && into != from)
                    joined[from] = into;
                continue;
            }
            var group = hasA ? Find(a) : hasB ? Find(b) : -++newGroups;
            if (!hasA)
                added.Add(Member(groupOf[match.ArticleId] = group, match.ArticleId, match.MatchedId, match, published[match.ArticleId]));
            if (!hasB)
                added.Add(Member(groupOf[match.MatchedId] = group, match.MatchedId, match.ArticleId, match, published[match.MatchedId]));
        }

        // New groups that were not merged into another, in the order they were started.
        var now = clock.GetUtcNow().UtcDateTime;
        var created = new Dictionary<int, CopyGroup>();
        for (var g = -1; g >= -newGroups; g--)
            if (!joined.ContainsKey(g))
                created[g] = db.CopyGroups.Add(new CopyGroup { CreatedAt = now }).Entity;
        await db.SaveChangesAsync(ct);
        int IdOf(int group) => Find(group) is var root && root < 0 ? created[root].Id : root;
        foreach (var from in joined.Keys.Where(g => g > 0))
        {
            var into = IdOf(from);
            await db.CopyGroupMembers.Where(m => m.GroupId == from).ExecuteUpdateAsync(u => u.SetProperty(m => m.GroupId, into), ct);
        }
        foreach (var member in added)
            member.GroupId = IdOf(member.GroupId);
        db.CopyGroupMembers.AddRange(added);

        await StoredCopyKeys.InsertAsync(db, found.NewEntries, ct);
        var value = $"{through.UpdatedAt.Ticks.ToString(CultureInfo.InvariantCulture)}:{through.Id.ToString(CultureInfo.InvariantCulture)}";
        await SetMetaAsync(db, ThroughKey, value, ct);
        // Groups emptied by merges, or by articles that left them.
        await db.CopyGroups.Where(g => !db.CopyGroupMembers.Any(m => m.GroupId == g.Id)).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
    }

    private static CopyGroupMember Member(int group, int articleId, int matchedId, CopyMatch match, DateTime? publishedAt) => new()
    {
        ArticleId = articleId, GroupId = group, MatchedArticleId = matchedId, Reasons = match.Reasons, Similarity = match.Similarity, PublishedAt = publishedAt,
    };

    private async Task<int> CountMembersAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CopyGroupMembers.CountAsync(ct);
    }

    private async Task<CopyGroups> LoadGroupsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.CopyGroupMembers.AsNoTracking()
            .Select(m => new { m.GroupId, m.ArticleId, m.PublishedAt, m.MatchedArticleId, m.Reasons, m.Similarity }).ToListAsync(ct);
        var groups = rows.GroupBy(r => r.GroupId)
            .Where(g => g.Count() >= 2)
            .Select(g => new CopyGroupInfo(g.Key, g
                .Select(r => new CopyMemberInfo(r.ArticleId, StoredCopyKeys.Utc(r.PublishedAt), r.MatchedArticleId, r.Reasons, r.Similarity))
                .OrderBy(m => m.PublishedAt ?? DateTime.MaxValue).ThenBy(m => m.ArticleId).ToArray()))
            .OrderByDescending(g => g.Copies).ThenByDescending(g => g.First.PublishedAt).ThenBy(g => g.Id)
            .ToList();
        return new CopyGroups(groups);
    }
}
