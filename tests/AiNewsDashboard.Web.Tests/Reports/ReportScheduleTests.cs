using System.Buffers;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Reports;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Reports;
using AiNewsDashboard.Web.Tests.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SmtpServer;
using SmtpServer.Storage;
using UglyToad.PdfPig;

namespace AiNewsDashboard.Web.Tests.Reports;

/// <summary>Saved views as the schedules see them, without the saved-views store.</summary>
public sealed class FakeViews : IReportViewSource
{
    public static readonly ReportView Alpha = new(7, "Alpha watch", "/providers", "provider=alpha.example&from=2020-01-01&to=2020-01-31&sort=name");

    public Task<ReportView?> FindAsync(int savedViewId, CancellationToken ct) => Task.FromResult(savedViewId == Alpha.Id ? Alpha : null);
}

/// <summary>
/// Schedules: a period is written once, across a restart and when two servers on one database race for it; mail goes to
/// a real SMTP server on loopback with the PDF attached.
/// </summary>
public sealed class ReportScheduleTests : IAsyncDisposable
{
    private readonly TempDirectory _shared = new();
    private readonly SettableClock _clock = new(new DateTimeOffset(2026, 3, 4, 10, 0, 0, TimeSpan.Zero));
    private readonly List<WebApplicationFactory<Program>> _hosts = [];

    private string Database => _shared.PathOf("news.db");
    private string Folder => _shared.PathOf("reports");

    public async ValueTask DisposeAsync()
    {
        foreach (var h in _hosts)
            await h.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _shared.Dispose();
    }

