using System.Text;
using AiNewsDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.TestSupport;

/// <summary>
/// Everything the store holds, as text keyed by URL rather than by row id (timestamps left out), so two databases
/// built by different runs of the same import can be compared for an identical end state.
/// </summary>
public static class DatabaseSnapshot
{
    public static async Task<string> CaptureAsync(IDbContextFactory<NewsDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        var urlOf = await db.Articles.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Url);
        var articles = await db.Articles.AsNoTracking()
            .Include(a => a.Provider).Include(a => a.Topics).ThenInclude(t => t.Topic).Include(a => a.Images)
            .Include(a => a.Related).Include(a => a.Urls)
            .AsSplitQuery().OrderBy(a => a.Url).ToListAsync();

        var sb = new StringBuilder();
        foreach (var a in articles)
        {
            sb.AppendLine($"{a.Url} ref={a.IsReference} demo={a.IsDemo} web={a.WebUrl} orig={a.OriginalUrl} amp={a.AmpWebUrl} cdn={a.CdnAmpWebUrl}");
            sb.AppendLine($"  {a.Title}|{a.Excerpt}|{a.Category}|{a.Type}|{a.PublishedAt:O}|q={a.Quality}|h={a.Heat}|pub={a.Published}|{a.Secured}|{a.ExtraJson}|{a.ContentHash}");
            sb.AppendLine($"  provider={a.Provider?.Domain}/{a.Provider?.Name}");
            sb.AppendLine($"  topics={string.Join(",", a.Topics.OrderBy(t => t.Position).Select(t => t.Topic!.Name))}");
            foreach (var i in a.Images.OrderBy(i => i.Position))
                sb.AppendLine($"  image {i.Position} {i.Url} {i.Width}x{i.Height} cached={i.IsCached}");
            foreach (var r in a.Related.OrderBy(r => r.Position))
                sb.AppendLine($"  related {r.Position} -> {(r.TargetArticleId is { } t ? urlOf[t] : "-")} {r.Title}|{r.PublishedAt:O}|{r.WebUrl}|{r.AmpWebUrl}|{r.ProviderDomain}|{r.Quality}|{r.ImagesJson}|{r.ExtraJson}");
            sb.AppendLine($"  urls={string.Join(",", a.Urls.Select(u => u.Url).Order(StringComparer.Ordinal))}");
        }
        foreach (var p in await db.Providers.AsNoTracking().OrderBy(p => p.Domain).ToListAsync())
            sb.AppendLine($"provider {p.Domain} {p.Name}");
        foreach (var t in await db.Topics.AsNoTracking().OrderBy(t => t.Key).ToListAsync())
            sb.AppendLine($"topic {t.Key} {t.Name}");
        return sb.ToString();
    }
}
