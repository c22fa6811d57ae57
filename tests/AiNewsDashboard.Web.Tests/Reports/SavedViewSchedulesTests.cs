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
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Reports;

/// <summary>Schedules over the real saved views: who may schedule which view, a comparison refused, a deleted view's schedules gone.</summary>
public sealed class SavedViewSchedulesTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly SettableClock _clock = new(new DateTimeOffset(2026, 3, 4, 10, 0, 0, TimeSpan.Zero));
    private WebApplicationFactory<Program> _host = null!;

    private SavedViewService Views => _host.Services.GetRequiredService<SavedViewService>();
    private ReportSchedules Schedules => _host.Services.GetRequiredService<ReportSchedules>();

    public Task InitializeAsync()
    {
        _host = new DashboardFactory(settings: new Dictionary<string, string>
        {
            ["ConnectionStrings:News"] = SqliteStore.ConnectionStringForFile(_dir.PathOf("news.db")), ["Reports:Folder"] = _dir.PathOf("reports"),
            ["Reports:CheckInterval"] = "01:00:00",
        }).WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));
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
    public async Task Run_OfAViewWithACollection_ReportsItsProviders_AndFailsByNameOnceTheCollectionIsGone()
    {
        var files = new List<(string, string)>
        {
            ("a.md", new ArticleBuilder().From("alpha.example", "Alpha").PublishedOn(2026, 3, 3).Titled("Wire copy").WithQuality(70).Build()),
            ("b.md", new ArticleBuilder().From("beta.example", "Beta").PublishedOn(2026, 3, 3).Titled("Own story").WithQuality(40).Build()),
        };
        await _host.Services.GetRequiredService<AiNewsDashboard.Core.Import.ArticleImporter>().ImportAsync(AiNewsDashboard.Core.Import.ImportSource.FromTexts(files), files.Count);
        var collections = _host.Services.GetRequiredService<AiNewsDashboard.Core.Collections.ProviderCollectionService>();
        var desk = await collections.CreateAsync("Wire desk", null, ["alpha.example"]);
        var view = await Views.CreateAsync(SavedViewService.LocalOwner, "Wire", "/providers", "collection=Wire%20desk");
        var problems = new QueryProblems();
        await Schedules.AddAsync(view.Id, "daily", 5, null, problems, default);
        var scheduler = _host.Services.GetRequiredService<ReportScheduler>();

        var run = Assert.Single(await scheduler.RunDueAsync(default));
        Assert.Null(run.Error);
        var text = string.Join(" ", UglyToad.PdfPig.PdfDocument.Open(Path.Combine(scheduler.Folder, run.FileName!)).GetPages().Select(p => p.Text));
        Assert.Contains("Collection: Wire desk", text);
        Assert.Contains("alpha.example", text);
        Assert.DoesNotContain("beta.example", text);

        // The next day, with the collection deleted: the run fails and says why, instead of reporting every provider.
        await collections.DeleteAsync(desk.Id);
        _clock.Now = _clock.Now.AddDays(1);
        var failed = Assert.Single(await scheduler.RunDueAsync(default));
        Assert.Equal("collection: there is no provider collection called 'Wire desk'", failed.Error);
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
