using System.Diagnostics;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Queries;
using Microsoft.EntityFrameworkCore;
using AiNewsDashboard.Core.Queries.Graph;
using AiNewsDashboard.Demo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AiNewsDashboard.Benchmarks;

/// <summary>
/// The graph at N articles (the query benchmark's cached database): how long the in-memory graph takes to build and
/// what it holds; the graph query for 10,000 nodes in process; then /api/graph over HTTP from the real app started as
/// a child process (its Release build output), and, when Chromium is installed, the page's frame time drawing 10,000 nodes.
/// </summary>
internal static class GraphBenchmark
{
    private const int Nodes = 10_000;
    private const int Repetitions = 10;

    /// <param name="browserRuns">How many times the page is opened in Chromium (its timings vary with the machine's load).</param>
    /// <param name="browserOnly">Only the browser's part: skips the in-process and HTTP query timings.</param>
    /// <param name="real">The real-world shape with 2,000 providers (the `providers` benchmark's database) instead of the demo shape.</param>
    public static async Task RunAsync(int count, int browserRuns = 3, bool browserOnly = false, bool real = false)
    {
        var shape = real ? DemoShape.RealWorld : DemoShape.Demo;
        int? providers = real ? 2000 : null;
        if (browserOnly)
        {
            await (await QueryBenchmark.PrepareAsync(count, shape, providers)).DisposeAsync();
            await BrowserAsync(QueryBenchmark.DatabasePathFor(count, shape, providers), browserRuns);
            return;
        }
        Console.WriteLine($"cores: {Environment.ProcessorCount}, articles: {count:N0}{(real ? ", real-world shape, 2,000 providers" : "")}");
        var filters = new (string Label, string Query)[]
        {
            ("everything (cut to the limit)", ""),
            ("one year", "from=2024-01-01&to=2024-12-31"),
            ("one month", "from=2025-03-01&to=2025-03-31"),
            ("one provider, one year", ""), // filled in below with a real provider
            ("one topic, one quarter", ""),
        };
        await using (var services = await QueryBenchmark.PrepareAsync(count, shape, providers))
        {
            var factsCache = services.GetRequiredService<ArticleFactsCache>();
            var facts = await factsCache.GetAsync();
            var graphs = services.GetRequiredService<ArticleGraphCache>();
            var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
            var sw = Stopwatch.StartNew();
            var graph = await graphs.GetAsync(facts);
            var build = sw.Elapsed;
            // The same two steps again, timed apart: reading the links, then building the graph and its clusters.
            sw.Restart();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var links = await SqliteArticleFactsReader.ReadLinksAsync(services.GetRequiredService<IDbContextFactory<NewsDbContext>>(), CancellationToken.None);
            var read = sw.Elapsed;
            var readAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            var linkCount = links.Length;
            sw.Restart();
            var again = ArticleGraph.Build(facts, links);
            var built = sw.Elapsed;
            var buildAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocated - readAllocated;
            Console.WriteLine($"graph build, again: read {linkCount:N0} links {read.TotalMilliseconds:N0} ms ({readAllocated / 1048576.0:N1} MiB allocated), " +
                              $"build and cluster {built.TotalMilliseconds:N0} ms ({buildAllocated / 1048576.0:N1} MiB allocated, of which the graph keeps " +
                              $"{again.EstimatedBytes / 1048576.0:N1} MiB)");
            var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
            var stories = Enumerable.Range(0, graph.Clusters.Count).Count(c => graph.Clusters.Size(c) > 1);
            var largest = graph.Clusters.Count > 0 ? graph.Clusters.Size(0) : 0;
            Console.WriteLine($"graph build: {build.TotalMilliseconds:N0} ms for {facts.Count:N0} articles and {graph.LinkCount:N0} links " +
                              $"({graph.Clusters.Count:N0} clusters, {stories:N0} of two or more, largest {largest:N0}; {graph.Adjacency.Length:N0} neighbours); " +
                              $"arrays {graph.EstimatedBytes / (1024.0 * 1024):0.0} MiB (clusters {graph.Clusters.EstimatedBytes / (1024.0 * 1024):0.0}), " +
                              $"managed heap +{(heapAfter - heapBefore) / (1024.0 * 1024):0.0} MiB");

            var topProvider = facts.ProviderTable[Enumerable.Range(0, facts.Count).Select(r => facts.Providers[r]).Where(p => p >= 0)
                .GroupBy(p => p).OrderByDescending(g => g.Count()).First().Key].Domain;
            var topTopic = facts.TopicTable[facts.TopicIndices.GroupBy(t => t).OrderByDescending(g => g.Count()).First().Key].Name;
            filters[3].Query = $"provider={topProvider}&from=2024-01-01&to=2024-12-31";
            filters[4].Query = $"topic={Uri.EscapeDataString(topTopic)}&from=2025-01-01&to=2025-03-31";

            var queries = services.GetRequiredService<GraphQueries>();
            foreach (var (label, query) in filters)
            {
                var filter = DashboardFilter.FromQueryString(query);
                GraphView? view = null;
                var ms = await TimeAsync(async () => view = await queries.GetGraphAsync(filter, new GraphRequest { Limit = Nodes }));
                Console.WriteLine($"  in process, {label}: {Stats(ms)}; {view!.Nodes.Count:N0} nodes, {view.Edges.Count:N0} edges of {view.TotalNodes:N0} / {view.TotalEdges:N0}");
            }
            var clusterMs = await TimeAsync(() => queries.GetClustersAsync(DashboardFilter.All, 100));
            Console.WriteLine($"  in process, story list (all, top 100): {Stats(clusterMs)}");
            var firstMs = await TimeAsync(() => queries.GetFirstReportersAsync(DashboardFilter.All));
            Console.WriteLine($"  in process, first reporters (all): {Stats(firstMs)}");
        }

        await OverHttpAsync(QueryBenchmark.DatabasePathFor(count, shape, providers), filters, browserRuns);
    }

