using System.Diagnostics;
using System.Text.Json;
using AiNewsDashboard.Core;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Demo;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Web.Cli;

/// <summary>
/// The command line on the app's own executable. Exit codes: 0 success; 1 some files were rejected (the rest
/// were imported); 2 usage error; 3 the command could not run (database or I/O failure); 130 interrupted.
/// </summary>
public static class CommandLine
{
    public const int Ok = 0, SomeRejected = 1, UsageError = 2, Failed = 3, Interrupted = 130;
    private static readonly string[] Verbs = ["import", "generate", "demo", "backup", "users", "help", "--help", "-h"];

    public const string Usage = """
        AiNewsDashboard

        Serve the dashboard (default http://localhost:5000):
          dotnet run --project src/AiNewsDashboard.Web [-- --urls <url>] [--db <file>] [--no-demo] [--Section:Key=value ...]

        Commands:
          import <path>... [--db <file>] [--json]
              Import article files, folders (recursive) and .zip archives. Idempotent: unchanged files are skipped.
              --json prints exactly one JSON object with the report on stdout.
          generate --articles <N> --out <dir> [--seed <S>]
              Write a deterministic synthetic corpus of N article files (for tests and benchmarks).
          demo remove [--db <file>]
              Remove the bundled sample and demo articles once real data has arrived.
          backup --db <file> --out <file> [--force]
              Write a consistent copy of the database, also while the app serves and imports into it.
          users add <name> --role Viewer|Editor|Admin | users list | users remove <name> | users unlock <name>   [--db <file>]
              Accounts for Auth:Mode=Accounts. The password comes from standard input or a prompt, never an argument.

        Settings (appsettings.json, environment variables, or --Section:Key=value):
          Database:Path (default data/news.db), ConnectionStrings:News, Demo:Enabled, Import:MaxFileBytes,
          Import:MaxUploadBytes, Import:WatchFolder, Backup:Folder, Graph:NodeLimit,
          Auth:Mode (Local: no sign-in, loopback only; Accounts: sign-in and roles)

        Exit codes: 0 ok; 1 some files rejected; 2 usage error; 3 failure (database or I/O); 130 interrupted.
        """;

    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    /// <param name="stdin">Where <c>users add</c> reads the password; null means the console.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct = default, TextReader? stdin = null)
    {
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; interrupt.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            var parsed = ParsedArgs.Parse(DashboardSettings.NormalizeArgs(args));
            return parsed.Verb switch
            {
                "import" => await ImportAsync(parsed, stdout, stderr, interrupt.Token),
                "generate" => Generate(parsed, stdout, stderr, interrupt.Token),
                "demo" => await DemoAsync(parsed, stdout, stderr, interrupt.Token),
                "backup" => await BackupAsync(parsed, stdout, interrupt.Token),
                "users" => await UsersCommand.RunAsync(parsed, stdin, stdout, stderr, interrupt.Token),
                _ => Help(stdout),
            };
        }
        catch (UsageException e)
        {
            await stderr.WriteLineAsync($"error: {e.Message}\n\nRun with 'help' for usage.");
            return UsageError;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("interrupted");
            return Interrupted;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            await stderr.WriteLineAsync($"error: {e.Message}");
            return Failed;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static int Help(TextWriter stdout)
    {
        stdout.WriteLine(Usage);
        return Ok;
    }

    private static async Task<int> ImportAsync(ParsedArgs args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        args.RejectUnknown("--json");
        if (args.Positional.Count == 0)
            throw new UsageException("import needs at least one file, folder or .zip archive.");
        var json = args.Has("--json");

        await using var services = await OpenStoreAsync(args, ct);
        var importer = services.GetRequiredService<ArticleImporter>();
        var options = new ImportOptions { Parser = DashboardSettings.ParserOptions(args.Configuration) };
        var progress = json ? null : new ProgressLine(stderr);
        var started = DateTime.UtcNow;
        var report = await importer.ImportPathsAsync(args.Positional, options, progress, ct);
        progress?.Finish();
        await services.GetRequiredService<ImportHistory>().RecordAsync("cli", string.Join(" ", args.Positional), startedBy: null,
            started, DateTime.UtcNow, report, ct: CancellationToken.None);

        if (json)
            WriteJson(report, stdout);
        else
            WriteSummary(report, DashboardSettings.ConnectionString(args.Configuration), stdout);
        return report.Cancelled ? Interrupted : report.Rejected > 0 ? SomeRejected : Ok;
    }

    private static int Generate(ParsedArgs args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        args.RejectUnknown("--articles", "--out", "--seed");
        if (args.Positional.Count > 0)
            throw new UsageException($"generate takes no paths (got '{args.Positional[0]}'); use --out <dir>.");
        var count = args.Int("--articles") ?? throw new UsageException("generate needs --articles <N>.");
        var outDir = args.Value("--out") ?? throw new UsageException("generate needs --out <dir>.");
        if (count < 1)
            throw new UsageException("--articles must be at least 1.");
        var seed = args.Int("--seed") ?? DemoCorpusGenerator.DefaultSeed;

        var sw = Stopwatch.StartNew();
        var written = new DemoCorpusGenerator(seed).WriteTo(outDir, count, ct);
        stdout.WriteLine($"Wrote {written:N0} articles to {outDir} in {sw.Elapsed.TotalSeconds:0.0} s (seed {seed}).");
        return Ok;
    }

    private static async Task<int> DemoAsync(ParsedArgs args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        args.RejectUnknown();
        if (args.Positional is not ["remove"])
            throw new UsageException("the demo command takes one action: 'demo remove'.");
        await using var services = await OpenStoreAsync(args, ct);
        var removed = await services.GetRequiredService<DemoData>().RemoveAsync(ct);
        stdout.WriteLine($"Removed {Count(removed, "demo article")} (references included).");
        return Ok;
    }

    private static async Task<int> BackupAsync(ParsedArgs args, TextWriter stdout, CancellationToken ct)
    {
        args.RejectUnknown("--out", "--force");
        if (args.Positional.Count > 0)
            throw new UsageException($"backup takes no paths (got '{args.Positional[0]}'); use --out <file>.");
        var output = args.Value("--out") ?? throw new UsageException("backup needs --out <file>.");
        var result = await SqliteBackup.CopyAsync(DashboardSettings.ConnectionString(args.Configuration), output, args.Has("--force"), ct);
        stdout.WriteLine($"Backed up {SqliteStore.DataSourceOf(DashboardSettings.ConnectionString(args.Configuration))} to {result.Path} " +
                         $"({result.Bytes / (1024.0 * 1024):0.0} MiB, integrity ok) in {result.Elapsed.TotalSeconds:0.0} s.");
        return Ok;
    }

    private static async Task<ServiceProvider> OpenStoreAsync(ParsedArgs args, CancellationToken ct)
    {
        var services = new ServiceCollection()
            .AddNewsData(DashboardSettings.ConnectionString(args.Configuration))
            .AddArticleImport()
            .BuildServiceProvider();
        await SqliteStore.InitializeAsync(services.GetRequiredService<IDbContextFactory<NewsDbContext>>(), ct);
        return services;
    }

    private static void WriteSummary(ImportReport r, string connectionString, TextWriter stdout)
    {
        stdout.WriteLine($"{Count(r.Files, "file")} in {r.Elapsed.TotalSeconds:0.0} s: {r.Imported:N0} imported, {r.Updated:N0} updated, " +
                         $"{r.Unchanged:N0} unchanged, {r.Rejected:N0} rejected, {Count(r.Warnings, "warning")}.");
        if (r.Cancelled)
            stdout.WriteLine("Interrupted: every file listed above was stored whole; run the same import again to finish.");
        stdout.WriteLine($"The database ({SqliteStore.DataSourceOf(connectionString)}) now holds {Count(r.Articles, "article")} and {Count(r.References, "reference")}.");
        if (r.Problems.Count == 0)
            return;
        stdout.WriteLine();
        stdout.WriteLine("Problems:");
        foreach (var p in r.Problems)
            stdout.WriteLine($"  {(p.Severity == ProblemSeverity.Error ? "error  " : "warning")} {p.File}{(p.Line is { } l ? $":{l}" : "")}: {p.Message}");
    }

    private static string Count(int n, string noun) => $"{n:N0} {noun}{(n == 1 ? "" : "s")}";

    internal static void WriteJson(ImportReport r, TextWriter stdout)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("files", r.Files);
            w.WriteNumber("imported", r.Imported);
            w.WriteNumber("updated", r.Updated);
            w.WriteNumber("unchanged", r.Unchanged);
            w.WriteNumber("rejected", r.Rejected);
            w.WriteNumber("warnings", r.Warnings);
            w.WriteNumber("articles", r.Articles);
            w.WriteNumber("references", r.References);
            w.WriteStartArray("problems");
            foreach (var p in r.Problems)
            {
                w.WriteStartObject();
                w.WriteString("file", p.File);
                w.WriteString("severity", p.SeverityName);
                if (p.Line is { } line) w.WriteNumber("line", line); else w.WriteNull("line");
                w.WriteString("message", p.Message);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        stdout.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>Prints a progress line now and then once an import runs longer than a couple of seconds.</summary>
    private sealed class ProgressLine(TextWriter stderr) : IProgress<ImportProgress>
    {
        private TimeSpan _next = TimeSpan.FromSeconds(2);
        private bool _printed;

        public void Report(ImportProgress p)
        {
            if (p.Elapsed < _next)
                return;
            _next = p.Elapsed + TimeSpan.FromSeconds(2);
            var left = p.FilesPerSecond > 0 ? TimeSpan.FromSeconds((p.FilesTotal - p.FilesDone) / p.FilesPerSecond) : TimeSpan.Zero;
            stderr.WriteLine($"{p.FilesDone:N0} / {p.FilesTotal:N0} files ({p.FilesPerSecond:N0} files/s, about {left.TotalSeconds:N0} s left)");
            _printed = true;
        }

        public void Finish()
        {
            if (_printed)
                stderr.WriteLine();
        }
    }
}

public sealed class UsageException(string message) : Exception(message);
