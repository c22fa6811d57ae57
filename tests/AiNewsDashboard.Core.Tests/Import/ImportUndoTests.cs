using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Tests.Import;

/// <summary>
/// Undoing one import run (issue 13, item 12): what it added goes through the writer's removal, what other articles
/// link to stays as references, what later runs updated stays, and what it updated is reported, never reverted.
/// </summary>
public sealed class ImportUndoTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private ImportUndo Undo => _db.Get<ImportUndo>();
    private ImportHistory History => _db.Get<ImportHistory>();

    /// <summary>One import run as the app and the CLI make it: begun in the history, its articles listed under it, finished.</summary>
    private async Task<int> RunAsync(params (string Name, ArticleBuilder Article)[] files)
    {
        var run = await History.BeginAsync("cli", string.Join(", ", files.Select(f => f.Name)), null, DateTime.UtcNow);
        var texts = files.Select(f => (f.Name, f.Article.Build())).ToList();
        var report = await _db.Importer.ImportAsync(ImportSource.FromTexts(texts), texts.Count, new ImportOptions { RunId = run });
        Assert.Equal(0, report.Rejected);
        await History.FinishAsync(run, DateTime.UtcNow, report);
        await _db.AssertStoreInvariantsAsync();
        return run;
    }

    private async Task<List<(int Id, bool IsReference, string? Title)>> ArticlesAsync()
    {
        await using var ctx = await _db.ContextAsync();
        return (await ctx.Articles.OrderBy(a => a.Id).Select(a => new { a.Id, a.IsReference, a.Title }).ToListAsync())
            .Select(a => (a.Id, a.IsReference, a.Title)).ToList();
    }

    [Fact]
    public async Task Import_WithARun_ListsWhatItAddedUpgradedAndUpdated()
    {
        var linked = new ArticleBuilder().Titled("Linked story");
        var a = new ArticleBuilder().Titled("A").RelatedTo(linked);
        var first = await RunAsync(("a.md", a));
        var second = await RunAsync(("a.md", new ArticleBuilder().At(a.Url).Titled("A, second version").RelatedTo(linked)), ("linked.md", linked));

        await using var ctx = await _db.ContextAsync();
        var changes = await ctx.ImportRunArticles.OrderBy(c => c.RunId).ThenBy(c => c.ArticleId).Select(c => new { c.RunId, c.ArticleId, c.Change }).ToListAsync();
        var (aId, linkedId) = (await _db.IdOfAsync(a), await _db.IdOfAsync(linked));
        Assert.Equal(
            [new { RunId = first, ArticleId = aId, Change = ImportChange.Added }, new { RunId = first, ArticleId = linkedId, Change = ImportChange.Added },
             new { RunId = second, ArticleId = aId, Change = ImportChange.Updated }, new { RunId = second, ArticleId = linkedId, Change = ImportChange.Upgraded }],
            changes);
    }

    [Fact]
    public async Task Undo_RunThatAddedArticles_RemovesThemAndTheReferencesOnlyTheyLinkTo()
    {
        var kept = new ArticleBuilder().From("kept.example").Titled("An earlier story");
        await RunAsync(("kept.md", kept));
        var run = await RunAsync(("a.md", new ArticleBuilder().From("gone.example").Titled("Quantum widgets").WithTopics("Widgets").RelatedTo("https://ref.example/x", domain: "ref.example")),
            ("b.md", new ArticleBuilder().From("gone.example").Titled("More widgets")));

        var preview = await Undo.PreviewAsync(run);
        var result = await Undo.UndoAsync(run, "editor");

        Assert.True(preview.CanUndo, preview.Problem);
        Assert.Equal((2, 1, 0), (preview.ArticlesToRemove, preview.ReferencesToRemove, preview.KeptAsReferences));
        Assert.Equal(["Quantum widgets", "More widgets"], preview.Removed.Select(r => r.Title));
        Assert.Equal(preview.Removed, result.Plan.Removed);
        Assert.Equal((2, 1), (result.Plan.ArticlesToRemove, result.Plan.ReferencesToRemove));
        await _db.AssertStoreInvariantsAsync();
        Assert.Equal([(await _db.IdOfAsync(kept), false, "An earlier story")], await ArticlesAsync());
        await using var ctx = await _db.ContextAsync();
        Assert.False(await ctx.Providers.AnyAsync(p => p.Domain == "gone.example" || p.Domain == "ref.example"));
        Assert.False(await ctx.Topics.AnyAsync(t => t.Name == "Widgets"));
        Assert.Empty(await _db.Get<SqliteFullTextSearch>().FindArticleIdsAsync(SearchQuery.Parse("widgets").Query!));
    }

    [Fact]
    public async Task Undo_IsRecordedInTheHistory_AndASecondUndoSaysWhoDidTheFirst()
    {
        var run = await RunAsync(("a.md", new ArticleBuilder()));

        var first = await Undo.UndoAsync(run, "editor");
        var second = await Undo.UndoAsync(run, "someone else");

        var undoRun = (await History.GetAsync(first.UndoRunId!.Value))!.Value.Run;
        Assert.Equal(("undo", "editor"), (undoRun.Kind, undoRun.StartedBy));
        Assert.Equal($"import #{run}: a.md", undoRun.Source);
        Assert.Equal(UndoRefusal.AlreadyUndone, second.Plan.Refusal);
        Assert.Null(second.UndoRunId);
        Assert.Contains($"already undone, by #{first.UndoRunId}", second.Plan.Problem);
        Assert.Contains("(editor)", second.Plan.Problem);
        var states = await Undo.StatesAsync([run, first.UndoRunId!.Value]);
        Assert.Equal(first.UndoRunId, states[run].UndoneByRunId);
        Assert.Equal(1, states[first.UndoRunId!.Value].Undid!.ArticlesRemoved);
        Assert.Equal(UndoRefusal.IsAnUndo, (await Undo.PreviewAsync(first.UndoRunId!.Value)).Refusal);
    }

    [Fact]
    public async Task Undo_ArticleALaterRunLinksTo_StaysAsTheReferenceTheWriterWouldMake()
    {
        var a = new ArticleBuilder().Titled("Story others cite").WithTopics("Chips");
        var run = await RunAsync(("a.md", a));
        await RunAsync(("b.md", new ArticleBuilder().Titled("Citing story").RelatedTo(a)));
        var aId = await _db.IdOfAsync(a);

        var preview = await Undo.PreviewAsync(run);
        await Undo.UndoAsync(run, null);

        Assert.Equal((0, 0, 1), (preview.ArticlesToRemove, preview.ReferencesToRemove, preview.KeptAsReferences));
        Assert.Equal(aId, Assert.Single(preview.KeptReferences).Id);
        await _db.AssertStoreInvariantsAsync();
        await using var ctx = await _db.ContextAsync();
        var kept = await ctx.Articles.Include(x => x.Topics).SingleAsync(x => x.Id == aId);
        Assert.Equal((true, "Story others cite", null), (kept.IsReference, kept.Title, kept.SourcePath));
        Assert.Empty(kept.Topics);
        Assert.Equal(aId, await ctx.RelatedLinks.Select(l => l.TargetArticleId).SingleAsync());
    }

    [Fact]
    public async Task Undo_RunThatUpdatedArticles_ReportsTheUpdatesAndKeepsThem()
    {
        var a = new ArticleBuilder().Titled("First version");
        await RunAsync(("a.md", a));
        var run = await RunAsync(("a.md", new ArticleBuilder().At(a.Url).Titled("Second version")), ("c.md", new ArticleBuilder().Titled("New in this run")));

        var preview = await Undo.PreviewAsync(run);
        await Undo.UndoAsync(run, null);

        Assert.Equal((1, 1), (preview.ArticlesToRemove, preview.UpdatedNotReverted));
        Assert.Equal("Second version", Assert.Single(preview.Updated).Title);
        Assert.Equal("This run also updated 1 article; those changes are not reverted.", preview.UpdatedNote);
        Assert.Equal([(await _db.IdOfAsync(a), false, "Second version")], await ArticlesAsync());
    }

    [Fact]
    public async Task Undo_ArticleALaterRunUpdated_IsKeptAndListedWithThatRun()
    {
        var a = new ArticleBuilder().Titled("Updated later");
        var run = await RunAsync(("a.md", a), ("b.md", new ArticleBuilder().Titled("Only in the first run")));
        var later = await RunAsync(("a.md", new ArticleBuilder().At(a.Url).Titled("Updated later, v2")));

        var result = await Undo.UndoAsync(run, null);

        Assert.True(result.Plan.CanUndo, result.Plan.Problem);
        var listed = Assert.Single(result.Plan.UpdatedLater);
        Assert.Equal((await _db.IdOfAsync(a), later), (listed.Id, listed.LaterRunId));
        Assert.Equal(1, result.Plan.ArticlesToRemove);
        Assert.Equal([(listed.Id, false, "Updated later, v2")], await ArticlesAsync());
        await _db.AssertStoreInvariantsAsync();
    }

    [Fact]
    public async Task Undo_RunWhoseEveryArticleALaterRunUpdated_IsRefusedSayingSo()
    {
        var a = new ArticleBuilder();
        var run = await RunAsync(("a.md", a));
        await RunAsync(("a.md", new ArticleBuilder().At(a.Url).Titled("v2")));

        var result = await Undo.UndoAsync(run, null);

        Assert.Equal(UndoRefusal.NothingToRemove, result.Plan.Refusal);
        Assert.Contains("later imports updated", result.Plan.Problem);
        Assert.Single(await ArticlesAsync());
    }

    [Fact]
    public async Task Undo_RunsThatCantBeUndone_SayWhy()
    {
        var recordedBefore = await History.RecordAsync("cli", "old", null, DateTime.UtcNow, DateTime.UtcNow,
            await _db.ImportTextsAsync(("old.md", new ArticleBuilder().Build())));
        var unfinished = await History.BeginAsync("upload", "x.zip", null, DateTime.UtcNow);

        Assert.Equal(UndoRefusal.NotFound, (await Undo.PreviewAsync(999)).Refusal);
        Assert.Equal(UndoRefusal.NotRecorded, (await Undo.UndoAsync(recordedBefore, null)).Plan.Refusal);
        var notFinished = await Undo.UndoAsync(unfinished, null);
        Assert.Equal(UndoRefusal.NotFinished, notFinished.Plan.Refusal);
        Assert.Contains("still running", notFinished.Plan.Problem);
        Assert.Single(await ArticlesAsync());
    }

    [Fact]
    public async Task Preview_ChangesNothing()
    {
        var run = await RunAsync(("a.md", new ArticleBuilder().RelatedTo("https://ref.example/1")));
        var before = await ArticlesAsync();

        var preview = await Undo.PreviewAsync(run);

        Assert.True(preview.CanUndo);
        Assert.Equal(before, await ArticlesAsync());
        await using var ctx = await _db.ContextAsync();
        Assert.Equal(0, await ctx.UndoneImports.CountAsync());
    }
}
