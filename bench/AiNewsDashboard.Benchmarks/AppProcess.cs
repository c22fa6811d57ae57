using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace AiNewsDashboard.Benchmarks;

/// <summary>
/// The real app as a child process for the benchmarks that measure it from outside (`live`, `graph`): its own build
/// output in this benchmark's configuration (the project reference builds it), on a free loopback port, started and
/// waited for until /healthz answers; disposing kills it.
/// </summary>
internal sealed class AppProcess : IDisposable
{
    private AppProcess(Process process, string url)
    {
        Process = process;
        Url = url;
    }

    public Process Process { get; }
    public string Url { get; }

    /// <summary>Starts the app with <c>--urls</c> on a free port plus <paramref name="args"/>; call <see cref="WaitHealthyAsync"/> next.</summary>
    public static AppProcess Start(params string[] args)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = false, RedirectStandardError = false, UseShellExecute = false };
        psi.ArgumentList.Add(AppDll());
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add(url);
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        return new AppProcess(Process.Start(psi) ?? throw new InvalidOperationException("could not start the app"), url);
    }

    /// <summary>Runs the app's command line (<c>import …</c>, …) to its end; throws unless it exits with 0.</summary>
    public static Task<string> RunCliAsync(params string[] args) => RunDotnetAsync([AppDll(), .. args]);

    /// <summary>Runs <c>dotnet</c> with <paramref name="args"/> to its end and returns what it printed; throws unless it exits with 0.</summary>
    public static async Task<string> RunDotnetAsync(string[] args, string? hint = null)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet {string.Join(' ', args)} failed ({process.ExitCode}): {await errors}{await output}" +
                                                (hint is null ? "" : $" ({hint})"));
        return await output;
    }

    public async Task WaitHealthyAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (Process.HasExited)
                throw new InvalidOperationException($"the app exited with {Process.ExitCode}");
            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException("the app did not become healthy");
    }

    /// <summary>Stops the app as a service manager would (SIGTERM), so it finishes its shutdown work; the time it took.</summary>
    public async Task<TimeSpan> StopAsync(TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        using var cts = new CancellationTokenSource(timeout);
        await Process.WaitForExitAsync(cts.Token);
        return sw.Elapsed;
    }

    /// <summary>Debian's Chromium, with the flags the browser tests use (never a downloaded browser).</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });

    /// <summary>
    /// Nices every running Chromium process (the browser, its zygote, its renderers) at the lowest priority, for benchmarks
    /// that measure the server while browsers stand in for users whose browsers run on their own machines: each thread
    /// (threads started later inherit it), and each process's scheduling group. Chromium's processes start sessions of
    /// their own, which Linux schedules as groups (autogroup) beside the server's, and niceness alone only ranks the
    /// processes within a group.
    /// </summary>
    public static void NiceChromiumProcesses()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _))
                continue;
            try
            {
                if (new FileInfo(Path.Combine(dir, "exe")).LinkTarget is not { } exe || !exe.StartsWith(Path.GetDirectoryName(RealChromium())!, StringComparison.Ordinal))
                    continue;
                File.WriteAllText(Path.Combine(dir, "autogroup"), "19");
                foreach (var task in Directory.EnumerateDirectories(Path.Combine(dir, "task")))
                    _ = SetPriority(0 /* PRIO_PROCESS: on Linux, one thread */, int.Parse(Path.GetFileName(task), System.Globalization.CultureInfo.InvariantCulture), 19);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // gone meanwhile, or not ours
            }
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);

    /// <summary>The browser's own executable (Debian's /usr/bin/chromium is a script that starts /usr/lib/chromium/chromium).</summary>
    private static string RealChromium() =>
        File.Exists("/usr/lib/chromium/chromium") && ChromiumPath == "/usr/bin/chromium" ? "/usr/lib/chromium/chromium" : ChromiumPath;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    public void Dispose()
    {
        try
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        Process.Dispose();
    }

    /// <summary>The app's build output in this benchmark's configuration.</summary>
    private static string AppDll()
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var dll = Path.Combine(d.FullName, "src", "AiNewsDashboard.Web", "bin", configuration, "net10.0", "AiNewsDashboard.Web.dll");
            if (File.Exists(dll))
                return dll;
        }
        throw new FileNotFoundException($"AiNewsDashboard.Web.dll ({configuration}) not found; build the solution first");
    }

    /// <summary>A process's memory figure from /proc: resident now (VmRSS) or its peak (VmHWM), in bytes.</summary>
    public static long Rss(int pid, string field = "VmRSS")
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        return 0;
    }

    /// <summary>CPU time the whole machine has spent busy (every core, every process), in seconds, from /proc/stat.</summary>
    public static double MachineBusySeconds()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long busy = 0;
        for (var i = 1; i < cpu.Length && i <= 8; i++)
            if (i is not 4 and not 5) // idle and iowait
                busy += long.Parse(cpu[i], System.Globalization.CultureInfo.InvariantCulture);
        return busy / 100.0;
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
