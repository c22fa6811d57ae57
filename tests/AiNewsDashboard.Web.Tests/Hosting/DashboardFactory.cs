using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace AiNewsDashboard.Web.Tests.Hosting;

/// <summary>The real app on a temporary database; demo seeding off unless asked for; more settings as <c>Key=value</c>.</summary>
public sealed class DashboardFactory(bool demo = false, params string[] settings) : WebApplicationFactory<Program>
{
    public TempDirectory Directory { get; } = new();
    public string DatabasePath => Directory.PathOf("news.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:News", SqliteStore.ConnectionStringForFile(DatabasePath));
        builder.UseSetting("Demo:Enabled", demo ? "true" : "false");
        foreach (var setting in settings)
            builder.UseSetting(setting[..setting.IndexOf('=')], setting[(setting.IndexOf('=') + 1)..]);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Dispose();
    }
}
