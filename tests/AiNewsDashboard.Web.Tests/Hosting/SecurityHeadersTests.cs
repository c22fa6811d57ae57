using System.Net;
using AiNewsDashboard.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Hosting;

/// <summary>The security headers on every kind of answer, the rate limits, and what a user sees when the server fails.</summary>
public sealed class SecurityHeadersTests(SecurityHeadersTests.App app) : IClassFixture<SecurityHeadersTests.App>
{
    /// <summary>Exports limited to 3 a minute: only the rate limit's test asks for them.</summary>
    public sealed class App() : SharedApp(new Dictionary<string, string> { ["Security:ExportRequestsPerMinute"] = "3" });

    private readonly HttpClient _client = app.Client;

    [Theory]
    [InlineData("/", HttpStatusCode.OK)]                                     // a page
    [InlineData("/graph", HttpStatusCode.OK)]
    [InlineData("/api/stats/topics", HttpStatusCode.OK)]                     // the API
    [InlineData("/api/articles?page=x", HttpStatusCode.BadRequest)]          // an API error
    [InlineData("/css/app.css", HttpStatusCode.OK)]                          // top-level wwwroot
    [InlineData("/_framework/blazor.web.js", HttpStatusCode.OK)]             // framework asset
    [InlineData("/healthz", HttpStatusCode.OK)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]                   // the not-found page
    [InlineData("/api/no-such-thing", HttpStatusCode.NotFound)]              // the API's
    public async Task Get_AnyResponse_CarriesTheSecurityHeaders(string path, HttpStatusCode status)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.StartsWith("default-src 'self'; script-src 'self' 'nonce-", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task Get_Page_ImportMapCarriesTheNonceOfItsOwnPolicy()
    {
        var response = await _client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = System.Text.RegularExpressions.Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value;
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\">", html);
        // No other inline script: every <script> element but the import map loads a file from this origin.
        Assert.All(System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]*>").Select(m => m.Value),
            tag => Assert.True(tag.Contains("src=\"", StringComparison.Ordinal) || tag.Contains("importmap", StringComparison.Ordinal), tag));
    }

    [Fact]
    public async Task GetCsv_MoreThanTheLimitPerMinute_AnswersTooManyRequests()
    {
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/api/articles.csv")).StatusCode);

        var refused = await _client.GetAsync("/api/providers.csv");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("wait a minute", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_UnknownApiAddress_AnswersProblemDetails_NotThePagesNotFoundPage()
    {
        var response = await _client.GetAsync("/api/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Not Found", problem.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Get_ApiFailsInProduction_AnswersProblemDetailsWithoutDetails()
    {
        // Guards: the API answered a failure with the error page's HTML (seen at 10,000,000 articles on PostgreSQL, when a
        // count passed the command timeout), which a script reading JSON can't parse.
        await using var production = new DashboardFactory(environment: "Production");
        var client = production.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, FailingEndpoint>())).CreateClient();

        var response = await client.GetAsync("/api/test-failure");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = System.Text.Json.JsonDocument.Parse(body);
        Assert.Equal(ApiProblems.FailureTitle, problem.RootElement.GetProperty("title").GetString());
        Assert.DoesNotContain(FailingEndpoint.Secret, body);
        Assert.DoesNotContain("at AiNewsDashboard", body);
    }

    [Fact]
    public async Task Get_ServerFailsInProduction_ShowsWhatHappenedAndWhatToDoWithoutDetails()
    {
        await using var production = new DashboardFactory(environment: "Production");
        var client = production.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, FailingEndpoint>())).CreateClient();

        var response = await client.GetAsync("/test-failure");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Something went wrong", html);
        Assert.Contains("try again", html);
        Assert.DoesNotContain(FailingEndpoint.Secret, html);
        Assert.DoesNotContain("at AiNewsDashboard", html); // no stack frame
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Get_InProduction_SendsHstsOverHttpsOnly()
    {
        // HSTS is never sent to a loopback name, and Local mode answers no other: Accounts mode, reached by a real name.
        await using var production = new DashboardFactory(environment: "Production", settings: new Dictionary<string, string> { ["Auth:Mode"] = "Accounts" });
        var https = production.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://dashboard.example") });
        var http = production.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://dashboard.example") });

        var secure = await https.GetAsync("/healthz");
        var plain = await http.GetAsync("/healthz");

        Assert.StartsWith("max-age=", Assert.Single(secure.Headers.GetValues("Strict-Transport-Security")));
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    /// <summary>A request the app itself never answers, failing like a database error would, with SQL in its message.</summary>
    private sealed class FailingEndpoint : IStartupFilter
    {
        public const string Secret = "SELECT * FROM Articles WHERE secret";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
                context.Request.Path == "/test-failure" || context.Request.Path == "/api/test-failure" ? throw new InvalidOperationException(Secret) : nextMiddleware(context));
        };
    }
}
