using AiNewsDashboard.Core.Data;

namespace AiNewsDashboard.Core.Import;

/// <summary>
/// The importer's only way into the store: one transaction per batch, all or nothing per file, every rule of
/// docs/architecture.md's "writer's invariants" kept. One implementation per store.
/// </summary>
public interface IArticleWriter : IDisposable
{
    void BeginBatch();
    /// <summary>Commits the batch; returns what it changed, for the snapshot's cache (<see cref="Data.StoreCommits"/>).</summary>
    Data.StoreCommit CommitBatch();
    /// <summary>Takes the batch back; the writer's caches of ids made in it go too.</summary>
    void RollbackBatch();
    FileOutcome Write(PreparedArticle article, SourceFile file, bool demo, DateTime now, out ImportProblem? lost);
    /// <summary>Removes the bundled demo data (a demoted reference keeps exactly a writer-made reference's columns).</summary>
    int RemoveDemo();
    /// <summary>Removes these articles; one that an article outside them links to stays, as a reference.</summary>
    (int Removed, IReadOnlyList<int> KeptAsReferences) RemoveArticles(IEnumerable<int> ids);
    /// <summary>
    /// Whether <paramref name="error"/>, raised while writing one file, concerns that file only (a constraint), so the
    /// batch is replayed without it; a full disk or a broken store stops the run instead.
    /// </summary>
    bool IsFileError(Exception error);
}

/// <summary>Opens writers on a store's connection, and the undo's reads and records in the same store.</summary>
public interface IArticleStore
{
    /// <summary>A writer on <paramref name="db"/>'s connection (opened by the caller), listing what it does under <paramref name="runId"/>.</summary>
    IArticleWriter OpenWriter(NewsDbContext db, int? runId = null);

    /// <summary>The folder whose disk the store writes to (free-space check before an import); null when not on this machine.</summary>
    string? DiskFolder(NewsDbContext db);

    /// <summary>What undoing the run would do, read in one consistent read transaction. Writes nothing.</summary>
    UndoPlan PreviewUndo(NewsDbContext db, int runId, int maxListed);

    /// <summary>The same, inside <paramref name="writer"/>'s batch, with the ids to remove.</summary>
    UndoPlan PlanUndo(NewsDbContext db, int runId, int maxListed, out IReadOnlyList<int> toRemove);

    /// <summary>Records the undo as a run of its own; returns its id.</summary>
    int RecordUndo(NewsDbContext db, UndoPlan plan, string? undoneBy, DateTime startedUtc, DateTime finishedUtc);
}

/// <summary>An article's own file as the writer stores it: the SHA-256 of its bytes, its path as the user named it, its path relative to the import root, and its length in bytes.</summary>
public readonly record struct SourceFile(string Hash, string Path, string RelativePath, long Length);
