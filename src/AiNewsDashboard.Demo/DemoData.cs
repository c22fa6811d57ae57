using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Import;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Demo;

/// <summary>
/// The bundled corpus a new user sees on first start: the two real sample articles plus a synthetic demo corpus.
/// Everything it imports is marked <see cref="Article.IsDemo"/>, so <see cref="RemoveAsync"/> takes it all out
/// again once real data has arrived.
/// </summary>
public sealed class DemoData(IDbContextFactory<NewsDbContext> dbFactory, ArticleImporter importer)
{
    public const int SyntheticArticleCount = 3000;
    private const string SeededKey = "demo-seeded";

    /// <summary>
    /// Seeds once per database: only when it holds no articles and was never seeded before, so removing the demo
    /// data does not bring it back on the next start.
    /// </summary>
    /// <returns>The import report, or null when nothing was seeded.</returns>
    public async Task<ImportReport?> SeedIfEmptyAsync(bool includeSynthetic, CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await db.Meta.AnyAsync(m => m.Key == SeededKey, ct))
                return null;
            // "Empty" means no real articles: a seed that was interrupted left only demo rows, and importing
            // again (idempotent) finishes it.
            if (await db.Articles.AnyAsync(a => !a.IsDemo, ct))
            {
                db.Meta.Add(new AppMeta { Key = SeededKey, Value = "skipped: the database already held articles" });
                await db.SaveChangesAsync(ct);
                return null;
            }
        }

        var texts = Samples();
        if (includeSynthetic)
            texts = texts.Concat(new DemoCorpusGenerator().Generate(SyntheticArticleCount).Select(a => ($"demo/{a.RelativePath}", a.Text)));
        var items = ImportSource.FromTexts(texts);
        var report = await importer.ImportAsync(items, SampleNames.Length + (includeSynthetic ? SyntheticArticleCount : 0),
            new ImportOptions { MarkAsDemo = true }, ct: ct);

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.Meta.Add(new AppMeta { Key = SeededKey, Value = includeSynthetic ? "samples+synthetic" : "samples" });
            await db.SaveChangesAsync(ct);
        }
        return report;
    }

    /// <summary>
    /// Removes every demo article and reference. A demo article that a real article links to stays, as the reference
    /// the writer would have made of it, so no real article loses a link. Providers and topics left without articles go too.
    /// </summary>
    /// <returns>How many articles (references included) were removed.</returns>
    public Task<int> RemoveAsync(CancellationToken ct = default) => importer.RemoveDemoAsync(ct);

    private static readonly string[] SampleNames = typeof(DemoData).Assembly.GetManifestResourceNames()
        .Where(n => n.Contains(".Demo.Samples.", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The two real sample articles shipped with the app (embedded, so they travel with the binary).</summary>
    public static IEnumerable<(string Name, string Text)> Samples()
    {
        foreach (var name in SampleNames)
        {
            using var stream = typeof(DemoData).Assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return ($"samples/{name[(name.IndexOf(".Demo.Samples.", StringComparison.Ordinal) + 14)..]}", reader.ReadToEnd());
        }
    }
}
