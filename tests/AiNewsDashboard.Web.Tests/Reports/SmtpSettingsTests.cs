using AiNewsDashboard.Web.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Reports;

/// <summary>The Smtp section is checked at start: a bad setting stops the app with a message naming it.</summary>
public sealed class SmtpSettingsTests
{
    private static void Validate(params string[] args) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddCommandLine(DashboardSettings.NormalizeArgs(args)).Build())
            .AddDashboardOptions()
            .BuildServiceProvider()
            .ValidateSettings();

    private const string Host = "--Smtp:Host=mail.example.com";

    [Fact]
    public void Smtp_Unset_IsValid_MailIsOff() => Validate();

    [Fact]
    public void Smtp_Complete_IsValid() =>
        Validate(Host, "--Smtp:From=Dashboard <reports@example.com>", "--Smtp:To:0=boss@example.com", "--Smtp:User=u", "--Smtp:Password=p");

    [Theory]
    [InlineData("Smtp:From", "is required when Smtp:Host is set", Host, "--Smtp:To:0=boss@example.com")]
    [InlineData("Smtp:From", "is not an email address", Host, "--Smtp:From=nobody", "--Smtp:To:0=boss@example.com")]
    [InlineData("Smtp:To", "needs at least one address", Host, "--Smtp:From=reports@example.com")]
    [InlineData("Smtp:To", "entry 1, 'boss', is not an email address", Host, "--Smtp:From=reports@example.com", "--Smtp:To:0=a@example.com", "--Smtp:To:1=boss")]
    [InlineData("Smtp:Password", "is required when Smtp:User is set", Host, "--Smtp:From=r@example.com", "--Smtp:To:0=a@example.com", "--Smtp:User=u")]
    [InlineData("Smtp:Port", "from 1 to 65535", "--Smtp:Port=0")]
    [InlineData("Smtp:Security", "not one of: None, StartTls, SslOnConnect", "--Smtp:Security=tls")]
    [InlineData("Reports:CheckInterval", "time span from", "--Reports:CheckInterval=00:00:00")]
    public void Smtp_BadSetting_FailsNamingIt(string key, string message, params string[] args)
    {
        var error = Assert.Throws<InvalidSettingsException>(() => Validate(args));

        Assert.Contains(key, error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task App_WithBadSmtpSettings_RefusesToStart_NamingTheSetting()
    {
        using var dir = new AiNewsDashboard.TestSupport.TempDirectory();
        await using var app = DashboardHost.CreateBuilder(["--db", dir.PathOf("news.db"), "--Smtp:Host=mail.example.com", "--Smtp:From=nobody",
            "--Smtp:To:0=boss@example.com"]).Build();
        var stderr = new StringWriter();

        Assert.False(app.HasValidSettings(stderr)); // Program returns a usage error before serving anything

        Assert.Contains("Smtp:From: is not an email address", stderr.ToString());
    }
}
