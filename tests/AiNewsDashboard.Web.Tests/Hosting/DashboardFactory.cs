using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace AiNewsDashboard.Web.Tests.Hosting;

/// <summary>The real app on a temporary database; demo seeding off unless asked for; any other settings on top.</summary>
public sealed class DashboardFactory(bool demo = false, IReadOnlyDictionary<string, string>? settings = null, string? environment = null)
    : WebApplicationFactory<Program>
{
    public TempDirectory Directory { get; } = new();
    public string DatabasePath => Directory.PathOf("news.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:News", SqliteStore.ConnectionStringForFile(DatabasePath));
        builder.UseSetting("Demo:Enabled", demo ? "true" : "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
        if (environment is not null)
            builder.UseEnvironment(environment);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Dispose();
    }
}
