using System.Diagnostics;
using AiNewsDashboard.Benchmarks;

// Benchmarks print their figures; they assert nothing. See README "Benchmarks".
var verb = args.FirstOrDefault() ?? "import";
var articles = ArgInt(args, "--articles") ?? 100_000;
var batch = ArgInt(args, "--batch") ?? new AiNewsDashboard.Core.Import.ImportOptions().BatchSize;
switch (verb)
{
    case "import":
        var runs = ArgInt(args, "--runs") ?? 3;
        if (runs < 1)
        {
            Console.Error.WriteLine($"--runs must be at least 1 (got {runs}).");
            return 2;
        }
        if (ArgString(args, "--db") is { } server && AiNewsDashboard.Store.Postgres.PostgresStore.Recognizes(server))
            await ImportBenchmark.RunPostgresAsync(server, articles, batch, runs);
        else
            await ImportBenchmark.RunAsync(articles, batch, runs);
        break;
    case "write":
        await ImportBenchmark.WriteOnlyAsync(articles, batch, Path.Combine(Path.GetTempPath(), $"ainews-write-{Guid.NewGuid():N}.db"));
        break;
    case "queries":
        if (args.Contains("--prepare-only"))
            await (await QueryBenchmark.PrepareAsync(articles)).DisposeAsync();
        else
            await QueryBenchmark.RunAsync(articles, real: args.Contains("--real"), server: ArgString(args, "--db"),
                kinds: ArgString(args, "--kinds")?.Split(',', StringSplitOptions.RemoveEmptyEntries), reloads: ArgInt(args, "--reloads") ?? 3);
        break;
    case "titles":
        await TitleSortBenchmark.RunAsync(ArgString(args, "--db") ?? QueryBenchmark.DatabasePathFor(1_000_000, AiNewsDashboard.Demo.DemoShape.RealWorld, 2000));
        break;
    case "providers":
        if (args.Contains("--prepare-only"))
            await (await QueryBenchmark.PrepareAsync(articles, AiNewsDashboard.Demo.DemoShape.RealWorld,
                ArgInt(args, "--providers") is 0 ? null : ArgInt(args, "--providers") ?? 2000)).DisposeAsync();
        else
            await ProvidersBenchmark.RunAsync(articles, ArgInt(args, "--providers") is 0 ? null : ArgInt(args, "--providers") ?? 2000,
                args.Contains("--browser-only"));
        break;
    case "graph":
        await GraphBenchmark.RunAsync(articles, ArgInt(args, "--runs") ?? 3, args.Contains("--browser-only"), args.Contains("--real"));
        break;
    case "signals":
        // On a copy of an existing database (--db), or on the queries benchmark's database for --articles.
        await SignalsBenchmark.RunAsync(ArgString(args, "--db") ?? QueryBenchmark.DatabasePathFor(articles));
        break;
    case "signals-warmup":
        await SignalsBenchmark.WarmUpAsync(articles);
        break;
    case "signals-start":
        await SignalsBenchmark.StartAsync(ArgString(args, "--db") ?? QueryBenchmark.DatabasePathFor(articles), ArgInt(args, "--runs") ?? 5);
        break;
    case "live":
        await LiveBenchmark.RunAsync(articles, ArgInt(args, "--sessions") ?? 50);
        break;
    case "attention":
        await AttentionBenchmark.RunAsync(articles, args.Contains("--real") ? AiNewsDashboard.Demo.DemoShape.RealWorld : AiNewsDashboard.Demo.DemoShape.Demo);
        break;
    case "syndication":
        await SyndicationBenchmark.RunAsync(Math.Max(articles, 20_000));
        break;
    case "scale":
        await ScaleBenchmark.RunAsync(articles, ArgString(args, "--db"), ArgInt(args, "--samples") ?? 40, ArgInt(args, "--sessions") ?? 20, args.Contains("--prepare-only"));
        break;
    case "memory":
        // The app's resident memory on an existing store (--db: a SQLite file or a PostgreSQL server) under requests.
        await MemoryBenchmark.RunAsync(ArgString(args, "--db") ?? QueryBenchmark.DatabasePathFor(articles), ArgInt(args, "--minutes") ?? 4);
        break;
    case "snapshot-load":
        // Reading the whole snapshot from an existing store (--db: a SQLite file or a PostgreSQL server), in this fresh process.
        await SnapshotLoadBenchmark.RunAsync(ArgString(args, "--db") ?? QueryBenchmark.DatabasePathFor(articles));
        break;
    case "sessions":
        await SessionsBenchmark.RunAsync(ArgInt(args, "--sessions") ?? 10, ArgString(args, "--db"),
            ArgString(args, "--pages")?.Split(',', StringSplitOptions.RemoveEmptyEntries), ArgString(args, "--reports"));
        break;
    case "parser":
        ParserBenchmark.Run(Math.Min(articles, 200_000));
        break;
    case "snapshot-delta":
        // The providers benchmark's real-world database (1,000,000 articles unless --articles), copied; --touched articles per update.
        await SnapshotDeltaBenchmark.RunAsync(ArgInt(args, "--articles") ?? 1_000_000, ArgInt(args, "--touched") ?? 10_000, ArgInt(args, "--runs") ?? 3);
        break;
    default:
        Console.Error.WriteLine("usage: import|write|parser|queries|providers|graph|live|signals|signals-warmup|signals-start|attention|syndication|snapshot-delta|snapshot-load|sessions|scale|memory [--articles N] [--db FILE|postgres server] [--real] [--batch FILES] [--runs N] [--prepare-only] [--browser-only] [--sessions N] [--providers N] [--touched N] [--samples N] [--minutes N] [--kinds a,b] [--reloads N]");
        return 2;
}
Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");
return 0;

static int? ArgInt(string[] args, string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : null;
}

static string? ArgString(string[] args, string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