    private static async Task BrowserAsync(string db, int runs)
    {
        using var app = AppProcess.Start("--db", db, "--no-demo", "--Logging:LogLevel:Default=Warning");
        using var http = new HttpClient { BaseAddress = new Uri(app.Url), Timeout = TimeSpan.FromMinutes(5) };
        await app.WaitHealthyAsync(http);
        (await http.GetAsync($"/api/graph?limit={Nodes}")).EnsureSuccessStatusCode(); // the graph built before the page asks
        await FrameTimeAsync(app.Url, runs);
    }

    private static async Task OverHttpAsync(string db, (string Label, string Query)[] filters, int browserRuns)
    {
        using var app = AppProcess.Start("--db", db, "--no-demo", "--Logging:LogLevel:Default=Warning");
        using var http = new HttpClient { BaseAddress = new Uri(app.Url), Timeout = TimeSpan.FromMinutes(5) };
        var started = Stopwatch.StartNew();
        await app.WaitHealthyAsync(http);
        var sw = Stopwatch.StartNew();
        (await http.GetAsync($"/api/graph?limit={Nodes}")).EnsureSuccessStatusCode();
        Console.WriteLine($"app up in {started.Elapsed.TotalSeconds - sw.Elapsed.TotalSeconds:0.0} s; first /api/graph (loads the snapshot and builds the graph): {sw.Elapsed.TotalMilliseconds:N0} ms");
        foreach (var (label, query) in filters)
        {
            var url = $"/api/graph?limit={Nodes}" + (query.Length > 0 ? "&" + query : "");
            long bytes = 0;
            var ms = await TimeAsync(async () =>
            {
                var body = await http.GetByteArrayAsync(url);
                bytes = body.Length;
            });
            Console.WriteLine($"  GET /api/graph, {label}: {Stats(ms)}; {bytes / 1024.0:N0} KiB   goal: <= 300 ms");
        }

        if (File.Exists(AppProcess.ChromiumPath))
            await FrameTimeAsync(app.Url, browserRuns);
        else
            Console.WriteLine($"frame time: skipped, no Chromium at {AppProcess.ChromiumPath} (apt-get install -y chromium)");
    }

