using System.ComponentModel.DataAnnotations;

namespace AiNewsDashboard.Web.Hosting;

/// <summary>The <c>Security</c> section: request size and per-client rate limits (see <see cref="Hardening"/>).</summary>
public sealed class SecurityOptions : ISettingsSection
{
    public static string Section => "Security";

    /// <summary>Largest request body, uploads excepted (they stream through the Blazor hub).</summary>
    [Range(1L, long.MaxValue, ErrorMessage = "must be a number of bytes from 1 up")]
    public long MaxRequestBodyBytes { get; set; } = 1L << 20;

    [Range(1, int.MaxValue, ErrorMessage = "must be a number of requests from 1 up")]
    public int LoginAttemptsPerMinute { get; set; } = 10;

    [Range(1, int.MaxValue, ErrorMessage = "must be a number of requests from 1 up")]
    public int ExportRequestsPerMinute { get; set; } = 30;

    [Range(1, int.MaxValue, ErrorMessage = "must be a number of requests from 1 up")]
    public int GraphRequestsPerMinute { get; set; } = 120;
}
