using System.Net;
using System.Text.RegularExpressions;
using AiNewsDashboard.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Hosting;

/// <summary>The app in Accounts mode with one account per role, and sign-in through the real login form and endpoint.</summary>
public static class SignIn
{
    public const string Password = "correct horse battery";

    /// <summary>Accounts mode, with as many sign-in attempts a minute as given and no export limit.</summary>
    public static IReadOnlyDictionary<string, string> AccountsSettings(int loginAttemptsPerMinute = 1000) => new Dictionary<string, string>
    {
        ["Auth:Mode"] = "Accounts",
        ["Security:LoginAttemptsPerMinute"] = loginAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Security:ExportRequestsPerMinute"] = "1000",
    };

    public static DashboardFactory AccountsFactory(int loginAttemptsPerMinute = 1000) => new(settings: AccountsSettings(loginAttemptsPerMinute));

    /// <summary>Creates the account <paramref name="name"/> with <paramref name="role"/> (the app must have started).</summary>
    public static async Task AddUserAsync(DashboardFactory factory, string name, string role)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser(name);
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }

    /// <summary>Creates one account per role, named after the role in lower case (the app must have started).</summary>
    public static async Task AddUserPerRoleAsync(DashboardFactory factory)
    {
        foreach (var role in DashboardRoles.All)
            await AddUserAsync(factory, role.ToLowerInvariant(), role);
    }

    /// <summary>A client that follows no redirects, so tests see each 302 and 401 themselves, and keeps cookies.</summary>
    public static HttpClient Client(WebApplicationFactory<Program> factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Loads the login page (for its antiforgery token and cookie) and posts the form as a browser would.</summary>
    /// <summary>
    /// Waits, when needed, until the current minute has 15 s left: the sign-in limit counts in fixed windows that start on
    /// the minute (shared by every instance), so attempts a test makes across a window's end would be counted apart.
    /// </summary>
    public static async Task WithinOneLimitWindowAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var left = TimeSpan.FromMinutes(1) - TimeSpan.FromTicks(now.Ticks % TimeSpan.TicksPerMinute);
        if (left < TimeSpan.FromSeconds(15))
            await Task.Delay(left + TimeSpan.FromMilliseconds(100));
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string name, string password, string returnUrl = "/")
    {
        var page = await client.GetStringAsync(Accounts.LoginPath);
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);
        return await client.PostAsync(Accounts.LoginEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = name, ["password"] = password, ["returnUrl"] = returnUrl, ["__RequestVerificationToken"] = token,
        }));
    }

    public static async Task<HttpClient> SignedInClientAsync(DashboardFactory factory, string name)
    {
        var client = Client(factory);
        var response = await PostLoginAsync(client, name, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        return client;
    }
}

/// <summary>
/// One app in Accounts mode with a user per role (named after it, lower case), shared by a class's tests as a class
/// fixture: they run one at a time, each signs in with a client of its own, and none changes an account but its security
/// stamp at a sign-out. <see cref="AuthorizationTests"/> started an app per test, 53 times, with three password hashes each.
/// </summary>
public sealed class AccountsApp() : SharedApp(SignIn.AccountsSettings())
{
    protected override Task SeedAsync() => SignIn.AddUserPerRoleAsync(Factory);
}