    /// <summary>A server on the shared database and reports folder; its scheduler checks at start, then hourly.</summary>
    private WebApplicationFactory<Program> Host(Dictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:News"] = SqliteStore.ConnectionStringForFile(Database), ["Reports:Folder"] = Folder, ["Reports:CheckInterval"] = "01:00:00",
        };
        foreach (var (k, v) in more ?? [])
            settings[k] = v;
        var host = new DashboardFactory(settings: settings).WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(_clock);
            s.AddSingleton<IReportViewSource, FakeViews>();
        }));
        _hosts.Add(host);
        host.CreateClient(); // starts it: migrates the database, runs the scheduler's first check
        // A schedule added while that check still reads the schedules was made by it, and a test's own check then
        // found nothing due.
        Assert.True(Scheduler(host).FirstCheck.Wait(TimeSpan.FromSeconds(30)), "the scheduler's check at start did not end");
        return host;
    }

    private static ReportScheduler Scheduler(WebApplicationFactory<Program> host) => host.Services.GetRequiredService<ReportScheduler>();

    private async Task<List<ReportRun>> RunsAsync(WebApplicationFactory<Program> host)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<NewsDbContext>>().CreateDbContextAsync();
        return await db.ReportRuns.AsNoTracking().OrderBy(r => r.PeriodFrom).ToListAsync();
    }

    private static async Task<ReportSchedule> AddAsync(WebApplicationFactory<Program> host, string frequency = "daily")
    {
        var problems = new QueryProblems();
        var schedule = await host.Services.GetRequiredService<ReportSchedules>().AddAsync(FakeViews.Alpha.Id, frequency, 10, null, problems, default);
        Assert.True(problems.IsEmpty, string.Join("; ", problems.Messages));
        return schedule!;
    }

    [Fact]
    public async Task Schedule_WritesEachPeriodOnce_AcrossARestart_AndWhenTwoServersRace()
    {
        var first = Host();
        await AddAsync(first);

        var made = await Scheduler(first).RunDueAsync(default);
        Assert.Equal([new DateOnly(2026, 3, 3)], made.Select(r => r.PeriodFrom));
        Assert.Empty(await Scheduler(first).RunDueAsync(default)); // the same period again: nothing
        await first.DisposeAsync();
        _hosts.Remove(first);

        // A day later the server starts again: its background check at start makes the new day, and only that.
        _clock.Now = _clock.Now.AddDays(1);
        var second = Host();
        await Wait.UntilAsync(() => RunsAsync(second).Result.Count == 2, "the restarted server's scheduler writes 2026-03-04");
        Assert.Empty(await Scheduler(second).RunDueAsync(default));

        // Two servers on one database, both due for the next day at once: one of them makes it.
        var third = Host();
        _clock.Now = _clock.Now.AddDays(1);
        var raced = await Task.WhenAll(Scheduler(second).RunDueAsync(default), Scheduler(third).RunDueAsync(default));
        Assert.Single(raced.SelectMany(r => r));

        var runs = await RunsAsync(third);
        Assert.Equal([new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 4), new DateOnly(2026, 3, 5)], runs.Select(r => r.PeriodFrom));
        Assert.All(runs, r => Assert.Equal(ReportRunStatus.Written, r.Status));
        Assert.Equal(runs.Select(r => r.FileName).Order(), Directory.GetFiles(Folder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Schedule_AfterDowntime_MakesOnlyTheLastPeriodThatEnded()
    {
        var host = Host();
        await AddAsync(host, "weekly");
        Assert.Single(await Scheduler(host).RunDueAsync(default)); // 2026-02-23 – 03-01

        _clock.Now = _clock.Now.AddDays(30); // 2026-04-03: four weeks missed
        var made = await Scheduler(host).RunDueAsync(default);

        Assert.Equal([(new DateOnly(2026, 3, 23), new DateOnly(2026, 3, 29))], made.Select(r => (r.PeriodFrom, r.PeriodTo)));
    }

    [Fact]
    public async Task Run_AppliesTheViewsFilterOverThePeriod_NotTheViewsDates()
    {
        var host = Host();
        await AddAsync(host);

        var run = Assert.Single(await Scheduler(host).RunDueAsync(default));

        using var pdf = PdfDocument.Open(await File.ReadAllBytesAsync(Path.Combine(Folder, run.FileName!)));
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("Alpha watch: provider quality", text);
        Assert.Contains("Filter: Provider: alpha.example", text);
        Assert.Contains("Dates: 2026-03-03 – 2026-03-03", text);
        Assert.DoesNotContain("2020-01", text);
    }

    private sealed class Inbox : MessageStore
    {
        public List<MimeMessage> Messages { get; } = [];

        public override async Task<SmtpServer.Protocol.SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            lock (Messages)
                Messages.Add(message);
            return SmtpServer.Protocol.SmtpResponse.Ok;
        }
    }

    [Fact]
    public async Task Run_WithSmtp_MailsOneMessageWithThePdfAttached()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var inbox = new Inbox();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(inbox);
        var server = new SmtpServer.SmtpServer(new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build(), services);
        using var stop = new CancellationTokenSource();
        var serving = server.StartAsync(stop.Token);
        try
        {
            var host = Host(new Dictionary<string, string>
            {
                ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Smtp:Security"] = "None",
                ["Smtp:From"] = "Dashboard <reports@example.com>", ["Smtp:To:0"] = "boss@example.com",
            });
            await AddAsync(host);

            var run = Assert.Single(await Scheduler(host).RunDueAsync(default));
            Assert.Empty(await Scheduler(host).RunDueAsync(default));

            Assert.Equal(ReportRunStatus.Mailed, (await RunsAsync(host)).Single().Status);
            var mail = Assert.Single(inbox.Messages);
            Assert.Equal("boss@example.com", mail.To.Mailboxes.Single().Address);
            Assert.Contains("Alpha watch", mail.Subject);
            var attachment = Assert.IsType<MimePart>(Assert.Single(mail.Attachments));
            Assert.Equal("application/pdf", attachment.ContentType.MimeType);
            Assert.Equal(run.FileName, attachment.FileName);
            using var content = new MemoryStream();
            await attachment.Content!.DecodeToAsync(content);
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(Folder, run.FileName!)), content.ToArray());
        }
        finally
        {
            stop.Cancel();
            server.Shutdown();
            await Task.WhenAny(serving, Task.Delay(5000));
        }
    }

    [Fact]
    public async Task SchedulesApi_AddsListsAndDeletes_AndNamesBadFields()
    {
        var host = Host();
        var client = host.CreateClient();

        var bad = await client.PostAsJsonAsync("/api/reports/schedules", new { savedViewId = 99, frequency = "hourly", top = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(["frequency", "savedViewId", "top"], errors.EnumerateObject().Select(p => p.Name).Order());

        var created = await client.PostAsJsonAsync("/api/reports/schedules", new { savedViewId = 7, frequency = "Weekly" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        await Scheduler(host).RunDueAsync(default);

        var list = JsonDocument.Parse(await client.GetStringAsync("/api/reports/schedules")).RootElement;
        var schedule = Assert.Single(list.EnumerateArray());
        Assert.Equal("Alpha watch", schedule.GetProperty("viewName").GetString());
        Assert.Equal("weekly", schedule.GetProperty("frequency").GetString());
        var file = schedule.GetProperty("runs")[0].GetProperty("file").GetString()!;
        var pdf = await client.GetAsync(file);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/reports/schedules/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/reports/schedules/{id}")).StatusCode);
        Assert.Empty(JsonDocument.Parse(await client.GetStringAsync("/api/reports/schedules")).RootElement.EnumerateArray());
    }
}
