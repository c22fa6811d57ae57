using System.Net;
using System.Text.Json;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Hosting;

/// <summary>
/// /api/imports/{id}/undo in Accounts mode: Editors preview (GET) and undo (POST with the import page's antiforgery
/// token); Viewers get 403; refusals are ProblemDetails that say why.
/// </summary>
public sealed class ImportUndoApiTests : IAsyncLifetime
{
    private readonly DashboardFactory _factory = SignIn.AccountsFactory();
    private int _run;

    public async Task InitializeAsync()
    {
        _factory.CreateClient().Dispose();
        await SignIn.AddUserPerRoleAsync(_factory);
        var history = _factory.Services.GetRequiredService<ImportHistory>();
        _run = await history.BeginAsync("upload", "two.zip", "editor", DateTime.UtcNow);
        var files = new[] { ("a.md", new ArticleBuilder().Titled("Undo me").Build()), ("b.md", new ArticleBuilder().Build()) };
        var report = await _factory.Services.GetRequiredService<ArticleImporter>()
            .ImportAsync(ImportSource.FromTexts(files), files.Length, new ImportOptions { RunId = _run });
        await history.FinishAsync(_run, DateTime.UtcNow, report);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<HttpResponseMessage> PostUndoAsync(HttpClient client, int run, string tokenPage = "/import") =>
        await client.PostAsync($"/api/imports/{run}/undo", RealServer.Form(await RealServer.TokenAsync(client, tokenPage)));

    [Fact]
    public async Task Undo_Viewer_Answers403AndRemovesNothing()
    {
        var viewer = await SignIn.SignedInClientAsync(_factory, "viewer");

        var preview = await viewer.GetAsync($"/api/imports/{_run}/undo");
        var undo = await PostUndoAsync(viewer, _run, tokenPage: "/");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (preview.StatusCode, undo.StatusCode));
        var editor = await SignIn.SignedInClientAsync(_factory, "editor");
        using var check = JsonDocument.Parse(await editor.GetStringAsync($"/api/imports/{_run}/undo"));
        Assert.Equal(2, check.RootElement.GetProperty("articlesRemoved").GetInt32());
    }

    [Fact]
    public async Task Undo_EditorPreviewsThenUndoes_AndASecondUndoIsAConflictSayingWhy()
    {
        var editor = await SignIn.SignedInClientAsync(_factory, "editor");

        using var preview = JsonDocument.Parse(await editor.GetStringAsync($"/api/imports/{_run}/undo"));
        var undo = await PostUndoAsync(editor, _run);
        var again = await PostUndoAsync(editor, _run);

        Assert.True(preview.RootElement.GetProperty("dryRun").GetBoolean());
        Assert.Contains(preview.RootElement.GetProperty("removed").EnumerateArray(), a => a.GetProperty("title").GetString() == "Undo me");
        Assert.Equal(HttpStatusCode.OK, undo.StatusCode);
        using var done = JsonDocument.Parse(await undo.Content.ReadAsStringAsync());
        Assert.Equal((true, 2), (done.RootElement.GetProperty("undone").GetBoolean(), done.RootElement.GetProperty("articlesRemoved").GetInt32()));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var problem = JsonDocument.Parse(await again.Content.ReadAsStringAsync());
        Assert.StartsWith($"Import #{_run} was already undone, by #{done.RootElement.GetProperty("undoRun").GetInt32()}",
            problem.RootElement.GetProperty("detail").GetString());
        Assert.Contains("(editor)", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Undo_WithoutTheAntiforgeryToken_Answers400AndRemovesNothing()
    {
        var editor = await SignIn.SignedInClientAsync(_factory, "editor");

        var response = await editor.PostAsync($"/api/imports/{_run}/undo", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var check = JsonDocument.Parse(await editor.GetStringAsync($"/api/imports/{_run}/undo"));
        Assert.Equal(2, check.RootElement.GetProperty("articlesRemoved").GetInt32());
    }

    [Fact]
    public async Task Undo_UnknownRun_Answers404SayingSo()
    {
        var editor = await SignIn.SignedInClientAsync(_factory, "editor");

        var preview = await editor.GetAsync("/api/imports/999/undo");
        var undo = await PostUndoAsync(editor, 999);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (preview.StatusCode, undo.StatusCode));
        Assert.Contains("there is no import #999 in the history", await undo.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
