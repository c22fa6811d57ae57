using System.ComponentModel;
using System.Security.Claims;
using AiNewsDashboard.Core.Annotations;
using AiNewsDashboard.Core.Collections;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Views;
using AiNewsDashboard.Web.Api;
using AiNewsDashboard.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AiNewsDashboard.Web.Views;

/// <summary>A provider collection: its name, what it is, and its providers by domain.</summary>
public sealed record CollectionRequest(string? Name, string? Description, IReadOnlyList<string>? Members);

public sealed record CollectionResult(int Id, string Name, string? Description, IReadOnlyList<string> Members)
{
    public static CollectionResult From(ProviderCollection c) => new(c.Id, c.Name, c.Description, c.Members);
}

/// <param name="Page">A dashboard path such as /timeline.</param>
/// <param name="Query">The page's query string without '?'; use range= (e.g. last30d) rather than dates to keep a range relative.</param>
/// <param name="Shared">Others can see and open it (Accounts mode).</param>
public sealed record ViewRequest(string? Name, string? Page, string? Query, bool Shared = false);

/// <summary>What to change; anything null stays as it is.</summary>
/// <param name="StartPage">true: opening / goes to this view (for its owner); false: no start page any more.</param>
public sealed record ViewUpdateRequest(string? Name = null, bool? Shared = null, string? Page = null, string? Query = null, bool? StartPage = null);

/// <param name="Mine">The caller owns it (and may change it); otherwise it is someone else's shared view.</param>
public sealed record ViewResult(int Id, string Name, string Owner, bool Mine, bool Shared, bool StartPage, string Page, string Query, string Url,
    DateTimeOffset Created, DateTimeOffset Updated)
{
    public static ViewResult From(SavedView v, string caller) =>
        new(v.Id, v.Name, v.OwnerId, v.OwnerId == caller, v.IsShared, v.IsStartPage && v.OwnerId == caller, v.Page, v.Query, v.Url, v.CreatedUtc, v.UpdatedUtc);
}

/// <param name="To">Last day of a range; null for one day.</param>
/// <param name="Url">An http(s) link, or null.</param>
/// <param name="View">The saved view it belongs to; null for a global annotation.</param>
public sealed record AnnotationRequest(DateOnly? From, DateOnly? To, string? Label, string? Url, int? View);

public sealed record AnnotationResult(int Id, DateOnly From, DateOnly? To, string Label, string? Url, int? View, string? CreatedBy)
{
    public static AnnotationResult Of(Annotation a) => new(a.Id, a.From, a.To, a.Label, a.Url, a.SavedViewId, a.CreatedBy);
}

public sealed record AnnotationImportResponse(int Imported, IReadOnlyList<CsvRowError> Errors);

/// <summary>/api/annotations: which ones.</summary>
public sealed record AnnotationListQuery(
    [property: FromQuery(Name = "from"), Description("Only those touching this day or later (YYYY-MM-DD).")] string? From,
    [property: FromQuery(Name = "to"), Description("Only those touching this day or earlier (YYYY-MM-DD).")] string? To,
    [property: FromQuery(Name = "view"), Description("A saved view's id: the global annotations plus that view's. Absent: all of them.")] string? View);

/// <summary>
/// Saved views, provider collections and annotations over HTTP. Everyone (Viewer and up) reads and keeps views of their
/// own; Editors and Admins write collections and annotations. Bad input is a 400 ValidationProblem naming the field;
/// another user's view is a 403; an id that doesn't exist a 404.
/// </summary>
public static class ViewsApi
{
    public static IEndpointRouteBuilder MapViewsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(DashboardPolicies.Viewer);

