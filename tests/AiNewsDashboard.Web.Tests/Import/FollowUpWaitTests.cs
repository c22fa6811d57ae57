using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Syndication;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Import;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiNewsDashboard.Web.Tests.Import;

/// <summary>
/// Work that follows the imports (copy detection, the signals' warm-up) waits while this instance imports, so an
/// import runs at the speed of one alone, and catches up once it ends, or at least every so often during a long one.
/// </summary>
public sealed class FollowUpWaitTests
{
    [Fact]
    public async Task Waits_WhileAJobIsQueuedOrRunning_AtMostTheGivenTimeAtOnce_AndNotOnceTheJobsAreDone()
    {
        var jobs = new ImportJobs(); // no worker: a job stays queued until the test ends it
        var wait = jobs.FollowUp(atMost: TimeSpan.FromMilliseconds(300));
        Assert.False(wait.Waits());

        var job = jobs.Enqueue("watch", "inbox", ["/nowhere"]);
        Assert.True(jobs.Busy);
        Assert.True(wait.Waits());
        await Task.Delay(400);
        Assert.False(wait.Waits()); // waited long enough: runs now, however long the import still takes
        Assert.True(wait.Waits()); // and waits again from there

        job.State = ImportJobState.Finished;
        Assert.False(jobs.Busy);
        Assert.False(wait.Waits());
    }

    [Fact]
    public void DefaultWait_IsBoundedSoALongImportStillGetsItsCopiesChecked() =>
        Assert.InRange(ImportJobs.FollowUpWaitsAtMost, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10));

    [Trait("Category", "Slow")] // waits 5 s to see that nothing ran
    [Fact]
    public async Task CopyDetection_WaitsWhileThisInstanceImports_ThenChecksWhatCameIn()
    {
        // Before: a pass ran after every commit, beside the import, taking a core and the store's writer from it.
        await using var db = await TestDatabase.CreateAsync();
        const string title = "Regulators open an inquiry into the chip maker's accounting";
        const string excerpt = "The inquiry follows a whistleblower's complaint about how revenue from long contracts was booked";
        await db.ImportArticlesAsync(
            [.. new[] { "wire", "daily", "herald" }.Select((p, i) =>
                new ArticleBuilder().From($"{p}.example", p).PublishedOn(2026, 3, 2, 6 + i).Titled($"{title} - {p}").WithExcerpt(excerpt))]);
        var jobs = new ImportJobs();
        var job = jobs.Enqueue("watch", "inbox", ["/nowhere"]); // no worker: an import under way until the test ends it
        // Batches of one: the three articles waiting are more than a batch, as a big import's are.
        var copies = new SyndicationService(db.Factory, new SyndicationSettings(), TimeProvider.System) { BatchSize = 1 };
        using var worker = new SyndicationWorker(copies, db.Get<ArticleFactsCache>(), jobs, NullLogger<SyndicationWorker>.Instance);
        await worker.StartAsync(CancellationToken.None);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(2) + 6 * SyndicationWorker.Poll); // its start, then six looks
            Assert.Equal(0, await copies.CountEntriesAsync()); // nothing checked, nothing filed
            // Bug guarded: detection said it had finished meanwhile, so the Original column gave the import's articles as originals.
            Assert.Equal(new CopyDetectionProgress(0, 3, false), copies.Progress);

            job.State = ImportJobState.Finished;

            await Wait.UntilAsync(() => copies.Current is { Groups.Count: 1 }, "copy detection's pass once the import ended");
            Assert.Equal(3, copies.Current!.Groups[0].Members.Count);
            Assert.Equal(CopyDetectionProgress.Done, copies.Progress);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }
}
