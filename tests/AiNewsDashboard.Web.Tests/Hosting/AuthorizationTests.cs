using System.Net;
using System.Security.Claims;
using AiNewsDashboard.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Hosting;

/// <summary>
/// Accounts mode, checked on the server: every page, API endpoint and the Blazor hub against anonymous users and each
/// role, over real sign-ins through the login form.
/// </summary>
public sealed class AuthorizationTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private readonly DashboardFactory _factory = app.Factory;

    private static readonly string[] PagePaths =
        ["/", "/timeline", "/topics", "/providers", "/providers/siliconangle.com", "/articles", "/articles/1", "/graph"];

    private static readonly string[] EndpointPaths =
    [
        "/api/articles", "/api/articles.csv", "/api/stats/timeline", "/api/stats/topics", "/api/stats/providers", "/api/providers.csv",
        "/api/graph", "/api/graph/clusters", "/api/graph/first-reporters", "/api/graph.gexf",
        "/api/stats/timeline.csv", "/api/stats/topics.csv", "/api/stats/topics/heatmap", "/api/stats/topics/heatmap.csv", "/api/stats/topics/pairs.csv",
        "/api/stats/topics/emerging.csv", "/api/stats/providers/siliconangle.com/periods.csv",
    ];

    public static TheoryData<string> Pages => new(PagePaths);
    public static TheoryData<string> Endpoints => new(EndpointPaths);

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task GetPage_Anonymous_RedirectsToTheLoginPage(string path)
    {
        var response = await SignIn.Client(_factory).GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login?ReturnUrl=", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task GetApi_Anonymous_Answers401WithoutData(string path)
    {
        var response = await SignIn.Client(_factory).GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("siliconangle", await response.Content.ReadAsStringAsync());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task BlazorHub_Anonymous_RefusesTheCircuit()
    {
        var response = await SignIn.Client(_factory).PostAsync("/_blazor/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("viewer")]
    [InlineData("editor")]
    [InlineData("admin")]
    public async Task EveryPageEndpointAndHub_EachRole_IsAllowed(string user)
    {
        var client = await SignIn.SignedInClientAsync(_factory, user);

        foreach (var path in PagePaths.Concat(EndpointPaths))
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{user} {path}: {(int)response.StatusCode}");
        }
        var hub = await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.OK, hub.StatusCode);
    }

    [Theory]
    [InlineData("viewer", "/import", false)]
    [InlineData("editor", "/import", true)]
    [InlineData("admin", "/import", true)]
    [InlineData("viewer", "/api/imports/1/report.csv", false)]
    [InlineData("editor", "/api/imports/1/report.csv", true)]
    [InlineData("viewer", "/admin/backup", false)]
    [InlineData("editor", "/admin/backup", false)]
    [InlineData("admin", "/admin/backup", true)]
    public async Task ImportAndBackup_EachRole_AllowedOnlyFromEditorOrAdminUp(string user, string path, bool allowed)
    {
        var client = await SignIn.SignedInClientAsync(_factory, user);

        // The backup is a form post from the import page (Editors see the page; only Admins' posts are let through).
        var response = path == "/admin/backup"
            ? await client.PostAsync(path, RealServer.Form(await RealServer.TokenAsync(client, user == "viewer" ? "/" : "/import")))
            : await client.GetAsync(path);

        if (allowed)
        {
            // The report of an import that never ran is a 404 that says so; past the role check either way.
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{user} {path}: {(int)response.StatusCode}");
            if (path == "/admin/backup")
                Assert.Equal("application/vnd.sqlite3", response.Content.Headers.ContentType?.MediaType);
        }
        else if (path == "/import")
        {
            // A page sends someone without the role to sign in as someone who has it.
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/login?ReturnUrl=", response.Headers.Location!.PathAndQuery);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.NotEqual("application/vnd.sqlite3", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task ImportPage_Editor_SeesNoWatchFolderOrBackup()
    {
        var editor = await SignIn.SignedInClientAsync(_factory, "editor");
        var admin = await SignIn.SignedInClientAsync(_factory, "admin");

        var forEditor = await editor.GetStringAsync("/import");
        var forAdmin = await admin.GetStringAsync("/import");

        Assert.Contains("data-testid=\"admin-only\"", forEditor);
        Assert.DoesNotContain("data-testid=\"backup\"", forEditor);
        Assert.Contains("data-testid=\"backup\"", forAdmin);
    }

    [Theory]
    [InlineData(DashboardRoles.Viewer, DashboardPolicies.Viewer, true)]
    [InlineData(DashboardRoles.Viewer, DashboardPolicies.Editor, false)]
    [InlineData(DashboardRoles.Viewer, DashboardPolicies.Admin, false)]
    [InlineData(DashboardRoles.Editor, DashboardPolicies.Viewer, true)]
    [InlineData(DashboardRoles.Editor, DashboardPolicies.Editor, true)]
    [InlineData(DashboardRoles.Editor, DashboardPolicies.Admin, false)]
    [InlineData(DashboardRoles.Admin, DashboardPolicies.Viewer, true)]
    [InlineData(DashboardRoles.Admin, DashboardPolicies.Editor, true)]
    [InlineData(DashboardRoles.Admin, DashboardPolicies.Admin, true)]
    [InlineData(null, DashboardPolicies.Viewer, false)]
    public async Task Authorize_RoleAgainstPolicy_HigherRolesIncludeLowerOnes(string? role, string policy, bool allowed)
    {
        // Imports (Editor) and users, deletes, backups (Admin) name these policies; this is the check they get.
        var identity = role is null ? new ClaimsIdentity() : new ClaimsIdentity([new Claim(ClaimTypes.Name, "x"), new Claim(ClaimTypes.Role, role)], "test");
        var authorization = _factory.Services.GetRequiredService<IAuthorizationService>();

        var result = await authorization.AuthorizeAsync(new ClaimsPrincipal(identity), policy);

        Assert.Equal(allowed, result.Succeeded);
    }

    [Fact]
    public async Task SignOut_WithTheFormToken_EndsTheSession()
    {
        var client = await SignIn.SignedInClientAsync(_factory, "viewer");
        var page = await client.GetStringAsync("/");
        Assert.Contains("data-testid=\"signed-in-user\"", page);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        var response = await client.PostAsync(Accounts.LogoutEndpoint, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/articles")).StatusCode);
    }

    [Fact]
    public async Task PostLogin_WithoutAntiforgeryToken_IsRefused()
    {
        var client = SignIn.Client(_factory);

        var response = await client.PostAsync(Accounts.LoginEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "admin", ["password"] = SignIn.Password,
        }));

        Assert.NotEqual("/", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/articles")).StatusCode);
    }

    [Theory]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    public async Task PostLogin_ReturnUrlToAnotherSite_GoesHomeInstead(string returnUrl)
    {
        var response = await SignIn.PostLoginAsync(SignIn.Client(_factory), "viewer", SignIn.Password, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }
}
