using System.Net;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Hosting;

/// <summary>The Data Protection key ring in the database: what one instance signs, another on that database reads.</summary>
public sealed class KeyRingTests
{
    [Fact]
    public async Task SignIn_OnOneInstance_HoldsOnAnotherOnTheSameDatabase()
    {
        await using var first = SignIn.AccountsFactory();
        first.CreateClient().Dispose();
        await SignIn.AddUserAsync(first, "dana", DashboardRoles.Viewer);
        var login = await SignIn.PostLoginAsync(SignIn.Client(first), "dana", SignIn.Password);
        var cookie = login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("AiNewsDashboard.Auth=", StringComparison.Ordinal));
        await using var second = new DashboardFactory(settings: new Dictionary<string, string>
        {
            ["Auth:Mode"] = "Accounts",
            ["ConnectionStrings:News"] = SqliteStore.ConnectionStringForFile(first.DatabasePath),
        });
        var other = SignIn.Client(second);

        using var anonymous = new HttpRequestMessage(HttpMethod.Get, "/api/articles");
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.SendAsync(anonymous)).StatusCode);
        using var signedIn = new HttpRequestMessage(HttpMethod.Get, "/api/articles") { Headers = { { "Cookie", cookie } } };
        Assert.Equal(HttpStatusCode.OK, (await other.SendAsync(signedIn)).StatusCode);
    }

    [Fact]
    public async Task Keys_LiveInTheDatabase_NotInTheHomeFolder()
    {
        await using var factory = SignIn.AccountsFactory();
        var client = SignIn.Client(factory);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Accounts.LoginPath)).StatusCode); // issues an antiforgery token

        await using var scope = factory.Services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<InstancesDbContext>().DataProtectionKeys.ToListAsync();

        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.Contains("<key ", k.Xml));
    }
}
