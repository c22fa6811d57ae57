namespace AiNewsDashboard.Core.Data;

/// <summary>What an import run did to one article (<see cref="ImportRunArticle.Change"/>).</summary>
public enum ImportChange
{
    /// <summary>The run created the row: an article from its own file, or a reference named by one of its files.</summary>
    Added = 1,
    /// <summary>The article existed as a reference and the run's file made it an article.</summary>
    Upgraded = 2,
    /// <summary>The run's file replaced the article's earlier file (a new version, or a file that won over it).</summary>
    Updated = 3,
}

/// <summary>
/// One article an import run added or changed, written by the importer's writer in the same transaction as the article
/// (so a run's list is exactly what it committed, also when it was cut short). An article written twice in one run
/// keeps its first change: one the run added and then rewrote is still Added. No foreign key to Articles: the list
/// stays after an undo removed the articles, as the history of what the run did.
/// </summary>
public sealed class ImportRunArticle
{
    public int RunId { get; set; }
    public int ArticleId { get; set; }
    public ImportChange Change { get; set; }
}

/// <summary>
/// An import run that was undone (<c>Import.ImportUndo</c>), by which run of the history (its
/// <see cref="ImportRun.Kind"/> is "undo"), and what the undo did. One row per undone run: a run is undone once.
/// </summary>
public sealed class UndoneImport
{
    /// <summary>The run that was undone.</summary>
    public int RunId { get; set; }
    /// <summary>The history's row for the undo itself.</summary>
    public int UndoRunId { get; set; }
    public int ArticlesRemoved { get; set; }
    public int ReferencesRemoved { get; set; }
    /// <summary>Rows of the run that other articles link to: they stay, as references.</summary>
    public int KeptAsReferences { get; set; }
    /// <summary>Articles of the run that a later run updated: they stay as they are.</summary>
    public int KeptUpdatedLater { get; set; }
    /// <summary>Articles the run updated: reported, never reverted.</summary>
    public int UpdatedNotReverted { get; set; }
}
