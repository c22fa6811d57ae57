using AiNewsDashboard.Core.Syndication;

namespace AiNewsDashboard.Web.Hosting;

/// <summary>
/// <c>Syndication:*</c>: how copies of one text are found (<see cref="SyndicationSettings"/> holds them, their defaults
/// and their limits), checked at start like every section.
/// </summary>
public sealed class SyndicationOptions : SyndicationSettings, ISettingsSection
{
    public static string Section => "Syndication";
}
