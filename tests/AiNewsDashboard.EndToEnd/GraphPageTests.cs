using System.Text.RegularExpressions;
using AiNewsDashboard.TestSupport;
using Microsoft.Playwright;

namespace AiNewsDashboard.EndToEnd;

/// <summary>The story graph in real Chromium (WebGL through SwiftShader) over the demo corpus.</summary>
[Trait("Category", "Slow")]
public sealed class GraphPageTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    private static ILocatorAssertions Expect(ILocator l) => Assertions.Expect(l);
    private static IPageAssertions Expect(IPage p) => Assertions.Expect(p);

    private static ILocator Graph(IPage page) => page.Locator("[data-testid=story-graph]");

    /// <summary>Waits until the graph is drawn and its layout has stopped moving.</summary>
    /// <summary>The server's copy-detection worker runs its first pass a few seconds after start.</summary>
    private async Task WaitForCopyDetectionAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await server.ScalarAsync(DatabaseOracle.CopyDetectionRan) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "copy detection did not run within a minute of the server's start");
            await Task.Delay(200);
        }
    }

    private static async Task WaitForGraphAsync(IPage page) =>
        await Expect(Graph(page)).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });

    private static async Task<(double X, double Y)> PositionOfAsync(IPage page, int id)
    {
        var p = await Graph(page).EvaluateAsync<double[]>("(el, id) => { const p = el.storyGraph.positionOf(id); return [p.x, p.y]; }", id);
        var box = (await Graph(page).BoundingBoxAsync())!;
        return (box.X + p[0], box.Y + p[1]);
    }

    [BrowserFact]
    public async Task Graph_NoFilter_DrawsEveryArticleReferenceAndLink()
    {
        // The oracle is the database itself: every stored article (references included) and every distinct link, but
        // copies (syndication), which fold into their first publisher's node once detection has run.
        await WaitForCopyDetectionAsync();
        var articles = await server.ScalarAsync(DatabaseOracle.GraphNodes);
        var links = await server.ScalarAsync(DatabaseOracle.GraphEdges);

        var (page, errors) = await server.OpenAsync("/graph?stories=all");
        await WaitForGraphAsync(page);

        await Expect(Graph(page)).ToHaveAttributeAsync("data-nodes", articles.ToString(), new() { Timeout = 30_000 });
        await Expect(Graph(page)).ToHaveAttributeAsync("data-edges", links.ToString());
        await Expect(page.Locator("[data-testid=graph-counts]")).ToContainTextAsync($"{articles:N0} articles · {links:N0} links drawn");
        Assert.True(await Graph(page).Locator("canvas").CountAsync() > 0);
        await Expect(page.Locator("[data-testid=graph-stories] [data-testid=graph-story-link]").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=graph-legend]")).ToContainTextAsync("Largest stories in view");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("graph"), FullPage = true });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("graph-viewport") });
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task Graph_SearchATitle_FocusesTheArticleInTheUrlAndCentresIt_BackUndoesIt()
    {
        var (page, errors) = await server.OpenAsync("/graph?provider=signalwire.example");
        await WaitForGraphAsync(page);

        await page.Locator("input[data-testid=graph-search]").FillAsync("fraud detection");
        var option = page.Locator(".mud-popover-open .mud-list-item").First;
        await Expect(option).ToBeVisibleAsync(new() { Timeout = 30_000 }); // a search round trip: slow on a loaded machine
        var title = (await option.Locator("span").First.InnerTextAsync()).Trim();
        await option.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"[?&]focus=\d+"));
        var focus = int.Parse(Regex.Match(page.Url, @"focus=(\d+)").Groups[1].Value);
        // The page loads the new view before it shows the chip: on a loaded machine that takes more than the default 5 s.
        await Expect(page.Locator("[data-testid=graph-focus-chip]")).ToContainTextAsync(title[..Math.Min(30, title.Length)], new() { Timeout = 30_000 });
        await WaitForGraphAsync(page);
        // Centred: the camera moved the focused article to the middle of the canvas.
        var box = (await Graph(page).BoundingBoxAsync())!;
        await Expect(page.Locator("[data-testid=graph-counts]")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(700); // the camera's 500 ms animation
        var (x, y) = await PositionOfAsync(page, focus);
        Assert.InRange(x, box.X + box.Width / 2 - 40, box.X + box.Width / 2 + 40);
        Assert.InRange(y, box.Y + box.Height / 2 - 40, box.Y + box.Height / 2 + 40);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("graph-focus"), FullPage = true });

        await page.Locator("[data-testid=graph-undo]").ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex(@"focus="));
        await Expect(page.Locator("[data-testid=graph-focus-chip]")).ToHaveCountAsync(0);
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task Graph_ClickANode_OpensItsDetailsWithALinkToTheArticlePage()
    {
        var id = (int)await server.ScalarAsync("SELECT MIN(Id) FROM Articles WHERE IsReference = 0 AND Id IN (SELECT ArticleId FROM RelatedLinks)");
        var title = await page_TitleAsync(id);
        var (page, errors) = await server.OpenAsync($"/graph?focus={id}");
        await WaitForGraphAsync(page);
        await page.WaitForTimeoutAsync(700);

        var (x, y) = await PositionOfAsync(page, id);
        await page.Mouse.ClickAsync((float)x, (float)y);

        var panel = page.Locator("[data-testid=graph-panel]");
        await Expect(panel.Locator("[data-testid=graph-panel-title]")).ToHaveTextAsync(title);
        await Expect(panel.Locator("[data-testid=graph-panel-article]")).ToHaveAttributeAsync("href", $"/articles/{id}");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("graph-panel"), FullPage = true });

        await panel.Locator("[data-testid=graph-panel-expand]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"expand={id}"));
        Assert.Empty(errors);
    }

    private async Task<string> page_TitleAsync(int id)
    {
        // Titles are text; read the one the panel must show through the API, which reads the same store.
        using var http = new HttpClient();
        var json = await http.GetStringAsync($"{server.BaseUrl}/api/graph?focus={id}&hops=0&cluster=&limit=50000&provider=none.example");
        var doc = System.Text.Json.JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("id").GetInt32() == id).GetProperty("title").GetString()!;
    }

    [BrowserFact]
    public async Task Graph_ClickAStory_ShowsExactlyItsArticles()
    {
        var (page, errors) = await server.OpenAsync("/graph");
        await WaitForGraphAsync(page);
        var row = page.Locator("[data-testid=graph-stories] tbody tr").First;
        var size = (await row.Locator("td").Nth(1).InnerTextAsync()).Trim();

        await row.Locator("[data-testid=graph-story-link]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"[?&]cluster=\d+"));
        await Expect(Graph(page)).ToHaveAttributeAsync("data-nodes", size);
        await WaitForGraphAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("graph-story"), FullPage = true });
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task Graph_TimeLayout_PutsOlderArticlesLeftOfNewerOnes()
    {
        // Two nodes: articles that are not copies folded into another node.
        await WaitForCopyDetectionAsync();
        var oldest = (int)await server.ScalarAsync($"SELECT Id FROM Articles WHERE PublishedAt IS NOT NULL AND Id NOT IN (SELECT ArticleId FROM CopyGroupMembers) ORDER BY PublishedAt, Id LIMIT 1");
        var newest = (int)await server.ScalarAsync($"SELECT Id FROM Articles WHERE PublishedAt IS NOT NULL AND Id NOT IN (SELECT ArticleId FROM CopyGroupMembers) ORDER BY PublishedAt DESC, Id LIMIT 1");
        var (page, errors) = await server.OpenAsync("/graph?stories=all");
        await WaitForGraphAsync(page);

        await page.Locator("[data-testid=graph-layout]").GetByText("By time").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"layout=time"));
        await Expect(Graph(page)).ToHaveAttributeAsync("data-layout", "time", new() { Timeout = 30_000 });
        await page.WaitForTimeoutAsync(500); // the camera's reset
        var (oldX, _) = await PositionOfAsync(page, oldest);
        var (newX, _) = await PositionOfAsync(page, newest);
        Assert.True(oldX < newX, $"oldest at x={oldX}, newest at x={newX}");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("graph-time"), FullPage = true });
        Assert.Empty(errors);
    }
}
