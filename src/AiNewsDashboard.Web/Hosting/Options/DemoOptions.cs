namespace AiNewsDashboard.Web.Hosting;

/// <summary><c>Demo:Enabled</c>: seed the bundled corpus into an empty database at start (<c>--no-demo</c> turns it off).</summary>
public sealed class DemoOptions : ISettingsSection
{
    public static string Section => "Demo";

    public bool Enabled { get; set; } = true;
}
