using System.CommandLine;
using AiNewsDashboard.Core;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Demo;
using AiNewsDashboard.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiNewsDashboard.Web.Cli;

/// <summary>
/// What every command shares: its output and input, and the settings, read like the web host's (appsettings.json,
/// environment variables, <c>--Section:Key=value</c>) and bound to the same classes by <see cref="DashboardOptions"/>.
/// </summary>
internal sealed class CliContext(IReadOnlyList<string> settingArgs, TextReader? stdin, TextWriter stdout, TextWriter stderr)
{
    public TextReader? Stdin => stdin;
    public TextWriter Stdout => stdout;
    public TextWriter Stderr => stderr;

    /// <summary>The <c>--db</c> option of a command that opens the database; it wins over the settings.</summary>
    public static Option<string> DbOption() => new("--db")
    {
        Description = $"The database: a SQLite file (default: the setting Database:Path, {new DatabaseOptions().Path}), " +
                      "or a PostgreSQL server (\"Host=db;Database=news;Username=news\" or postgres://news@db/news).",
        HelpName = "file",
    };

    /// <summary>
    /// Refuses a word that looks like an option where the argument expects a path or a name: the parser would take a
    /// mistyped <c>--jsn</c> for a file. A path that starts with a dash can be written <c>./-name</c>.
    /// </summary>
    public static TArgument NoOptionLikeValues<TArgument>(TArgument argument) where TArgument : Argument
    {
        argument.Validators.Add(result =>
        {
            var options = (result.Parent as System.CommandLine.Parsing.CommandResult)?.Command.Options.Where(o => !o.Hidden).Select(o => o.Name) ?? [];
            foreach (var token in result.Tokens.Where(t => t.Value.Length > 1 && t.Value[0] == '-'))
                result.AddError($"Unknown option '{token.Value}'" +
                                (options.Where(o => CommandLine.IsCloseTo(token.Value, o)).ToList() is { Count: > 0 } close
                                    ? $": did you mean {string.Join(" or ", close)}?" : "."));
        });
        return argument;
    }

    /// <summary>A <c>--Section:Key=value</c> argument: a setting, for the configuration rather than the command.</summary>
    public static bool IsSettingArg(string arg) =>
        arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains(':') && arg.Contains('=');

    /// <summary>The settings and, when <paramref name="withStore"/>, the store, migrated; settings checked first.</summary>
    public async Task<ServiceProvider> OpenAsync(string? db, bool withStore, bool withAccounts, CancellationToken ct)
    {
        var config = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. settingArgs])
            .AddInMemoryCollection(db is null ? [] : [new("ConnectionStrings:News", StoreSelection.FromDbArgument(db))])
            .Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(config).AddDashboardOptions().AddNewsStore();
        if (withStore)
            services.AddNewsData(sp => sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ResolvedConnectionString).AddArticleImport().AddDemoData();
        if (withAccounts)
            services.AddAccountStore();
        var provider = services.BuildServiceProvider();
        try
        {
            provider.ValidateSettings();
            if (withStore)
                await provider.GetRequiredService<INewsStore>().InitializeAsync(provider.GetRequiredService<IDbContextFactory<NewsDbContext>>(), ct);
            if (withAccounts)
                await Accounts.InitializeAccountsAsync(provider, ct);
            return provider;
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }
}
