using AiNewsDashboard.Web.Import;

namespace AiNewsDashboard.Web.Tests.Import;

/// <summary>
/// An undo doesn't run beside an import: while one is queued or running in this instance, the undo API (409) and the
/// import page's undo panel refuse with one message that names it.
/// </summary>
public sealed class UndoWaitTests
{
    [Fact]
    public void WhyUndoWaits_WhileAnImportIsQueuedOrRunning_NamesIt_AndNothingOnceItIsDone()
    {
        var jobs = new ImportJobs(); // no worker: a job stays queued until the test ends it
        Assert.Null(jobs.WhyUndoWaits(7));
        var first = jobs.Enqueue("upload", "week.zip", ["/nowhere"]);
        var second = jobs.Enqueue("watch", "inbox", ["/nowhere"]);

        Assert.Equal("The import of week.zip is still running; undo import #7 once it has finished.", jobs.WhyUndoWaits(7));
        first.State = ImportJobState.Finished;
        Assert.Equal("The import of inbox is still running; undo import #7 once it has finished.", jobs.WhyUndoWaits(7));
        second.State = ImportJobState.Cancelled;
        Assert.Null(jobs.WhyUndoWaits(7));
    }
}
