using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Syndication;
using AiNewsDashboard.Demo;
using AiNewsDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace AiNewsDashboard.Core.Tests.Syndication;

/// <summary>The demo corpus plants one syndication ring (<see cref="DemoSyndication"/>): detection must find exactly it.</summary>
public sealed class DemoSyndicationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await _db.Demo.SeedIfEmptyAsync(includeSynthetic: true);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task DemoCorpus_FindsThePlantedRing_ExactlyItsArticles_WithItsFirstPublisher()
    {
        var pass = await _db.Get<SyndicationService>().UpdateAsync();
        var groups = await _db.Get<SyndicationService>().GetAsync();
        output.WriteLine($"{pass}");

        await using var db = await _db.ContextAsync();
        var ring = await db.Articles.AsNoTracking().Include(a => a.Provider)
            .Where(a => a.Excerpt == DemoSyndication.Excerpt).OrderBy(a => a.PublishedAt).ToListAsync();
        Assert.Equal(DemoSyndication.Size, ring.Count);

        var group = groups.GroupOf(ring[0].Id);
        Assert.NotNull(group);
        Assert.Equal(ring.Select(a => a.Id).Order(), group.Members.Select(m => m.ArticleId).Order());
        Assert.Equal(ring[0].Id, group.First.ArticleId);
        Assert.Equal(DemoSyndication.Title, ring[0].Title);
        Assert.All(group.Members.Skip(1), m => Assert.True(groups.IsCopy(m.ArticleId)));

        // The template generator also repeats a title and most of an excerpt within a story now and then; those pairs are
        // copies by the text too and are grouped (printed here), never with the ring.
        foreach (var other in groups.Groups.Where(g => g.Id != group.Id))
        {
            Assert.DoesNotContain(other.Members, m => ring.Any(a => a.Id == m.ArticleId));
            var ids = other.Members.Select(m => m.ArticleId).ToList();
            var titles = await db.Articles.Where(a => ids.Contains(a.Id)).Select(a => a.Title).Distinct().CountAsync();
            output.WriteLine($"other group {other.Id}: {other.Members.Count} articles, {titles} titles, {other.Reasons}");
        }
    }

    [Fact]
    public async Task DemoCorpus_Report_NamesTheRingsFirstPublisher()
    {
        await _db.Get<SyndicationService>().UpdateAsync();
        await _db.Get<ArticleFactsCache>().GetFreshAsync();

        var report = await _db.Get<SyndicationQueries>().GetReportAsync(DashboardFilter.All with { Text = "\"export licence breaches\"" });

        var group = Assert.Single(report.Top);
        Assert.Equal(DemoSyndication.Title, group.First.Title);
        Assert.Equal(DemoSyndication.Size - 1, group.Copies.Count);
        Assert.All(group.Copies, c => Assert.True(c.Reasons.HasFlag(CopyReasons.SimilarText)));
    }
}
