using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using AiNewsDashboard.Core;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Demo;
using AiNewsDashboard.Web.Components.Pages;
using AiNewsDashboard.Web.Hosting;
using Microsoft.Extensions.Options;

namespace AiNewsDashboard.Web.Cli;

/// <summary>
/// The command line on the app's own executable, parsed by System.CommandLine. Exit codes: 0 success; 1 some files
/// were rejected (the rest were imported); 2 usage error (bad arguments or settings); 3 the command could not run
/// (database or I/O failure); 130 interrupted.
/// </summary>
public static class CommandLine
{
    public const int Ok = 0, SomeRejected = 1, UsageError = 2, Failed = 3, Interrupted = 130;

    private static readonly string About = $"""
        AiNewsDashboard: a news-analytics dashboard and its command line.

        Serve the dashboard (default http://localhost:5000):
          dotnet run --project src/AiNewsDashboard.Web [-- --urls <url>] [--db <file>] [--no-demo] [--Section:Key=value ...]

        Settings (appsettings.json, environment variables, or --Section:Key=value on any command):
          Database:Path (default {new DatabaseOptions().Path}), ConnectionStrings:News, Demo:Enabled, Import:MaxFileBytes,
          Import:MaxUploadBytes, Import:WatchFolder, Import:WatchDebounceMs, Backup:Folder, Backup:Keep, Backup:PerHour, Graph:NodeLimit,
          Security:*, Auth:Mode (Local: no sign-in, loopback only; Accounts: sign-in and roles)

        Exit codes: 0 ok; 1 some files rejected; 2 usage error; 3 failure (database or I/O); 130 interrupted.
        """;

    /// <summary>
    /// Whether the arguments ask for a command rather than the server: the first one is neither an option
    /// (<c>--urls</c>, <c>--db</c>, <c>--Section:Key=value</c>) nor a <c>key=value</c> setting. A word that is no verb
    /// is then a usage error with a suggestion, never a server started by mistake.
    /// </summary>
    public static bool IsCommand(string[] args) =>
        args is [var first, ..] && (first is "--help" or "-h" or "-?" || (!first.StartsWith('-') && !first.Contains('=')));

