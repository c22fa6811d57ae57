namespace AiNewsDashboard.EndToEnd;

/// <summary>
/// A browser test. On a developer machine without Chromium it is skipped with the reason printed;
/// in CI (CI=true) it always runs, so a missing browser fails instead of passing silently.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Browser.ExecutablePath is null && !Browser.IsCi)
            Skip = $"Chromium not found at {Browser.DefaultPath} (install it with: apt-get install -y chromium). In CI (CI=true) this fails instead.";
    }
}
