using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Views;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Reports;
using AiNewsDashboard.Web.Tests.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Reports;

/// <summary>Schedules over the real saved views: who may schedule which view, a comparison refused, a deleted view's schedules gone.</summary>
public sealed class SavedViewSchedulesTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private WebApplicationFactory<Program> _host = null!;

    private SavedViewService Views => _host.Services.GetRequiredService<SavedViewService>();
    private ReportSchedules Schedules => _host.Services.GetRequiredService<ReportSchedules>();

    public Task InitializeAsync()
    {
        _host = new DashboardFactory(settings: new Dictionary<string, string>
        {
            ["ConnectionStrings:News"] = SqliteStore.ConnectionStringForFile(_dir.PathOf("news.db")), ["Reports:Folder"] = _dir.PathOf("reports"),
            ["Reports:CheckInterval"] = "01:00:00",
        });
        _host.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task Api_SchedulesASavedView_AndItsReportIsNamedAfterIt()
    {
        var view = await Views.CreateAsync(SavedViewService.LocalOwner, "Wire services", "/providers", "provider=alpha.example&range=last30d");
        var client = _host.CreateClient();

        var created = await client.PostAsJsonAsync("/api/reports/schedules", new { savedViewId = view.Id, frequency = "daily", top = 5 });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var made = await _host.Services.GetRequiredService<ReportScheduler>().RunDueAsync(default);
        var run = Assert.Single(made);
        Assert.Null(run.Error);
        var listed = Assert.Single(JsonDocument.Parse(await client.GetStringAsync("/api/reports/schedules")).RootElement.EnumerateArray());
        Assert.Equal("Wire services", listed.GetProperty("viewName").GetString());
    }

    [Fact]
    public async Task Add_AComparisonOrAnotherUsersPrivateView_IsRefusedByName()
    {
        var comparison = await Views.CreateAsync(SavedViewService.LocalOwner, "Chips vs robots", "/compare", "q1=n:Chips;s:chip&q2=n:Robots;s:robot");
        var alices = await Views.CreateAsync("alice", "Alice's desk", "/providers", "provider=alpha.example");
        var shared = await Views.CreateAsync("alice", "Alice's shared desk", "/providers", "provider=beta.example", shared: true);

        var problems = new QueryProblems();
        Assert.Null(await Schedules.AddAsync(comparison.Id, "weekly", 10, null, problems, default));
        Assert.Contains("'Chips vs robots' is a comparison", Assert.Single(problems.Messages));

        problems = new QueryProblems();
        Assert.Null(await Schedules.AddAsync(alices.Id, "weekly", 10, "bob", problems, default));
        Assert.Equal($"savedViewId: there is no saved view {alices.Id}", Assert.Single(problems.Messages));

        problems = new QueryProblems();
        Assert.NotNull(await Schedules.AddAsync(shared.Id, "weekly", 10, "bob", problems, default));
        Assert.NotNull(await Schedules.AddAsync(alices.Id, "monthly", 10, "alice", problems, default));
        Assert.True(problems.IsEmpty, string.Join("; ", problems.Messages));
    }

    [Fact]
    public async Task DeletingAView_StopsItsSchedules_AndLeavesOthers()
    {
        var gone = await Views.CreateAsync(SavedViewService.LocalOwner, "Old desk", "/providers", "provider=alpha.example");
        var kept = await Views.CreateAsync(SavedViewService.LocalOwner, "New desk", "/providers", "provider=beta.example");
        var problems = new QueryProblems();
        await Schedules.AddAsync(gone.Id, "daily", 10, null, problems, default);
        await Schedules.AddAsync(gone.Id, "weekly", 10, null, problems, default);
        await Schedules.AddAsync(kept.Id, "weekly", 10, null, problems, default);
        Assert.True(problems.IsEmpty, string.Join("; ", problems.Messages));

        Assert.True(await Views.DeleteAsync(gone.Id, SavedViewService.LocalOwner));

        var left = await Schedules.ListAsync(default);
        Assert.Equal(["New desk"], left.Select(s => s.ViewName));
        await using var db = await _host.Services.GetRequiredService<IDbContextFactory<NewsDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.ReportSchedules.CountAsync());
    }
}
