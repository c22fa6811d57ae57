using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Signals;
using AiNewsDashboard.Core.Syndication;
using Microsoft.AspNetCore.Http.HttpResults;
using AiNewsDashboard.Web.Hosting;
using Microsoft.Extensions.Options;

namespace AiNewsDashboard.Web.Api;

/// <summary>The signals over the shared filter: quality drift, breaking stories and coverage gaps.</summary>
public static class SignalApi
{
    public static RouteGroupBuilder MapSignalApi(this RouteGroupBuilder api)
    {
        api.MapGet("/signals/drift", async Task<Results<Ok<DriftResult>, ValidationProblem>> (
            [AsParameters] FilterQuery filterQuery, FilterReader reader, SignalQueries queries, CancellationToken ct) =>
        {
            var problems = new QueryProblems();
            var filter = await reader.ReadAsync(filterQuery.ToParameters(), problems, ct);
            if (!problems.IsEmpty)
                return DashboardApi.Invalid(problems);
            return TypedResults.Ok(DriftResult.From(await queries.GetDriftAsync(filter, ct)));
        }).WithSummary("Providers whose mean quality changed by more than its uncertainty: each change point, dated, with its numbers");

        api.MapGet("/signals/breaking", async Task<Results<Ok<BreakingReport>, ValidationProblem>> (
            [AsParameters] FilterQuery filterQuery, FilterReader reader, SignalQueries queries, CancellationToken ct) =>
        {
            var problems = new QueryProblems();
            var filter = await reader.ReadAsync(filterQuery.ToParameters(), problems, ct);
            if (!problems.IsEmpty)
                return DashboardApi.Invalid(problems);
            return TypedResults.Ok(await queries.GetBreakingAsync(filter, ct));
        }).WithSummary("Stories growing fastest in the window that ends at the latest matching article");

        api.MapGet("/signals/blindspots", async Task<Results<Ok<BlindspotReport>, ValidationProblem>> (
            [AsParameters] FilterQuery filterQuery, FilterReader reader, BlindspotQueries queries, IOptions<AttentionOptions> options, CancellationToken ct) =>
        {
            var problems = new QueryProblems();
            var filter = await reader.ReadAsync(filterQuery.ToParameters(), problems, ct);
            if (!problems.IsEmpty)
                return DashboardApi.Invalid(problems);
            return TypedResults.Ok(await queries.GetAsync(filter, options.Value.ToSettings(), ct));
        }).WithSummary("Coverage gaps: topics surging in the last window (ending on the newest matching article) while high-quality providers stay " +
                       "away, each with its evidence; silence says why none can be judged");

        api.MapGet("/signals/syndication", async Task<Results<Ok<SyndicationReport>, ValidationProblem>> (
            [AsParameters] FilterQuery filterQuery, FilterReader reader, SyndicationQueries queries, CancellationToken ct) =>
        {
            var problems = new QueryProblems();
            var filter = await reader.ReadAsync(filterQuery.ToParameters(), problems, ct);
            if (!problems.IsEmpty)
                return DashboardApi.Invalid(problems);
            return TypedResults.Ok(await queries.GetReportAsync(filter, ct));
        }).WithSummary("Syndication: groups of articles that are copies of one text with a member among the matching articles (largest first), " +
                       "each with its first publisher, its copies and why they were grouped (Reasons: SimilarText, SharedImage, SameTitle); " +
                       "how many matching articles are copies; each provider's share of original articles");

        api.MapGet("/articles/{id:int}/copies", async Task<Results<Ok<CopyGroupReport>, NotFound>> (int id, SyndicationQueries queries, CancellationToken ct) =>
            await queries.GetGroupOfAsync(id, ct) is { } group ? TypedResults.Ok(group) : TypedResults.NotFound())
            .WithSummary("The copy group of one article: its first publisher and copies, and why they were grouped; 404 when the article is in none");
        return api;
    }
}

/// <summary>
/// Quality drift over the matching articles. <paramref name="Coverage"/> is the share of them with a quality score;
/// <paramref name="Gap"/> says why <paramref name="Drifts"/> is empty ("None" when it isn't).
/// </summary>
public sealed record DriftResult(int Articles, int ScoredArticles, double Coverage, int ProvidersChecked, DriftGap Gap, int MinScoredPerSide,
    double MinCoverage, double MinZ, IReadOnlyList<DriftSignalResult> Drifts)
{
    public static DriftResult From(DriftReport r) => new(r.Articles, r.ScoredArticles, r.Coverage, r.ProvidersChecked, r.Gap,
        r.MinScoredPerSide, r.MinCoverage, r.MinZ, r.Drifts.Select(DriftSignalResult.From).ToArray());
}

/// <summary>
/// One change point: from <paramref name="Date"/> on, the provider's mean quality went from <paramref name="BeforeMean"/>
/// (over <paramref name="BeforeArticles"/> scored articles since <paramref name="BeforeFrom"/>) to <paramref name="AfterMean"/>
/// (over <paramref name="AfterArticles"/> until <paramref name="AfterTo"/>). <paramref name="Z"/> = change / error; null when
/// neither side scatters at all (a certain change). <paramref name="Current"/>: the provider's latest change.
/// </summary>
public sealed record DriftSignalResult(string Domain, string Name, DateOnly Date, string Direction, double BeforeMean, int BeforeArticles,
    double AfterMean, int AfterArticles, double Change, double Error, double? Z, DateOnly BeforeFrom, DateOnly AfterTo, bool Current)
{
    public static DriftSignalResult From(ProviderDrift d) => new(d.Domain, d.Name, d.Date, d.IsDecline ? "down" : "up", d.Quality.Before.Mean,
        d.Quality.Before.Count, d.Quality.After.Mean, d.Quality.After.Count, d.Quality.Change, d.Quality.Error,
        double.IsFinite(d.Quality.Z) ? d.Quality.Z : null, d.Point.BeforeFrom, d.Point.AfterTo, d.IsCurrent);
}
