using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Web.Hosting;
using Microsoft.Extensions.Configuration;

namespace AiNewsDashboard.Web.Tests.Hosting;

public sealed class DashboardSettingsTests
{
    private static IConfiguration Config(string[] args, Dictionary<string, string?>? appsettings = null) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(appsettings ?? new() { ["Database:Path"] = "data/news.db", ["ConnectionStrings:News"] = "" })
            .AddCommandLine(DashboardSettings.NormalizeArgs(args))
            .Build();

    [Fact]
    public void ConnectionString_Default_IsDataNewsDbUnderTheWorkingDirectory() =>
        Assert.Equal(SqliteStore.ConnectionStringForFile(Path.Combine(Directory.GetCurrentDirectory(), "data", "news.db")),
            DashboardSettings.ConnectionString(Config([])));

    [Theory]
    [InlineData("--db", "/tmp/x/one.db")]
    [InlineData("--db=/tmp/x/one.db", null)]
    public void ConnectionString_DbSwitch_WinsOverAppsettings(string arg, string? value)
    {
        var config = Config(value is null ? [arg] : [arg, value],
            new() { ["Database:Path"] = "elsewhere.db", ["ConnectionStrings:News"] = "Data Source=/tmp/from-appsettings.db" });

        Assert.Equal("/tmp/x/one.db", SqliteStore.DataSourceOf(DashboardSettings.ConnectionString(config)));
    }

    [Fact]
    public void ConnectionString_SectionKeyOnCommandLine_IsHonoured() =>
        Assert.Equal("/tmp/y.db", SqliteStore.DataSourceOf(DashboardSettings.ConnectionString(Config(["--Database:Path=/tmp/y.db"]))));

    [Fact]
    public void NoDemo_BareFlagBeforeAnotherSwitch_DoesNotSwallowIt()
    {
        // Bug guarded: ASP.NET's parser takes the next argument as the value of a bare "--no-demo".
        var config = Config(["--no-demo", "--urls", "http://127.0.0.1:5999"]);

        Assert.False(DashboardSettings.DemoEnabled(config));
        Assert.Equal("http://127.0.0.1:5999", config["urls"]);
    }

    [Fact]
    public void ParserOptions_MaxFileBytesSetting_IsUsed() =>
        Assert.Equal(2048, DashboardSettings.ParserOptions(Config(["--Import:MaxFileBytes=2048"])).MaxFileBytes);
}
