using System.Text.Json;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Web.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiNewsDashboard.Web.Tests.Hosting;

/// <summary>The settings classes: bound from the configuration, defaults only in the classes, bad values refused at start.</summary>
public sealed class DashboardSettingsTests
{
    internal static ServiceProvider Settings(string[] args, Dictionary<string, string?>? appsettings = null) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder()
                .AddInMemoryCollection(appsettings ?? [])
                .AddCommandLine(DashboardSettings.NormalizeArgs(args))
                .Build())
            .AddDashboardOptions()
            .BuildServiceProvider();

    /// <summary>One settings class as the app binds it from these arguments and appsettings.</summary>
    internal static T Get<T>(string[] args, Dictionary<string, string?>? appsettings = null) where T : class =>
        Settings(args, appsettings).GetRequiredService<IOptions<T>>().Value;

    [Fact]
    public void ConnectionString_Default_IsDataNewsDbUnderTheWorkingDirectory() =>
        Assert.Equal(SqliteStore.ConnectionStringForFile(Path.Combine(Directory.GetCurrentDirectory(), "data", "news.db")),
            Get<DatabaseOptions>([]).ResolvedConnectionString);

    [Theory]
    [InlineData("--db", "/tmp/x/one.db")]
    [InlineData("--db=/tmp/x/one.db", null)]
    public void ConnectionString_DbSwitch_WinsOverAppsettings(string arg, string? value)
    {
        var database = Get<DatabaseOptions>(value is null ? [arg] : [arg, value],
            new() { ["Database:Path"] = "elsewhere.db", ["ConnectionStrings:News"] = "Data Source=/tmp/from-appsettings.db" });

        Assert.Equal("/tmp/x/one.db", SqliteStore.DataSourceOf(database.ResolvedConnectionString));
    }

    [Fact]
    public void ConnectionString_SectionKeyOnCommandLine_IsHonoured() =>
        Assert.Equal("/tmp/y.db", SqliteStore.DataSourceOf(Get<DatabaseOptions>(["--Database:Path=/tmp/y.db"]).ResolvedConnectionString));

    [Fact]
    public void NoDemo_BareFlagBeforeAnotherSwitch_DoesNotSwallowIt()
    {
        // Bug guarded: ASP.NET's parser takes the next argument as the value of a bare "--no-demo".
        var services = Settings(["--no-demo", "--urls", "http://127.0.0.1:5999"]);

        Assert.False(services.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled);
        Assert.Equal("http://127.0.0.1:5999", services.GetRequiredService<IConfiguration>()["urls"]);
    }

    [Fact]
    public void ParserOptions_MaxFileBytesSetting_IsUsed() =>
        Assert.Equal(2048, Get<DashboardImportOptions>(["--Import:MaxFileBytes=2048"]).Parser.MaxFileBytes);

    [Fact]
    public void Defaults_NothingConfigured_AreTheValuesTheClassesState()
    {
        // Each default is written once, in its class: nothing configured gives exactly those, and they are these.
        Assert.Equal((1024 * 1024, 500L * 1024 * 1024, "", 2000),
            Get<DashboardImportOptions>([]) is var i ? (i.MaxFileBytes, i.MaxUploadBytes, i.WatchFolder, i.WatchDebounceMs) : default);
        Assert.Equal(Core.Import.ParserOptions.Default.MaxFileBytes, Get<DashboardImportOptions>([]).MaxFileBytes);
        Assert.Equal(("data/news.db", ""), Get<DatabaseOptions>([]) is var d ? (d.Path, d.ConnectionString) : default);
        Assert.True(Get<DemoOptions>([]).Enabled);
        Assert.Equal(("", 7, 12), Get<BackupOptions>([]) is var b ? (b.Folder, b.Keep, b.PerHour) : default);
        Assert.Equal(Core.Queries.Graph.GraphRequest.DefaultLimit, Get<GraphOptions>([]).NodeLimit);
        Assert.Equal(("*", 1L << 20, 10, 30, 120), Get<SecurityOptions>([]) is var s
            ? (s.AllowedHosts, s.MaxRequestBodyBytes, s.LoginAttemptsPerMinute, s.ExportRequestsPerMinute, s.GraphRequestsPerMinute) : default);
        Assert.Equal(AuthMode.Local, Get<AuthOptions>([]).Mode);
        Assert.Equal((20, 4, 0.05, 4.0, 24, 3, 3, 10), Get<SignalsOptions>([]) is var g
            ? (g.DriftMinScoredPerSide, g.DriftMinWeeksPerSide, g.DriftMinCoverage, g.DriftMinZ, g.BreakingWindowHours, g.BreakingMinNewArticles,
                g.BreakingMinNewProviders, g.BreakingTop) : default);
    }

    [Fact]
    public void Signals_Settings_ReachTheQueries()
    {
        using var services = Settings(["--Signals:BreakingWindowHours=48"]);
        Assert.Equal(48, services.GetRequiredService<Core.Signals.SignalSettings>().BreakingWindowHours);
    }

    [Fact]
    public void Appsettings_Shipped_RepeatsNoDefault()
    {
        // Bug guarded: Import:MaxFileBytes and MaxUploadBytes were written both here and in code, free to drift apart.
        var shipped = Path.Combine(Path.GetDirectoryName(typeof(Program).Assembly.Location)!, "appsettings.json");
        using var json = JsonDocument.Parse(File.ReadAllText(shipped));

        // AllowedHosts is gone too: host names are Security:AllowedHosts (HostNameFilter), and a top-level key would mislead.
        Assert.Equal(["Logging"], json.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData("--Graph:NodeLimit=0", "Graph:NodeLimit", "from 1 to 50000")]
    [InlineData("--Graph:NodeLimit=50001", "Graph:NodeLimit", "from 1 to 50000")]
    [InlineData("--Graph:NodeLimit=many", "Graph:NodeLimit", "'many'")]
    [InlineData("--Signals:DriftMinZ=1", "Signals:DriftMinZ", "from 2 to 20")]
    [InlineData("--Signals:DriftMinCoverage=1.5", "Signals:DriftMinCoverage", "from 0 to 1")]
    [InlineData("--Signals:BreakingWindowHours=0", "Signals:BreakingWindowHours", "from 1 to 720")]
    [InlineData("--Import:MaxFileBytes=-1", "Import:MaxFileBytes", "from 1 to 2147483647")]
    [InlineData("--Import:MaxUploadBytes=0", "Import:MaxUploadBytes", "from 1 up")]
    [InlineData("--Import:WatchDebounceMs=-5", "Import:WatchDebounceMs", "from 0 to 600000")]
    [InlineData("--Security:LoginAttemptsPerMinute=0", "Security:LoginAttemptsPerMinute", "from 1 up")]
    [InlineData("--Auth:Mode=Everyone", "Auth:Mode", "not one of: Local, Accounts")]
    [InlineData("--Auth:Mode=1", "Auth:Mode", "not one of: Local, Accounts")]
    [InlineData("--Database:Path=", "Database:Path", "must name the database file")]
    [InlineData("--Demo:Enabled=maybe", "Demo:Enabled", "'maybe'")]
    [InlineData("--Backup:Keep=0", "Backup:Keep", "from 1 to 10000")]
    [InlineData("--Backup:PerHour=0", "Backup:PerHour", "from 1 to 10000")]
    [InlineData("--Security:AllowedHosts=", "Security:AllowedHosts", "at least one host")]
    [InlineData("--Import:MaxArchiveEntries=0", "Import:MaxArchiveEntries", "from 1 to 2147483647")]
    [InlineData("--Import:LatestDateDaysAhead=-1", "Import:LatestDateDaysAhead", "from 0 to 366000")]
    [InlineData("--Attention:MinCoverage=1.5", "Attention:MinCoverage", "must be a share from 0 to 1")]
    [InlineData("--Attention:BaselineWindows=2", "Attention:BaselineWindows", "from 3 to 100")]
    [InlineData("--Attention:WindowDays=0", "Attention:WindowDays", "from 1 to 366")]
    [InlineData("--Security:TrustedProxies=127.0.0.1;proxy.example", "Security:TrustedProxies", "'proxy.example' is neither an IP address nor a network")]
    [InlineData("--Security:TrustedProxies=10.0.0.0/99", "Security:TrustedProxies", "'10.0.0.0/99' is neither")]
    [InlineData("--Webhooks:AllowedNetworks=10.0.0.0/8;office", "Webhooks:AllowedNetworks", "'office' is neither an IP address nor a network")]
    [InlineData("--Webhooks:MaxAttempts=0", "Webhooks:MaxAttempts", "from 1 to 100")]
    [InlineData("--Webhooks:MaxRetryDelay=00:00:05", "Webhooks:MaxRetryDelay", "must be at least FirstRetryDelay")]
    [InlineData("--Webhooks:Timeout=00:10:00", "Webhooks:Timeout", "from 00:00:01 to 00:05:00")]
    [InlineData("--Webhooks:PublicBaseUrl=news.example.org", "Webhooks:PublicBaseUrl", "absolute http(s) address")]
    public void ValidateSettings_BadValue_FailsNamingTheKeyAndWhatItAccepts(string arg, string key, string accepts)
    {
        var error = Assert.Throws<InvalidSettingsException>(() => Settings([arg]).ValidateSettings());

        Assert.Contains(key, error.Message);
        Assert.Contains(accepts, error.Message);
    }

    [Fact]
    public void ValidateSettings_BadValuesInTwoSections_NamesBoth()
    {
        var error = Assert.Throws<InvalidSettingsException>(() =>
            Settings(["--Graph:NodeLimit=0", "--Security:ExportRequestsPerMinute=0"]).ValidateSettings());

        Assert.Contains("Graph:NodeLimit:", error.Message);
        Assert.Contains("Security:ExportRequestsPerMinute:", error.Message);
    }

    [Theory]
    [InlineData("accounts", AuthMode.Accounts)]
    [InlineData("Local", AuthMode.Local)]
    public void AuthMode_NameInAnyCase_IsRead(string value, AuthMode expected) =>
        Assert.Equal(expected, Get<AuthOptions>([$"--Auth:Mode={value}"]).Mode);
}
