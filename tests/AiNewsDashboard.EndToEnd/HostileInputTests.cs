using AiNewsDashboard.Core.Import;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AiNewsDashboard.EndToEnd;

/// <summary>The dashboard with the hostile corpus imported once for all of <see cref="HostileInputTests"/>.</summary>
public sealed class HostileDashboardServer : DashboardServer
{
    private Task<ImportReport>? _corpus;

    private static string CorpusDirectory => Path.Combine(AppContext.BaseDirectory, "HostileCorpus");

    /// <summary>
    /// The import of HostileCorpus/, run by the first test that asks (a second import would report every file
    /// unchanged, so whichever test ran first would see different counts). xUnit runs one class's tests one at a time.
    /// </summary>
    public Task<ImportReport> ImportCorpusAsync() =>
        _corpus ??= Services.GetRequiredService<ArticleImporter>().ImportPathsAsync([CorpusDirectory, WriteLongArticle()]);

    public const int LongTitleLength = 200_000;

    /// <summary>
    /// Text too long for any box, written here rather than kept in HostileCorpus/: a 200,000-character title (one word)
    /// once made the article page 7.5 million px wide; a 20,000-character excerpt and a 5,000-character topic besides.
    /// </summary>
    private string WriteLongArticle() => Files.Write("long/long-title.md", $"""
        ---
        title: "zzhostile {new string('W', LongTitleLength)}"
        excerpt: "zzhostile an excerpt of one endless word: {new string('X', 20_000)}"
        publishedDateTime: 2026-06-13T09:00:00Z
        webUrl: "https://long.example/2026/06/13/long"
        type: article
        quality: 50
        provider:
          name: "Long {new string('N', 5_000)}"
          domain: long.example
        topics:
          - "zzhostile-{new string('T', 5_000)}"
        ---

        """);
}

/// <summary>
/// Article files come from the web. The files in HostileCorpus/ carry HTML, script and spreadsheet formulas in every
/// text field (title, excerpt, category, provider, topics, related entries) and javascript:/data: URLs; imported and
/// opened on every page in real Chromium, all of it must show as inert text: any dialog, any script that runs (each
/// payload also sets window.__pwned), any console error or refused resource fails the test.
/// </summary>
[Trait("Category", "Slow")]
public sealed class HostileInputTests(HostileDashboardServer server) : IClassFixture<HostileDashboardServer>
{
    private const string Range = "from=2026-06-01&to=2026-06-30&q=zzhostile";
    private static ILocatorAssertions Expect(ILocator l) => Assertions.Expect(l);

    [BrowserFact]
    public async Task HostileCorpus_ImportedAndShownOnEveryPage_RendersAsInertText()
    {
        var report = await server.ImportCorpusAsync();
        Assert.Equal((7, 7, 0), (report.Files, report.Imported, report.Rejected));
        var id = (int)await server.ScalarAsync("SELECT Id FROM Articles WHERE WebUrl = 'https://evil.example/2026/06/10/script-everywhere'");

        var pages = new (string Path, string Ready, string? Shows)[]
        {
            ($"/?{Range}", "[data-testid=total-articles]", null),
            // Seven articles make no peak (a peak needs 10), so no title is listed; the bars' tooltips are hovered below.
            ($"/timeline?{Range}&granularity=day", "[data-testid=timeline-bars-canvas][data-drawn] svg", null),
            ($"/topics?{Range}", "[data-testid=topics-top] .share-label", "<svg onload="),
            ($"/providers?{Range}", "[data-testid=leaderboard] tbody tr", "@SUM(A1:A9)"),
            ("/providers/evil.example", "[data-testid=provider-timeline] .time-chart-canvas[data-drawn] svg", null),
            ("/articles?q=zzhostile", "[data-testid=article-link]", "<img src=x onerror="),
            ($"/articles/{id}", "[data-testid=article-title]", "<script>window.__pwned='title'"),
            ($"/graph?{Range}&focus={id}", "[data-testid=story-graph][data-ready=true]", "Focus: zzhostile <script>"),
        };
        foreach (var (path, ready, shows) in pages)
        {
            var (page, errors) = await server.OpenAsync(path);
            // The snapshot is rebuilt in the background after the import: wait for the hostile text itself.
            await Expect(page.Locator(ready).First).ToBeAttachedAsync(new() { Timeout = 30_000 });
            if (shows is not null)
                await Expect(page.Locator("body")).ToContainTextAsync(shows, new() { Timeout = 30_000 });
            await HoverEverythingAsync(page, path);
            await page.WaitForTimeoutAsync(300); // let any onload/onerror payload fire
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("hostile" + Slug(path)), FullPage = true });

