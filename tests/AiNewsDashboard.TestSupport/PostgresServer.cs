using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AiNewsDashboard.TestSupport;

/// <summary>
/// A private PostgreSQL cluster for the tests: initdb into a temporary folder, pg_ctl start on a free port (loopback and a
/// socket in the same folder, trust authentication), one per test process, stopped and deleted when the process ends
/// (by its exit handler, and by a watcher should the process be ended before that handler runs).
/// Each test takes a database of its own (<see cref="CreateDatabaseAsync"/>). The server refuses to run as root, so
/// under root the folder belongs to the postgres user and the commands run as that user.
/// </summary>
public sealed class PostgresServer
{
    public const string BinFolder = "/usr/lib/postgresql/15/bin";
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);

    private readonly string _folder;

    private PostgresServer(string folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why PostgreSQL tests can't run here, or null when they can (in CI they must: a missing server fails them).</summary>
    public static string? SkipReason =>
        File.Exists(Path.Combine(BinFolder, "initdb")) || IsCi
            ? null
            : $"PostgreSQL 15 not found at {BinFolder} (install it with: apt-get install -y postgresql). In CI (CI=true) this fails instead.";

    /// <summary>The cluster of this test process, started on first use.</summary>
    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>A connection string to an empty database of its own (nothing migrated yet).</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await cmd.ExecuteNonQueryAsync();
        }
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Database = database, Username = "postgres", Pooling = true }.ConnectionString;

    private static async Task<PostgresServer> StartAsync()
    {
        if (!File.Exists(Path.Combine(BinFolder, "initdb")))
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({BinFolder}/initdb is missing); .ci/run installs the Debian package postgresql.");
        DeleteLeftovers();
        var folder = Path.Combine(Path.GetTempPath(), "ainews-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
            await RunAsync("chown", ["postgres:postgres", folder]);
        var data = Path.Combine(folder, "data");
        await PgAsync(asRoot, $"{BinFolder}/initdb -D {data} -A trust -U postgres --encoding=UTF8 --locale=C.UTF-8");
        var port = FreePort();
        await PgAsync(asRoot, $"{BinFolder}/pg_ctl -D {data} -l {folder}/log -o \"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off\" -w start");
        var server = new PostgresServer(folder, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop(asRoot, data);
        await WatchAsync(asRoot, data, folder);
        return server;
    }

    /// <summary>
    /// Stops the cluster and deletes its folder once this process is gone, however it ends: the test host may be ended
    /// before its exit handler runs (a run once left a cluster running after every test had passed). A detached shell
    /// polls for this process every two seconds.
    /// </summary>
    private static Task WatchAsync(bool asRoot, string data, string folder)
    {
        var stop = StopCommand(data);
        var watcher = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 2; done; " +
                      $"{AsPostgres(asRoot, stop)}; rm -rf {folder}";
        return RunAsync("/bin/sh", ["-c", $"nohup sh -c \"{watcher}\" >/dev/null 2>&1 &"]);
    }

    /// <summary>The one way the cluster is stopped, by the exit handler or by the watcher: at once, no checkpoint (the data is thrown away).</summary>
    private static string StopCommand(string data) => $"{BinFolder}/pg_ctl -D {data} -m immediate -w stop";

    private void Stop(bool asRoot, string data)
    {
        try
        {
            PgAsync(asRoot, StopCommand(data)).GetAwaiter().GetResult();
        }
        finally
        {
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>
    /// Clusters of earlier test processes that were stopped but not deleted (the test host may be ended before its exit
    /// handler finishes): no server runs in them any more, and they are older than any starting cluster.
    /// </summary>
    private static void DeleteLeftovers()
    {
        foreach (var old in Directory.EnumerateDirectories(Path.GetTempPath(), "ainews-pg-*"))
        {
            if (File.Exists(Path.Combine(old, "data", "postmaster.pid")) || Directory.GetLastWriteTimeUtc(old) > DateTime.UtcNow.AddMinutes(-2))
                continue;
            try { Directory.Delete(old, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>The shell command that runs <paramref name="command"/> as the postgres user when this process is root (root may not run the server).</summary>
    private static string AsPostgres(bool asRoot, string command) => asRoot ? $"su postgres -c '{command}'" : command;

    private static Task PgAsync(bool asRoot, string command) => RunAsync("/bin/sh", ["-c", AsPostgres(asRoot, command)]);

    private static async Task RunAsync(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}{await stdout}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
