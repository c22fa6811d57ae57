using System.Net;
using AiNewsDashboard.Web.Cli;
using AiNewsDashboard.Web.Hosting;
using AiNewsDashboard.Web.Tests.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Hosting;

/// <summary>
/// Sessions and sign-in in Accounts mode, attacked over a real server. Each test names the probe's finding it guards.
/// </summary>
public sealed class SignInHardeningTests(SignInHardeningTests.Servers servers) : IClassFixture<SignInHardeningTests.Servers>
{
    /// <summary>
    /// An app in Accounts mode and one in local mode, on Kestrel, shared by the tests that need no setting of their own:
    /// each of those signs in as an account of its own, so one test's sign-out or lockout is no other's.
    /// </summary>
    public sealed class Servers : IAsyncLifetime
    {
        private int _users;
        public DashboardFactory AccountsMode { get; } = SignIn.AccountsFactory();
        public DashboardFactory LocalMode { get; } = new();
        public string Url { get; private set; } = "";
        public string LocalUrl { get; private set; } = "";

        public Task InitializeAsync()
        {
            Url = RealServer.Start(AccountsMode);
            LocalUrl = RealServer.Start(LocalMode);
            return Task.CompletedTask;
        }

        /// <summary>A new viewer account, named for this test alone.</summary>
        public async Task<string> NewUserAsync()
        {
            var name = $"carol{Interlocked.Increment(ref _users)}";
            await SignIn.AddUserAsync(AccountsMode, name, DashboardRoles.Viewer);
            return name;
        }

        public async Task DisposeAsync()
        {
            await AccountsMode.DisposeAsync();
            await LocalMode.DisposeAsync();
        }
    }

    /// <summary>The real hasher, counting how often a password is checked against a hash.</summary>
    private sealed class CountingHasher : IPasswordHasher<IdentityUser>
    {
        private readonly PasswordHasher<IdentityUser> _inner = new();
        private int _verified;
        public int Verified => _verified;

        public string HashPassword(IdentityUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(IdentityUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verified);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    private static async Task<HttpClient> SignedInAsync(string url, string user, CookieContainer? cookies = null)
    {
        var client = RealServer.Client(url, cookies);
        var response = await SignIn.PostLoginAsync(client, user, SignIn.Password);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        return client;
    }

    [Theory]
    [InlineData("/\t/evil.example")]
    [InlineData("/\n/evil.example")]
    [InlineData("/articles\r\nSet-Cookie: pwned=1")]
    public async Task PostLogin_ReturnUrlWithAControlCharacter_GoesToTheRootInsteadOf500(string returnUrl)
    {
        // Bug guarded: a tab or newline in returnUrl made LocalRedirect throw, and the login answered 500.
        var (url, carol) = (servers.Url, await servers.NewUserAsync());

        var signedIn = await SignIn.PostLoginAsync(RealServer.Client(url), carol, SignIn.Password, returnUrl);
        var wrong = await SignIn.PostLoginAsync(RealServer.Client(url), carol, "wrong password", returnUrl);
        // Local mode's login page has no form: the token comes from another page's.
        var localClient = RealServer.Client(servers.LocalUrl);
        var inLocalMode = await localClient.PostAsync(Accounts.LoginEndpoint,
            RealServer.Form(await RealServer.TokenAsync(localClient, "/import"), ("returnUrl", returnUrl)));

        Assert.Equal((HttpStatusCode.Redirect, "/"), (signedIn.StatusCode, signedIn.Headers.Location?.OriginalString));
        Assert.Equal((HttpStatusCode.Redirect, "/login?error=invalid&returnUrl=%2F"), (wrong.StatusCode, wrong.Headers.Location?.OriginalString));
        Assert.Equal((HttpStatusCode.Redirect, "/"), (inLocalMode.StatusCode, inLocalMode.Headers.Location?.OriginalString));
        Assert.Equal("/", Accounts.SafeReturnUrl(returnUrl));
    }

    [Fact]
    public async Task PostLogout_CrossSiteFormWithoutToken_Answers400AndTheUserStaysSignedIn()
    {
        // Bug guarded: a form on any site that posted to /account/logout signed the user out.
        var client = await SignedInAsync(servers.Url, await servers.NewUserAsync());

        var response = await client.PostAsync(Accounts.LogoutEndpoint, RealServer.Form(null));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/articles")).StatusCode);
    }

    [Fact]
    public async Task PostLogout_SavedCookieReplayedAfterwards_Gets401()
    {
        // Bug guarded: sign-out only deleted the browser's cookie; a copy of it kept working for its whole 8 hours.
        var (url, carol) = (servers.Url, await servers.NewUserAsync());
        var cookies = new CookieContainer();
        var client = await SignedInAsync(url, carol, cookies);
        var saved = cookies.GetCookieHeader(new Uri(url));
        Assert.Contains("AiNewsDashboard.Auth=", saved);

        var logout = await client.PostAsync(Accounts.LogoutEndpoint, RealServer.Form(await RealServer.TokenAsync(client, "/")));
        using var replay = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(url) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/articles");
        request.Headers.Add("Cookie", saved);
        var replayed = await replay.SendAsync(request);

        Assert.Equal((HttpStatusCode.Redirect, "/login"), (logout.StatusCode, logout.Headers.Location?.OriginalString));
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        // Signing in again works, with a new cookie.
        await SignedInAsync(url, carol);
    }

    [Fact]
    public async Task PostLogin_UnknownAndKnownUserNames_EachVerifyOnePasswordHash()
    {
        // Bug guarded: an unknown name was refused without hashing anything, so its faster answer told which names exist.
        var hasher = new CountingHasher();
        await using var accounts = SignIn.AccountsFactory();
        await using var factory = accounts.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddScoped<IPasswordHasher<IdentityUser>>(_ => hasher)));
        var url = RealServer.Start(factory);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var carol = new IdentityUser("carol");
            Assert.True((await users.CreateAsync(carol, SignIn.Password)).Succeeded);
        }
        var client = RealServer.Client(url);

