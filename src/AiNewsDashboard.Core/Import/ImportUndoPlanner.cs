using System.Data.Common;
using System.Globalization;
using AiNewsDashboard.Core.Data;

namespace AiNewsDashboard.Core.Import;

/// <summary>An article a run listed (<see cref="ImportRunArticle"/>), as it is stored now.</summary>
/// <param name="Url">Null when the article is gone since (a later removal).</param>
/// <param name="LaterRunId">The latest later run that updated it, or made the run's reference an article.</param>
internal readonly record struct ListedArticle(int Id, ImportChange Change, bool IsReference, string? Title, string? Url, int? LaterRunId);

/// <summary>What the undo needs to read from a store, each store in its own SQL, on the connection (and transaction) it is given.</summary>
internal interface IUndoReads
{
    ImportRun? ReadRun(int runId);

    /// <summary>The undo that undid the run already, if any.</summary>
    (int UndoRunId, DateTime StartedAt, string? StartedBy)? UndoneBy(int runId);

    /// <summary>Every article the run listed, in id order.</summary>
    IEnumerable<ListedArticle> Listed(int runId);

    /// <summary>Stages <paramref name="ids"/> for removal as the writer's removal does; returns those an article outside them links to.</summary>
    HashSet<int> StageRemoval(IEnumerable<int> ids);

    /// <summary>References that go with the staged removal: those no article outside it links to.</summary>
    int ReferencesRemoved();
}

/// <summary>
/// The undo's rules, for every store: what undoing a run removes, keeps and refuses, and the sentences that say why
/// (<see cref="ImportUndo"/>). The stores only read (<see cref="IUndoReads"/>).
/// </summary>
internal static class ImportUndoPlanner
{
    /// <param name="toRemove">The ids to hand to the writer's RemoveArticles: empty when refused.</param>
    public static UndoPlan Plan(IUndoReads reads, int runId, int maxListed, out IReadOnlyList<int> toRemove)
    {
        toRemove = [];
        var run = reads.ReadRun(runId);
        if (run is null)
            return UndoPlan.Refused(runId, null, UndoRefusal.NotFound, $"there is no import #{runId} in the history.");
        if (run.Kind == "undo")
            return UndoPlan.Refused(runId, run, UndoRefusal.IsAnUndo,
                $"#{runId} is itself an undo ({run.Source}); an undo can't be undone: import those files again.");
        if (reads.UndoneBy(runId) is { } undone)
            return UndoPlan.Refused(runId, run, UndoRefusal.AlreadyUndone,
                $"import #{runId} was already undone, by #{undone.UndoRunId} on {Utc(undone.StartedAt)}" +
                $"{(undone.StartedBy is null ? "" : $" ({undone.StartedBy})")}; there is nothing left to undo.");
        if (run.FinishedAt is null)
            return UndoPlan.Refused(runId, run, UndoRefusal.NotFinished,
                $"import #{runId} has no end recorded: it is still running, or the app or command stopped while it ran. " +
                "Wait for it to finish; one cut short can't be undone (import the same files again to finish it).");

        var removable = new List<UndoArticle>();
        var updatedLater = new List<UndoArticle>();
        var updated = new List<UndoArticle>();
        var listedAny = false;
        foreach (var listed in reads.Listed(runId))
        {
            listedAny = true;
            if (listed.Url is null)
                continue; // gone since (a later removal)
            var article = new UndoArticle(listed.Id, listed.Title, listed.Url, listed.IsReference, listed.LaterRunId);
            if (listed.Change == ImportChange.Updated)
                updated.Add(article);
            else if (article.LaterRunId is not null)
                updatedLater.Add(article);
            else
                removable.Add(article);
        }
        if (!listedAny)
            return run.Imported + run.Updated > 0
                ? UndoPlan.Refused(runId, run, UndoRefusal.NotRecorded,
                    $"import #{runId} ran before imports listed the articles they add, so what it added is not known; it can't be undone.")
                : UndoPlan.Refused(runId, run, UndoRefusal.NothingToRemove,
                    $"import #{runId} added and updated no articles (its files were unchanged or rejected): there is nothing to undo.");

        var kept = reads.StageRemoval(removable.Select(a => a.Id));
        var referencesRemoved = reads.ReferencesRemoved();
        var removedArticles = removable.Where(a => !a.IsReference && !kept.Contains(a.Id)).ToList();
        var keptReferences = removable.Where(a => kept.Contains(a.Id)).ToList();

        // Something changes only if a row goes or an article becomes a reference; keeping references as they are is no undo.
        var changes = removedArticles.Count + referencesRemoved + keptReferences.Count(a => !a.IsReference);
        var refusal = changes == 0 ? UndoRefusal.NothingToRemove : UndoRefusal.None;
        var problem = refusal == UndoRefusal.None ? null
            : updatedLater.Count > 0
                ? $"nothing import #{runId} added can be removed: later imports updated the articles it added ({updatedLater.Count:N0}), so they stay" +
                  (keptReferences.Count > 0 ? $", and other articles link to the rest ({keptReferences.Count:N0})." : ".")
            : keptReferences.Count > 0
                ? $"nothing import #{runId} added can be removed: other articles link to all of it ({keptReferences.Count:N0}), so it stays."
            : removable.Count == 0 && updated.Count > 0
                ? $"import #{runId} added no articles; it updated {updated.Count:N0}, and updates are not reverted: there is nothing to undo."
                : $"nothing import #{runId} added is still stored: there is nothing to undo.";
        toRemove = refusal == UndoRefusal.None ? removable.Select(a => a.Id).ToList() : [];
        return new UndoPlan(runId, run, refusal, problem, removedArticles.Count, referencesRemoved, keptReferences.Count, updatedLater.Count,
            updated.Count, removedArticles.Take(maxListed).ToList(), keptReferences.Take(maxListed).ToList(),
            updatedLater.Take(maxListed).ToList(), updated.Take(maxListed).ToList());
    }

    /// <summary>The columns of ImportRuns that <see cref="RunOf"/> reads, in its order (each store quotes them its way).</summary>
    public static readonly string[] RunColumns =
        ["Id", "Kind", "Source", "StartedBy", "StartedAt", "FinishedAt", "Files", "Imported", "Updated", "Unchanged", "Rejected", "Cancelled", "Error"];

    /// <summary>The run on the reader's current row, selected as <see cref="RunColumns"/>.</summary>
    public static ImportRun RunOf(DbDataReader r) => new()
    {
        Id = r.GetInt32(0), Kind = r.GetString(1), Source = r.GetString(2), StartedBy = r.IsDBNull(3) ? null : r.GetString(3),
        StartedAt = DateTime.SpecifyKind(r.GetDateTime(4), DateTimeKind.Utc),
        FinishedAt = r.IsDBNull(5) ? null : DateTime.SpecifyKind(r.GetDateTime(5), DateTimeKind.Utc),
        Files = r.GetInt32(6), Imported = r.GetInt32(7), Updated = r.GetInt32(8), Unchanged = r.GetInt32(9), Rejected = r.GetInt32(10),
        Cancelled = r.GetBoolean(11), Error = r.IsDBNull(12) ? null : r.GetString(12),
    };

    /// <summary>The undo's source in the history: which run, and what that run imported.</summary>
    public static string UndoSource(UndoPlan plan) => $"import #{plan.RunId}: {plan.Run!.Source}";

    private static string Utc(DateTime t) => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
}
