using AiNewsDashboard.Core.Queries.Graph;

namespace AiNewsDashboard.Web.Api;

/// <summary>A story's articles as CSV: the columns of /api/articles.csv that a story's articles have, oldest first.</summary>
public static class StoryCsv
{
    public static CsvDownload Of(StoryDetail story) => new($"story-{story.Summary.Id}.csv", async w =>
    {
        await w.WriteLineAsync(Csv.Line("id", "url", "title", "provider", "provider_name", "published_at", "category", "quality", "heat", "topics",
            "is_reference"));
        foreach (var a in story.Articles)
            await w.WriteLineAsync(Csv.Line(a.Id, a.Url, a.Title, a.ProviderDomain, a.Provider, a.PublishedAt, a.Category, a.Quality, a.Heat,
                string.Join("; ", a.Topics), a.IsReference));
    });
}