        var before = hasher.Verified;
        var known = await SignIn.PostLoginAsync(client, "carol", "wrong password");
        var afterKnown = hasher.Verified;
        var unknown = await SignIn.PostLoginAsync(client, "nobody-by-this-name", "wrong password");
        var afterUnknown = hasher.Verified;

        Assert.Equal(known.Headers.Location, unknown.Headers.Location);
        Assert.Equal(1, afterKnown - before);
        Assert.Equal(1, afterUnknown - afterKnown);
    }

    [Fact]
    public async Task PostLogin_SignedInAndAnonymousClientsOfOneAddress_ShareTheAddressLimit()
    {
        // Bug guarded: the sign-in limit was per user once signed in, so one address could spread its guesses over accounts.
        await using var factory = SignIn.AccountsFactory(loginAttemptsPerMinute: 3);
        var url = RealServer.Start(factory);
        await SignIn.AddUserAsync(factory, "carol", DashboardRoles.Viewer);
        await SignIn.WithinOneLimitWindowAsync();
        var signedIn = await SignedInAsync(url, "carol"); // the first attempt of this address
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostLoginAsync(signedIn, "carol", "wrong password")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn.PostLoginAsync(signedIn, "carol", "wrong password")).StatusCode);

        var anonymous = await SignIn.PostLoginAsync(RealServer.Client(url), "carol", "wrong password");

        Assert.Equal(HttpStatusCode.TooManyRequests, anonymous.StatusCode);
    }

    [Fact]
    public async Task UsersUnlock_LockedAccount_CanSignInAgainAtOnce()
    {
        var carol = await servers.NewUserAsync();
        var client = RealServer.Client(servers.Url);
        for (var i = 0; i < Accounts.MaxFailedAttempts; i++)
            await SignIn.PostLoginAsync(client, carol, "wrong password");
        Assert.StartsWith("/login?error=locked", (await SignIn.PostLoginAsync(client, carol, SignIn.Password)).Headers.Location!.OriginalString);

        var unlock = await CliRunner.RunAsync("users", "unlock", carol, "--db", servers.AccountsMode.DatabasePath);
        var unknown = await CliRunner.RunAsync("users", "unlock", "nobody", "--db", servers.AccountsMode.DatabasePath);

        Assert.Equal((CommandLine.Ok, $"Unlocked {carol}: they can sign in again now."), (unlock.ExitCode, unlock.Stdout.Trim()));
        Assert.Equal("/", (await SignIn.PostLoginAsync(client, carol, SignIn.Password)).Headers.Location?.OriginalString);
        Assert.Equal(CommandLine.SomeRejected, unknown.ExitCode);
        Assert.Contains("there is no account 'nobody'", unknown.Stderr);
    }

    [Theory]
    [InlineData("https://localhost", true)]
    [InlineData("http://localhost", false)]
    public async Task PostLogin_OverHttpsOrHttp_CookieIsSecureExactlyOverHttps(string baseAddress, bool secure)
    {
        await using var factory = SignIn.AccountsFactory();
        factory.ClientOptions.BaseAddress = new Uri(baseAddress);
        factory.CreateClient().Dispose();
        await SignIn.AddUserAsync(factory, "carol", DashboardRoles.Viewer);
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri(baseAddress) });

        var response = await SignIn.PostLoginAsync(client, "carol", SignIn.Password);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("AiNewsDashboard.Auth=", StringComparison.Ordinal));
        Assert.Equal(secure, cookie.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("http://0.0.0.0:5000", true)]
    [InlineData("http://192.168.1.20:5000;https://192.168.1.20:5001", true)]
    [InlineData("https://0.0.0.0:5001", false)]
    [InlineData("http://localhost:5000", false)]
    public void IsSafeToListen_AccountsModeOnAnotherAddressOverHttp_StartsWithAWarning(string urls, bool warns)
    {
        var builder = WebApplication.CreateBuilder(["--urls", urls, "--Auth:Mode", "Accounts"]);
        builder.Services.AddDashboardOptions();
        var app = builder.Build();
        var stderr = new StringWriter();

        Assert.True(app.IsSafeToListen(stderr));

        Assert.Equal(warns, stderr.ToString().Contains("warning: serving accounts over plain http", StringComparison.Ordinal));
    }
}
