using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Import;
using Microsoft.Extensions.DependencyInjection;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Hosting;
using AiNewsDashboard.Web.Tests.Hosting;

namespace AiNewsDashboard.Web.Tests.Api;

/// <summary>Saved views, collections and annotations over HTTP, in Local mode.</summary>
public sealed class ViewsApiTests(ViewsApiTests.App app) : IClassFixture<ViewsApiTests.App>
{
    /// <summary>
    /// For the tests that need no restart: each writes what no other reads (a bad view, a collection, the annotations).
    /// </summary>
    public sealed class App() : SharedApp(UnlimitedExports);

    private readonly DashboardFactory _factory = app.Factory;

    [Fact]
    public async Task SavedView_SurvivesARestart_AndOpensAtTheSlashAsStartPage()
    {
        using var dir = new TempDirectory();
        DashboardFactory Factory() => new(settings: new Dictionary<string, string>
        {
            ["ConnectionStrings:News"] = SqliteStore.ConnectionStringForFile(dir.PathOf("news.db")),
        });
        await using (var first = Factory())
        {
            var client = first.CreateClient();
            var created = await client.PostAsJsonAsync("/api/views", new { name = "Last month, lines", page = "/timeline", query = "range=last30d&view=line" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/views/{id}", new { startPage = true })).StatusCode);
        }

        await using var restarted = Factory(); // the same database file, a new app
        var again = restarted.CreateClient(new() { AllowAutoRedirect = false });
        var list = await again.GetFromJsonAsync<JsonElement>("/api/views");
        var start = await again.GetAsync("/");

        var view = Assert.Single(list.EnumerateArray());
        Assert.Equal("Last month, lines", view.GetProperty("name").GetString());
        Assert.Equal("/timeline?range=last30d&view=line", view.GetProperty("url").GetString());
        Assert.True(view.GetProperty("startPage").GetBoolean());
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.Equal("/timeline?range=last30d&view=line", start.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task PostView_BadInput_IsAValidationProblemNamingTheField()
    {
        var response = await _factory.CreateClient().PostAsJsonAsync("/api/views", new { name = "", page = "/timeline" });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("name: is required", problem.GetProperty("errors").GetProperty("name")[0].GetString());
    }

    [Fact]
    public async Task UnknownCollection_IsA400NamingIt_OnEveryFilteredEndpoint()
    {
        var client = _factory.CreateClient();
        foreach (var path in new[] { "/api/articles", "/api/stats/timeline", "/api/stats/providers" })
        {
            var response = await client.GetAsync($"{path}?collection=nope");
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("collection: there is no provider collection called 'nope'", problem.GetProperty("errors").GetProperty("collection")[0].GetString());
        }
    }

    [Fact]
    public async Task Collection_FiltersTheApiAnswers()
    {
        var client = _factory.CreateClient();
        var files = new[] { ("w1.md", new ArticleBuilder().From("wire.example").PublishedOn(2026, 1, 1).Build()),
            ("w2.md", new ArticleBuilder().From("wire.example").PublishedOn(2026, 1, 2).Build()),
            ("p1.md", new ArticleBuilder().From("paper.example").PublishedOn(2026, 1, 3).Build()) };
        await _factory.Services.GetRequiredService<ArticleImporter>().ImportAsync(ImportSource.FromTexts(files), files.Length);

        var created = await client.PostAsJsonAsync("/api/collections", new { name = "Wires", members = new[] { "wire.example" } });
        var articles = await client.GetFromJsonAsync<JsonElement>("/api/articles?collection=Wires");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(2, articles.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task AnnotationImport_BadRows_Are422WithLineNumbers_ThenExportReadsBackWhatWasImported()
    {
        var client = _factory.CreateClient();
        var bad = await client.PostAsync("/api/annotations/import",
            new StringContent("from,to,label,url,view\n2026-01-01,,ok,,\nnot-a-date,,x,,\n", Encoding.UTF8, "text/csv"));
        var good = await client.PostAsync("/api/annotations/import",
            new StringContent("from,to,label,url,view\n2026-01-01,,Launch,https://example.com/launch,\n2026-02-01,2026-02-03,\"Summit, Paris\",,\n", Encoding.UTF8, "text/csv"));
        var export = await client.GetStringAsync("/api/annotations.csv");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var error = Assert.Single((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray());
        Assert.Equal(3, error.GetProperty("line").GetInt32());
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal("from,to,label,url,view\n2026-01-01,,Launch,https://example.com/launch,\n2026-02-01,2026-02-03,\"Summit, Paris\",,\n",
            export.ReplaceLineEndings("\n"));
    }
}

/// <summary>Who may do what with views, collections and annotations in Accounts mode.</summary>
public sealed class ViewsAuthorizationTests : IAsyncLifetime
{
    private readonly DashboardFactory _factory = SignIn.AccountsFactory();

    public async Task InitializeAsync()
    {
        _factory.CreateClient().Dispose();
        await SignIn.AddUserAsync(_factory, "viewer", DashboardRoles.Viewer);
        await SignIn.AddUserAsync(_factory, "viewer2", DashboardRoles.Viewer);
        await SignIn.AddUserAsync(_factory, "editor", DashboardRoles.Editor);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("viewer", HttpStatusCode.Forbidden)]
    [InlineData("editor", HttpStatusCode.Created)]
    public async Task WritingCollectionsAndAnnotations_NeedsAnEditor(string user, HttpStatusCode expected)
    {
        var client = await SignIn.SignedInClientAsync(_factory, user);

        var collection = await client.PostAsJsonAsync("/api/collections", new { name = $"Set of {user}", members = Array.Empty<string>() });
        var annotation = await client.PostAsJsonAsync("/api/annotations", new { from = "2026-01-01", label = "Launch" });
        var read = await client.GetAsync("/api/annotations");

        Assert.Equal(expected, collection.StatusCode);
        Assert.Equal(expected, annotation.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Views_BelongToTheirUser_SharedOnesAreReadOnlyToOthers()
    {
        var owner = await SignIn.SignedInClientAsync(_factory, "viewer");
        var other = await SignIn.SignedInClientAsync(_factory, "viewer2");
        var shared = await (await owner.PostAsJsonAsync("/api/views", new { name = "Shared", page = "/", query = "", shared = true }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var secret = await (await owner.PostAsJsonAsync("/api/views", new { name = "Secret", page = "/topics", query = "" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var sharedId = shared.GetProperty("id").GetInt32();

        var list = await other.GetFromJsonAsync<JsonElement>("/api/views");
        var rename = await other.PutAsJsonAsync($"/api/views/{sharedId}", new { name = "Taken" });
        var delete = await other.DeleteAsync($"/api/views/{sharedId}");
        var peek = await other.GetAsync($"/api/views/{secret.GetProperty("id").GetInt32()}");

        var seen = Assert.Single(list.EnumerateArray());
        Assert.Equal(("Shared", false, "viewer"), (seen.GetProperty("name").GetString(), seen.GetProperty("mine").GetBoolean(), seen.GetProperty("owner").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, rename.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, peek.StatusCode);
    }
}
