namespace AiNewsDashboard.Web.Tests.Hosting;

/// <summary>
/// One app (in memory, SQLite in a temporary folder) shared by a test class whose tests only read what
/// <see cref="SeedAsync"/> put there: started once instead of once per test, since an app's start is most of a
/// web test's cost. As an <c>IClassFixture</c> as it is, or derived to seed it or give it settings.
/// </summary>
public class SharedApp : IAsyncLifetime
{
    /// <summary>No limit on exports per minute: the class's tests share one client address and one minute.</summary>
    protected static readonly IReadOnlyDictionary<string, string> UnlimitedExports =
        new Dictionary<string, string> { ["Security:ExportRequestsPerMinute"] = "1000" };

    public SharedApp() : this(null)
    {
    }

    protected SharedApp(IReadOnlyDictionary<string, string>? settings) => Factory = new DashboardFactory(settings: settings);

    public DashboardFactory Factory { get; }

    /// <summary>A client of the in-memory server (follows redirects).</summary>
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Client = Factory.CreateClient(); // starts the app: creates the database and imports the two samples
        await SeedAsync();
    }

    /// <summary>What the class's tests read, beyond the two bundled samples.</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
