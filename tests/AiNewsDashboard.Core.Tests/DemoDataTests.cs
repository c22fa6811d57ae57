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
        await _db.AssertStoreInvariantsAsync();
    }

    [Fact]
    public async Task SeedIfEmpty_WithoutSynthetic_ImportsOnlyTheTwoSamples()
    {
        var report = await _db.Demo.SeedIfEmptyAsync(includeSynthetic: false);

        Assert.Equal((2, 2), (report!.Imported, report.Articles));
        await _db.AssertStoreInvariantsAsync();
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

        await _db.AssertStoreInvariantsAsync();
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

    [Fact]
    public async Task Remove_DemoArticleARealOneLinksTo_BecomesTheReferenceTheWriterWouldHaveMade()
    {
        // Bug guarded: removal wrote through EF beside the writer and kept the sample's category, heat, originalUrl,
        // unknown fields and update time on the reference it left, fields a reference the writer makes never has.
        await _db.Demo.SeedIfEmptyAsync(includeSynthetic: false);
        const string sampleUrl = "https://siliconangle.com/2021/12/14/mlcommons-releases-open-source-datasets-training-speech-recognition-models/";
        await _db.ImportTextsAsync(("real.md", new ArticleBuilder().From("real.test").RelatedTo(sampleUrl).Build()));
        var sampleId = await _db.IdOfAsync(sampleUrl);

        await _db.Demo.RemoveAsync();

        await _db.AssertStoreInvariantsAsync();
        await using var ctx = await _db.ContextAsync();
        var kept = await ctx.Articles.Include(a => a.Topics).Include(a => a.Related).Include(a => a.Provider).SingleAsync(a => a.Id == sampleId);
        Assert.Equal((true, false), (kept.IsReference, kept.IsDemo));
        Assert.Equal((null, null, null, null, null, null, null, null),
            (kept.OriginalUrl, kept.Category, kept.Heat, kept.Published, kept.Secured, kept.ExtraJson, kept.ContentHash, kept.SourcePath));
        Assert.Equal(kept.ImportedAt, kept.UpdatedAt);
        Assert.Empty(kept.Topics);
        Assert.Empty(kept.Related);
        // What a related entry can say stays, so the real article's link still shows it.
        Assert.Equal("MLCommons releases open-source datasets for training speech recognition models", kept.Title);
        Assert.Equal("siliconangle.com", kept.Provider!.Domain);
    }

    [Fact]
    public async Task Remove_SyntheticCorpusWithRealArticlesLinkingIn_KeepsTheStoreConsistentAndSearchable()
    {
        await _db.Demo.SeedIfEmptyAsync(includeSynthetic: true);
        await _db.AssertStoreInvariantsAsync();
        await using (var ctx = await _db.ContextAsync())
        {
            var demoUrls = await ctx.Articles.Where(a => a.IsDemo && !a.IsReference).OrderBy(a => a.Id).Select(a => a.Url).Take(3).ToListAsync();
            var real = new ArticleBuilder().From("real.test").Titled("Real article about robots");
            foreach (var url in demoUrls)
                real.RelatedTo(url);
            await _db.ImportTextsAsync(("real.md", real.Build()));
        }

        await _db.Demo.RemoveAsync();

        await _db.AssertStoreInvariantsAsync();
        await using var check = await _db.ContextAsync();
        Assert.False(await check.Articles.AnyAsync(a => a.IsDemo));
        Assert.Equal((1, 3), (await check.Articles.CountAsync(a => !a.IsReference), await check.Articles.CountAsync(a => a.IsReference)));
        Assert.Equal(3, await check.RelatedLinks.CountAsync(l => l.TargetArticleId != null));
        Assert.Equal(0, await check.Topics.CountAsync(t => !check.ArticleTopics.Any(at => at.TopicId == t.Id)));
    }

    [Fact]
    public async Task Remove_ThenTheDemoFileIsImportedAgain_UpgradesTheKeptReference()
    {
        await _db.Demo.SeedIfEmptyAsync(includeSynthetic: false);
        const string sampleUrl = "https://siliconangle.com/2021/12/14/mlcommons-releases-open-source-datasets-training-speech-recognition-models/";
        await _db.ImportTextsAsync(("real.md", new ArticleBuilder().From("real.test").RelatedTo(sampleUrl).Build()));
        var sampleId = await _db.IdOfAsync(sampleUrl);
        await _db.Demo.RemoveAsync();

        var report = await _db.ImportTextsAsync(DemoData.Samples().ToArray());

        Assert.Equal(2, report.Imported);
        await using var ctx = await _db.ContextAsync();
        var upgraded = await ctx.Articles.Include(a => a.Topics).SingleAsync(a => a.Id == sampleId);
        Assert.Equal((false, "news", 2), (upgraded.IsReference, upgraded.Category, upgraded.Topics.Count));
    }
}
