using System.Diagnostics;
using System.Globalization;
using AiNewsDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Syndication;

/// <summary>
/// What one detection pass did, and where its time went: reading the changed articles, finding their copies (of which
/// asking the store whether the earlier articles matched are still there: <paramref name="Load"/>), recording the groups.
/// </summary>
public sealed record SyndicationPass(int Checked, int Matches, int Groups, int Copies, bool BuiltIndex, TimeSpan Duration,
    TimeSpan Read = default, TimeSpan Detect = default, TimeSpan Load = default, TimeSpan Record = default);

/// <summary>
/// Keeps the copy groups (<see cref="CopyGroups"/>) current. The groups live in the store (CopyGroups,
/// CopyGroupMembers), so they are there at once after a restart. A pass (<see cref="UpdateAsync"/>, run off the
/// request path by the host's worker after each commit) reads only the articles written since the last pass (by
/// <c>UpdatedAt</c>, which is indexed), checks them against the LSH index of everything before, and records their
/// groups and how far it got in one transaction. The index holds hashes only; it is built once per process, from the
/// articles already checked, on the first pass.
/// </summary>
public sealed class SyndicationService(IDbContextFactory<NewsDbContext> dbFactory, SyndicationSettings settings, TimeProvider clock)
{
    /// <summary>Articles checked per transaction.</summary>
    public const int BatchSize = 10_000;

    internal const string ThroughKey = "Syndication.Through";

    private readonly SemaphoreSlim _gate = new(1, 1);
    // Apart from the pass's gate: a page never waits for a pass (the first one after a start rebuilds the index).
    private readonly SemaphoreSlim _loadGate = new(1, 1);
    private CopyDetector? _detector;
    private int _memberRows = -1; // CopyGroupMembers rows when the groups were last read
    private volatile CopyGroups? _groups;

    public SyndicationSettings Settings => settings;

    /// <summary>The groups at hand, without reading the store: null before the first <see cref="GetAsync"/> or pass.</summary>
    public CopyGroups? Current => _groups;

    private long _version;

