using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AiNewsDashboard.EndToEnd;

/// <summary>
/// The story graph read as a person reads it: links seen in the pixels (sigma's WebGL canvas can't be read back, so
/// from a screenshot), labels that don't overlap, the first view's islands, the time axis, and the story page.
/// </summary>
[Trait("Category", "Slow")]
public sealed class GraphReadabilityTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    private static ILocatorAssertions Expect(ILocator l) => Assertions.Expect(l);
    private static IPageAssertions Expect(IPage p) => Assertions.Expect(p);
    private static ILocator Graph(IPage page) => page.Locator("[data-testid=story-graph]").First;

    private static async Task WaitForGraphAsync(IPage page) =>
        await Expect(Graph(page)).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });

    private sealed record Disc(int Id, int Cluster, double X, double Y, double R);
    private sealed record Box(int Key, double X, double Y, double W, double H, string Text, bool Caption);

    private static async Task<Disc[]> DiscsAsync(IPage page) =>
        JsonSerializer.Deserialize<Disc[]>(await Graph(page).EvaluateAsync<string>("el => JSON.stringify(el.storyGraph.nodeDiscs())"), Json)!;

    private static async Task<Box[]> LabelBoxesAsync(IPage page) =>
        JsonSerializer.Deserialize<Box[]>(await Graph(page).EvaluateAsync<string>("el => JSON.stringify(el.storyGraph.labelBoxes())"), Json)!;

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private async Task<(IPage Page, List<string> Errors)> OpenAsync(string path, bool dark)
    {
        var (page, errors) = await server.NewPageAsync();
        await page.Context.AddCookiesAsync([new Cookie { Name = "ainews-theme", Value = dark ? "dark" : "light", Url = server.BaseUrl }]);
        await page.GotoAsync(server.BaseUrl + path);
        await page.WaitForSelectorAsync("#circuit-state[data-interactive=true]", new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        await Expect(page.Locator("#circuit-state")).ToHaveAttributeAsync("data-dark", dark ? "true" : "false");
        return (page, errors);
    }

    [BrowserTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Graph_DefaultZoom_LinksDifferFromTheBackgroundAtThreeToOne(bool dark)
    {
        // Guards the bug where links were drawn 0.6 px wide at 22% grey: listed, but not one visible.
        var (page, errors) = await OpenAsync("/graph", dark);
        await WaitForGraphAsync(page);
        await page.WaitForTimeoutAsync(400); // the camera's reset
        var discs = await DiscsAsync(page);
        var boxes = await LabelBoxesAsync(page);
        var edges = JsonSerializer.Deserialize<int[][]>(await Graph(page).EvaluateAsync<string>("el => JSON.stringify(el.storyGraph.edges())"))!;
        var byId = discs.ToDictionary(d => d.Id);
        var size = (await Graph(page).BoundingBoxAsync())!;

        // Points along each link, every 2 px, away from every node disc and label (those are not the link); the link
        // with the most such points is the one to read.
        List<(double X, double Y)> Samples(int[] e)
        {
            var (s, t) = (byId[e[0]], byId[e[1]]);
            var length = double.Hypot(t.X - s.X, t.Y - s.Y);
            var points = new List<(double, double)>();
            for (var d = 0.0; d <= length; d += 2)
            {
                var (x, y) = (s.X + (t.X - s.X) * d / length, s.Y + (t.Y - s.Y) * d / length);
                if (x < 2 || y < 2 || x > size.Width - 2 || y > size.Height - 22)
                    continue;
                if (discs.Any(n => double.Hypot(n.X - x, n.Y - y) < n.R + 3))
                    continue;
                if (boxes.Any(b => x > b.X - 3 && x < b.X + b.W + 3 && y > b.Y - 3 && y < b.Y + b.H + 3))
                    continue;
                points.Add((x, y));
            }
            return points;
        }
        Assert.NotEmpty(edges);
        var samples = edges.Select(Samples).OrderByDescending(p => p.Count).First();
        Assert.True(samples.Count >= 8, $"no link has 8 points clear of nodes and labels (best: {samples.Count})");

        var png = await Graph(page).ScreenshotAsync(new LocatorScreenshotOptions { Path = Browser.ScreenshotPath($"graph-links-{(dark ? "dark" : "light")}") });
        var pixels = await page.EvaluateAsync<int[][]>(@"async ([data, points]) => {
            const img = new Image();
            img.src = 'data:image/png;base64,' + data;
            await img.decode();
            const c = document.createElement('canvas');
            c.width = img.width; c.height = img.height;
            const g = c.getContext('2d');
            g.drawImage(img, 0, 0);
            return points.map(([x, y]) => Array.from(g.getImageData(Math.round(x), Math.round(y), 1, 1).data.slice(0, 3)));
        }", new object[] { Convert.ToBase64String(png), samples.Select(p => new[] { p.X, p.Y }).ToArray() });
        var background = Rgb(await Graph(page).EvaluateAsync<string>("el => getComputedStyle(el.closest('.graph-canvas-wrap')).backgroundColor"));

        var contrasting = pixels.Count(p => Contrast(p, background) >= 3);
        Assert.True(contrasting >= 0.8 * pixels.Length,
            $"{contrasting} of {pixels.Length} samples differ from the background {string.Join(",", background)} at 3:1; " +
            $"first samples: {string.Join(" ", pixels.Take(8).Select(p => string.Join(",", p)))}");
        Assert.Empty(errors);
    }

    [BrowserTheory]
    [InlineData("/graph")]
    [InlineData("/graph?stories=all")]
    [InlineData("/graph?layout=time")]
    public async Task Graph_Labels_NoTwoOverlapAndEachTopStoryIsCaptioned(string path)
    {
        var (page, errors) = await OpenAsync(path, dark: false);
        await WaitForGraphAsync(page);
        await page.WaitForTimeoutAsync(600);
        var boxes = await LabelBoxesAsync(page);

        Assert.NotEmpty(boxes);
        for (var i = 0; i < boxes.Length; i++)
            for (var j = i + 1; j < boxes.Length; j++)
            {
                var (a, b) = (boxes[i], boxes[j]);
                var overlap = a.X < b.X + b.W && b.X < a.X + a.W && a.Y < b.Y + b.H && b.Y < a.Y + a.H;
                Assert.False(overlap, $"'{a.Text}' and '{b.Text}' overlap");
            }
        if (path == "/graph")
        {
            // The first view: every story drawn has its caption, and every caption fits the canvas.
            var stories = (await DiscsAsync(page)).Select(d => d.Cluster).Distinct().Count();
            Assert.Equal(stories, boxes.Count(b => b.Caption));
            var size = (await Graph(page).BoundingBoxAsync())!;
            Assert.All(boxes.Where(b => b.Caption), b => Assert.True(b.X >= 0 && b.X + b.W <= size.Width && b.Y >= 0 && b.Y + b.H <= size.Height, $"'{b.Text}' is cut off"));
        }
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("graph-labels" + path.Replace('/', '-').Replace('?', '-').Replace('=', '-')) });
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task Graph_FirstView_TopStoriesAsSeparateIslandsInTheWindowWithTheRestListed()
    {
        var (page, errors) = await OpenAsync("/graph", dark: false);
        await WaitForGraphAsync(page);
        await page.WaitForTimeoutAsync(400);

        await Expect(Graph(page)).ToHaveAttributeAsync("data-view", "stories");
        var discs = await DiscsAsync(page);
        var islands = discs.GroupBy(d => d.Cluster).Select(g =>
        {
            var (cx, cy) = (g.Average(d => d.X), g.Average(d => d.Y));
            return (Cluster: g.Key, X: cx, Y: cy, R: g.Max(d => double.Hypot(d.X - cx, d.Y - cy) + d.R));
        }).ToList();
        Assert.InRange(islands.Count, 2, 20);
        foreach (var a in islands)
            foreach (var b in islands.Where(b => b.Cluster > a.Cluster))
                Assert.True(double.Hypot(a.X - b.X, a.Y - b.Y) > a.R + b.R, $"stories {a.Cluster} and {b.Cluster} overlap");
        var box = (await Graph(page).BoundingBoxAsync())!;
        Assert.True(box.Y + box.Height <= 900 && box.X + box.Width <= 1440, $"the graph ({box.X}, {box.Y}, {box.Width} × {box.Height}) doesn't fit a 1440×900 window");
        Assert.All(discs, d => Assert.True(d.X >= 0 && d.X <= box.Width && d.Y >= 0 && d.Y <= box.Height, $"article {d.Id} is outside the canvas"));

        // The counter describes what is drawn.
        var nodes = await Graph(page).GetAttributeAsync("data-nodes");
        await Expect(page.Locator("[data-testid=graph-counts]")).ToContainTextAsync($"{int.Parse(nodes!, CultureInfo.InvariantCulture):N0} articles");

        var smaller = page.Locator("[data-testid=graph-smaller-stories]");
        if (await smaller.CountAsync() > 0)
        {
            await Expect(smaller).ToContainTextAsync(new Regex(@"… and [\d,]+ smaller stories"));
            await Expect(smaller.Locator("[data-testid=story-page-link]")).ToHaveCountAsync(0); // drawn only when opened
            await smaller.Locator(".mud-expand-panel-header").ClickAsync();
            await Expect(smaller.Locator("[data-testid=story-page-link]").First).ToBeVisibleAsync();
        }
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("graph-first-view") });
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task Graph_Focus_CounterCountsTheDrawnArticles()
    {
        // Guards the bug where the focus view still reported the whole filtered view.
        var id = (int)await server.ScalarAsync("SELECT MIN(Id) FROM Articles WHERE IsReference = 0 AND Id IN (SELECT ArticleId FROM RelatedLinks)");
        var (page, errors) = await OpenAsync($"/graph?focus={id}", dark: false);
        await WaitForGraphAsync(page);

        var nodes = int.Parse((await Graph(page).GetAttributeAsync("data-nodes"))!, CultureInfo.InvariantCulture);
        await Expect(page.Locator("[data-testid=graph-counts]")).ToContainTextAsync(new Regex($@"\d+ in focus \(within 1 hop\) of {nodes:N0} articles"));
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task Graph_TimeAxis_TicksSuitTheSpan()
    {
        // Guards the bug where the axis marked only 1 January, so a story of one day had no axis at all.
        var (page, errors) = await OpenAsync("/graph?layout=time", dark: false);
        await WaitForGraphAsync(page);
        var day = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds() / 60;

        async Task<(string Unit, string[] Labels)> TicksAsync(long from, long to)
        {
            var r = await Graph(page).EvaluateAsync<JsonElement>("(el, a) => el.storyGraph.timeTicks(a[0], a[1], 8)", new[] { from, to });
            return (r.GetProperty("unit").GetString()!, r.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToArray());
        }
        Assert.Equal(("hours", "1 Mar 03:00"), ((await TicksAsync(day + 60, day + 22 * 60)).Unit, (await TicksAsync(day + 60, day + 22 * 60)).Labels[0]));
        Assert.Equal("days", (await TicksAsync(day, day + 20 * 1440)).Unit);
        Assert.Equal("months", (await TicksAsync(day, day + 300 * 1440)).Unit);
        Assert.Equal("years", (await TicksAsync(day, day + 8 * 366 * 1440)).Unit);

        var ticks = page.Locator(".story-graph-axis span");
        Assert.True(await ticks.CountAsync() >= 2, "the axis has fewer than two ticks");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("graph-time-axis") });
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task StoryPage_FromTheGraphList_ShowsFirstReporterTimelineLinksAndCsv_AndAnArticlesIdRedirects()
    {
        var (page, errors) = await OpenAsync("/graph", dark: false);
        await WaitForGraphAsync(page);
        var link = page.Locator("[data-testid=graph-stories] [data-testid=story-page-link]").First;
        var headline = (await link.InnerTextAsync()).Trim();
        await link.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/stories/\d+$"));
        var id = int.Parse(Regex.Match(page.Url, @"/stories/(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        await Expect(page.Locator("[data-testid=story-title]")).ToHaveTextAsync(headline);
        await Expect(page.Locator("[data-testid=story-provider]").First).ToContainTextAsync("first");
        await Expect(page.Locator("[data-testid=story-timeline] [data-testid=story-graph]")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=story-links] [data-testid=story-graph]")).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });
        Assert.True(await page.Locator("[data-testid=story-timeline] .story-graph-axis span").CountAsync() >= 2);
        var rows = await page.Locator("[data-testid=story-article]").CountAsync();
        // At 1440 px a date in the articles' table keeps day and time on one line (the table's layout broke it onto
        // two), and the first reporters' names break between words only.
        var dateLines = await page.Locator("[data-testid=story-article] .date-in-cell").EvaluateAllAsync<double[]>(
            "els => els.map(e => e.getBoundingClientRect().height / e.firstElementChild.getBoundingClientRect().height)");
        Assert.NotEmpty(dateLines);
        Assert.All(dateLines, lines => Assert.True(lines < 1.5, $"a date in a table takes {lines:0.0} lines at 1440 px"));
        await AssertNamesBreakBetweenWordsAsync(page);
        // Every label of a story's timeline lies inside its frame: here, and in the demo's first story, whose caption
        // sits on an article near the right edge (it ran past it, cut off).
        await AssertTimelineLabelsInsideAsync(page);
        await page.GotoAsync($"{server.BaseUrl}/stories/1");
        await AssertTimelineLabelsInsideAsync(page);
        await AssertNamesBreakBetweenWordsAsync(page);
        await page.GotoAsync($"{server.BaseUrl}/stories/{id}");
        await Expect(page.Locator("[data-testid=story-title]")).ToHaveTextAsync(headline);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("story-page"), FullPage = true });

        using var http = new HttpClient();
        var csv = await http.GetStringAsync($"{server.BaseUrl}/api/stories/{id}/articles.csv");
        Assert.Equal(rows, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1);
        await Expect(page.Locator("[data-testid=story-csv]")).ToHaveAttributeAsync("href", $"/api/stories/{id}/articles.csv");

        // An article's id (not the story's own) leads to the story that holds it; so does the article page's link.
        var members = JsonDocument.Parse(await http.GetStringAsync($"{server.BaseUrl}/api/graph?cluster={id}&limit=50000")).RootElement.GetProperty("nodes");
        var member = members.EnumerateArray().Select(n => n.GetProperty("id").GetInt32()).Where(m => m != id).Max();
        await page.GotoAsync($"{server.BaseUrl}/articles/{member}");
        await page.WaitForSelectorAsync("#circuit-state[data-interactive=true]", new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        await page.Locator("[data-testid=article-story]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($@"/stories/{id}$"));
        await Expect(page.Locator("[data-testid=story-title]")).ToHaveTextAsync(headline);

        // On a phone the first reporters' table fits its card (it scrolled sideways, the articles column out of sight)
        // and each provider's name breaks between words only (it broke inside them: "Fairvie|w").
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync($"{server.BaseUrl}/stories/{id}"); // loaded at a phone's size, as a phone would
        await page.WaitForSelectorAsync("#circuit-state[data-interactive=true]", new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=story-provider]").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("story-page-390") });
        var table = page.Locator("[data-testid=story-first] .mud-table-container, [data-testid=story-first] table").First;
        var widths = await table.EvaluateAsync<double[]>("e => [e.scrollWidth, e.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"the first reporters' table is {widths[0]} px wide in {widths[1]} px");
        await AssertNamesBreakBetweenWordsAsync(page);

        // The timeline's lane names, drawn at its left, cover no article (they covered the first reporters' ones).
        var timeline = page.Locator("[data-testid=story-timeline] [data-testid=story-graph]");
        await Expect(timeline).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });
        var covered = await timeline.EvaluateAsync<string[]>("""
            el => {
              const c = el.getBoundingClientRect();
              const names = [...el.querySelectorAll('.story-graph-lanes span')].map(s => ({ text: s.textContent, r: s.getBoundingClientRect() }));
              const found = [];
              for (const d of el.storyGraph.nodeDiscs())
                for (const n of names)
                  if (c.left + d.x + d.r > n.r.left && c.left + d.x - d.r < n.r.right && c.top + d.y + d.r > n.r.top && c.top + d.y - d.r < n.r.bottom)
                    found.push(`'${n.text}' covers article ${d.id}`);
              return [String(names.length), ...found];
            }
            """);
        Assert.True(int.Parse(covered[0], CultureInfo.InvariantCulture) > 0, "the timeline drew no lane names");
        Assert.Empty(covered.Skip(1));
        Assert.Empty(errors);
    }

    /// <summary>Each provider's name in the first reporters' table breaks between words only (it broke inside them: "Fairvie|w").</summary>
    private static async Task AssertNamesBreakBetweenWordsAsync(IPage page)
    {
        var names = await page.Locator("[data-testid=story-provider] td:first-child").EvaluateAllAsync<JsonElement>("""
            cells => cells.map(td => {
              const cs = getComputedStyle(td);
              const room = td.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
              const probe = document.createElement('span');
              probe.style.whiteSpace = 'nowrap'; probe.style.font = cs.font; document.body.appendChild(probe);
              const widest = Math.max(...td.innerText.trim().split(/\s+/).map(w => { probe.textContent = w; return probe.getBoundingClientRect().width; }));
              probe.remove();
              return { name: td.innerText.trim(), widest, room };
            })
            """);
        Assert.NotEmpty(names.EnumerateArray());
        foreach (var n in names.EnumerateArray())
            Assert.True(n.GetProperty("widest").GetDouble() <= n.GetProperty("room").GetDouble() + 0.5,
                $"'{n.GetProperty("name").GetString()}': a word {n.GetProperty("widest").GetDouble():0} px wide in {n.GetProperty("room").GetDouble():0} px");
    }

    private static async Task AssertTimelineLabelsInsideAsync(IPage page)
    {
        var timeline = page.Locator("[data-testid=story-timeline] [data-testid=story-graph]");
        await Expect(timeline).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 30_000 });
        var boxes = await timeline.EvaluateAsync<string[]>("""
            el => el.storyGraph.labelBoxes().map(b => (b.x < 0 || b.x + b.w > el.clientWidth ? 'outside: ' : '')
              + `'${b.text}' at ${Math.round(b.x)}-${Math.round(b.x + b.w)} of ${el.clientWidth} px`)
            """);
        Assert.NotEmpty(boxes);
        Assert.DoesNotContain(boxes, b => b.StartsWith("outside", StringComparison.Ordinal));
    }

    private static int[] Rgb(string css) =>
        Regex.Matches(css, @"[\d.]+").Take(3).Select(m => (int)Math.Round(double.Parse(m.Value, CultureInfo.InvariantCulture))).ToArray();

    /// <summary>WCAG contrast ratio of two sRGB colours.</summary>
    private static double Contrast(int[] a, int[] b)
    {
        static double Luminance(int[] c)
        {
            static double Channel(int v) { var s = v / 255.0; return s <= 0.03928 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4); }
            return 0.2126 * Channel(c[0]) + 0.7152 * Channel(c[1]) + 0.0722 * Channel(c[2]);
        }
        var (l1, l2) = (Luminance(a), Luminance(b));
        return (Math.Max(l1, l2) + 0.05) / (Math.Min(l1, l2) + 0.05);
    }
}
