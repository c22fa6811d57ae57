using System.Text.Json.Serialization;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Web.Hosting;
using AiNewsDashboard.Web.Import;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AiNewsDashboard.Web.Api;

/// <summary>
/// Undoing an import run (<see cref="ImportUndo"/>), for Editors: a GET previews, a POST with the import page's
/// antiforgery token undoes (a link or an image elsewhere can't). Refusals are ProblemDetails: 404 for a run the
/// history doesn't hold, 409 for one that can't be undone (already undone, an undo, unfinished, from before runs
/// listed their articles, nothing left) and while an import runs in the app.
/// </summary>
public static class ImportUndoApi
{
    public static IEndpointRouteBuilder MapImportUndoApi(this IEndpointRouteBuilder app)
    {
        var imports = app.MapGroup("/api/imports").RequireAuthorization(DashboardPolicies.Editor).WithTags("Import");

        imports.MapGet("/{id:int}/undo", async Task<Results<Ok<UndoResponse>, ProblemHttpResult>> (int id, ImportUndo undo, CancellationToken ct) =>
        {
            var plan = await undo.PreviewAsync(id, ImportUndo.DefaultListed, ct);
            return plan.Refusal == UndoRefusal.NotFound ? Refused(plan) : TypedResults.Ok(UndoResponse.From(plan, dryRun: true, undoRunId: null));
        }).WithSummary("What undoing an import would remove and keep (nothing is changed)");

        imports.MapPost("/{id:int}/undo", async Task<Results<Ok<UndoResponse>, ProblemHttpResult>> (int id, ImportUndo undo, ImportJobs jobs,
            HttpContext context, CancellationToken ct) =>
        {
            if (jobs.WhyUndoWaits(id) is { } wait)
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "An import is running", detail: wait);
            var user = context.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : null;
            var result = await undo.UndoAsync(id, user, ImportUndo.DefaultListed, ct);
            return result.Plan.CanUndo ? TypedResults.Ok(UndoResponse.From(result.Plan, dryRun: false, result.UndoRunId)) : Refused(result.Plan);
        }).RequireValidAntiforgeryToken().WithSummary("Undo an import: remove what it added");
        return app;
    }

    private static ProblemHttpResult Refused(UndoPlan plan) => TypedResults.Problem(
        statusCode: plan.Refusal == UndoRefusal.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict,
        title: plan.Refusal == UndoRefusal.NotFound ? "No such import" : "This import can't be undone",
        detail: char.ToUpperInvariant(plan.Problem![0]) + plan.Problem[1..]);
}

/// <summary>An undo or its preview, as the API and <c>import undo --json</c> answer it.</summary>
/// <param name="Refusal">Why it can't be undone (camelCase of <see cref="UndoRefusal"/>), or null.</param>
/// <param name="UndoRun">The history's row for the undo, once done.</param>
public sealed record UndoResponse(
    int Run,
    bool DryRun,
    bool Undone,
    int? UndoRun,
    string? Refusal,
    string? Problem,
    int ArticlesRemoved,
    int ReferencesRemoved,
    int KeptAsReferences,
    int KeptUpdatedLater,
    int UpdatedNotReverted,
    string? Note,
    IReadOnlyList<UndoResponseArticle> Removed,
    IReadOnlyList<UndoResponseArticle> KeptReferences,
    IReadOnlyList<UndoResponseArticle> UpdatedLater,
    IReadOnlyList<UndoResponseArticle> Updated)
{
    public static UndoResponse From(UndoPlan plan, bool dryRun, int? undoRunId) => new(
        plan.RunId, dryRun, !dryRun && plan.CanUndo, undoRunId,
        plan.Refusal == UndoRefusal.None ? null : System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(plan.Refusal.ToString()),
        plan.Problem, plan.ArticlesToRemove, plan.ReferencesToRemove, plan.KeptAsReferences, plan.KeptUpdatedLater, plan.UpdatedNotReverted,
        plan.UpdatedNote, Of(plan.Removed), Of(plan.KeptReferences), Of(plan.UpdatedLater), Of(plan.Updated));

    private static List<UndoResponseArticle> Of(IReadOnlyList<UndoArticle> articles) =>
        articles.Select(a => new UndoResponseArticle(a.Id, a.Title, a.Url, a.LaterRunId)).ToList();
}

/// <param name="LaterRun">For an article kept because a later import updated it: that import.</param>
public sealed record UndoResponseArticle(int Id, string? Title, string Url,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? LaterRun);