    /// <summary>How many passes recorded new groups in this process: what watches for new data compares it without loading the groups.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>The groups as last recorded (read from the store on first use).</summary>
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
            // A pass may have recorded newer groups meanwhile: they win.
            return Interlocked.CompareExchange(ref _groups, read, null) ?? read;
        }
        finally
        {
            _loadGate.Release();
        }
    }

    /// <summary>Checks every article written since the last pass and records the groups they join. One pass at a time.</summary>
    public async Task<SyndicationPass> UpdateAsync(CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        await _gate.WaitAsync(ct);
        try
        {
            var built = false;
            var through = await ReadThroughAsync(ct);
            if (_detector is null)
            {
                _detector = await BuildIndexAsync(through, ct);
                built = true;
            }
            int checkedArticles = 0, matches = 0;
            TimeSpan read = default, detect = default, record = default;
            _load = default;
            while (true)
            {
                var phase = Stopwatch.StartNew();
                var batch = await ReadChangedAsync(through, ct);
                read += phase.Elapsed;
                if (batch.Count == 0)
                    break;
                phase.Restart();
                var found = await _detector.AddAsync(batch.Select(b => b.Article).ToList(), PresentAsync, ct);
                detect += phase.Elapsed;
                through = (batch[^1].UpdatedAt, batch[^1].Article.Id);
                phase.Restart();
                await RecordAsync(batch.Select(b => b.Article.Id).ToList(), found, through, ct);
                record += phase.Elapsed;
                checkedArticles += batch.Count;
                matches += found.Count;
            }
            // Read again even when nothing was checked if a member row went: a removed article (an undo, demo remove)
            // leaves its group. A demoted one was checked again, as a reference.
            var memberRows = await CountMembersAsync(ct);
            if (checkedArticles == 0 && _groups is not null && memberRows == _memberRows)
                return new SyndicationPass(0, 0, _groups.Groups.Count, _groups.CopyCount, built, watch.Elapsed, read);
            var groups = await LoadGroupsAsync(ct);
            _memberRows = memberRows;
            // New groups make a new DataState: answers kept per state (counts with copies once, the story graph, the
            // leaderboard) are made again over the same snapshot, which needs no reload.
            if (_groups is null || !groups.SameAs(_groups))
            {
                _groups = groups;
                Interlocked.Increment(ref _version);
            }
            return new SyndicationPass(checkedArticles, matches, _groups.Groups.Count, _groups.CopyCount, built, watch.Elapsed, read, detect, _load, record);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Size of the in-memory index (none before the first pass).</summary>
    public (int Entries, long Bytes) IndexSize => _detector?.Size ?? (0, 0);

    private async Task<(DateTime UpdatedAt, int Id)> ReadThroughAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var value = await db.Meta.AsNoTracking().Where(m => m.Key == ThroughKey).Select(m => m.Value).FirstOrDefaultAsync(ct);
        if (value?.Split(':') is [var ticks, var id]
            && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t)
            && int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var i))
            return (new DateTime(t, DateTimeKind.Unspecified), i);
        return (DateTime.MinValue, 0);
    }

    private async Task<CopyDetector> BuildIndexAsync((DateTime UpdatedAt, int Id) through, CancellationToken ct)
    {
        var detector = new CopyDetector(settings);
        if (through.UpdatedAt == DateTime.MinValue)
            return detector;
        var lastId = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var (at, id) = through;
            var rows = await db.Articles.AsNoTracking()
                .Where(a => a.Id > lastId && !a.IsReference && (a.UpdatedAt < at || (a.UpdatedAt == at && a.Id <= id)))
                .OrderBy(a => a.Id).Take(BatchSize)
                .Select(a => new { a.Id, a.Title, a.Excerpt, a.PublishedAt }).ToListAsync(ct);
            if (rows.Count == 0)
                return detector;
            lastId = rows[^1].Id;
            var images = await ImagesAsync(db, rows[0].Id, lastId, ct);
            detector.AddKnown(rows.Select(r => new CopyCandidate(r.Id, r.Title, r.Excerpt, images.GetValueOrDefault(r.Id) ?? [], Utc(r.PublishedAt))));
        }
    }

    private async Task<List<(CopyCandidate Article, DateTime UpdatedAt)>> ReadChangedAsync((DateTime UpdatedAt, int Id) through, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (at, id) = through;
        var rows = await db.Articles.AsNoTracking()
            .Where(a => a.UpdatedAt > at || (a.UpdatedAt == at && a.Id > id))
            .OrderBy(a => a.UpdatedAt).ThenBy(a => a.Id).Take(BatchSize)
            .Select(a => new { a.Id, a.Title, a.Excerpt, a.PublishedAt, a.UpdatedAt, a.IsReference }).ToListAsync(ct);
        if (rows.Count == 0)
            return [];
        var ids = rows.Where(r => !r.IsReference).Select(r => r.Id).ToList();
        var images = await ImagesAsync(db, ids, ct);
        // References are read too, only to move past them: they have no text of their own.
        return rows.Select(r => (new CopyCandidate(r.Id, r.IsReference ? null : r.Title, r.IsReference ? null : r.Excerpt,
            images.GetValueOrDefault(r.Id) ?? [], Utc(r.PublishedAt)), r.UpdatedAt)).ToList();
    }

    private TimeSpan _load;

    /// <summary>Which of the earlier articles matched are still articles: one removed or demoted since it was indexed is no copy.</summary>
    private async Task<IReadOnlySet<int>> PresentAsync(IReadOnlyCollection<int> ids, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var list = ids.ToList();
            // One parameter (a JSON array): a first pass at a million articles asks about more ids than SQLite takes parameters.
            return (await db.Articles.AsNoTracking().Where(a => EF.Parameter(list).Contains(a.Id) && !a.IsReference).Select(a => a.Id).ToListAsync(ct)).ToHashSet();
        }
        finally
        {
            _load += Stopwatch.GetElapsedTime(started);
        }
    }

    private static async Task<Dictionary<int, List<string>>> ImagesAsync(NewsDbContext db, List<int> ids, CancellationToken ct) =>
        Group(await db.ArticleImages.AsNoTracking().Where(i => EF.Parameter(ids).Contains(i.ArticleId) && i.Url != null)
            .Select(i => new { i.ArticleId, i.Url }).ToListAsync(ct), r => r.ArticleId, r => r.Url!);

    private static async Task<Dictionary<int, List<string>>> ImagesAsync(NewsDbContext db, int firstId, int lastId, CancellationToken ct) =>
        Group(await db.ArticleImages.AsNoTracking().Where(i => i.ArticleId >= firstId && i.ArticleId <= lastId && i.Url != null)
            .Select(i => new { i.ArticleId, i.Url }).ToListAsync(ct), r => r.ArticleId, r => r.Url!);

    private static Dictionary<int, List<string>> Group<T>(List<T> rows, Func<T, int> id, Func<T, string> url)
    {
        var map = new Dictionary<int, List<string>>();
        foreach (var r in rows)
            (map.TryGetValue(id(r), out var list) ? list : map[id(r)] = []).Add(url(r));
        return map;
    }

    /// <summary>
    /// Records a batch's matches: an article checked again (its file changed) first leaves its group; a match joins
    /// two groups into one (union), or starts one. With the new position of the watermark, in one transaction. The
    /// unions are worked out in memory first, so the store sees one insert per new group and member and one update per
    /// stored group merged into another.
    /// </summary>
    private async Task RecordAsync(List<int> batchIds, List<CopyMatch> matches, (DateTime UpdatedAt, int Id) through, CancellationToken ct)
    {
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
                added.Add(Member(groupOf[match.ArticleId] = group, match.ArticleId, match.MatchedId, match));
            if (!hasB)
                added.Add(Member(groupOf[match.MatchedId] = group, match.MatchedId, match.ArticleId, match));
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

        var value = $"{through.UpdatedAt.Ticks.ToString(CultureInfo.InvariantCulture)}:{through.Id.ToString(CultureInfo.InvariantCulture)}";
        if (await db.Meta.FirstOrDefaultAsync(m => m.Key == ThroughKey, ct) is { } meta)
            db.Entry(meta).Property(m => m.Value).CurrentValue = value;
        else
            db.Meta.Add(new AppMeta { Key = ThroughKey, Value = value });
        await db.SaveChangesAsync(ct);
        // Groups emptied by merges, or by articles that left them.
        await db.CopyGroups.Where(g => !db.CopyGroupMembers.Any(m => m.GroupId == g.Id)).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
    }

    private static CopyGroupMember Member(int group, int articleId, int matchedId, CopyMatch match) => new()
    {
        ArticleId = articleId, GroupId = group, MatchedArticleId = matchedId, Reasons = match.Reasons, Similarity = match.Similarity,
    };

    private async Task<int> CountMembersAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CopyGroupMembers.CountAsync(ct);
    }

    private async Task<CopyGroups> LoadGroupsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (from m in db.CopyGroupMembers.AsNoTracking()
                          join a in db.Articles.AsNoTracking() on m.ArticleId equals a.Id
                          where !a.IsReference
                          select new { m.GroupId, m.ArticleId, a.PublishedAt, m.MatchedArticleId, m.Reasons, m.Similarity }).ToListAsync(ct);
        var groups = rows.GroupBy(r => r.GroupId)
            .Where(g => g.Count() >= 2)
            .Select(g => new CopyGroupInfo(g.Key, g
                .Select(r => new CopyMemberInfo(r.ArticleId, Utc(r.PublishedAt), r.MatchedArticleId, r.Reasons, r.Similarity))
                .OrderBy(m => m.PublishedAt ?? DateTime.MaxValue).ThenBy(m => m.ArticleId).ToList()))
            .OrderByDescending(g => g.Copies).ThenByDescending(g => g.First.PublishedAt).ThenBy(g => g.Id)
            .ToList();
        return new CopyGroups(groups);
    }

    private static DateTime? Utc(DateTime? value) => value is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : null;
}
