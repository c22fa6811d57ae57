using System.Net;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Hosting;

/// <summary>
/// The sign-in limit is counted in the database by every instance together: a proxy spreading one client over two
/// instances gives it the limit once, not once per instance.
/// </summary>
public sealed class SharedSignInLimitTests
{
    [Fact]
    public async Task SignInLimit_TwoInstancesOnOneDatabase_CountOneClientTogether_UntilTheMinuteEnds()
    {
        var now = DateTimeOffset.UtcNow;
        var clock = new SettableClock(new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 5, TimeSpan.Zero));
        await using var firstHost = new DashboardFactory(settings: Settings());
        await using var first = WithClock(firstHost, clock);
        first.CreateClient().Dispose(); // starts it: creates the database
        await using var secondHost = new DashboardFactory(settings: Settings(("ConnectionStrings:News", SqliteStore.ConnectionStringForFile(firstHost.DatabasePath))));
        await using var second = WithClock(secondHost, clock);
        var (a, b) = (SignIn.Client(first), SignIn.Client(second));

        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostLoginAsync(a, "carol", "wrong password")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostLoginAsync(b, "carol", "wrong password")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostLoginAsync(a, "carol", "wrong password")).StatusCode);
        var refused = await SignIn.PostLoginAsync(b, "carol", "wrong password"); // the fourth in the minute: each instance saw two

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(55), refused.Headers.RetryAfter?.Delta); // until the minute ends, as both instances count it
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignIn.PostLoginAsync(a, "carol", "wrong password")).StatusCode);

        clock.Now = clock.Now.AddMinutes(1);
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostLoginAsync(a, "carol", "wrong password")).StatusCode);
    }

    private static Dictionary<string, string> Settings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string> { ["Auth:Mode"] = "Accounts", ["Security:LoginAttemptsPerMinute"] = "3" };
        foreach (var (key, value) in more)
            settings[key] = value;
        return settings;
    }

    private static WebApplicationFactory<Program> WithClock(DashboardFactory host, SettableClock clock) =>
        host.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
}
