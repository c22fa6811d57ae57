using AiNewsDashboard.Core.Views;

namespace AiNewsDashboard.Web.Views;

public static class StartPage
{
    /// <summary>
    /// Opening <c>/</c> with nothing after it goes to the user's start page, when they have set one (a saved view). A link to
    /// the Overview with a filter, and the Overview link inside the running app, still open the Overview.
    /// </summary>
    public static IApplicationBuilder UseStartPage(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (HttpMethods.IsGet(context.Request.Method) && context.Request.Path == "/" && !context.Request.QueryString.HasValue &&
            (context.User.Identity?.IsAuthenticated == true || context.RequestServices.GetRequiredService<ViewOwner>().IsLocal))
        {
            var owner = context.RequestServices.GetRequiredService<ViewOwner>().Of(context.User);
            if (await context.RequestServices.GetRequiredService<SavedViewService>().StartPageAsync(owner, context.RequestAborted) is { } view)
            {
                context.Response.Redirect(context.Request.PathBase + view.Url);
                return;
            }
        }
        await next(context);
    });
}
