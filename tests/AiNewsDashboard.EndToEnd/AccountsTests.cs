using System.Text.RegularExpressions;
using AiNewsDashboard.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AiNewsDashboard.EndToEnd;

/// <summary>The dashboard in Accounts mode, with one Viewer.</summary>
public sealed class AccountsDashboardServer : DashboardServer
{
    public const string User = "vera", Password = "correct horse battery";

    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Auth:Mode", "Accounts");

    public async Task AddViewerAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.FindByNameAsync(User) is not null)
            return;
        var user = new IdentityUser(User);
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, DashboardRoles.Viewer)).Succeeded);
    }
}

/// <summary>Sign-in in real Chromium: the login page, a wrong password, the way back to the page asked for, a live circuit, sign-out.</summary>
[Trait("Category", "Slow")]
public sealed class AccountsTests(AccountsDashboardServer server) : IClassFixture<AccountsDashboardServer>
{
    private static ILocatorAssertions Expect(ILocator l) => Assertions.Expect(l);
    private static IPageAssertions Expect(IPage p) => Assertions.Expect(p);

    [BrowserFact]
    public async Task SignIn_FromAProtectedPage_ReturnsThereWithAWorkingDashboardAndSignsOut()
    {
        await server.AddViewerAsync();
        var (page, errors) = await server.NewPageAsync();

        await page.GotoAsync(server.BaseUrl + "/articles?q=MLCommons");

        await Expect(page).ToHaveURLAsync(new Regex(@"/login\?ReturnUrl=%2Farticles%3Fq%3DMLCommons$"));
        await Expect(page.Locator("[data-testid=login-form]")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("login"), FullPage = true });

        await page.Locator("[data-testid=login-user]").FillAsync(AccountsDashboardServer.User);
        await page.Locator("[data-testid=login-password]").FillAsync("not the password");
        await page.Locator("[data-testid=login-submit]").ClickAsync();
        await Expect(page.Locator("[data-testid=login-error]")).ToContainTextAsync("do not match");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("login-failed"), FullPage = true });

        await page.Locator("[data-testid=login-user]").FillAsync(AccountsDashboardServer.User);
        await page.Locator("[data-testid=login-password]").FillAsync(AccountsDashboardServer.Password);
        await page.Locator("[data-testid=login-submit]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/articles\?q=MLCommons$"));
        await page.WaitForSelectorAsync("#circuit-state[data-interactive=true]", new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=signed-in-user]")).ToHaveTextAsync(AccountsDashboardServer.User);
        await Expect(page.Locator("[data-testid=article-link]").First).ToBeVisibleAsync();
        // The circuit works: a filter typed in the page changes the URL and the list.
        await page.Locator("[data-testid=filter-text]").FillAsync("speech");
        await Expect(page).ToHaveURLAsync(new Regex(@"q=speech"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("signed-in"), FullPage = false });

        await page.Locator("[data-testid=sign-out]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/login$"));
        await page.GotoAsync(server.BaseUrl + "/graph");
        await Expect(page).ToHaveURLAsync(new Regex(@"/login\?ReturnUrl=%2Fgraph$"));
        // The 401 of the failed password and nothing else.
        Assert.Empty(errors);
    }
}
