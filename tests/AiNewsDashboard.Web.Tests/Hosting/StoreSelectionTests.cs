using System.Net;
using System.Net.Sockets;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Store.Postgres;
using AiNewsDashboard.Web.Hosting;
using AiNewsDashboard.Web.Tests.Cli;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AiNewsDashboard.Web.Tests.Hosting;

/// <summary>`--db` and Store:ConnectionString pick the store: a file path means SQLite, a server PostgreSQL.</summary>
public sealed class StoreSelectionTests
{
    private static DatabaseOptions Database(string[] args, Dictionary<string, string?>? appsettings = null) =>
        DashboardSettingsTests.Get<DatabaseOptions>(args, appsettings);

    [Theory]
    [InlineData("Host=db.example;Database=news;Username=news")]
    [InlineData("host=db.example;port=5433")]
    [InlineData("Server=db.example;Database=news")]
    [InlineData("postgres://news:secret@db.example:5433/news")]
    [InlineData("postgresql://db.example/news")]
    public void Open_ServerConnectionString_IsPostgres(string value) =>
        Assert.Equal("PostgreSQL", StoreSelection.Open(StoreSelection.FromDbArgument(value)).Kind);

    [Theory]
    [InlineData("ConnectionStrings:News", "Data Source=/tmp/x/one.db;Foo=bar;Password=hunter2", "SQLite connection string: Connection string keyword 'foo' is not supported")]
    [InlineData("ConnectionStrings:News", "Host=db.example;Foo=bar;Password=hunter2", "PostgreSQL connection string: Couldn't set foo")]
    [InlineData("ConnectionStrings:News", "Host=db.example;Port=abc;Password=hunter2", "Couldn't set port: The input string 'abc' was not in a correct format")]
    [InlineData("Store:ConnectionString", "postgres://news:hunter2@db.example:port/news", "PostgreSQL connection string: Invalid URI: Invalid port specified")]
    public void ValidateSettings_UnreadableConnectionString_NamesTheSettingAndKeywordButNeverThePassword(string key, string value, string says)
    {
        var error = Assert.Throws<InvalidSettingsException>(() =>
            DashboardSettingsTests.Settings([], new() { [key] = value }).ValidateSettings());

        Assert.StartsWith($"{key}: is not a valid ", error.Message);
        Assert.Contains(says, error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
        Assert.Single(error.Message.Split(Environment.NewLine));
    }

    [Theory]
    [InlineData("data/news.db")]
    [InlineData("/tmp/x/one.db")]
    [InlineData("Data Source=/tmp/x/one.db")]
    public void Open_FileOrSqliteConnectionString_IsSqlite(string value) =>
        Assert.Equal("SQLite", StoreSelection.Open(StoreSelection.FromDbArgument(value)).Kind);

    [Fact]
    public void DataFolder_HostConnectionString_IsBesideDatabasePathInsteadOfFailing()
    {
        // Bug guarded: a Host= string failed at start with "keyword 'host' is not supported" from DataFolder.
        var database = Database(["--db", "Host=db.example;Database=news"], new() { ["Database:Path"] = "/tmp/teams/news.db" });

        Assert.Equal("/tmp/teams", database.DataFolder);
        Assert.Equal("PostgreSQL", StoreSelection.Open(database.ResolvedConnectionString).Kind);
    }

    [Fact]
    public void StoreConnectionString_Setting_PicksTheStoreAndDbStillWins()
    {
        var fromSetting = Database([], new() { ["Store:ConnectionString"] = "postgres://news@db.example:5433/news" });
        var fromDb = Database(["--db", "/tmp/x/one.db"], new() { ["Store:ConnectionString"] = "Host=db.example" });
        var fileSetting = Database([], new() { ["Store:ConnectionString"] = "/tmp/x/two.db" });

        var builder = new NpgsqlConnectionStringBuilder(fromSetting.ResolvedConnectionString);
        Assert.Equal(("db.example", 5433, "news", "news"), (builder.Host, builder.Port, builder.Database, builder.Username));
        Assert.Equal("/tmp/x/one.db", SqliteStore.DataSourceOf(fromDb.ResolvedConnectionString));
        Assert.Equal("/tmp/x/two.db", SqliteStore.DataSourceOf(fileSetting.ResolvedConnectionString));
    }

    [Fact]
    public void ToConnectionString_Url_KeepsEveryPartUnescaped()
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresStore.ToConnectionString("postgres://news%40corp:p%3Ass@db.example:6543/the%20news?sslmode=require"));

        Assert.Equal(("db.example", 6543, "the news", "news@corp", "p:ss", SslMode.Require),
            (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password, builder.SslMode));
    }

    [Fact]
    public void Location_ServerWithPassword_NamesHostPortAndDatabaseButNotThePassword()
    {
        var store = new PostgresStore("Host=db.example;Port=5433;Database=news;Username=news;Password=hunter2");

        Assert.Equal("db.example:5433/news", store.Location);
        Assert.Null(store.DataFolder);
    }

    [Fact]
    public void ConnectionString_NoTimeoutOrALongOne_WaitsAtMostTenSeconds()
    {
        Assert.Equal(PostgresStore.ConnectTimeoutSeconds, new NpgsqlConnectionStringBuilder(new PostgresStore("Host=db.example").ConnectionString).Timeout);
        Assert.Equal(PostgresStore.ConnectTimeoutSeconds, new NpgsqlConnectionStringBuilder(new PostgresStore("Host=db.example;Timeout=60").ConnectionString).Timeout);
        Assert.Equal(3, new NpgsqlConnectionStringBuilder(new PostgresStore("Host=db.example;Timeout=3").ConnectionString).Timeout);
    }

    [Fact]
    public async Task Cli_UnreachableServer_FailsWithHostAndPortButNotThePassword()
    {
        var port = UnusedPort();

        var result = await CliRunner.RunAsync("demo", "remove", "--db", $"Host=127.0.0.1;Port={port};Username=news;Password=hunter2-secret");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"127.0.0.1:{port}", result.Stderr);
        Assert.Contains("Connection refused", result.Stderr);
        Assert.DoesNotContain("hunter2", result.Stderr + result.Stdout);
    }

    [Fact]
    public async Task App_UnreachableServerUrl_StopsWithAMessageInsteadOfServing()
    {
        var port = UnusedPort();
        using var app = CliRunner.StartProcess("--db", $"postgres://news:hunter2-secret@127.0.0.1:{port}/news", "--urls", "http://127.0.0.1:0");
        var stderr = app.StandardError.ReadToEndAsync();
        var stdout = app.StandardOutput.ReadToEndAsync();

        // Generous: the store itself gives up after ConnectTimeoutSeconds; this only keeps a hung app from hanging the suite.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await app.WaitForExitAsync(cts.Token);

        Assert.Equal(3, app.ExitCode);
        Assert.Contains($"could not reach the PostgreSQL server at 127.0.0.1:{port}", await stderr);
        Assert.DoesNotContain("hunter2", await stderr + await stdout);
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
