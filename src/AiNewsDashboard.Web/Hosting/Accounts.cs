using System.Net;
using AiNewsDashboard.Core.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiNewsDashboard.Web.Hosting;

/// <summary>
/// <c>Auth:Mode</c> (<see cref="AuthOptions"/>). Local (the default): a single-user tool on this machine, no sign-in,
/// loopback only. Accounts: ASP.NET Core Identity in the same database, roles, required for any other address.
/// </summary>
[System.ComponentModel.TypeConverter(typeof(SettingEnumConverter<AuthMode>))]
public enum AuthMode { Local, Accounts }

/// <summary>The three roles, each including the ones below it: Admin ⊇ Editor ⊇ Viewer.</summary>
public static class DashboardRoles
{
    public const string Viewer = "Viewer", Editor = "Editor", Admin = "Admin";
    public static readonly string[] All = [Viewer, Editor, Admin];

    /// <summary>The canonical spelling of a role name typed in any case, or null.</summary>
    public static string? Parse(string? name) => All.FirstOrDefault(r => string.Equals(r, name, StringComparison.OrdinalIgnoreCase));

    public static int Rank(string role) => Array.IndexOf(All, role);
}

/// <summary>
/// The policies every page, endpoint and the Blazor hub name. One requirement and one handler decide them in both
/// modes, so a check is the same code path whether or not accounts are on: Local allows everything, Accounts asks
/// for a signed-in user holding the role or a higher one.
/// </summary>
public static class DashboardPolicies
{
    public const string Viewer = DashboardRoles.Viewer, Editor = DashboardRoles.Editor, Admin = DashboardRoles.Admin;
}

public sealed record DashboardRoleRequirement(string Role) : IAuthorizationRequirement;

public sealed class DashboardRoleHandler(IOptions<AuthOptions> auth) : AuthorizationHandler<DashboardRoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, DashboardRoleRequirement requirement)
    {
        if (auth.Value.Mode == AuthMode.Local)
            context.Succeed(requirement);
        else if (context.User.Identity?.IsAuthenticated == true
                 && DashboardRoles.All.Skip(DashboardRoles.Rank(requirement.Role)).Any(context.User.IsInRole))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}

public static class Accounts
{
    public const string LoginPath = "/login", LoginEndpoint = "/account/login", LogoutEndpoint = "/account/logout";

    /// <summary>Lockout: this many failed sign-ins in a row lock the account for <see cref="LockoutMinutes"/>.</summary>
    public const int MaxFailedAttempts = 5, LockoutMinutes = 5;

    /// <summary>How soon a removed account, or a changed role or password, stops working in open circuits (cookies: at once).</summary>
    public static readonly TimeSpan RevalidationInterval = TimeSpan.FromMinutes(1);

    /// <summary>Identity's stores over the accounts context; shared by the web host and the <c>users</c> CLI verb.</summary>
    public static IdentityBuilder AddAccountStore(this IServiceCollection services) =>
        services
            .AddDbContext<AccountsDbContext>((sp, o) => sp.GetRequiredService<INewsStore>().Configure(o))
            .AddIdentityCore<IdentityUser>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(LockoutMinutes);
                o.Lockout.AllowedForNewUsers = true;
                o.Password.RequiredLength = 10;
                // Length beats composition rules (NIST 800-63B): no forced digits, cases or symbols.
                o.Password.RequireDigit = o.Password.RequireLowercase = o.Password.RequireUppercase = o.Password.RequireNonAlphanumeric = false;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AccountsDbContext>();

