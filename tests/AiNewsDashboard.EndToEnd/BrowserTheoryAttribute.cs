namespace AiNewsDashboard.EndToEnd;

/// <summary>A browser test with data: skipped without Chromium on a developer machine, as <see cref="BrowserFactAttribute"/>.</summary>
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute()
    {
        if (Browser.ExecutablePath is null && !Browser.IsCi)
            Skip = $"Chromium not found at {Browser.DefaultPath} (install it with: apt-get install -y chromium). In CI (CI=true) this fails instead.";
    }
}
