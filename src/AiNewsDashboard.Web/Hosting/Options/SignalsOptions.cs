using AiNewsDashboard.Core.Signals;

namespace AiNewsDashboard.Web.Hosting;

/// <summary>
/// <c>Signals:*</c>: the thresholds of quality drift and breaking stories (<see cref="SignalSettings"/> holds them, their
/// defaults and their limits), checked at start like every section.
/// </summary>
public sealed class SignalsOptions : SignalSettings, ISettingsSection
{
    public static string Section => "Signals";
}
