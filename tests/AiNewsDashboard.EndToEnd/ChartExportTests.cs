using System.Buffers.Binary;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Playwright;

namespace AiNewsDashboard.EndToEnd;

/// <summary>
/// Every chart's export menu: PNG and SVG drawn in the browser from the chart as shown, with its title, filter and date
/// range, and the CSV of its numbers from the API; each downloads without leaving the page. Set CHART_EXPORTS_TO to a
/// folder to keep the files and look at them.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ChartExportTests(DashboardServer server) : IClassFixture<DashboardServer>
{
    private const string Range = "from=2025-01-01&to=2025-06-30";

    [BrowserTheory]
    [InlineData("/timeline", "timeline-chart", "Articles over time", "timeline-timeline")]
    [InlineData("/topics", "topics-heatmap", "Topics over time", "topics-topics-over-time")]
    public async Task Png_Download_IsTwiceTheSvgsSizeAndNotBlank(string path, string card, string title, string stem)
    {
        var (page, errors) = await server.OpenAsync($"{path}?{Range}&category=news");
        await ReadyAsync(page, card);

        var (svgPath, svgName) = await ExportAsync(page, card, "svg");
        var (pngPath, pngName) = await ExportAsync(page, card, "png");

        Assert.Equal($"{stem}-2025-01-01_2025-06-30.svg", svgName);
        Assert.Equal($"{stem}-2025-01-01_2025-06-30.png", pngName);
        var svg = XDocument.Load(svgPath).Root!;
        var png = await File.ReadAllBytesAsync(pngPath);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        var (width, height) = (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.Equal(2 * int.Parse(svg.Attribute("width")!.Value), width); // drawn at twice the page's pixels
        Assert.Equal(2 * int.Parse(svg.Attribute("height")!.Value), height);
        Assert.True(width >= 720 && height >= 400, $"{width}×{height}");
        var colours = await DistinctColoursAsync(page, png);
        Assert.True(colours >= 8, $"{colours} distinct colours in the sampled pixels: the image is (nearly) blank");
        Assert.Contains(title, svg.Value);
        Keep(svgPath, svgName);
        Keep(pngPath, pngName);
        Assert.Empty(errors);
    }

    [BrowserTheory]
    [InlineData("/timeline", "timeline-chart", "Articles over time")]
    [InlineData("/topics", "topics-heatmap", "Topics over time")]
    public async Task Svg_Download_ParsesAndSaysTheTitleFilterAndDateRange(string path, string card, string title)
    {
        var (page, errors) = await server.OpenAsync($"{path}?{Range}&category=news&minQuality=40");
        await ReadyAsync(page, card);

        var (svgPath, _) = await ExportAsync(page, card, "svg");

        var svg = XDocument.Load(svgPath); // well-formed XML, or this throws
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        var texts = svg.Descendants(ns + "text").Select(t => t.Value).ToList();
        Assert.Contains(title, texts);
        Assert.Contains(texts, t => t.Contains("Category: news") && t.Contains("Quality at least 40"));
        Assert.Contains("2025-01-01 \u2013 2025-06-30", texts);
        Assert.Contains(texts, t => t.StartsWith("Source: " + server.BaseUrl + path, StringComparison.Ordinal));
        Assert.True(texts.Count > 10, $"{texts.Count} texts: the chart's own labels are missing");
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task TimelineCsv_Download_HoldsTheApisPeriods()
    {
        var (page, errors) = await server.OpenAsync($"/timeline?{Range}&granularity=month&view=share&topic=AI");
        await ReadyAsync(page, "timeline-chart");

        var (csvPath, name) = await ExportAsync(page, "timeline-chart", "csv");

        Assert.Equal("timeline.csv", name);
        var json = await GetJsonAsync($"/api/stats/timeline?{Range}&granularity=month&view=share&topic=AI");
        var expected = json.GetProperty("buckets").EnumerateArray().Select(b =>
            $"{b.GetProperty("start").GetString()},{b.GetProperty("end").GetString()},{b.GetProperty("articles").GetInt32()},{b.GetProperty("total").GetInt32()}," +
            b.GetProperty("share").GetRawText());
        var lines = (await File.ReadAllLinesAsync(csvPath)).ToList();
        Assert.Equal("start,end,articles,total,share", lines[0]);
        Assert.Equal(expected, lines.Skip(1));
        Assert.Equal(6, lines.Count - 1);
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task HeatMapCsv_Download_HoldsTheApisCells()
    {
        var (page, errors) = await server.OpenAsync($"/topics?{Range}");
        await ReadyAsync(page, "topics-heatmap");

        var (csvPath, name) = await ExportAsync(page, "topics-heatmap", "csv");

        Assert.Equal("topics-heatmap.csv", name);
        var json = await GetJsonAsync($"/api/stats/topics/heatmap?{Range}");
        var periods = json.GetProperty("periods").EnumerateArray().ToList();
        var expected = json.GetProperty("rows").EnumerateArray().SelectMany(r => r.GetProperty("counts").EnumerateArray().Select((c, i) =>
            $"{r.GetProperty("topic").GetString()},{periods[i].GetProperty("start").GetString()},{periods[i].GetProperty("end").GetString()},{c.GetInt32()}"));
        var lines = await File.ReadAllLinesAsync(csvPath);
        Assert.Equal("topic,period_start,period_end,articles", lines[0]);
        Assert.Equal(expected, lines.Skip(1));
        Assert.True(lines.Length > 12, $"{lines.Length} lines");
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task Png_InDarkMode_IsADarkImageWithLightText()
    {
        var (page, errors) = await server.OpenAsync($"/timeline?{Range}");
        await page.Locator("[data-testid=toggle-dark]").ClickAsync();
        await Assertions.Expect(page.Locator("#circuit-state")).ToHaveAttributeAsync("data-dark", "true");
        await ReadyAsync(page, "timeline-chart");

        var (svgPath, _) = await ExportAsync(page, "timeline-chart", "svg");
        var (pngPath, pngName) = await ExportAsync(page, "timeline-chart", "png");

        XNamespace ns = "http://www.w3.org/2000/svg";
        var svg = XDocument.Load(svgPath).Root!;
        var background = svg.Element(ns + "rect")!.Attribute("fill")!.Value;
        var title = svg.Elements(ns + "text").First().Attribute("style")!.Value;
        Assert.True(Luminance(background) < 0.3, $"background {background}");
        Assert.True(Luminance(Regex.Match(title, @"fill:([^;]+)").Groups[1].Value) > 0.6, $"title {title}");
        var corner = await PixelAsync(page, await File.ReadAllBytesAsync(pngPath), 2, 2);
        Assert.True(Luminance($"rgb({corner})") < 0.3, $"PNG corner {corner}");
        Keep(pngPath, "dark-" + pngName);
        Assert.Empty(errors);
    }

    internal static async Task ReadyAsync(IPage page, string card) =>
        await Assertions.Expect(page.Locator($"[data-testid={card}] [data-testid=chart-export]")).ToBeVisibleAsync(new() { Timeout = 30_000 });

    /// <summary>Opens the card's export menu and downloads one format, asserting the page stays where it was.</summary>
    internal static async Task<(string Path, string Name)> ExportAsync(IPage page, string card, string format)
    {
        await page.Locator($"[data-testid={card}] [data-testid=chart-export] button").ClickAsync();
        return await Downloads.ClickAndDownloadInPlaceAsync(page, page.Locator($"[data-testid=chart-export-{format}]"));
    }

    /// <summary>The distinct colours among 400 pixels sampled on a grid, read back by the browser from the PNG's bytes.</summary>
    internal static Task<int> DistinctColoursAsync(IPage page, byte[] png) => page.EvaluateAsync<int>("""
        async data => {
            const img = new Image();
            img.src = 'data:image/png;base64,' + data;
            await img.decode();
            const canvas = document.createElement('canvas');
            canvas.width = img.width; canvas.height = img.height;
            const ctx = canvas.getContext('2d');
            ctx.drawImage(img, 0, 0);
            const seen = new Set();
            for (let i = 1; i <= 20; i++)
                for (let j = 1; j <= 20; j++) {
                    const p = ctx.getImageData(Math.floor(img.width * i / 21), Math.floor(img.height * j / 21), 1, 1).data;
                    seen.add(p.join(','));
                }
            return seen.size;
        }
        """, Convert.ToBase64String(png));

    private static Task<string> PixelAsync(IPage page, byte[] png, int x, int y) => page.EvaluateAsync<string>("""
        async ([data, x, y]) => {
            const img = new Image();
            img.src = 'data:image/png;base64,' + data;
            await img.decode();
            const canvas = document.createElement('canvas');
            canvas.width = img.width; canvas.height = img.height;
            const ctx = canvas.getContext('2d');
            ctx.drawImage(img, 0, 0);
            return [...ctx.getImageData(x, y, 1, 1).data.slice(0, 3)].join(', ');
        }
        """, new object[] { Convert.ToBase64String(png), x, y });

    /// <summary>The relative luminance (0 black to 1 white) of an "rgb(r, g, b)" or "rgba(…)" colour.</summary>
    private static double Luminance(string rgb)
    {
        var c = Regex.Matches(rgb, @"\d+(\.\d+)?").Take(3).Select(m => double.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture) / 255).ToArray();
        Assert.True(c.Length == 3, $"not an rgb colour: {rgb}");
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var http = new HttpClient();
        return JsonDocument.Parse(await http.GetStringAsync(server.BaseUrl + path)).RootElement;
    }

    internal static void Keep(string path, string name)
    {
        if (Environment.GetEnvironmentVariable("CHART_EXPORTS_TO") is { Length: > 0 } dir)
            File.Copy(path, Path.Combine(Directory.CreateDirectory(dir).FullName, name), overwrite: true);
    }
}

/// <summary>
/// Exports over a corpus shaped like public news data, whose open range spans years: the heat map scrolls sideways on the
/// page, and its image must still hold every period, not only those in view.
/// </summary>
[Trait("Category", "Slow")]
public sealed class RealShapedChartExportTests(RealShapedServer server) : IClassFixture<RealShapedServer>
{
    [BrowserFact]
    public async Task HeatMapSvg_WiderThanThePage_HoldsEveryPeriodAndTopic()
    {
        var (page, errors) = await server.OpenAsync("/topics");
        await ChartExportTests.ReadyAsync(page, "topics-heatmap");
        using var http = new HttpClient();
        var json = JsonDocument.Parse(await http.GetStringAsync(server.BaseUrl + "/api/stats/topics/heatmap")).RootElement;

        var (svgPath, svgName) = await ChartExportTests.ExportAsync(page, "topics-heatmap", "svg");
        var (pngPath, pngName) = await ChartExportTests.ExportAsync(page, "topics-heatmap", "png");

        XNamespace ns = "http://www.w3.org/2000/svg";
        var texts = XDocument.Load(svgPath).Descendants(ns + "text").Select(t => t.Value).ToHashSet();
        var topics = json.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("topic").GetString()!).ToList();
        Assert.True(json.GetProperty("periods").GetArrayLength() > 20, "the heat map should be wider than the page");
        Assert.All(topics, t => Assert.Contains(t, texts));
        var headings = texts.Count(t => Regex.IsMatch(t, @"^(\d{4}-\d{2}|Wk \d{4}-\d{2}-\d{2}|\d{4} Q\d|\d{4})$"));
        Assert.Equal(json.GetProperty("periods").GetArrayLength(), headings);
        Assert.Matches(@"^topics-topics-over-time-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.svg$", svgName);
        Assert.True(await ChartExportTests.DistinctColoursAsync(page, await File.ReadAllBytesAsync(pngPath)) >= 4);
        ChartExportTests.Keep(svgPath, "real-" + svgName);
        ChartExportTests.Keep(pngPath, "real-" + pngName);
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task TimelinePng_OverYears_IsSharpAndNotBlank()
    {
        var (page, errors) = await server.OpenAsync("/timeline?stack=provider");
        await ChartExportTests.ReadyAsync(page, "timeline-chart");

        var (pngPath, pngName) = await ChartExportTests.ExportAsync(page, "timeline-chart", "png");

        var png = await File.ReadAllBytesAsync(pngPath);
        Assert.True(System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)) >= 2 * 1000);
        Assert.True(await ChartExportTests.DistinctColoursAsync(page, png) >= 6);
        ChartExportTests.Keep(pngPath, "real-" + pngName);
        Assert.Empty(errors);
    }
}
