using System.Net;
using AiNewsDashboard.Web.Hosting;

namespace AiNewsDashboard.Web.Tests.Hosting;

/// <summary>The merges page is for Admins, and so is its link in the navigation (Accounts mode, real sign-ins).</summary>
public sealed class MergesAuthorizationTests(AccountsApp app) : IClassFixture<AccountsApp>
{
    private readonly DashboardFactory _factory = app.Factory;

    [Theory]
    [InlineData("viewer", false)]
    [InlineData("editor", false)]
    [InlineData("admin", true)]
    public async Task MergesPageAndNavLink_EachRole_OnlyForAdmins(string user, bool allowed)
    {
        var client = await SignIn.SignedInClientAsync(_factory, user);

        var page = await client.GetAsync("/merges");
        var overview = await client.GetStringAsync("/");

        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("data-testid=\"merges-no-rules\"", await page.Content.ReadAsStringAsync());
            Assert.Contains("data-testid=\"nav-merges\"", overview);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.StartsWith("/login?ReturnUrl=", page.Headers.Location!.PathAndQuery);
            Assert.DoesNotContain("nav-merges", overview);
        }
    }
}
