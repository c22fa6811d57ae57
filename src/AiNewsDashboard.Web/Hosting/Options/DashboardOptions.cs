using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AiNewsDashboard.Web.Hosting;

/// <summary>
/// A settings section: one class per section of appsettings.json, its defaults in the class's initializers (the only
/// place they are written), its limits as data annotations.
/// </summary>
public interface ISettingsSection
{
    /// <summary>The configuration section it binds, e.g. <c>Import</c> for <c>Import:MaxFileBytes</c>.</summary>
    static abstract string Section { get; }
}

/// <summary>
/// Registers every settings class the same way for the web host and the command line:
/// <c>services.AddOptions&lt;T&gt;().BindConfiguration(T.Section).ValidateOnStart()</c> plus <see cref="SettingsValidator{T}"/>,
/// which runs the data annotations and names each failure by its configuration key. To add a section, write a class
/// implementing <see cref="ISettingsSection"/> and add one <see cref="AddSettings{T}"/> line here.
/// </summary>
public static class DashboardOptions
{
    public static IServiceCollection AddDashboardOptions(this IServiceCollection services)
    {
        // ConnectionStrings:News (which --db sets) is the standard home of a connection string; it wins over
        // Store:ConnectionString (a file path or a PostgreSQL server, like --db), which wins over Database:Path.
        services.AddSettings<DatabaseOptions>()
            .Configure<IConfiguration>((o, config) =>
            {
                (o.ConnectionString, o.ConnectionStringKey) =
                    config.GetConnectionString("News") is { Length: > 0 } news ? (news, "ConnectionStrings:News")
                    : config["Store:ConnectionString"] is { Length: > 0 } store ? (StoreSelection.FromDbArgument(store), "Store:ConnectionString")
                    : ("", "");
            });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DatabaseOptions>, ConnectionStringCheck>());
        services.AddSettings<DemoOptions>();
        services.AddSettings<DashboardImportOptions>();
        services.AddSettings<BackupOptions>();
        services.AddSettings<GraphOptions>();
        services.AddSettings<SignalsOptions>();
        services.AddSingleton<Core.Signals.SignalSettings>(sp => sp.GetRequiredService<IOptions<SignalsOptions>>().Value);
        services.AddSettings<SyndicationOptions>();
        services.AddSingleton<Core.Syndication.SyndicationSettings>(sp => sp.GetRequiredService<IOptions<SyndicationOptions>>().Value);
        services.AddSettings<SecurityOptions>();
        services.AddSettings<AuthOptions>();
        services.AddSettings<Mail.SmtpOptions>();
        services.AddSettings<Reports.ReportOptions>();
        services.AddSettings<Alerts.AlertOptions>();
        services.AddSettings<AttentionOptions>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AttentionOptions>>().Value.ToSettings());
        services.AddSettings<Alerts.WebhookOptions>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<Alerts.WebhookOptions>>().Value.Targets());
        services.AddSettings<MetricsOptions>();
        services.AddSettings<SnapshotOptions>();
        return services;
    }

    /// <summary>Binds <typeparamref name="T"/> to its section and checks it when the app (or a command) starts.</summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services) where T : class, ISettingsSection
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>, SettingsValidator<T>>());
        return services.AddOptions<T>().BindConfiguration(T.Section).ValidateOnStart();
    }

    /// <summary>
    /// Binds and checks every section now, as the host does at start, so a bad setting stops the app or a command
    /// before it touches the database, with one message naming each bad key and what it accepts.
    /// </summary>
    /// <exception cref="InvalidSettingsException">A setting is out of range or can't be read as its type.</exception>
    public static void ValidateSettings(this IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (Exception e) when (Describe(e) is { } message)
        {
            throw new InvalidSettingsException(message, e);
        }
    }

    /// <summary>What a settings failure says, one line per bad key; null for any other exception.</summary>
    private static string? Describe(Exception e) => e switch
    {
        OptionsValidationException invalid => string.Join(Environment.NewLine, invalid.Failures),
        // The binder's own words name the key; its inner exception says what the text should have been.
        InvalidOperationException { InnerException: (FormatException or ArgumentException or OverflowException) and var inner } unreadable =>
            $"{unreadable.Message} {inner.Message}",
        // A section whose check reads another section (the upload folder reads the database's) fails with that one's
        // failure too: each line once.
        AggregateException all when all.InnerExceptions.Select(Describe).ToList() is var lines && lines.All(l => l is not null) =>
            string.Join(Environment.NewLine, lines.SelectMany(l => l!.Split(Environment.NewLine)).Distinct()),
        _ => null,
    };

    /// <summary>Checks every setting before the app touches the database or binds an address; says which are bad.</summary>
    public static bool HasValidSettings(this WebApplication app, TextWriter stderr)
    {
        try
        {
            app.Services.ValidateSettings();
            return true;
        }
        catch (InvalidSettingsException e)
        {
            stderr.WriteLine($"error: a setting is not valid:\n{e.Message}");
            return false;
        }
    }
}

/// <summary>A setting that fails its section's checks: the message names the key (<c>Section:Key</c>) and what it accepts.</summary>
public sealed class InvalidSettingsException(string message, Exception inner) : Exception(message, inner);

/// <summary>Runs a settings class's data annotations and reports each failure as <c>Section:Key: what it accepts (was 'value')</c>.</summary>
public sealed class SettingsValidator<T> : IValidateOptions<T> where T : class, ISettingsSection
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
            return ValidateOptionsResult.Success;
        return ValidateOptionsResult.Fail(results.SelectMany(r => r.MemberNames.DefaultIfEmpty("").Select(member =>
        {
            var value = typeof(T).GetProperty(member, BindingFlags.Public | BindingFlags.Instance)?.GetValue(options);
            return $"{T.Section}:{member}: {r.ErrorMessage} (was '{value}')";
        })));
    }
}

/// <summary>
/// Reads an enum setting by name in any case and refuses anything else, numbers included, with the names it accepts
/// (the framework's converter takes "5" and says only "not a valid value"). Put it on the enum:
/// <c>[TypeConverter(typeof(SettingEnumConverter&lt;AuthMode&gt;))]</c>.
/// </summary>
public sealed class SettingEnumConverter<TEnum>() : EnumConverter(typeof(TEnum)) where TEnum : struct, Enum
{
    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text && !text.Trim().All(c => char.IsAsciiDigit(c) || c == '-')
            && Enum.TryParse<TEnum>(text.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : value is string bad ? throw new FormatException($"'{bad}' is not one of: {string.Join(", ", Enum.GetNames<TEnum>())}.")
            : base.ConvertFrom(context, culture, value);
}
