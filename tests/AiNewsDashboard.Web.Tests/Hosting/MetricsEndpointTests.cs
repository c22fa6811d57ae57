using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Hosting;

/// <summary>
/// Metrics are listened to by meter name across the process, so another test's host running at the same moment adds
/// its own series (its snapshot, its requests) to this host's scrape: these tests run alone.
/// </summary>
[CollectionDefinition(nameof(MetricsEndpointTests), DisableParallelization = true)]
public sealed class MetricsCollection;

/// <summary>/metrics: Prometheus's text format with request latency, the import rate, the snapshot and the runtime; a bearer token when set.</summary>
[Collection(nameof(MetricsEndpointTests))]
public sealed partial class MetricsEndpointTests
{
    /// <summary>The value of a sample whose name (and labels, if given) match; null when absent.</summary>
    private static double? Sample(string text, string name, string? label = null) => Samples(text, name, label).Cast<double?>().FirstOrDefault();

    private static IEnumerable<double> Samples(string text, string name, string? label = null)
    {
        foreach (var line in text.Split('\n'))
        {
            var m = SampleLine().Match(line);
            if (m.Success && m.Groups["name"].Value == name && (label is null || m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)))
                yield return double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
        }
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>[-+0-9.eE]+)")]
    private static partial Regex SampleLine();

    /// <summary>The exporter caches a scrape for a moment; a later scrape must see later measurements.</summary>
    private static async Task<string> ScrapeAsync(HttpClient client, Func<string, bool> until)
    {
        var text = "";
        for (var i = 0; i < 50; i++)
        {
            text = await client.GetStringAsync("/metrics");
            if (until(text))
                return text;
            await Task.Delay(100);
        }
        return text;
    }

    [Fact]
    public async Task Scrape_AfterRequestsAndAnImport_CountsThemAndDescribesTheSnapshot()
    {
        await using var factory = new DashboardFactory();
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/stats/topics")).StatusCode);
        var before = await ScrapeAsync(client, t => Sample(t, "ainews_snapshot_articles") is not null);
        var importedBefore = Sample(before, "ainews_import_articles_total", "outcome=\"imported\"") ?? 0;

        var files = new[] { ("a.md", new ArticleBuilder().Titled("One").Build()), ("b.md", new ArticleBuilder().Titled("Two").Build()), ("c.md", new ArticleBuilder().Titled("Three").Build()) };
        await factory.Services.GetRequiredService<ArticleImporter>().ImportAsync(ImportSource.FromTexts(files), files.Length);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/stats/topics")).StatusCode);
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<NewsDbContext>>().CreateDbContextAsync();
        var rows = await db.Articles.CountAsync(); // the three and the references their related lists name

        // Other tests in this process import too, and the importer's counter is the process's: at least these three.
        var after = await ScrapeAsync(client, t => Sample(t, "ainews_import_articles_total", "outcome=\"imported\"") >= importedBefore + 3
            && Samples(t, "ainews_snapshot_articles").Contains(rows));
        Assert.True(Sample(after, "ainews_import_articles_total", "outcome=\"imported\"") >= importedBefore + 3, after);
        // Listeners see every meter of that name in the process, so other tests' hosts running beside this one add
        // their own snapshot's sample; one of them is this host's.
        Assert.True(rows > 3 && Samples(after, "ainews_snapshot_articles").Contains(rows), after);
        Assert.Contains(Samples(after, "ainews_snapshot_age_seconds"), age => age is >= 0 and <= 60);
        Assert.Contains(Samples(after, "ainews_snapshot_bytes"), bytes => bytes >= rows * 20);
        Assert.True(Sample(after, "http_server_request_duration_seconds_count", "http_route=\"/api/stats/topics\"") >= 2, after);
        Assert.True(Sample(after, "dotnet_process_memory_working_set_bytes") > 0, after);
    }

    [Fact]
    public async Task BearerToken_WhenSet_IsRequired()
    {
        await using var factory = new DashboardFactory(settings: new Dictionary<string, string> { ["Metrics:BearerToken"] = "s3cret-token" });
        var client = factory.CreateClient();

        var none = await client.GetAsync("/metrics");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "guess") } };
        var wrongAnswer = await client.SendAsync(wrong);
        using var right = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "s3cret-token") } };
        var rightAnswer = await client.SendAsync(right);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Contains("Metrics:BearerToken", await none.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, wrongAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rightAnswer.StatusCode);
    }

    [Fact]
    public async Task Disabled_IsNotServed()
    {
        await using var factory = new DashboardFactory(settings: new Dictionary<string, string> { ["Metrics:Enabled"] = "false" });

        var answer = await factory.CreateClient().GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
    }
}
