namespace AiNewsDashboard.Web.Components.Layout;

/// <summary>
/// The user's choice of dark or light mode, kept in a cookie (written by wwwroot/js/theme.js when they toggle it) so that
/// the server renders the first HTML in the chosen mode: no light frame before the circuit starts. Without a choice the
/// page follows the system's preference, which only the browser knows, once the circuit is up.
/// </summary>
public static class ThemePreference
{
    /// <summary>The cookie's name; theme.js writes "dark" or "light".</summary>
    public const string CookieName = "ainews-theme";

    /// <summary>True for dark, false for light, null when the user hasn't chosen (or there is no request, in the circuit).</summary>
    public static bool? Read(HttpContext? context) =>
        context?.Request.Cookies[CookieName] switch
        {
            "dark" => true,
            "light" => false,
            _ => null,
        };

    /// <summary>The value of &lt;html data-theme&gt;: "dark" when chosen, else none (app.css paints the page dark before MudBlazor's theme is in).</summary>
    public static string? HtmlAttribute(HttpContext? context) => Read(context) == true ? "dark" : null;
}
