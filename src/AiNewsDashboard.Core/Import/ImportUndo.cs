using AiNewsDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Import;

/// <summary>Why a run can't be undone; <see cref="None"/> when it can.</summary>
public enum UndoRefusal { None, NotFound, IsAnUndo, AlreadyUndone, NotFinished, NotRecorded, NothingToRemove }

/// <summary>An article as an undo preview lists it.</summary>
/// <param name="LaterRunId">For an article kept because a later run updated it: that run (the latest).</param>
public sealed record UndoArticle(int Id, string? Title, string Url, bool IsReference, int? LaterRunId = null);

/// <summary>
/// What undoing one import run would do, or did (<see cref="ImportUndo"/>). Counts are totals; each list holds at most
/// the number of entries asked for, in id order.
/// </summary>
/// <param name="ArticlesToRemove">Articles the run added that go, with their topics, images, related lists and URLs.</param>
/// <param name="ReferencesToRemove">References that go because only the removed articles linked to them.</param>
/// <param name="KeptAsReferences">Articles and references the run added that stay as references, because articles outside the run link to them.</param>
/// <param name="KeptUpdatedLater">Articles the run added that a later run updated: they stay as they are.</param>
/// <param name="UpdatedNotReverted">Articles the run updated (a new version of a stored file): those changes stay.</param>
public sealed record UndoPlan(
    int RunId,
    ImportRun? Run,
    UndoRefusal Refusal,
    string? Problem,
    int ArticlesToRemove,
    int ReferencesToRemove,
    int KeptAsReferences,
    int KeptUpdatedLater,
    int UpdatedNotReverted,
    IReadOnlyList<UndoArticle> Removed,
    IReadOnlyList<UndoArticle> KeptReferences,
    IReadOnlyList<UndoArticle> UpdatedLater,
    IReadOnlyList<UndoArticle> Updated)
{
    public bool CanUndo => Refusal == UndoRefusal.None;

    /// <summary>The sentence about what is not reverted, or null when the run updated nothing.</summary>
    public string? UpdatedNote => UpdatedNotReverted == 0 ? null
        : $"This run also updated {UpdatedNotReverted:N0} {(UpdatedNotReverted == 1 ? "article" : "articles")}; those changes are not reverted.";

    internal static UndoPlan Refused(int runId, ImportRun? run, UndoRefusal refusal, string problem) =>
        new(runId, run, refusal, problem, 0, 0, 0, 0, 0, [], [], [], []);
}

/// <summary>An undo that ran: what it removed and kept (<see cref="Plan"/>), and its own row in the import history.</summary>
public sealed record UndoResult(UndoPlan Plan, int? UndoRunId);

/// <summary>How the history shows a run: undone (by which run), or an undo (of which run, and what it did).</summary>
public sealed record UndoState(int? UndoneByRunId, UndoneImport? Undid);

/// <summary>
/// Undoes one import run: takes out what it added, through the importer's writer (the one code that writes articles,
/// the same removal as the demo data's), in one transaction, and records the undo in the import history. The page, the
/// API and the command line all come here.
/// <list type="bullet">
/// <item>What a run added is what its writer listed (<see cref="ImportRunArticle"/>): new articles, the references its
/// files named, and references its files made articles.</item>
/// <item>One an article outside the run links to stays, as a reference, so no link is lost.</item>
/// <item>One a later run updated stays as it is, and is listed: removing it would take away that run's data.</item>
/// <item>Articles the run updated are reported, never reverted: the earlier file's version is not kept anywhere.</item>
/// <item>A run is undone once; an undo, a run that has not finished, and a run from before runs listed their articles
/// are refused, each with its reason.</item>
/// </list>
/// </summary>
public sealed class ImportUndo(IDbContextFactory<NewsDbContext> dbFactory, IArticleStore store, StoreCommits? commits = null, TimeProvider? clock = null)
{
    private readonly IArticleStore _store = store;

    /// <summary>How many entries of each list a preview holds by default (the page and the API).</summary>
    public const int DefaultListed = 200;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>What undoing the run would do, or why it can't be undone. Writes nothing.</summary>
    public async Task<UndoPlan> PreviewAsync(int runId, int maxListed = DefaultListed, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        return _store.PreviewUndo(db, runId, maxListed);
    }

    /// <summary>Undoes the run, or says why it can't (<see cref="UndoPlan.Refusal"/>; nothing is written then).</summary>
    /// <param name="undoneBy">Who asked (null: the local user), for the history.</param>
    public async Task<UndoResult> UndoAsync(int runId, string? undoneBy, int maxListed = DefaultListed, CancellationToken ct = default)
    {
        var started = _clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        UndoPlan plan;
        int undoRunId;
        using (var writer = _store.OpenWriter(db))
        {
            // The plan is made inside the write transaction, so what is removed is exactly what it says.
            writer.BeginBatch();
            try
            {
                plan = _store.PlanUndo(db, runId, maxListed, out var toRemove);
                if (!plan.CanUndo)
                {
                    writer.RollbackBatch();
                    return new UndoResult(plan, null);
                }
                writer.RemoveArticles(toRemove);
                undoRunId = _store.RecordUndo(db, plan, undoneBy, started, _clock.GetUtcNow().UtcDateTime);
                writer.CommitBatch();
            }
            catch
            {
                writer.RollbackBatch();
                throw;
            }
        }
        commits?.Publish();
        return new UndoResult(plan, undoRunId);
    }

    /// <summary>For each of these runs that was undone or is an undo, how (the import history's table shows it).</summary>
    public async Task<IReadOnlyDictionary<int, UndoState>> StatesAsync(IReadOnlyCollection<int> runIds, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.UndoneImports.AsNoTracking().Where(u => runIds.Contains(u.RunId) || runIds.Contains(u.UndoRunId)).ToListAsync(ct);
        var states = new Dictionary<int, UndoState>();
        foreach (var u in rows)
        {
            if (runIds.Contains(u.RunId))
                states[u.RunId] = new UndoState(u.UndoRunId, null);
            if (runIds.Contains(u.UndoRunId))
                states[u.UndoRunId] = new UndoState(null, u);
        }
        return states;
    }
}
