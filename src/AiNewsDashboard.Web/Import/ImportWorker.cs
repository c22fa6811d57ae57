using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Web.Hosting;
using Microsoft.Extensions.Options;

namespace AiNewsDashboard.Web.Import;

/// <summary>
/// The app's one writer: runs the queued imports one at a time through the same <see cref="ArticleImporter"/> as the
/// CLI, records each in the import history and deletes an upload's temporary files. On shutdown (SIGTERM, Ctrl+C)
/// the host's stopping token cancels the running import, which keeps every file already written whole and stops.
/// </summary>
public sealed class ImportWorker(ImportJobs jobs, ArticleImporter importer, ImportHistory history, UploadFolders uploads, IOptions<DashboardImportOptions> settings,
    TimeProvider clock, ILogger<ImportWorker> log) : BackgroundService
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in jobs.Reader.ReadAllAsync(stoppingToken))
                await RunAsync(job, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: queued uploads keep their folders and are imported after the restart; the watch folder
            // catches up on the next start.
        }
    }

    private async Task RunAsync(ImportJob job, CancellationToken stoppingToken)
    {
        var started = clock.GetUtcNow().UtcDateTime;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(job.CancellationToken, stoppingToken);
        job.State = ImportJobState.Running;
        jobs.Raise(job);
        var outcome = ImportJobState.Finished; // the job shows it only once recorded and cleaned up
        try
        {
            cancel.Token.ThrowIfCancellationRequested(); // cancelled while it waited its turn
            // In the history from its start: the importer lists what it writes under the run, so the run can be undone.
            job.HistoryId = await history.BeginAsync(job.Kind, job.Source, job.StartedBy, started, cancel.Token);
            // No closing count of the store's totals: the page shows the snapshot's, and at 10,000,000 articles on
            // PostgreSQL the count read the whole table after every import, however small.
            var options = settings.Value.For(upload: job.Kind == "upload") with { RunId = job.HistoryId, CountTotals = false };
            var report = await importer.ImportPathsAsync(job.Paths, options, new JobProgress(job, jobs), cancel.Token);
            job.Report = job.TempFolder is null ? report : report with { Problems = [.. report.Problems.Select(p => p with { File = Relative(job.TempFolder, p.File) })] };
            outcome = report.Cancelled ? ImportJobState.Cancelled : ImportJobState.Finished;
            log.LogInformation("Import {Id} ({Kind}, {Source}): {Files} files, {Imported} imported, {Updated} updated, {Unchanged} unchanged, {Rejected} rejected in {Elapsed:0.0} s{Cancelled}",
                job.Id, job.Kind, job.Source, report.Files, report.Imported, report.Updated, report.Unchanged, report.Rejected, report.Elapsed.TotalSeconds,
                report.Cancelled ? " (cancelled)" : "");
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // Cancelled (or the app stopping) before the importer had started writing: nothing was imported.
            outcome = ImportJobState.Cancelled;
        }
        catch (ImportRefusedException e)
        {
            // Refused before reading anything (too large, too little disk): the reason is the whole story.
            job.Error = e.Message;
            outcome = ImportJobState.Failed;
            log.LogWarning("Import {Id} ({Kind}, {Source}) refused: {Reason}", job.Id, job.Kind, job.Source, e.Message);
        }
        catch (Exception e)
        {
            job.Error = e.Message;
            outcome = ImportJobState.Failed;
            log.LogError(e, "Import {Id} ({Kind}, {Source}) failed", job.Id, job.Kind, job.Source);
        }
        try
        {
            // Recorded even while shutting down: it is one small row, and the history should say the run was cut short.
            // Not recorded: a watch folder that held nothing to import (an empty folder at start).
            if (job is { Kind: "watch", Report.Files: 0 } && outcome == ImportJobState.Finished)
            {
                if (job.HistoryId is { } begun)
                    await history.ForgetAsync(begun, CancellationToken.None);
                job.HistoryId = null;
                return;
            }
            if (job.HistoryId is { } id)
                await history.FinishAsync(id, clock.GetUtcNow().UtcDateTime, job.Report, job.Error, outcome == ImportJobState.Cancelled, CancellationToken.None);
            else
                job.HistoryId = await history.RecordAsync(job.Kind, job.Source, startedBy: job.StartedBy, started, clock.GetUtcNow().UtcDateTime,
                    job.Report, job.Error, outcome == ImportJobState.Cancelled, CancellationToken.None);
        }
        catch (Exception e)
        {
            log.LogError(e, "Could not record import {Id} in the history", job.Id);
        }
        finally
        {
            // An upload cut short by the app stopping (not by its user) keeps its folder: it resumes after the restart.
            var resumeLater = outcome == ImportJobState.Cancelled && stoppingToken.IsCancellationRequested && !job.CancellationToken.IsCancellationRequested;
            if (job.TempFolder is not null && !resumeLater)
                await uploads.ForgetAsync(job.TempFolder);
            job.State = outcome;
            jobs.Raise(job);
        }
    }

    /// <summary>An uploaded file's name as the user knows it: its path inside the upload's temporary folder.</summary>
    private static string Relative(string folder, string path) =>
        path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? path[(folder.Length + 1)..] : path;

    /// <summary>Passes progress to the job, at most four times a second (the importer reports every 256 files).</summary>
    private sealed class JobProgress(ImportJob job, ImportJobs jobs) : IProgress<ImportProgress>
    {
        private TimeSpan _next;

        public void Report(ImportProgress value)
        {
            job.Progress = value;
            if (value.Elapsed < _next && value.FilesDone < value.FilesTotal)
                return;
            _next = value.Elapsed + ProgressInterval;
            jobs.Raise(job);
        }
    }
}
