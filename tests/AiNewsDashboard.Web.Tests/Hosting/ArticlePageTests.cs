using System.Net;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Hosting;

namespace AiNewsDashboard.Web.Tests.Hosting;

/// <summary>One article's page as the server first sends it: its status code, its links, and what each role may see.</summary>
public sealed class ArticlePageTests
{
    private const string ServerPath = "/srv/news-archive/2014/spring/secret-folder/a.md";
    private const string Token = "c2VjdXJlZC1ibG9iLW9wYXF1ZS10b2tlbg==";

    /// <summary>Gives article 1 (a bundled sample) a server path and a secured token, straight in the database.</summary>
    private static async Task MarkFirstArticleAsync(DashboardFactory factory)
    {
        factory.CreateClient().Dispose(); // starts the app: database and the bundled samples
        await DatabaseOracle.ValueAsync(factory.DatabasePath, $"UPDATE Articles SET SourcePath = '{ServerPath}', Secured = '{Token}' WHERE Id = 1");
    }

    [Fact]
    public async Task Get_UnknownId_Answers404WithTheNotFoundPage()
    {
        // Bug guarded: an unknown id answered 200 with a "not found" text, so links checkers and scripts saw a page.
        await using var factory = new DashboardFactory();

        var response = await factory.CreateClient().GetAsync("/articles/999999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("does not exist", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_KnownId_LinksToTheGraphFocusedOnItAndFoldsTheSecuredTokenAway()
    {
        await using var factory = new DashboardFactory();
        await MarkFirstArticleAsync(factory);

        var response = await factory.CreateClient().GetAsync("/articles/1");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("href=\"/graph\\?references=include&amp;focus=1\"[^>]*data-testid=\"article-graph-link\"|data-testid=\"article-graph-link\"[^>]*href=\"/graph\\?references=include&amp;focus=1\"", html);
        // The token sits inside a closed <details>: shown only when asked for.
        Assert.Matches($"<details data-testid=\"article-secured\"><summary>[^<]*</summary><code class=\"wrap\">{Token}</code></details>", html);
        // The filter bar filters lists and charts; one article's page has neither.
        Assert.DoesNotContain("data-testid=\"filter-bar\"", html);
    }

    [Fact]
    public async Task Get_LocalMode_ShowsTheServerPathToTheLocalUser()
    {
        // In Local mode the one user on this machine is allowed everything, as an Admin is.
        await using var factory = new DashboardFactory();
        await MarkFirstArticleAsync(factory);

        var html = await factory.CreateClient().GetStringAsync("/articles/1");

        Assert.Contains(ServerPath, html);
    }

    [Theory]
    [InlineData("viewer", false)]
    [InlineData("editor", true)]
    [InlineData("admin", true)]
    public async Task Get_AccountsMode_ShowsTheServerPathOnlyToEditorsAndAdmins(string user, bool sees)
    {
        // Bug guarded: every viewer saw where the imported files lie on the server.
        await using var factory = SignIn.AccountsFactory();
        await MarkFirstArticleAsync(factory);
        await SignIn.AddUserPerRoleAsync(factory);
        var client = await SignIn.SignedInClientAsync(factory, user);

        var html = await client.GetStringAsync("/articles/1");

        Assert.Contains("data-testid=\"article-title\"", html);
        Assert.Equal(sees, html.Contains(ServerPath, StringComparison.Ordinal));
        Assert.Equal(sees, html.Contains("data-testid=\"article-source-path\"", StringComparison.Ordinal));
    }
}
