using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using AiNewsDashboard.Web.Hosting;
using MimeKit;

namespace AiNewsDashboard.Web.Mail;

/// <summary>How the SMTP connection is secured.</summary>
[TypeConverter(typeof(SettingEnumConverter<SmtpSecurity>))]
public enum SmtpSecurity
{
    /// <summary>Plain text (a relay on the same host or network only).</summary>
    None,
    /// <summary>Connect in plain text, then upgrade with STARTTLS (port 587); refuses a server that can't.</summary>
    StartTls,
    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}

/// <summary>
/// The <c>Smtp</c> section: the one mail server the app sends through (scheduled reports; alerts later). Mail is off
/// while <see cref="Host"/> is empty; once it is set, <see cref="From"/> and at least one <see cref="To"/> are required,
/// and a user needs a password.
/// </summary>
public sealed class SmtpOptions : ISettingsSection, IValidatableObject
{
    public static string Section => "Smtp";

    public string Host { get; set; } = "";

    [Range(1, 65535, ErrorMessage = "must be a TCP port from {1} to {2}")]
    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Empty: no authentication.</summary>
    public string User { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>The sender's address, e.g. <c>Dashboard &lt;reports@example.com&gt;</c>.</summary>
    public string From { get; set; } = "";

    /// <summary>Who receives the reports.</summary>
    public List<string> To { get; set; } = [];

    public bool IsConfigured => Host.Length > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured)
            yield break;
        if (Host.Trim() != Host || Host.Contains(' ', StringComparison.Ordinal))
            yield return new ValidationResult("must be a host name or address without spaces", [nameof(Host)]);
        if (From.Length == 0)
            yield return new ValidationResult("is required when Smtp:Host is set: the sender's address", [nameof(From)]);
        else if (!IsAddress(From))
            yield return new ValidationResult("is not an email address (name@example.com or Name <name@example.com>)", [nameof(From)]);
        if (To.Count == 0)
            yield return new ValidationResult("needs at least one address when Smtp:Host is set (Smtp:To:0=name@example.com)", [nameof(To)]);
        for (var i = 0; i < To.Count; i++)
            if (!IsAddress(To[i]))
                yield return new ValidationResult($"entry {i}, '{To[i]}', is not an email address", [nameof(To)]);
        if (User.Length > 0 && Password.Length == 0)
            yield return new ValidationResult("is required when Smtp:User is set", [nameof(Password)]);
        if (Password.Length > 0 && User.Length == 0)
            yield return new ValidationResult("is set but Smtp:User is empty: set both or neither", [nameof(User)]);
    }

    private static bool IsAddress(string text) => MailboxAddress.TryParse(text, out var address) && address.Address.Contains('@', StringComparison.Ordinal);
}