    /// <param name="stdin">Where <c>users add</c> reads the password; null means the console.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct = default, TextReader? stdin = null)
    {
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; interrupt.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            // Settings go to the configuration, the rest to the parser; "help import" is "import --help".
            var commandArgs = args.Where(a => !CliContext.IsSettingArg(a)).ToList();
            if (commandArgs is ["help", .. var rest])
                commandArgs = [.. rest, "--help"];
            var cli = new CliContext([.. args.Where(CliContext.IsSettingArg)], stdin, stdout, stderr);
            // No response files: an argument starting with @ is a path like any other.
            var parsed = CreateRootCommand(cli).Parse(commandArgs, new ParserConfiguration { ResponseFileTokenReplacer = null });
            if (parsed.Errors.Count > 0)
                return await UsageErrorAsync(parsed, stderr);
            return await parsed.InvokeAsync(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false, // exceptions map to exit codes below
                ProcessTerminationTimeout = null,      // Ctrl+C cancels the token above, and the import stops cleanly
            }, interrupt.Token);
        }
        catch (UsageException e)
        {
            await stderr.WriteLineAsync($"error: {e.Message}\n\nRun with --help for usage.");
            return UsageError;
        }
        catch (InvalidSettingsException e)
        {
            await stderr.WriteLineAsync($"error: a setting is not valid:\n{e.Message}");
            return UsageError;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("interrupted");
            return Interrupted;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Data.Common.DbException or InvalidOperationException or NotSupportedException)
        {
            await stderr.WriteLineAsync($"error: {e.Message}");
            return Failed;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>
    /// The parser's own messages and, for a word it doesn't know, the command's verbs and options spelled closest to it
    /// ("did you mean import?"). The parser's built-in suggestions offer an option for every stray word (a mistyped
    /// path gets "-h"), so only close spellings are offered here.
    /// </summary>
    private static async Task<int> UsageErrorAsync(System.CommandLine.ParseResult parsed, TextWriter stderr)
    {
        foreach (var error in parsed.Errors)
            await stderr.WriteLineAsync($"error: {error.Message}");
        var command = parsed.CommandResult.Command;
        var names = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name)
            .Concat(command.Options.Where(o => !o.Hidden).Select(o => o.Name)).ToList();
        foreach (var token in parsed.UnmatchedTokens)
            if (names.Where(name => IsCloseTo(token, name)).ToList() is { Count: > 0 } close)
                await stderr.WriteLineAsync($"did you mean {string.Join(" or ", close)}?");
        var verbs = new List<string> { "--help" };
        for (var r = parsed.CommandResult; r.Command is not RootCommand; r = (System.CommandLine.Parsing.CommandResult)r.Parent!)
            verbs.Insert(0, r.Command.Name);
        await stderr.WriteLineAsync($"\nRun '{string.Join(' ', verbs)}' for usage.");
        return UsageError;
    }

    /// <summary>A typo of <paramref name="name"/>: at most one edit in three letters (Levenshtein distance).</summary>
    internal static bool IsCloseTo(string typed, string name)
    {
        var previous = Enumerable.Range(0, name.Length + 1).ToArray();
        for (var i = 1; i <= typed.Length; i++)
        {
            var current = new int[name.Length + 1];
            current[0] = i;
            for (var j = 1; j <= name.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1,
                    previous[j - 1] + (char.ToLowerInvariant(typed[i - 1]) == char.ToLowerInvariant(name[j - 1]) ? 0 : 1));
            previous = current;
        }
        return previous[name.Length] <= Math.Max(1, name.Length / 3);
    }

    private static RootCommand CreateRootCommand(CliContext cli)
    {
        var root = new RootCommand(About);
        root.Add(ImportCommand(cli));
        root.Add(GenerateCommand(cli));
        root.Add(DemoCommand(cli));
        root.Add(BackupCommand(cli));
        root.Add(UsersCommand.Create(cli));
        root.Add(MergesCommand.Create(cli));
        return root;
    }

    private static Command ImportCommand(CliContext cli)
    {
        var paths = CliContext.NoOptionLikeValues(new Argument<string[]>("paths")
            { Arity = ArgumentArity.OneOrMore, Description = "Article files, folders (recursive) and .zip archives." });
        var json = new Option<bool>("--json") { Description = "Print exactly one JSON object with the report on stdout (progress and errors go to stderr)." };
        var db = CliContext.DbOption();
        var command = new Command("import", "Import article files, folders and .zip archives. Idempotent: unchanged files are skipped.\n" +
                                            "Exit code 1 when some files were rejected (the rest are imported).") { paths, json, db };
        command.SetAction((parse, ct) => ImportAsync(cli, parse.GetRequiredValue(paths), parse.GetValue(json), parse.GetValue(db), ct));
        // "import undo 12": a folder named undo is imported as ./undo.
        command.Add(ImportUndoCommand.Create(cli));
        return command;
    }

    private static Command GenerateCommand(CliContext cli)
    {
        var articles = new Option<int>("--articles")
        {
            Required = true, HelpName = "N", Description = "How many article files to write (1 or more).",
            CustomParser = r =>
            {
                var text = r.Tokens[0].Value;
                if (int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1)
                    return n;
                r.AddError($"--articles takes a whole number from 1 up, not '{text}'.");
                return 0;
            },
        };
        var output = new Option<string>("--out") { Required = true, HelpName = "dir", Description = "The folder to write them to." };
        var seed = new Option<int>("--seed") { HelpName = "S", Description = "The random seed; the same seed writes the same corpus.",
            DefaultValueFactory = _ => DemoCorpusGenerator.DefaultSeed };
        var shape = new Option<DemoShape>("--shape")
        {
            HelpName = "demo|real",
            Description = "demo (default): the bundled demo's shape. real: like public news data: thousands of outlets with a long tail, " +
                          "most articles in spring 2014, a thin spread over 2015-2022, most without scores, alias spellings.",
            DefaultValueFactory = _ => DemoShape.Demo,
            CustomParser = r => r.Tokens[0].Value switch
            {
                "demo" => DemoShape.Demo,
                "real" => DemoShape.RealWorld,
                var other => Refuse(r, $"--shape must be demo or real (got '{other}')."),
            },
        };
        var command = new Command("generate", "Write a deterministic synthetic corpus of article files (for tests and benchmarks).") { articles, output, seed, shape };
        command.SetAction((parse, ct) => Task.FromResult(Generate(cli, parse.GetValue(articles), parse.GetRequiredValue(output), parse.GetValue(seed),
            parse.GetValue(shape), ct)));
        return command;

        static DemoShape Refuse(System.CommandLine.Parsing.ArgumentResult r, string message)
        {
            r.AddError(message);
            return DemoShape.Demo;
        }
    }

    private static Command DemoCommand(CliContext cli)
    {
        var db = CliContext.DbOption();
        var remove = new Command("remove", "Remove the bundled sample and demo articles once real data has arrived.") { db };
        remove.SetAction((parse, ct) => DemoRemoveAsync(cli, parse.GetValue(db), ct));
        return new Command("demo", "The bundled sample and demo articles.") { remove };
    }

    private static Command BackupCommand(CliContext cli)
    {
        var db = CliContext.DbOption();
        var output = new Option<string>("--out") { Required = true, HelpName = "file", Description = "The copy to write." };
        var force = new Option<bool>("--force") { Description = "Overwrite the --out file if it exists." };
        var command = new Command("backup", "Write a consistent copy of the database, also while the app serves and imports into it.") { db, output, force };
        command.SetAction((parse, ct) => BackupAsync(cli, parse.GetValue(db), parse.GetRequiredValue(output), parse.GetValue(force), ct));
        return command;
    }

    private static async Task<int> ImportAsync(CliContext cli, string[] paths, bool json, string? db, CancellationToken ct)
    {
        await using var services = await cli.OpenAsync(db, withStore: true, withAccounts: false, ct);
        var importer = services.GetRequiredService<ArticleImporter>();
        var options = services.GetRequiredService<IOptions<DashboardImportOptions>>().Value.For(upload: false);
        var progress = json ? null : new ProgressLine(cli.Stderr);
        var history = services.GetRequiredService<ImportHistory>();
        var runId = await history.BeginAsync("cli", string.Join(" ", paths), startedBy: null, DateTime.UtcNow, ct);
        ImportReport report;
        try
        {
            report = await importer.ImportPathsAsync(paths, options with { RunId = runId }, progress, ct);
        }
        catch (Exception e)
        {
            // Recorded like the app's failed runs; an undo then finds what the committed batches listed.
            await history.FinishAsync(runId, DateTime.UtcNow, null, e is OperationCanceledException ? null : e.Message,
                cancelled: e is OperationCanceledException, CancellationToken.None);
            throw;
        }
        progress?.Finish();
        await history.FinishAsync(runId, DateTime.UtcNow, report, ct: CancellationToken.None);

        if (json)
            WriteJson(report, cli.Stdout, runId);
        else
        {
            WriteSummary(report, services.GetRequiredService<INewsStore>().Location, cli.Stdout);
            if (report.Imported + report.Updated > 0)
                cli.Stdout.WriteLine($"Recorded as import #{runId}; 'import undo {runId} --dry-run' shows what undoing it would remove.");
        }
        return report.Cancelled ? Interrupted : report.Rejected > 0 ? SomeRejected : Ok;
    }

    private static int Generate(CliContext cli, int count, string outDir, int seed, DemoShape shape, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var written = new DemoCorpusGenerator(seed, shape).WriteTo(outDir, count, ct);
        cli.Stdout.WriteLine($"Wrote {written:N0} articles to {outDir} in {sw.Elapsed.TotalSeconds:0.0} s (seed {seed}, shape {shape}).");
        return Ok;
    }

    private static async Task<int> DemoRemoveAsync(CliContext cli, string? db, CancellationToken ct)
    {
        await using var services = await cli.OpenAsync(db, withStore: true, withAccounts: false, ct);
        var removed = await services.GetRequiredService<DemoData>().RemoveAsync(ct);
        await cli.Stdout.WriteLineAsync($"Removed {Labels.Count(removed, "demo article")} (references included).");
        return Ok;
    }

    private static async Task<int> BackupAsync(CliContext cli, string? db, string output, bool force, CancellationToken ct)
    {
        await using var services = await cli.OpenAsync(db, withStore: false, withAccounts: false, ct);
        var connectionString = services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ResolvedConnectionString;
        if (StoreSelection.Open(connectionString) is AiNewsDashboard.Store.Postgres.PostgresStore postgres)
        {
            var dump = await AiNewsDashboard.Store.Postgres.PostgresBackup.DumpAsync(postgres, output, force, ct);
            await cli.Stdout.WriteLineAsync($"Backed up {postgres.Location} to {dump.Path} ({dump.Bytes / (1024.0 * 1024):0.0} MiB, pg_dump custom format: " +
                                            $"restore with pg_restore) in {dump.Elapsed.TotalSeconds:0.0} s.");
            return Ok;
        }
        var result = await SqliteBackup.CopyAsync(connectionString, output, force, ct);
        await cli.Stdout.WriteLineAsync($"Backed up {SqliteStore.DataSourceOf(connectionString)} to {result.Path} " +
                                        $"({result.Bytes / (1024.0 * 1024):0.0} MiB, integrity ok) in {result.Elapsed.TotalSeconds:0.0} s.");
        return Ok;
    }

    private static void WriteSummary(ImportReport r, string location, TextWriter stdout)
    {
        stdout.WriteLine($"{Labels.Count(r.Files, "file")} in {r.Elapsed.TotalSeconds:0.0} s: {r.Imported:N0} imported, {r.Updated:N0} updated, " +
                         $"{r.Unchanged:N0} unchanged, {r.Rejected:N0} rejected, {Labels.Count(r.Warnings, "warning")}.");
        if (r.Cancelled)
            stdout.WriteLine("Interrupted: every file listed above was stored whole; run the same import again to finish.");
        if (r is { Articles: { } articles, References: { } references })
            stdout.WriteLine($"The database ({location}) now holds {Labels.Count(articles, "article")} and {Labels.Count(references, "reference")}.");
        if (r.Problems.Count == 0)
            return;
        stdout.WriteLine();
        stdout.WriteLine("Problems:");
        foreach (var p in r.Problems)
            stdout.WriteLine($"  {(p.Severity == ProblemSeverity.Error ? "error  " : "warning")} {p.File}{(p.Line is { } l ? $":{l}" : "")}: {p.Message}");
    }


    internal static void WriteJson(ImportReport r, TextWriter stdout, int? runId = null)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (runId is { } run)
                w.WriteNumber("run", run);
            w.WriteNumber("files", r.Files);
            w.WriteNumber("imported", r.Imported);
            w.WriteNumber("updated", r.Updated);
            w.WriteNumber("unchanged", r.Unchanged);
            w.WriteNumber("rejected", r.Rejected);
            w.WriteNumber("warnings", r.Warnings);
            if (r is { Articles: { } articles, References: { } references })
            {
                w.WriteNumber("articles", articles);
                w.WriteNumber("references", references);
            }
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
