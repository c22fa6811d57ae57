namespace AiNewsDashboard.Web.Hosting;

/// <summary>
/// <c>Metrics:*</c>: the Prometheus endpoint for whoever runs the app (requests, imports, the snapshot, circuits, the runtime).
/// </summary>
public sealed class MetricsOptions : ISettingsSection
{
    public static string Section => "Metrics";

    /// <summary>Serve <c>/metrics</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// When set, a scrape must send <c>Authorization: Bearer &lt;token&gt;</c> (Prometheus: <c>authorization.credentials</c>);
    /// empty: anyone who can reach the app may read the figures, which hold counts and timings, never article data.
    /// </summary>
    public string BearerToken { get; set; } = "";
}