    /// <summary>
    /// Marks times in the page from navigation: each animation frame (a long gap between two is a freeze), when the
    /// circuit turns interactive, and the frame after the graph's first drawing.
    /// </summary>
    private const string FrameRecorder = """
        window.__graphPerf = { frames: [], interactive: null, nodes: null, drawn: null };
        (function loop() {
            const p = window.__graphPerf, now = performance.now();
            p.frames.push(now);
            if (p.interactive === null && document.querySelector('#circuit-state[data-interactive=true]'))
                p.interactive = now;
            if (p.nodes === null && document.querySelector('[data-testid=story-graph][data-nodes]'))
                p.nodes = now;
            else if (p.nodes !== null && p.drawn === null)
                p.drawn = now; // the frame after the one that showed the drawing
            requestAnimationFrame(loop);
        })();
        """;

    /// <summary>Gaps between animation frames from a page time on: p50, p95 and worst, and how many exceed 200 ms.</summary>
    private const string FrameGaps = """
        from => {
            const f = window.__graphPerf.frames.filter(t => t >= from);
            const gaps = f.slice(1).map((t, i) => t - f[i]).sort((a, b) => a - b);
            const q = (x) => gaps.length ? gaps[Math.min(gaps.length - 1, Math.floor(x * gaps.length))] : 0;
            return [q(0.5), q(0.95), gaps.length ? gaps[gaps.length - 1] : 0, gaps.filter(g => g > 200).length, gaps.length];
        }
        """;

