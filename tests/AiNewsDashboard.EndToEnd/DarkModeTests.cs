using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AiNewsDashboard.EndToEnd;

/// <summary>
/// Dark mode is dark from the first frame when the user chose it. Guards the bug where the page painted light for about a
/// second, until the circuit started and read the choice from the browser's storage.
/// </summary>
[Trait("Category", "Slow")]
public sealed class DarkModeTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    private static ILocatorAssertions Expect(ILocator l) => Assertions.Expect(l);

    // Runs before the page's own scripts on every load: what the page looked like when its HTML was parsed, and whether the
    // circuit was up by then (it never is: it starts after that, over a WebSocket).
    private const string RecordFirstFrame = """
        document.addEventListener('DOMContentLoaded', () => {
            window.firstFrame = JSON.stringify({
                background: getComputedStyle(document.body).backgroundColor,
                interactive: document.getElementById('circuit-state')?.dataset.interactive ?? null,
            });
        });
        """;

    [BrowserFact]
    public async Task FirstFrame_DarkChosen_IsDarkBeforeTheCircuitStartsAndStaysDark()
    {
        foreach (var path in new[] { "/", "/providers", "/import" })
        {
            var (page, errors) = await NewPageAsync(theme: "dark");

            var first = await LoadAsync(page, path, "dark-first-frame" + path.Replace('/', '-').TrimEnd('-'));

            Assert.True(IsDark(first), $"{path}: first frame {first}");
            await WaitForCircuitAsync(page);
            await Expect(page.Locator("#circuit-state")).ToHaveAttributeAsync("data-dark", "true");
            Assert.True(IsDark(await BodyBackgroundAsync(page)), path);
            Assert.True(errors.Count == 0, $"{path}: {string.Join(" | ", errors)}");
            await page.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task FirstFrame_NoChoice_IsLight()
    {
        var (page, errors) = await NewPageAsync(theme: null);

        var first = await LoadAsync(page, "/", null);

        Assert.False(IsDark(first), first);
        await WaitForCircuitAsync(page);
        await Expect(page.Locator("#circuit-state")).ToHaveAttributeAsync("data-dark", "false");
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task FirstFrame_LightChosenOnADarkSystem_IsLightAndStaysLight()
    {
        var (page, errors) = await NewPageAsync(theme: "light");
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });

        var first = await LoadAsync(page, "/", null);

        Assert.False(IsDark(first), first);
        await WaitForCircuitAsync(page);
        await Expect(page.Locator("#circuit-state")).ToHaveAttributeAsync("data-dark", "false");
        Assert.False(IsDark(await BodyBackgroundAsync(page)));
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task Toggle_ThenReload_FirstFrameFollowsTheChoice()
    {
        var (page, errors) = await NewPageAsync(theme: null);
        await LoadAsync(page, "/", null);
        await WaitForCircuitAsync(page);

        await page.Locator("[data-testid=toggle-dark]").ClickAsync();
        await Expect(page.Locator("#circuit-state")).ToHaveAttributeAsync("data-dark", "true");
        var dark = await LoadAsync(page, "/timeline", null);
        await WaitForCircuitAsync(page);
        await page.Locator("[data-testid=toggle-dark]").ClickAsync();
        await Expect(page.Locator("#circuit-state")).ToHaveAttributeAsync("data-dark", "false");
        var light = await LoadAsync(page, "/timeline", null);

        Assert.True(IsDark(dark), dark);
        Assert.False(IsDark(light), light);
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task FirstFrame_ChoiceStoredBeforeTheCookie_IsCarriedOverToTheCookie()
    {
        // Dark mode used to be remembered in localStorage only: that choice must not be lost.
        var (page, errors) = await NewPageAsync(theme: null);
        await LoadAsync(page, "/", null);
        await page.EvaluateAsync("localStorage.setItem('ainews-theme', 'dark')");

        await LoadAsync(page, "/", null);
        await WaitForCircuitAsync(page);
        await Expect(page.Locator("#circuit-state")).ToHaveAttributeAsync("data-dark", "true");
        var first = await LoadAsync(page, "/", null);

        Assert.True(IsDark(first), first);
        Assert.Contains(await page.Context.CookiesAsync(), c => c is { Name: "ainews-theme", Value: "dark" });
        Assert.Empty(errors);
    }

    private async Task<(IPage Page, List<string> Errors)> NewPageAsync(string? theme)
    {
        var (page, errors) = await server.NewPageAsync();
        await page.AddInitScriptAsync(RecordFirstFrame);
        if (theme is not null)
            await page.Context.AddCookiesAsync([new Cookie { Name = "ainews-theme", Value = theme, Url = server.BaseUrl }]);
        return (page, errors);
    }

    /// <summary>Loads a page and returns the body's background colour when its HTML was parsed, before the circuit.</summary>
    private async Task<string> LoadAsync(IPage page, string path, string? screenshot)
    {
        await page.GotoAsync(server.BaseUrl + path, new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        if (screenshot is not null) // as early as Playwright can take it; the numbers below are what the test checks
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath(screenshot) });
        var first = JsonDocument.Parse(await page.EvaluateAsync<string>("window.firstFrame")).RootElement;
        Assert.Equal("false", first.GetProperty("interactive").GetString());
        return first.GetProperty("background").GetString()!;
    }

    private static Task WaitForCircuitAsync(IPage page) =>
        page.WaitForSelectorAsync("#circuit-state[data-interactive=true]", new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });

    private static Task<string> BodyBackgroundAsync(IPage page) => page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");

    /// <summary>An opaque "rgb(r, g, b)" colour darker than mid-grey (MudBlazor's dark background is rgb(50, 51, 61), its light one white).</summary>
    private static bool IsDark(string rgb)
    {
        var c = Regex.Matches(rgb, @"\d+(\.\d+)?").Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToArray();
        Assert.True(c.Length == 3 || (c.Length == 4 && c[3] == 1), $"not an opaque colour: {rgb}");
        c = c.Take(3).Select(v => v / 255).ToArray();
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2] < 0.5;
    }
}
