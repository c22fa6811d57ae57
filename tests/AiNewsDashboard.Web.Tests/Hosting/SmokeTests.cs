using System.Net;

namespace AiNewsDashboard.Web.Tests.Hosting;

public sealed class SmokeTests(SharedApp app) : IClassFixture<SharedApp>
{
    private readonly HttpClient _client = app.Client;

    [Fact]
    public async Task Get_Root_ServesOverviewWithTotalsOfTheSeededSamples()
    {
        var html = await _client.GetStringAsync("/");

        Assert.Contains("<h1", html);
        Assert.Contains("Overview", html);
        Assert.Contains("data-testid=\"total-articles\"", html);
        Assert.Matches(@"total-articles""[\s\S]*?total-value[^>]*>\s*2\s*<", html); // the two bundled samples
    }

    [Theory]
    [InlineData("/timeline?topic=AI", "/timeline?topic=AI")]
    [InlineData("/?topic=AI", "/?topic=AI")]
    [InlineData("/articles/1", "/articles")]
    [InlineData("/views", "/views")]
    public async Task Menu_MarksThePageItIsOnAndCarriesTheFilter(string url, string activeHref)
    {
        var html = await _client.GetStringAsync(url);

        var active = System.Text.RegularExpressions.Regex.Matches(html, @"<a href=""([^""]*)"" class=""mud-nav-link mud-ripple active"" aria-current=""page""");
        Assert.Equal(activeHref, System.Net.WebUtility.HtmlDecode(Assert.Single(active).Groups[1].Value));
        Assert.Contains("<a href=\"/topics" + (url.Contains("topic=AI") ? "?topic=AI" : "") + "\"", html);
    }

    [Fact]
    public async Task Get_Healthz_Answers200WhenTheDatabaseDoes()
    {
        var response = await _client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/css/app.css", "total-card")]                              // top-level wwwroot, via UseStaticFiles
    [InlineData("/_content/MudBlazor/MudBlazor.min.css", ".mud-")]           // package asset, via MapStaticAssets
    [InlineData("/_framework/blazor.web.js", "Blazor")]
    public async Task Get_StaticAsset_ServesRealContentNotJustStatus200(string path, string expected)
    {
        // Bug guarded: linking wwwroot as Content made MapStaticAssets answer 200 with an empty body.
        var body = await _client.GetStringAsync(path);

        Assert.Contains(expected, body);
    }
}