            await AssertInertAsync(page, path, errors);
            await page.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task HostileCorpus_ArticleDetail_OnlyHttpUrlsBecomeLinksOrImages()
    {
        await server.ImportCorpusAsync();
        var id = (int)await server.ScalarAsync("SELECT Id FROM Articles WHERE WebUrl = 'https://evil.example/2026/06/10/script-everywhere'");
        var (page, errors) = await server.OpenAsync($"/articles/{id}");
        await Expect(page.Locator("[data-testid=article-title]")).ToContainTextAsync("<script>");

        var hrefs = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[href]')].map(e => e.getAttribute('href'))");
        var sources = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[src]')].map(e => e.getAttribute('src'))");

        Assert.All(hrefs.Concat(sources), u => Assert.False(u.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)
                                                             || u.TrimStart().StartsWith("data:", StringComparison.OrdinalIgnoreCase), u));
        await AssertInertAsync(page, "article detail", errors);
    }

    [BrowserFact]
    public async Task HostileCorpus_CsvExports_NeutraliseEveryFormulaCell()
    {
        await server.ImportCorpusAsync();
        var (page, _) = await server.OpenAsync("/articles?q=zzhostile");

        foreach (var url in new[] { "/api/articles.csv?from=2026-06-01&to=2026-06-30", "/api/providers.csv?from=2026-06-01&to=2026-06-30" })
        {
            var response = await page.APIRequest.GetAsync(server.BaseUrl + url);
            Assert.Equal(200, response.Status);
            var cells = CsvCells(await response.TextAsync()).ToList();
            Assert.Contains(cells, c => c.StartsWith("'=HYPERLINK", StringComparison.Ordinal) || c.StartsWith("'@SUM", StringComparison.Ordinal));
            Assert.All(cells, c => Assert.False(c.Length > 0 && c[0] is '=' or '+' or '@' or '\t' or '\r' || (c.StartsWith('-') && !double.TryParse(c, System.Globalization.CultureInfo.InvariantCulture, out _)), $"{url}: formula cell {c}"));
        }
    }

    [BrowserFact]
    public async Task HostileText_LongBackwardsAndInvisible_StaysInItsBoxOnEveryPage()
    {
        // Bugs guarded: a 200,000-character title made the article page 7.5 million px wide; a provider name starting with
        // U+202E reversed the domain beside it; a zero-width topic showed as an empty chip.
        await server.ImportCorpusAsync();
        var longId = (int)await server.ScalarAsync("SELECT Id FROM Articles WHERE WebUrl = 'https://long.example/2026/06/13/long'");
        var bidiId = (int)await server.ScalarAsync("SELECT Id FROM Articles WHERE WebUrl = 'https://bidi.example/2026/06/12/backwards'");
        var pages = new (string Path, string Ready)[]
        {
            ($"/articles/{longId}", "[data-testid=article-title]"),
            ($"/articles/{bidiId}", "[data-testid=article-title]"),
            ("/articles?q=zzhostile", "[data-testid=article-link]"),
            ($"/?{Range}", "[data-testid=total-articles]"),
            ($"/topics?{Range}", "[data-testid=topics-top] .share-label"),
            ($"/providers?{Range}", "[data-testid=leaderboard] tbody tr"),
            ("/providers/long.example", "h1"),
            ($"/timeline?{Range}&granularity=day", "[data-testid=timeline-bars-canvas][data-drawn] svg"),
        };
        foreach (var (path, ready) in pages)
        {
            var (page, errors) = await server.OpenAsync(path);
            await Expect(page.Locator(ready).First).ToBeAttachedAsync(new() { Timeout = 30_000 });
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("hostile-text" + Slug(path) + (path.Contains(longId.ToString(), StringComparison.Ordinal) ? "-long" : "")) });

            var size = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            var (width, viewport) = (size[0], size[1]);
            Assert.True(width <= viewport, $"{path}: the page is {width} px wide in a {viewport} px window");
            await AssertInertAsync(page, path, errors);
            await page.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task HostileText_ArticlePage_IsolatesBackwardsNamesAndEscapesInvisibleTopics()
    {
        await server.ImportCorpusAsync();
        var bidiId = (int)await server.ScalarAsync("SELECT Id FROM Articles WHERE WebUrl = 'https://bidi.example/2026/06/12/backwards'");
        var longId = (int)await server.ScalarAsync("SELECT Id FROM Articles WHERE WebUrl = 'https://long.example/2026/06/13/long'");
        var (page, errors) = await server.OpenAsync($"/articles/{bidiId}");
        await Expect(page.Locator("[data-testid=article-provider]")).ToBeVisibleAsync();

        // The domain after the reversed name still reads left to right: its "(" is drawn left of its ")".
        var inOrder = await page.EvaluateAsync<bool>("""
            () => {
                const nodes = [...document.querySelector('[data-testid=article-domain]').childNodes].filter(n => n.nodeType === 3 && n.textContent.trim());
                const left = n => { const r = document.createRange(); r.selectNodeContents(n); return r.getBoundingClientRect().left; };
                return left(nodes[0]) < left(nodes[nodes.length - 1]);
            }
            """);
        var topics = await page.Locator("[data-testid=article-topic]").AllInnerTextsAsync();

        Assert.True(inOrder, "the provider's right-to-left override reversed the domain beside it");
        Assert.Contains(topics, t => t.Contains("\\u200B\"", StringComparison.Ordinal) && t.Trim().Length == "\"\\u200B\"".Length);
        Assert.Contains(topics, t => t.Contains("\"\\u200B\\u200D\\uFEFF\"", StringComparison.Ordinal));
        await AssertInertAsync(page, "bidi article", errors);
        await page.CloseAsync();

        (page, errors) = await server.OpenAsync($"/articles/{longId}");
        var title = await page.Locator("[data-testid=article-title]").InnerTextAsync();
        Assert.EndsWith($"({HostileDashboardServer.LongTitleLength + "zzhostile ".Length - 1000:N0} more characters)", title.Trim());
        await AssertInertAsync(page, "long article", errors);
    }

    [BrowserFact]
    public async Task HostileCorpus_ArticleDetail_UrlsIntoThisMachineOrNetworkAreTextNotRequests()
    {
        // Bug guarded: an article image with src="http://127.0.0.1:5502/admin/backup" made an administrator's browser write backups.
        await server.ImportCorpusAsync();
        var id = (int)await server.ScalarAsync("SELECT Id FROM Articles WHERE WebUrl = 'https://bidi.example/2026/06/12/backwards'");
        var requested = new List<string>();
        var (page, errors) = await server.NewPageAsync();
        page.Request += (_, r) => requested.Add(r.Url);
        await page.GotoAsync(server.BaseUrl + $"/articles/{id}");
        await Expect(page.Locator("[data-testid=inert-image]")).ToHaveCountAsync(3);

        var urls = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[href], [src]')].map(e => e.getAttribute('href') ?? e.getAttribute('src'))");

        Assert.Contains("https://images.bidi.example/ok.png", urls); // a public image still shows
        string[] inside = ["127.0.0.1", "[::1]", "192.168.", "169.254.", "10.1.2.3", "localhost:5502", "printer.localhost"];
        Assert.DoesNotContain(urls, u => inside.Any(i => u.Contains(i, StringComparison.Ordinal)));
        // The dashboard itself listens on 127.0.0.1: only its own pages and assets may be asked for there, and never /admin/.
        Assert.DoesNotContain(requested, u => u.Contains("/admin/", StringComparison.Ordinal)
                                              || (!u.StartsWith(server.BaseUrl + "/", StringComparison.Ordinal) && inside.Any(i => u.Contains(i, StringComparison.Ordinal))));
        // Shown as text, with the reason: the originalUrl and the related entry's webUrl.
        await Expect(page.Locator("[data-testid=inert-url]")).ToHaveCountAsync(2);
        await Expect(page.Locator("body")).ToContainTextAsync("http://169.254.169.254/latest/meta-data/");
        await AssertInertAsync(page, "private URLs", errors);
    }

    /// <summary>Hovers every chart bar, chip and link, so tooltips (SVG titles, MudTooltips) render their text.</summary>
    // Guards: one article dated 9999-12-31 made /topics 10 MB of HTML with 104,000 DOM nodes (8 s to load), and
    // 0001-01-01 made it 44 s. Now both are undated, with a warning naming the file and line, and the pages say so.
    [BrowserFact]
    public async Task HostileCorpus_ImplausibleDates_AreUndatedAndThePagesStaySmall()
    {
        var report = await server.ImportCorpusAsync();
        var warnings = report.Problems.Where(p => p.Message.Contains("outside the plausible dates", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["date-far-future.md", "date-year-one.md"], warnings.Select(p => Path.GetFileName(p.File)).Order(StringComparer.Ordinal));
        Assert.All(warnings, p => Assert.Equal(3, p.Line));

        foreach (var (path, notes) in new[] { ("/timeline?q=zzimplausible", "timeline"), ("/topics?q=zzimplausible", "topics-heatmap") })
        {
            var (page, errors) = await server.OpenAsync(path);
            await Expect(page.Locator($"[data-testid={notes}-undated]")).ToContainTextAsync("2 without a date", new() { Timeout = 30_000 });
            var nodes = await page.EvaluateAsync<int>("() => document.querySelectorAll('*').length");
            Assert.True(nodes < 5_000, $"{path}: {nodes} DOM nodes");
            await AssertInertAsync(page, path, errors);
            await page.CloseAsync();
        }
    }

    private static async Task HoverEverythingAsync(IPage page, string path)
    {
        var targets = page.Locator(".mud-chip, [data-testid=article-link], .share-label");
        var count = Math.Min(await targets.CountAsync(), 30);
        for (var i = 0; i < count; i++)
            if (await targets.Nth(i).IsVisibleAsync())
                await targets.Nth(i).HoverAsync(new() { Timeout = 5_000, Force = true });
        // The time charts draw their tooltips from the data: sweep the mouse across every one.
        foreach (var chart in await page.Locator(".time-chart-canvas[data-drawn]").AllAsync())
        {
            if (await chart.BoundingBoxAsync() is not { } plot)
                continue;
            for (var x = 0.05f; x < 1f; x += 0.1f)
                await page.Mouse.MoveAsync((float)(plot.X + plot.Width * x), (float)(plot.Y + plot.Height * 0.7));
        }
        if (path.StartsWith("/graph", StringComparison.Ordinal))
        {
            var graph = page.Locator("[data-testid=story-graph]");
            var box = (await graph.BoundingBoxAsync())!;
            for (var x = 0.2f; x < 1f; x += 0.2f)
                await page.Mouse.MoveAsync((float)(box.X + box.Width * x), (float)(box.Y + box.Height / 2));
        }
    }

    private static async Task AssertInertAsync(IPage page, string where, List<string> errors)
    {
        Assert.True(errors.Count == 0, $"{where}: {string.Join(" | ", errors)}");
        Assert.Null(await page.EvaluateAsync<string?>("() => window.__pwned ?? null"));
        // No element the payloads would create, and no event-handler attribute anywhere (Blazor never renders any).
        var injected = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('iframe, object, embed, svg[onload], img[src="x"], a[href^="javascript:" i]')].map(e => e.outerHTML)
                .concat([...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).map(e => e.outerHTML.slice(0, 200)))
            """);
        Assert.True(injected.Length == 0, $"{where}: {string.Join(" | ", injected)}");
    }

    private static string Slug(string path)
    {
        var name = new string(path.Split('?')[0].Trim('/').Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray());
        return "-" + (name.Length == 0 ? "overview" : name);
    }

    /// <summary>The cells of an RFC 4180 CSV (quoted cells unquoted).</summary>
    private static IEnumerable<string> CsvCells(string csv)
    {
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c is ',' or '\n') { yield return cell.ToString(); cell.Clear(); }
            else cell.Append(c);
        }
        if (cell.Length > 0)
            yield return cell.ToString();
    }
}
