namespace AiNewsDashboard.EndToEnd;

public static class Browser
{
    public const string DefaultPath = "/usr/bin/chromium";

    public static string? ExecutablePath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } p && File.Exists(p) ? p
        : File.Exists(DefaultPath) ? DefaultPath : null;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Debian's Chromium, never a downloaded one; flags keep it off this machine's closed network.</summary>
    public static readonly string[] Args =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"];

    /// <summary>Debian's Chromium, headless; a missing one is an error here (the tests that need it are skipped before, outside CI).</summary>
    public static Task<Microsoft.Playwright.IBrowser> LaunchAsync(Microsoft.Playwright.IPlaywright playwright)
    {
        var path = ExecutablePath
            ?? throw new InvalidOperationException($"Chromium is required for browser tests in CI: install it with 'apt-get install -y chromium' ({DefaultPath}).");
        return playwright.Chromium.LaunchAsync(new Microsoft.Playwright.BrowserTypeLaunchOptions { ExecutablePath = path, Args = Args });
    }

    /// <summary>Where screenshots go: $ARTIFACTS_DIR, else artifacts/screenshots at the repository root.</summary>
    public static string ScreenshotPath(string name)
    {
        var root = Environment.GetEnvironmentVariable("ARTIFACTS_DIR") is { Length: > 0 } a ? a : Path.Combine(RepoRoot(), "artifacts");
        var dir = Path.Combine(root, "screenshots");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name + ".png");
    }

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "AiNewsDashboard.sln")))
                return d.FullName;
        return Directory.GetCurrentDirectory();
    }

    /// <summary>
    /// Chooses files in the page's last file input once Blazor's InputFile has hooked it up (its script marks the
    /// element): files set a moment earlier, right after the circuit connected, raised no change anybody heard.
    /// </summary>
    public static async Task UploadAsync(Microsoft.Playwright.IPage page, params string[] files)
    {
        var input = page.Locator("input[type=file]").Last;
        await input.WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Attached });
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('input[type=file]')].pop()?._blazorInputFileNextFileId !== undefined");
        await input.SetInputFilesAsync(files);
    }
}