    /// <summary>
    /// The every-article page at 10,000 nodes, opened <paramref name="runs"/> times in a fresh page: when it is drawn,
    /// and the frames while a person pans (a mouse drag), zooms (the wheel) and hovers nodes.
    /// </summary>
    private static async Task FrameTimeAsync(string baseUrl, int runs)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await AppProcess.LaunchChromiumAsync(playwright);
        for (var run = 1; run <= runs; run++)
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
            await page.AddInitScriptAsync(FrameRecorder);
            await page.GotoAsync($"{baseUrl}/graph?limit={Nodes}&stories=all"); // every article, not the first view's top stories
            var graph = page.Locator("[data-testid=story-graph]");
            await page.WaitForFunctionAsync("() => window.__graphPerf.drawn !== null", null, new() { Timeout = 120_000 });
            await Assertions.Expect(graph).ToHaveAttributeAsync("data-ready", "true", new() { Timeout = 120_000 });
            var settled = await page.EvaluateAsync<double>("() => performance.now()");
            var marks = await page.EvaluateAsync<double[]>("() => [window.__graphPerf.interactive, window.__graphPerf.drawn]");
            var renderMs = await graph.GetAttributeAsync("data-draw-ms");
            var nodes = await graph.GetAttributeAsync("data-nodes");
            var edges = await graph.GetAttributeAsync("data-edges");
            var drawnAt = await page.EvaluateAsync<double>("() => window.__graphPerf.drawn");
            var loading = await page.EvaluateAsync<double[]>(FrameGaps, drawnAt);
            await page.WaitForTimeoutAsync(1000);
            if (run == runs) // the page as drawn, before anyone moves it
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoRoot(), "artifacts", "bench-graph-10000.png"), Timeout = 120_000 });
            var redraw = await graph.EvaluateAsync<double[]>("el => { const m = el.storyGraph.measureRedraw(); return [m.all, m.nodes, m.links, m.hover]; }");
            var box = (await graph.BoundingBoxAsync())!;
            var (cx, cy) = (box.X + box.Width / 2, box.Y + box.Height / 2);

            async Task<double[]> PhaseAsync(Func<Task> act)
            {
                var from = await page.EvaluateAsync<double>("() => performance.now()");
                await act();
                await page.WaitForTimeoutAsync(2000); // the redraw when the camera stops belongs to the gesture
                return await page.EvaluateAsync<double[]>(FrameGaps, from);
            }
            var pan = await PhaseAsync(async () =>
            {
                await page.Mouse.MoveAsync((float)cx, (float)cy);
                await page.Mouse.DownAsync();
                for (var i = 1; i <= 30; i++)
                {
                    await page.Mouse.MoveAsync((float)(cx + 8 * i), (float)(cy + 3 * i));
                    await page.WaitForTimeoutAsync(30);
                }
                await page.Mouse.UpAsync();
            });
            var zoom = await PhaseAsync(async () =>
            {
                for (var i = 0; i < 5; i++)
                {
                    await page.Mouse.WheelAsync(0, i < 3 ? -120 : 120);
                    await page.WaitForTimeoutAsync(150);
                }
            });
            var discs = await graph.EvaluateAsync<double[][]>(
                "el => el.storyGraph.nodeDiscs().filter(d => d.x > 40 && d.y > 40 && d.x < el.clientWidth - 40 && d.y < el.clientHeight - 40).sort((a, b) => b.r - a.r).slice(0, 8).map(d => [d.x, d.y])");
            var hover = await PhaseAsync(async () =>
            {
                foreach (var d in discs)
                {
                    await page.Mouse.MoveAsync((float)(box.X + d[0]), (float)(box.Y + d[1]), new() { Steps = 3 });
                    await page.WaitForTimeoutAsync(250);
                }
                await page.Mouse.MoveAsync((float)(box.X + 5), (float)(box.Y + 5));
            });
            static string Gaps(double[] g) => $"p50 {g[0]:0} / p95 {g[1]:0} / worst {g[2]:0} ms, {g[3]:0} of {g[4]:0} over 200 ms";
            Console.WriteLine($"browser run {run} (headless Chromium, software WebGL; load {LoadAverage()}): {nodes} nodes, {edges} edges; " +
                              $"circuit interactive {marks[0] / 1000:0.0} s, drawn {marks[1] / 1000:0.0} s after navigation (render() {renderMs} ms), " +
                              $"layout settled {settled / 1000:0.0} s");
            Console.WriteLine($"  one frame, drawn and waited for: everything {redraw[0]:0} ms (nodes alone {redraw[1]:0}, links alone {redraw[2]:0}); " +
                              $"a hover's redraw through the reducers {redraw[3]:0} ms");
            Console.WriteLine($"  frames from drawn to settled: {Gaps(loading)}");
            Console.WriteLine($"  frames panning (drag, then the redraw when it ends): {Gaps(pan)}");
            Console.WriteLine($"  frames zooming (5 wheel steps): {Gaps(zoom)}");
            Console.WriteLine($"  frames hovering 8 nodes: {Gaps(hover)}");
            await page.CloseAsync();
        }
    }

    /// <summary>The 1-minute load average (other work on the machine skews browser timings).</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static async Task<List<double>> TimeAsync(Func<Task> run)
    {
        await run(); // warm-up
        var ms = new List<double>();
        for (var i = 0; i < Repetitions; i++)
        {
            var sw = Stopwatch.StartNew();
            await run();
            ms.Add(sw.Elapsed.TotalMilliseconds);
        }
        return ms;
    }

    private static string Stats(List<double> ms)
    {
        ms.Sort();
        return $"p50 {ms[ms.Count / 2]:N0} ms, p95 {ms[(int)Math.Ceiling(ms.Count * 0.95) - 1]:N0} ms, max {ms[^1]:N0} ms";
    }

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "AiNewsDashboard.sln")))
                return d.FullName;
        return Directory.GetCurrentDirectory();
    }
}
