using System.Diagnostics;
using AiNewsDashboard.Core;
using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Data.Sqlite;
using AiNewsDashboard.Core.Import;
using AiNewsDashboard.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Benchmarks;

/// <summary>
/// The dashboard's queries at N articles: imports a generated corpus once into a cached database under /tmp (importing
/// a million articles takes many minutes; the file is reused while it holds exactly N articles), then runs every query
/// kind over a set of representative filters and prints p50/p95/max per kind.
/// </summary>
internal static partial class QueryBenchmark
{
    public static string DatabasePathFor(int count, DemoShape shape = DemoShape.Demo, int? providers = null) =>
        Path.Combine(Path.GetTempPath(), shape == DemoShape.Demo ? $"ainews-queries-{count}.db"
            : $"ainews-queries-{shape.ToString().ToLowerInvariant()}-{count}{(providers is { } p ? $"-{p}p" : "")}.db");

    /// <summary>
    /// Makes sure the cached database holds the N generated articles. An interrupted preparation resumes: the import is
    /// idempotent, so running it again skips what is already there.
    /// </summary>
    /// <param name="providers">At most this many providers (see <see cref="ProviderCap"/>); all the generator makes when null.</param>
    public static async Task<ServiceProvider> PrepareAsync(int count, DemoShape shape = DemoShape.Demo, int? providers = null)
    {
        var path = DatabasePathFor(count, shape, providers);
        var services = new ServiceCollection().AddNewsData(SqliteStore.ConnectionStringForFile(path)).AddArticleImport().BuildServiceProvider();
        var factory = services.GetRequiredService<IDbContextFactory<NewsDbContext>>();
        await SqliteStore.InitializeAsync(factory);
        int existing;
        await using (var db = await factory.CreateDbContextAsync())
            existing = await db.Articles.CountAsync(a => !a.IsReference);
        // The real-world shape gives a few pairs of files one URL (one article each): a finished import leaves a marker.
        var complete = path + ".complete";
        if (existing == count || File.Exists(complete))
        {
            Console.WriteLine($"database: {path} (cached, {count:N0} articles, {new FileInfo(path).Length / (1024 * 1024):N0} MiB)");
            return services;
        }

        Console.WriteLine($"database: {path} holds {existing:N0} of {count:N0} articles; importing (resumes where it stopped)...");
        var report = await ImportCorpusAsync(services.GetRequiredService<ArticleImporter>(), count, shape, providers);
        if (report.Files == count && report.Rejected == 0)
            await File.WriteAllTextAsync(complete, $"{count}\n");
        await RecordImportAsync(path, report);
        return services;
    }

    /// <summary>
    /// Streams the generated corpus into an importer (no files on disk), printing progress every 30 s. Idempotent, so a
    /// run over a store that already holds part of the corpus skips that part: an interrupted preparation resumes.
    /// </summary>
    internal static Task<ImportReport> ImportCorpusAsync(ArticleImporter importer, int count, DemoShape shape, int? providers)
    {
        var cap = providers is { } max ? new ProviderCap(max) : null;
        var texts = new DemoCorpusGenerator(shape: shape).Generate(count).Select(a => (a.RelativePath, cap?.Apply(a.Text) ?? a.Text));
        var lastPrint = Stopwatch.StartNew();
        var progress = new SyncProgress<ImportProgress>(p =>
        {
            if (lastPrint.Elapsed.TotalSeconds < 30)
                return;
            lastPrint.Restart();
            Console.WriteLine($"  {p.FilesDone:N0} / {count:N0} files, {p.Elapsed.TotalSeconds:0} s");
        });
        return importer.ImportAsync(ImportSource.FromTexts(texts), count, progress: progress);
    }

    /// <summary>
    /// Prints an import's figures and appends them to <c>{key}.imports</c>, so a later run over the cached store can still
    /// say how fast it was filled (each line one run; a resumed preparation adds a line).
    /// </summary>
    internal static async Task RecordImportAsync(string key, ImportReport report)
    {
        var line = $"import: {report.Files:N0} files in {report.Elapsed.TotalSeconds:0} s = {report.Files / report.Elapsed.TotalSeconds:N0} files/s, " +
                   $"{report.Imported / report.Elapsed.TotalSeconds:N0} imported/s ({report.Imported:N0} imported, {report.Unchanged:N0} unchanged, " +
                   $"{report.Rejected:N0} rejected; {report.Articles:N0} articles, {report.References:N0} references)";
        Console.WriteLine(line);
        await File.AppendAllTextAsync(key + ".imports", $"{DateTime.UtcNow:u} {line}\n");
    }

    /// <summary>What earlier preparations of a cached store recorded (<see cref="RecordImportAsync"/>).</summary>
    internal static string[] RecordedImports(string key) => File.Exists(key + ".imports") ? File.ReadAllLines(key + ".imports") : [];

    /// <summary>Progress reported on the caller's thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    /// <summary>
    /// Caps a generated corpus at N providers: the real-world shape's long tail keeps growing with the corpus (about
    /// 41,000 outlets at a million articles), while the target is a million articles from 2,000. The first N
    /// distinct publishers keep their name (the demo's outlets and the head of the tail come first); every later one
    /// publishes as one of them, chosen by a stable hash of its domain, so a resumed preparation maps alike.
    /// </summary>
    private sealed class ProviderCap(int max)
    {
        private const string Marker = "\nprovider:\n  name: ";
        private readonly Dictionary<string, string> _kept = new(StringComparer.Ordinal);
        private readonly List<string> _order = [];

        public string Apply(string text)
        {
            var start = text.IndexOf(Marker, StringComparison.Ordinal);
            if (start < 0)
                return text;
            var nameStart = start + Marker.Length;
            var domainLine = text.IndexOf("\n  domain: ", nameStart, StringComparison.Ordinal);
            var domainStart = domainLine + "\n  domain: ".Length;
            var end = text.IndexOf('\n', domainStart);
            var name = text[nameStart..domainLine];
            var domain = text[domainStart..end];
            if (_kept.ContainsKey(domain))
                return text;
            if (_kept.Count < max)
            {
                _kept[domain] = name;
                _order.Add(domain);
                return text;
            }
            var target = _order[(int)(Fnv(domain) % (uint)_order.Count)];
            return text[..nameStart] + _kept[target] + "\n  domain: " + target + text[end..];
        }

        private static uint Fnv(string s)
        {
            var h = 2166136261u;
            foreach (var c in s)
                h = (h ^ c) * 16777619u;
            return h;
        }
    }
}
