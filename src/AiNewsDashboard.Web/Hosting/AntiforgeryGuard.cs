using Microsoft.AspNetCore.Antiforgery;

namespace AiNewsDashboard.Web.Hosting;

public static class AntiforgeryGuard
{
    /// <summary>
    /// Refuses a post whose antiforgery token is missing or wrong with a 400 that says so. The antiforgery middleware only
    /// checks the token; minimal APIs refuse a bad one only when they bind form fields, so an endpoint that reads no form
    /// (sign-out, backup) would otherwise run for a cross-site form.
    /// </summary>
    public static RouteHandlerBuilder RequireValidAntiforgeryToken(this RouteHandlerBuilder builder) => builder
        .WithMetadata(new RequireAntiforgeryTokenAttribute())
        .AddEndpointFilter(async (context, next) =>
            context.HttpContext.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: true }
                ? await next(context)
                : Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Missing or invalid antiforgery token",
                    detail: "This form must be sent from the dashboard's own page: reload the page and try again."));
}