        var collections = api.MapGroup("/collections").WithTags("Collections");
        collections.MapGet("", async (ProviderCollectionService service, CancellationToken ct) =>
            TypedResults.Ok((await service.ListAsync(ct)).Select(CollectionResult.From).ToArray()))
            .WithSummary("The provider collections, by name");
        collections.MapPost("", async Task<Results<Created<CollectionResult>, ValidationProblem>> (CollectionRequest body, ProviderCollectionService service,
            CancellationToken ct) =>
        {
            try
            {
                var c = await service.CreateAsync(body.Name ?? "", body.Description, body.Members ?? [], ct);
                return TypedResults.Created($"/api/collections/{c.Id}", CollectionResult.From(c));
            }
            catch (EditRejectedException e) { return Invalid(e); }
        }).RequireAuthorization(DashboardPolicies.Editor).WithSummary("Add a provider collection (Editor)");
        collections.MapPut("/{id:int}", async Task<Results<Ok<CollectionResult>, ValidationProblem, NotFound<ProblemDetails>>> (int id, CollectionRequest body,
            ProviderCollectionService service, CancellationToken ct) =>
        {
            try
            {
                return await service.UpdateAsync(id, body.Name ?? "", body.Description, body.Members ?? [], ct) is { } c
                    ? TypedResults.Ok(CollectionResult.From(c)) : Missing("collection", id);
            }
            catch (EditRejectedException e) { return Invalid(e); }
        }).RequireAuthorization(DashboardPolicies.Editor).WithSummary("Rename a provider collection and set its members (Editor)");
        collections.MapDelete("/{id:int}", async Task<Results<NoContent, NotFound<ProblemDetails>>> (int id, ProviderCollectionService service, CancellationToken ct) =>
            await service.DeleteAsync(id, ct) ? TypedResults.NoContent() : Missing("collection", id))
            .RequireAuthorization(DashboardPolicies.Editor).WithSummary("Delete a provider collection (Editor)");

        var views = api.MapGroup("/views").WithTags("Views");
        views.MapGet("", async (ClaimsPrincipal user, ViewOwner owner, SavedViewService service, CancellationToken ct) =>
        {
            var me = owner.Of(user);
            return TypedResults.Ok((await service.ListAsync(me, ct)).Select(v => ViewResult.From(v, me)).ToArray());
        }).WithSummary("My saved views, then the ones others share");
        views.MapGet("/{id:int}", async Task<Results<Ok<ViewResult>, NotFound<ProblemDetails>>> (int id, ClaimsPrincipal user, ViewOwner owner,
            SavedViewService service, CancellationToken ct) =>
        {
            var me = owner.Of(user);
            return await service.FindVisibleAsync(id, me, ct) is { } v ? TypedResults.Ok(ViewResult.From(v, me)) : Missing("view", id);
        }).WithSummary("One saved view (mine or shared)");
        views.MapPost("", async Task<Results<Created<ViewResult>, ValidationProblem>> (ViewRequest body, ClaimsPrincipal user, ViewOwner owner,
            SavedViewService service, CancellationToken ct) =>
        {
            var me = owner.Of(user);
            try
            {
                var v = await service.CreateAsync(me, body.Name ?? "", body.Page ?? "", body.Query, body.Shared, ct);
                return TypedResults.Created($"/api/views/{v.Id}", ViewResult.From(v, me));
            }
            catch (EditRejectedException e) { return Invalid(e); }
        }).WithSummary("Save a view");
        views.MapPut("/{id:int}", async Task<Results<Ok<ViewResult>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> (int id,
            ViewUpdateRequest body, ClaimsPrincipal user, ViewOwner owner, SavedViewService service, CancellationToken ct) =>
        {
            var me = owner.Of(user);
            try
            {
                if (await service.UpdateAsync(id, me, body.Name, body.Shared, body.Page, body.Query, ct) is null)
                    return Missing("view", id);
                if (body.StartPage is { } start)
                {
                    var current = await service.StartPageAsync(me, ct);
                    if (start || current?.Id == id)
                        await service.SetStartPageAsync(start ? id : null, me, ct);
                }
                return TypedResults.Ok(ViewResult.From((await service.FindAsync(id, ct))!, me));
            }
            catch (EditRejectedException e) { return Invalid(e); }
            catch (EditForbiddenException e) { return Forbidden(e); }
        }).WithSummary("Rename, share or unshare a view, save over it, or make it my start page");
        views.MapDelete("/{id:int}", async Task<Results<NoContent, NotFound<ProblemDetails>, ProblemHttpResult>> (int id, ClaimsPrincipal user,
            ViewOwner owner, SavedViewService service, CancellationToken ct) =>
        {
            try
            {
                return await service.DeleteAsync(id, owner.Of(user), ct) ? TypedResults.NoContent() : Missing("view", id);
            }
            catch (EditForbiddenException e) { return Forbidden(e); }
        }).WithSummary("Delete one of my views (and the annotations scoped to it)");

