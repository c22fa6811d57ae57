using System.Security.Cryptography;

namespace AiNewsDashboard.Web.Hosting;

/// <summary>
/// The response headers every answer carries (pages, API, static files, errors): a Content-Security-Policy the app
/// really runs under, nosniff, no referrer, and no framing. HSTS is added by <c>UseHsts</c> and only over https.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "csp-nonce";

    /// <summary>
    /// The policy, with the request's nonce in place of {nonce}. Every directive is what the app needs, no more:
    /// scripts only from this origin (plus the one inline import map, by nonce: it is JSON the framework writes, not code);
    /// inline styles because MudBlazor and our charts set style attributes; images from https sites (article images) and
    /// data: URIs (MudBlazor's icons); the Blazor circuit's WebSocket is same-origin (connect-src 'self' covers ws/wss);
    /// the graph's ForceAtlas2 layout runs in a blob: worker; nothing may frame the app, nothing may post forms elsewhere.
    /// </summary>
    public const string PolicyTemplate =
        "default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; " +
        "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; " +
        "form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // Hex, so HTML encoding leaves it untouched in the page (base64's + and / would be escaped).
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        // OnStarting, so answers written by later middleware (static files, status pages, the exception handler) get them too.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = PolicyTemplate.Replace("{nonce}", nonce, StringComparison.Ordinal);
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY"; // frame-ancestors for browsers that predate it
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>The nonce of this request's policy, for the one inline script element the framework writes (the import map).</summary>
    public static string? Nonce(HttpContext? context) => context?.Items[NonceKey] as string;
}
