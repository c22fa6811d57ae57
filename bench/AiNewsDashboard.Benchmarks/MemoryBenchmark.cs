using System.Diagnostics;

namespace AiNewsDashboard.Benchmarks;

/// <summary>
/// The app's resident memory on an existing store while it answers the dashboard's requests: the real executable
/// started on <c>--db</c> (a SQLite file or a PostgreSQL server; the snapshot file is used when there is one), then the
/// stats, article, signals and graph endpoints under four filters, over and over with a 5 s pause, for a few minutes.
/// Prints resident memory every 15 s with what the app's <c>/metrics</c> says of its garbage collector, the peak
/// (VmHWM) and the mean over the last minute, and any failed request.
/// Runtime settings to try (<c>DOTNET_GCHeapHardLimit</c>, …) are passed on from this process's environment.
/// </summary>
internal static class MemoryBenchmark
{
    private static readonly string[] Filters = ["", "?from=2025-01-01&to=2025-06-30", "?q=model", "?from=2024-01-01&q=ai"];

    private static readonly string[] Paths =
    [
        "/api/stats/timeline", "/api/stats/topics", "/api/stats/topics/heatmap", "/api/stats/providers", "/api/articles",
        "/api/signals/drift", "/api/signals/breaking",
    ];

    public static async Task RunAsync(string db, int minutes)
    {
        Console.WriteLine($"cores: {Environment.ProcessorCount}, store: {db.Split(';').FirstOrDefault(p => p.StartsWith("Host", StringComparison.OrdinalIgnoreCase)) ?? db}, " +
                          $"{minutes} min of requests; GC settings from the environment: " +
                          string.Join(", ", Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(k => k.StartsWith("DOTNET_GC", StringComparison.Ordinal))
                              .Select(k => $"{k}={Environment.GetEnvironmentVariable(k)}").DefaultIfEmpty("none")));
        var sw = Stopwatch.StartNew();
        using var app = AppProcess.Start("--db", db, "--no-demo", "--environment", "Production", "--Logging:LogLevel:Default=Warning");
        using var http = new HttpClient { BaseAddress = new Uri(app.Url), Timeout = TimeSpan.FromMinutes(5) };
        await app.WaitHealthyAsync(http);
        var first = await ScaleBenchmark.FirstAnswerAsync(http, "/api/stats/timeline");
        var pid = app.Process.Id;
        Console.WriteLine($"first answer after {sw.Elapsed.TotalSeconds:0.0} s ({first}); resident {AppProcess.Rss(pid) / 1048576.0:N0} MiB");

        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(minutes));
        var requests = 0;
        var failures = new List<string>();
        var load = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var url in Filters.SelectMany(f => Paths.Select(p => p + f)).Append("/api/graph?limit=10000"))
                {
                    try
                    {
                        using var response = await http.GetAsync(url, stop.Token);
                        requests++;
                        if (!response.IsSuccessStatusCode)
                            failures.Add($"{url}: {(int)response.StatusCode}");
                    }
                    catch (OperationCanceledException) when (stop.IsCancellationRequested)
                    {
                        return;
                    }
                }
                await Task.Delay(TimeSpan.FromSeconds(5), stop.Token).ContinueWith(_ => { });
            }
        });

        var samples = new List<(double Seconds, long Bytes)>();
        while (!stop.IsCancellationRequested)
        {
            samples.Add((sw.Elapsed.TotalSeconds, AppProcess.Rss(pid)));
            if (samples.Count % 3 == 1)
                Console.WriteLine($"  {samples[^1].Seconds,5:0} s: resident {samples[^1].Bytes / 1048576.0:N0} MiB{await GcAsync(http)}");
            await Task.Delay(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
        }
        await load;
        var peak = AppProcess.Rss(pid, "VmHWM");
        var lastMinute = samples.Where(s => s.Seconds >= samples[^1].Seconds - 60).Average(s => s.Bytes);
        Console.WriteLine($"resident: peak {peak / 1048576.0:N0} MiB, highest sample {samples.Max(s => s.Bytes) / 1048576.0:N0} MiB, " +
                          $"last minute mean {lastMinute / 1048576.0:N0} MiB (goal 2,048 MiB); {requests:N0} requests, {failures.Count} failed" +
                          (failures.Count > 0 ? ": " + string.Join("; ", failures.Distinct().Take(5)) : ""));
    }

    /// <summary>
    /// What the app's <c>/metrics</c> says of its garbage collector at its last collection: the memory it has committed
    /// and the heap's size then (every generation), so the rest of the resident memory shows as native.
    /// </summary>
    private static async Task<string> GcAsync(HttpClient http)
    {
        try
        {
            var text = await http.GetStringAsync("/metrics");
            var committed = ScaleBenchmark.Gauge(text, "dotnet_gc_last_collection_memory_committed_size_bytes") ?? 0;
            var heap = ScaleBenchmark.Gauge(text, "dotnet_gc_last_collection_heap_size_bytes") ?? 0;
            return $" (garbage collector: {committed / 1048576.0:N0} MiB committed, heap {heap / 1048576.0:N0} MiB at its last collection)";
        }
        catch (HttpRequestException e)
        {
            return $" (no /metrics: {e.Message})";
        }
    }
}