        var annotations = api.MapGroup("/annotations").WithTags("Annotations");
        annotations.MapGet("", async Task<Results<Ok<AnnotationResult[]>, ValidationProblem>> ([AsParameters] AnnotationListQuery query,
            AnnotationService service, CancellationToken ct) =>
        {
            var problems = new QueryProblems();
            var range = DashboardFilter.FromQueryString($"from={Uri.EscapeDataString(query.From ?? "")}&to={Uri.EscapeDataString(query.To ?? "")}", problems);
            var view = DashboardQuery.Int(query.View, "view", 1, int.MaxValue, problems, "a saved view's id");
            if (!problems.IsEmpty)
                return TypedResults.ValidationProblem(problems.ToDictionary(), title: "Some query parameters could not be read.");
            var list = view is null && range.From is null && range.To is null
                ? await service.ListAllAsync(ct)
                : await service.ListAsync(range.From, range.To, view, ct);
            return TypedResults.Ok(list.Select(AnnotationResult.Of).ToArray());
        }).WithSummary("Annotations by date");
        api.MapGet("/annotations.csv", async (AnnotationService service, CancellationToken ct) =>
        {
            var all = await service.ListAllAsync(ct);
            return new CsvDownload("annotations.csv", async w =>
            {
                await w.WriteLineAsync(Csv.Line([.. AnnotationService.CsvHeader]));
                foreach (var a in all)
                    await w.WriteLineAsync(Csv.Line(a.From, a.To, a.Label, a.Url, a.SavedViewId));
            });
        }).WithTags("Annotations").WithSummary("Every annotation as CSV (from,to,label,url,view), as the import reads it").RequireRateLimiting(Hardening.ExportPolicy);
        annotations.MapPost("", async Task<Results<Created<AnnotationResult>, ValidationProblem>> (AnnotationRequest body, ClaimsPrincipal user,
            ViewOwner owner, AnnotationService service, CancellationToken ct) =>
        {
            if (body.From is not { } from)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["from"] = ["from: is required"] });
            try
            {
                var a = await service.CreateAsync(new AnnotationInput(from, body.To, body.Label, body.Url, body.View), owner.CreatorOf(user), ct);
                return TypedResults.Created($"/api/annotations/{a.Id}", AnnotationResult.Of(a));
            }
            catch (EditRejectedException e) { return Invalid(e); }
        }).RequireAuthorization(DashboardPolicies.Editor).WithSummary("Add an annotation (Editor)");
        annotations.MapPut("/{id:int}", async Task<Results<Ok<AnnotationResult>, ValidationProblem, NotFound<ProblemDetails>>> (int id, AnnotationRequest body,
            AnnotationService service, CancellationToken ct) =>
        {
            if (body.From is not { } from)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["from"] = ["from: is required"] });
            try
            {
                return await service.UpdateAsync(id, new AnnotationInput(from, body.To, body.Label, body.Url, body.View), ct) is { } a
                    ? TypedResults.Ok(AnnotationResult.Of(a)) : Missing("annotation", id);
            }
            catch (EditRejectedException e) { return Invalid(e); }
        }).RequireAuthorization(DashboardPolicies.Editor).WithSummary("Change an annotation (Editor)");
        annotations.MapDelete("/{id:int}", async Task<Results<NoContent, NotFound<ProblemDetails>>> (int id, AnnotationService service, CancellationToken ct) =>
            await service.DeleteAsync(id, ct) ? TypedResults.NoContent() : Missing("annotation", id))
            .RequireAuthorization(DashboardPolicies.Editor).WithSummary("Delete an annotation (Editor)");
        // The CSV as the body (Content-Type text/csv): a cross-site form can't send that type, so no antiforgery token is needed.
        annotations.MapPost("/import", async Task<Results<Ok<AnnotationImportResponse>, UnprocessableEntity<AnnotationImportResponse>,
            ProblemHttpResult>> (HttpRequest request, ClaimsPrincipal user, ViewOwner owner, AnnotationService service, CancellationToken ct) =>
        {
            if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), "text/csv", StringComparison.OrdinalIgnoreCase))
                return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the CSV as the body with Content-Type: text/csv");
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync(ct);
            var result = await service.ImportCsvAsync(text, owner.CreatorOf(user), ct);
            var response = new AnnotationImportResponse(result.Imported, result.Errors);
            return result.Errors.Count > 0 ? TypedResults.UnprocessableEntity(response) : TypedResults.Ok(response);
        }).RequireAuthorization(DashboardPolicies.Editor)
            .WithSummary("Import annotations from CSV (from,to,label,url,view): all rows or, if any is wrong, none and every error with its line (Editor)");

        return app;
    }

    internal static ValidationProblem Invalid(EditRejectedException e) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [e.Field] = [e.Message] }, title: "The request could not be saved.");

    internal static NotFound<ProblemDetails> Missing(string what, int id) =>
        TypedResults.NotFound(new ProblemDetails { Status = 404, Title = $"There is no {what} with id {id}." });

    private static ProblemHttpResult Forbidden(EditForbiddenException e) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not yours to change", detail: e.Message);
}
