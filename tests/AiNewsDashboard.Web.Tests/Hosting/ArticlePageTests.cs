using System.Net;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Hosting;

namespace AiNewsDashboard.Web.Tests.Hosting;

/// <summary>One article's page as the server first sends it: its status code, its links, and what each role may see.</summary>
public sealed class ArticlePageTests(ArticlePageTests.Apps apps) : IClassFixture<ArticlePageTests.Apps>
{
    /// <summary>An app in local mode and one in Accounts mode with a user per role, each with article 1 marked: the tests only read.</summary>
    public sealed class Apps : IAsyncLifetime
    {
        public DashboardFactory Local { get; } = new();
        public DashboardFactory Accounts { get; } = SignIn.AccountsFactory();

        public async Task InitializeAsync()
        {
            await MarkFirstArticleAsync(Local);
            await MarkFirstArticleAsync(Accounts);
            await SignIn.AddUserPerRoleAsync(Accounts);
        }

        public async Task DisposeAsync()
        {
            await Local.DisposeAsync();
            await Accounts.DisposeAsync();
        }
    }

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
        var response = await apps.Local.CreateClient().GetAsync("/articles/999999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("does not exist", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_KnownId_LinksToTheGraphFocusedOnItAndFoldsTheSecuredTokenAway()
    {
        var response = await apps.Local.CreateClient().GetAsync("/articles/1");
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
        var html = await apps.Local.CreateClient().GetStringAsync("/articles/1");

        Assert.Contains(ServerPath, html);
    }

    [Theory]
    [InlineData("viewer", false)]
    [InlineData("editor", true)]
    [InlineData("admin", true)]
    public async Task Get_AccountsMode_ShowsTheServerPathOnlyToEditorsAndAdmins(string user, bool sees)
    {
        // Bug guarded: every viewer saw where the imported files lie on the server.
        var client = await SignIn.SignedInClientAsync(apps.Accounts, user);

        var html = await client.GetStringAsync("/articles/1");

        Assert.Contains("data-testid=\"article-title\"", html);
        Assert.Equal(sees, html.Contains(ServerPath, StringComparison.Ordinal));
        Assert.Equal(sees, html.Contains("data-testid=\"article-source-path\"", StringComparison.Ordinal));
    }
}
