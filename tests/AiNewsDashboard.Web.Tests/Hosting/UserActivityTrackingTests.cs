using AiNewsDashboard.Core.Diagnostics;
using AiNewsDashboard.Web.Hosting;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Hosting;

/// <summary>What users wait for is counted while it runs, so background passes let it go first; the circuits' connection is not.</summary>
public sealed class UserActivityTrackingTests
{
    private readonly UserActivity _users = new();

    private async Task<bool> BusyDuringAsync(string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        var busy = false;
        await UserActivityTracking.TrackAsync(context, _ => { busy = _users.IsBusy; return Task.CompletedTask; }, _users);
        return busy;
    }

    [Theory]
    [InlineData("/api/stats/timeline")]
    [InlineData("/providers")]
    public async Task Request_IsCountedWhileItRuns(string path)
    {
        Assert.True(await BusyDuringAsync(path));
        Assert.False(_users.IsBusy);
    }

    [Fact]
    public async Task CircuitConnection_IsNotCounted_ItsEventsAre()
    {
        Assert.False(await BusyDuringAsync("/_blazor"));

        var busy = false;
        var handler = new UserActivityTracking.CircuitActivity(_users).CreateInboundActivityHandler(_ => { busy = _users.IsBusy; return Task.CompletedTask; });
        await handler(null!);

        Assert.True(busy);
        Assert.False(_users.IsBusy);
    }

    [Fact]
    public async Task App_CountsItsRequests_AndRegistersTheCircuitHandler()
    {
        await using var app = new DashboardFactory();
        var users = app.Services.GetRequiredService<UserActivity>();
        Assert.Contains(app.Services.CreateScope().ServiceProvider.GetServices<CircuitHandler>(), h => h is UserActivityTracking.CircuitActivity);

        var client = app.CreateClient();
        var seen = false;
        using var stop = new CancellationTokenSource();
        var watcher = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested && !seen)
                seen = users.IsBusy;
        });
        for (var i = 0; i < 100 && !seen; i++)
            (await client.GetAsync("/healthz")).EnsureSuccessStatusCode();
        stop.Cancel();
        await watcher;

        Assert.True(seen, "no request was seen counted");
        Assert.False(users.IsBusy);
    }
}
