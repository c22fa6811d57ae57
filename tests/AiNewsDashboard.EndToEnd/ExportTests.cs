using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AiNewsDashboard.EndToEnd;

/// <summary>
/// Every export button downloads in place: the file arrives, the address bar and the history stay the page's.
/// Guards the bug where the router took the export link as a navigation, left "/api/providers.csv?…&amp;to=2026-06-30?" in the
/// address bar (F5 then showed a JSON error), and Back downloaded the file again.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ExportTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    private const string Range = "from=2025-01-01&to=2025-06-30";

    private static ILocatorAssertions Expect(ILocator l) => Assertions.Expect(l);
    private static IPageAssertions Expect(IPage p) => Assertions.Expect(p);

    [BrowserFact]
    public async Task ArticlesExport_Click_DownloadsEveryMatchingRowWithoutLeavingThePage()
    {
        var expected = (await GetJsonAsync($"/api/articles?{Range}&pageSize=1")).GetProperty("total").GetInt32();
        Assert.True(expected > 10, $"{expected} articles in the range");
        var (page, errors) = await OpenAfterAnotherPageAsync($"/articles?{Range}");
        await Expect(page.Locator("[data-testid=export-articles]")).ToContainTextAsync($"{expected:N0} rows");

        var csv = await DownloadInPlaceAsync(page, "[data-testid=export-articles]", "articles.csv");

        Assert.StartsWith("id,url,title,", csv);
        Assert.Equal(expected, CsvRecords(csv) - 1);
        await ReloadAndBackShowThePagesAsync(page, "[data-testid=article-link]");
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task ProvidersExport_Click_DownloadsEveryProviderWithoutLeavingThePage()
    {
        var expected = (await GetJsonAsync($"/api/stats/providers?{Range}")).GetProperty("total").GetInt32();
        Assert.True(expected > 10, $"{expected} providers in the range");
        var (page, errors) = await OpenAfterAnotherPageAsync($"/providers?{Range}");
        await Expect(page.Locator("[data-testid=leaderboard] tbody tr").First).ToBeVisibleAsync();

        var csv = await DownloadInPlaceAsync(page, "[data-testid=export-providers]", "providers.csv");

        Assert.StartsWith("domain,name,articles,", csv);
        Assert.Equal(expected, CsvRecords(csv) - 1);
        await ReloadAndBackShowThePagesAsync(page, "[data-testid=leaderboard] tbody tr");
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task GraphExport_Click_DownloadsTheWholeGraphWithoutLeavingThePage()
    {
        var expected = (await GetJsonAsync($"/api/graph?{Range}")).GetProperty("totalNodes").GetInt32();
        Assert.True(expected > 10, $"{expected} nodes in the range");
        var (page, errors) = await OpenAfterAnotherPageAsync($"/graph?{Range}");
        await Expect(page.Locator("[data-testid=story-graph]")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });

        var gexf = await DownloadInPlaceAsync(page, "[data-testid=graph-export]", "story-graph.gexf");

        Assert.Equal(expected, Regex.Count(gexf, "<node "));
        await ReloadAndBackShowThePagesAsync(page, "[data-testid=story-graph]");
        Assert.Empty(errors);
    }

    /// <summary>Opens the overview, then <paramref name="path"/>: Back from the page must lead to the overview.</summary>
    private async Task<(IPage Page, List<string> Errors)> OpenAfterAnotherPageAsync(string path)
    {
        var (page, errors) = await server.NewPageAsync();
        await page.GotoAsync(server.BaseUrl + "/");
        await page.GotoAsync(server.BaseUrl + path);
        await page.WaitForSelectorAsync("#circuit-state[data-interactive=true]", new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        return (page, errors);
    }

    private static async Task<string> DownloadInPlaceAsync(IPage page, string button, string fileName)
    {
        var (path, name) = await Downloads.ClickAndDownloadInPlaceAsync(page, page.Locator(button));
        Assert.Equal(fileName, name);
        return await File.ReadAllTextAsync(path);
    }

    /// <summary>F5 shows the page again (not an API answer), and Back leads to the page before, with no download.</summary>
    private async Task ReloadAndBackShowThePagesAsync(IPage page, string ready)
    {
        var url = page.Url;
        var downloads = 0;
        page.Download += (_, _) => downloads++;

        await page.ReloadAsync();
        Assert.Equal(url, page.Url);
        await Expect(page.Locator(ready).First).ToBeAttachedAsync(new() { Timeout = 30_000 });

        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(server.BaseUrl + "/");
        await Expect(page.Locator("[data-testid=total-articles]")).ToBeVisibleAsync();
        Assert.Equal(0, downloads);
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var http = new HttpClient();
        return JsonDocument.Parse(await http.GetStringAsync(server.BaseUrl + path)).RootElement;
    }

    /// <summary>The records of a CSV text (RFC 4180: a line break inside quotes belongs to its field).</summary>
    private static int CsvRecords(string csv)
    {
        var records = 0;
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            if (csv[i] == '"')
                quoted = !quoted;
            else if (csv[i] == '\n' && !quoted)
                records++;
        }
        return csv.Length > 0 && csv[^1] != '\n' ? records + 1 : records;
    }
}
