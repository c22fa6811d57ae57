using Microsoft.AspNetCore.Diagnostics;

namespace AiNewsDashboard.Web.Hosting;

/// <summary>
/// What the API answers when it has no answer of its own: problem details (<c>application/problem+json</c>, RFC 9457),
/// as its validation errors are, never a page's HTML. A failure is a 500 that names no detail (the log has them); an
/// error status sent without a body (an address under /api that doesn't exist, a sign-in needed, a rate limit) gets
/// its status's title.
/// </summary>
public static class ApiProblems
{
    public const string FailureTitle = "The server failed to answer this request. The error is in its log; try again, and tell whoever runs it if it persists.";

    /// <summary>A request for the API, which callers read as JSON.</summary>
    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    /// <summary>After the pages' error handling (an error page, the not-found page), so the API's requests never reach it.</summary>
    public static WebApplication UseApiProblems(this WebApplication app)
    {
        app.UseWhen(context => IsApi(context.Request), api =>
        {
            if (!app.Environment.IsDevelopment())
                api.UseExceptionHandler(new ExceptionHandlerOptions
                {
                    ExceptionHandler = context => Results.Problem(title: FailureTitle, statusCode: StatusCodes.Status500InternalServerError).ExecuteAsync(context),
                });
            api.Use(async (context, next) =>
            {
                // The pages' not-found page would answer a bare status otherwise.
                if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
                    pages.Enabled = false;
                await next(context);
                var response = context.Response;
                if (response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
                    await Results.Problem(statusCode: response.StatusCode).ExecuteAsync(context);
            });
        });
        return app;
    }
}
