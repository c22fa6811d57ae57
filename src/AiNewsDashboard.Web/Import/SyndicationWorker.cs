using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Syndication;

namespace AiNewsDashboard.Web.Import;

/// <summary>
/// Runs copy detection (<see cref="SyndicationService.UpdateAsync"/>) off the request path: once at start (which builds
/// the index and catches up with imports made while the app was down, by the command line or another instance) and
/// after each new query snapshot, that is after each import commit. Pages read the recorded groups meanwhile.
/// </summary>
public sealed class SyndicationWorker(SyndicationService syndication, ArticleFactsCache facts, ILogger<SyndicationWorker> log) : BackgroundService
{
    /// <summary>How often the worker looks for a new snapshot.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ArticleFacts? checkedFacts = null;
        try
        {
            // Let the host finish starting (and the snapshot load) before the first pass.
            await Task.Delay(Poll, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var current = await facts.GetAsync(stoppingToken);
                    if (!ReferenceEquals(current, checkedFacts))
                    {
                        var pass = await syndication.UpdateAsync(stoppingToken);
                        checkedFacts = current;
                        if (pass.Checked > 0 || pass.BuiltIndex)
                            log.LogInformation("Syndication: checked {Checked} articles in {Elapsed:0.00} s ({Matches} matches); {Groups} copy groups, {Copies} copies",
                                pass.Checked, pass.Duration.TotalSeconds, pass.Matches, pass.Groups, pass.Copies);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "Syndication: the pass failed; trying again at the next change");
                    checkedFacts = null;
                }
                await Task.Delay(Poll, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
