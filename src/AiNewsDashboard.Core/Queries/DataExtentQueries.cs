namespace AiNewsDashboard.Core.Queries;

/// <summary>The first and last publication day of the articles (references left out), both inclusive, UTC.</summary>
public sealed record DataExtent(DateOnly First, DateOnly Last);

/// <summary>
/// Where the data lies in time, so date presets can say so: archives often end long before today, and "last 30 days"
/// of a 2014 corpus is an empty chart. Read from the facts snapshot (rows are newest first), so it costs a scan from
/// each end up to the first non-reference row.
/// </summary>
public sealed class DataExtentQueries(ArticleFactsCache factsCache)
{
    /// <summary>The extent of the dated articles, or null when none has a date.</summary>
    public async Task<DataExtent?> GetAsync(CancellationToken ct = default)
    {
        var facts = await factsCache.GetAsync(ct);
        var newest = 0;
        while (newest < facts.DatedCount && facts.IsReference[newest])
            newest++;
        if (newest == facts.DatedCount)
            return null;
        var oldest = facts.DatedCount - 1;
        while (facts.IsReference[oldest])
            oldest--;
        return new DataExtent(ArticleFacts.DateOf(facts.Days[oldest]), ArticleFacts.DateOf(facts.Days[newest]));
    }
}
