using AiNewsDashboard.Demo;
using AiNewsDashboard.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Tests;

public sealed class DemoDataTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task SeedIfEmpty_EmptyDatabase_ImportsSamplesAndSyntheticCorpusMarkedAsDemo()
    {
        var report = await _db.Demo.SeedIfEmptyAsync(includeSynthetic: true);

        Assert.NotNull(report);
        Assert.Equal(0, report.Rejected);
        Assert.Equal(2 + DemoData.SyntheticArticleCount, report.Imported);
        await using var ctx = await _db.ContextAsync();
        Assert.False(await ctx.Articles.AnyAsync(a => !a.IsDemo));
        Assert.InRange(await ctx.Providers.CountAsync(p => p.Domain.EndsWith(".example")), 30, 60);
    }

    [Fact]
    public async Task SeedIfEmpty_WithoutSynthetic_ImportsOnlyTheTwoSamples()
    {
        var report = await _db.Demo.SeedIfEmptyAsync(includeSynthetic: false);

        Assert.Equal((2, 2), (report!.Imported, report.Articles));
    }

    [Fact]
    public async Task SeedIfEmpty_DatabaseWithRealArticles_SeedsNothing()
    {
        await _db.ImportTextsAsync(("real.md", new ArticleBuilder().Build()));

        Assert.Null(await _db.Demo.SeedIfEmptyAsync(includeSynthetic: true));

        await using var ctx = await _db.ContextAsync();
        Assert.Equal(1, await ctx.Articles.CountAsync());
    }

    [Fact]
    public async Task Remove_AfterRealImport_LeavesOnlyRealDataAndIsNotReseeded()
    {
        await _db.Demo.SeedIfEmptyAsync(includeSynthetic: false);
        var real = new ArticleBuilder().From("real.test").RelatedTo("https://apnews.com/press-release/business-wire/technology-business-toronto-north-america-software-industry-759fd12740d94f46a3faa27c93149239");
        await _db.ImportTextsAsync(("real.md", real.Build()));

        var removed = await _db.Demo.RemoveAsync();

        Assert.True(removed > 0);
        await using var ctx = await _db.ContextAsync();
        Assert.Equal(1, await ctx.Articles.CountAsync(a => !a.IsReference));
        // The sample a real article links to survives as a reference, so the link is not lost.
        var kept = await ctx.Articles.SingleAsync(a => a.IsReference);
        Assert.StartsWith("https://apnews.com/press-release/business-wire/", kept.Url);
        Assert.False(kept.IsDemo);
        Assert.False(await ctx.Providers.AnyAsync(p => p.Domain == "siliconangle.com"));
        Assert.Null(await _db.Demo.SeedIfEmptyAsync(includeSynthetic: true));
    }
}
