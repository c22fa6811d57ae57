using System.ComponentModel.DataAnnotations;

namespace AiNewsDashboard.Web.Hosting;

/// <summary>
/// The <c>Security</c> section: the host names Accounts mode answers (see <see cref="HostNameFilter"/>), request size and
/// per-client rate limits (see <see cref="Hardening"/>).
/// </summary>
public sealed class SecurityOptions : ISettingsSection, IValidatableObject
{
    public static string Section => "Security";

    /// <summary>
    /// Accounts mode: the host names users reach the dashboard by, separated by <c>;</c> (<c>dash.example.org;10.0.0.5</c>,
    /// <c>*.example.org</c>, or <c>*</c> for any). Ports are not part of a name. Local mode ignores it: loopback names only.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "must name at least one host, or be * for any")]
    public string AllowedHosts { get; set; } = "*";

    /// <summary>Largest request body, uploads excepted (they stream through the Blazor hub).</summary>
    [Range(1L, long.MaxValue, ErrorMessage = "must be a number of bytes from 1 up")]
    public long MaxRequestBodyBytes { get; set; } = 1L << 20;

    [Range(1, int.MaxValue, ErrorMessage = "must be a number of requests from 1 up")]
    public int LoginAttemptsPerMinute { get; set; } = 10;

    [Range(1, int.MaxValue, ErrorMessage = "must be a number of requests from 1 up")]
    public int ExportRequestsPerMinute { get; set; } = 30;

    [Range(1, int.MaxValue, ErrorMessage = "must be a number of requests from 1 up")]
    public int GraphRequestsPerMinute { get; set; } = 120;

    /// <summary>
    /// The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> the app believes, separated by
    /// <c>;</c>: addresses (<c>127.0.0.1</c>) or networks (<c>10.0.0.0/8</c>). Empty (the default): none, and every
    /// per-client limit counts the address the connection comes from. Behind a proxy that is the proxy's, so all clients
    /// would share one sign-in limit: name the proxy here (see <see cref="ForwardedHeaders"/>).
    /// </summary>
    public string TrustedProxies { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var entry in ForwardedHeaders.Entries(TrustedProxies))
        {
            if (!ForwardedHeaders.TryParse(entry, out _, out _))
                yield return new ValidationResult($"'{entry}' is neither an IP address nor a network such as 10.0.0.0/8", [nameof(TrustedProxies)]);
        }
    }
}