    public static IServiceCollection AddDashboardAccounts(this IServiceCollection services)
    {
        services.AddAccountStore()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = LoginPath;
            o.AccessDeniedPath = LoginPath;
            o.Cookie.Name = "AiNewsDashboard.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure over https, never sent back over http
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // The API and admin downloads answer 401/403; only pages redirect to the login page.
            o.Events.OnRedirectToLogin = c => ApiOrRedirect(c, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = c => ApiOrRedirect(c, StatusCodes.Status403Forbidden);
        });
        // Every request checks the cookie's security stamp against the account, so a sign-out, a removed account or a changed
        // role or password ends every copy of the cookie at once (one indexed lookup per request).
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RevalidatingAccountState>();
        services.AddSingleton<IAuthorizationHandler, DashboardRoleHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(DashboardPolicies.Viewer, p => p.AddRequirements(new DashboardRoleRequirement(DashboardRoles.Viewer)))
            .AddPolicy(DashboardPolicies.Editor, p => p.AddRequirements(new DashboardRoleRequirement(DashboardRoles.Editor)))
            .AddPolicy(DashboardPolicies.Admin, p => p.AddRequirements(new DashboardRoleRequirement(DashboardRoles.Admin)))
            // Anything that names no policy (a page, an endpoint, the Blazor hub) needs at least a Viewer.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().AddRequirements(new DashboardRoleRequirement(DashboardRoles.Viewer)).Build());
        services.AddCascadingAuthenticationState();
        return services;
    }

    private static Task ApiOrRedirect(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (ApiProblems.IsApi(context.Request) || context.Request.Path.StartsWithSegments("/_blazor")
            || context.Request.Path.StartsWithSegments("/admin"))
        {
            context.Response.StatusCode = status;
            // The status, not re-executed into the (itself protected) not-found page; the API's gets its problem details.
            if (context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
                pages.Enabled = false;
        }
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Creates the accounts tables (in both modes, so switching mode or adding users first just works) and the roles;
    /// returns how many accounts exist.
    /// </summary>
    public static async Task<int> InitializeAccountsAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AccountsDbContext>().Database.MigrateAsync(ct);
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in DashboardRoles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
        return await scope.ServiceProvider.GetRequiredService<AccountsDbContext>().Users.CountAsync(ct);
    }

    /// <summary>
    /// Local mode has no sign-in, so it serves this machine only: any other address is refused before it is bound.
    /// Accounts mode on another address over plain http starts, with a warning: passwords and cookies cross the network in clear.
    /// </summary>
    public static bool IsSafeToListen(this WebApplication app, TextWriter stderr)
    {
        var exposed = NonLoopbackAddresses(app.Configuration);
        if (app.Services.GetRequiredService<IOptions<AuthOptions>>().Value.Mode != AuthMode.Local)
        {
            var plain = exposed.Where(a => a.StartsWith("port ", StringComparison.Ordinal)
                ? a.EndsWith("(http)", StringComparison.Ordinal)
                : !a.StartsWith("https://", StringComparison.OrdinalIgnoreCase)).ToList();
            if (plain.Count > 0)
                stderr.WriteLine($"warning: serving accounts over plain http on {string.Join(", ", plain)}: passwords and sign-in cookies " +
                                 "cross the network unencrypted. Use https (a Kestrel certificate, or a reverse proxy that terminates TLS).");
            return true;
        }
        if (exposed.Count == 0)
            return true;
        stderr.WriteLine($"error: refusing to listen on {string.Join(", ", exposed)}.\n" +
                         "Auth:Mode is Local (no sign-in), which serves this machine only: use a loopback address such as " +
                         "http://localhost:5000, or turn accounts on with --Auth:Mode=Accounts after creating an administrator " +
                         "with 'users add <name> --role Admin'.");
        return false;
    }

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // A plain form post (antiforgery-checked, because it binds form fields), so the cookie is set on a normal HTTP
        // answer: a Blazor circuit cannot set cookies.
        app.MapPost(LoginEndpoint, async ([FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl,
            SignInManager<IdentityUser> signIn, IPasswordHasher<IdentityUser> hasher, IOptions<AuthOptions> auth, ILoggerFactory logs) =>
        {
            var back = SafeReturnUrl(returnUrl);
            if (auth.Value.Mode == AuthMode.Local)
                return Results.LocalRedirect(back);
            if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
                return Results.LocalRedirect(LoginUrl("missing", back));
            var result = await signIn.UserManager.FindByNameAsync(userName.Trim()) is { } user
                ? await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true)
                : RefuseUnknownUser(hasher, password);
            if (result.Succeeded)
                return Results.LocalRedirect(back);
            logs.CreateLogger("AiNewsDashboard.Accounts").LogWarning("Failed sign-in for {User}{Locked}", userName, result.IsLockedOut ? " (locked out)" : "");
            return Results.LocalRedirect(LoginUrl(result.IsLockedOut ? "locked" : "invalid", back));
        }).AllowAnonymous().RequireRateLimiting(Hardening.LoginPolicy);

        // Signing out ends the session on the server too: a new security stamp makes every cookie issued before it (a copy
        // saved by malware or a shared machine) fail its next validation, which runs on every request.
        app.MapPost(LogoutEndpoint, async (HttpContext context, UserManager<IdentityUser> users) =>
        {
            if (context.User.Identity?.IsAuthenticated == true && await users.GetUserAsync(context.User) is { } user)
                await users.UpdateSecurityStampAsync(user);
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            return Results.LocalRedirect(LoginPath);
        }).AllowAnonymous().RequireValidAntiforgeryToken(); // no cross-site sign-out
        return app;
    }

    private static string? s_decoyHash;

    /// <summary>
    /// An unknown user name is refused the way a wrong password is: after verifying a password hash (a decoy's), so the
    /// answer takes as long and the time does not tell which names exist.
    /// </summary>
    private static Microsoft.AspNetCore.Identity.SignInResult RefuseUnknownUser(IPasswordHasher<IdentityUser> hasher, string password)
    {
        var decoy = new IdentityUser("unknown");
        s_decoyHash ??= hasher.HashPassword(decoy, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
        hasher.VerifyHashedPassword(decoy, s_decoyHash, password);
        return Microsoft.AspNetCore.Identity.SignInResult.Failed;
    }

    private static string LoginUrl(string error, string returnUrl) =>
        $"{LoginPath}?error={error}&returnUrl={Uri.EscapeDataString(returnUrl)}";

    /// <summary>
    /// Only a path on this site: never an open redirect to another host (//evil.example, /\evil.example). A control
    /// character (tab, newline) falls back to / too: browsers drop it, so <c>/&#9;/evil.example</c> would become <c>//evil.example</c>.
    /// </summary>
    public static string SafeReturnUrl(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.StartsWith(LoginPath, StringComparison.OrdinalIgnoreCase)
        && !url.Any(char.IsControl)
            ? url : "/";

    /// <summary>
    /// The addresses from the configuration that are not loopback: the app must not serve them in Local mode.
    /// Nothing set means the default, http://localhost:5000. ASPNETCORE_HTTP(S)_PORTS bind every interface.
    /// </summary>
    public static IReadOnlyList<string> NonLoopbackAddresses(IConfiguration config)
    {
        var urls = (config["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(config.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>())
            .ToList();
        var ports = new[] { "http_ports", "https_ports" }.Where(k => !string.IsNullOrWhiteSpace(config[k]))
            .Select(k => $"port {config[k]} on every interface ({k[..^"_ports".Length]})");
        return [.. urls.Where(u => !IsLoopback(u)), .. (urls.Count == 0 ? ports : [])];
    }

    private static bool IsLoopback(string url)
    {
        var host = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        host = host.Split('/')[0];
        if (host.StartsWith('['))
            host = host[1..host.IndexOf(']')];
        else if (host.LastIndexOf(':') is var colon and > 0)
            host = host[..colon];
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
               || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
