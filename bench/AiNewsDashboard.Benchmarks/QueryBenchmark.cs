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
    public static string DatabasePathFor(int count, DemoShape shape = DemoShape.Demo) =>
        Path.Combine(Path.GetTempPath(), shape == DemoShape.Demo ? $"ainews-queries-{count}.db" : $"ainews-queries-{shape.ToString().ToLowerInvariant()}-{count}.db");

    /// <summary>
    /// Makes sure the cached database holds the N generated articles. An interrupted preparation resumes: the import is
    /// idempotent, so running it again skips what is already there.
    /// </summary>
    public static async Task<ServiceProvider> PrepareAsync(int count, DemoShape shape = DemoShape.Demo)
    {
        var path = DatabasePathFor(count, shape);
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
        var texts = new DemoCorpusGenerator(shape: shape).Generate(count).Select(a => (a.RelativePath, a.Text));
        var lastPrint = Stopwatch.StartNew();
        var progress = new SyncProgress<ImportProgress>(p =>
        {
            if (lastPrint.Elapsed.TotalSeconds < 30)
                return;
            lastPrint.Restart();
            Console.WriteLine($"  {p.FilesDone:N0} / {count:N0} files, {p.Elapsed.TotalSeconds:0} s");
        });
        var report = await services.GetRequiredService<ArticleImporter>().ImportAsync(ImportSource.FromTexts(texts), count, progress: progress);
        if (report.Files == count && report.Rejected == 0)
            await File.WriteAllTextAsync(complete, $"{count}\n");
        Console.WriteLine($"import: {report.Files:N0} files in {report.Elapsed.TotalSeconds:0} s = {report.Files / report.Elapsed.TotalSeconds:N0} articles/s " +
                          $"({report.Imported:N0} imported, {report.Unchanged:N0} unchanged, {report.Rejected:N0} rejected; " +
                          $"{report.Articles:N0} articles, {report.References:N0} references)");
        return services;
    }

    /// <summary>Progress reported on the caller's thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

