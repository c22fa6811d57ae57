using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Components.Pages;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AiNewsDashboard.Web.Tests.Components;

/// <summary>An open dashboard shows new numbers when an import commits, without a reload and without flicker.</summary>
public sealed class LiveRefreshTests : MudTestContext
{
    protected override Task SetUpAsync()
    {
        Services.AddSingleton(Db.Get<OverviewQueries>());
        Services.AddSingleton(Db.Get<TimelineQueries>());
        Services.AddSingleton(Db.Get<TopicQueries>());
        Services.AddSingleton(Db.Get<ProviderQualityQueries>());
        return Task.CompletedTask;
    }

    private static string Articles(IRenderedComponent<Overview> page) => page.Find("[data-testid=total-articles] .total-value").TextContent.Trim();

    [Fact]
    public async Task Import_WhileOverviewIsOpen_ShowsTheNewTotalsWithoutALoadingStateInBetween()
    {
        await Db.ImportArticlesAsync(new ArticleBuilder().PublishedOn(2024, 1, 1), new ArticleBuilder().PublishedOn(2024, 1, 2));
        var page = Render<Overview>();
        page.WaitForAssertion(() => Assert.Equal("2", Articles(page)));
        // The renderer adds to this on its own thread while the test reads it: a concurrent queue, read as a snapshot.
        var shown = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.OnMarkupUpdated += (_, _) => shown.Enqueue(Articles(page));

        await Db.ImportTextsAsync(("c.md", new ArticleBuilder().PublishedOn(2024, 1, 3).Build()), ("d.md", new ArticleBuilder().PublishedOn(2024, 1, 4).Build()),
            ("e.md", new ArticleBuilder().PublishedOn(2024, 1, 5).Build()));

        page.WaitForAssertion(() => Assert.Equal("5", Articles(page)), TimeSpan.FromSeconds(20));
        // Flicker would show as the placeholder ("…") or a loading card between the old number and the new one.
        Assert.All(shown.ToArray(), value => Assert.Contains(value, new[] { "2", "5" }));
        Assert.Empty(page.FindAll(".mud-skeleton"));
    }

    [Fact]
    public async Task NewSnapshot_BeforeTheFirstLook_IsStillTold()
    {
        // Bug guarded: the first look took whatever snapshot was current as its baseline, so a reload that landed
        // between a page opening and that look (another instance's import) never refreshed the page.
        var facts = Db.Get<ArticleFactsCache>();
        await facts.GetFreshAsync();
        using var live = new AiNewsDashboard.Web.Import.LiveUpdates(Db.Get<ArticleMatcher>()) { Interval = TimeSpan.FromSeconds(1) };
        var told = 0;
        live.DataChanged += () => Interlocked.Increment(ref told);

        await Db.ImportArticlesAsync(new ArticleBuilder().PublishedOn(2024, 1, 1));
        await facts.GetFreshAsync(); // the new snapshot is in before the first look, a second after listening began

        await Wait.UntilAsync(() => Volatile.Read(ref told) > 0, "the listener to be told of the new snapshot", seconds: 30);
    }

    [Fact]
    public async Task NewSnapshot_BeforeTheFirstLook_WhenNoneWasLoadedAtSubscription_IsStillTold()
    {
        // Bug guarded: a page that began listening before the instance had loaded any snapshot gave no baseline, so the
        // first look took whatever was current then; when another instance's import had been loaded by that time (on
        // PostgreSQL, a second app instance), the open page never showed it.
        var facts = Db.Get<ArticleFactsCache>();
        Assert.Null(facts.Current);
        using var live = new AiNewsDashboard.Web.Import.LiveUpdates(Db.Get<ArticleMatcher>()) { Interval = TimeSpan.FromSeconds(20) }; // first look after 5 s
        var told = 0;
        live.DataChanged += () => Interlocked.Increment(ref told);
        await facts.GetFreshAsync(); // what the page shows: the first snapshot

        await Db.ImportArticlesAsync(new ArticleBuilder().PublishedOn(2024, 1, 1));
        await facts.GetFreshAsync(); // the import is loaded before the first look

        await Wait.UntilAsync(() => Volatile.Read(ref told) > 0, "the listener to be told of the new snapshot", seconds: 30);
    }

    [Fact]
    public async Task WhileThisInstanceImports_PagesRefreshAtMostOncePerImportInterval_TheFirstChangeAtOnce()
    {
        // Fifty open pages refreshing every 2 s during an import cost the server as much as a fifth of the import.
        var facts = Db.Get<ArticleFactsCache>();
        await facts.GetFreshAsync();
        var jobs = new AiNewsDashboard.Web.Import.ImportJobs();
        jobs.Enqueue("watch", "inbox", ["/nowhere"]); // queued, no worker: an import under way all along
        var importInterval = TimeSpan.FromSeconds(4);
        using var live = new AiNewsDashboard.Web.Import.LiveUpdates(Db.Get<ArticleMatcher>(), jobs)
        {
            Interval = TimeSpan.FromMilliseconds(100),
            ImportInterval = importInterval,
        };
        var told = new System.Collections.Concurrent.ConcurrentQueue<long>();
        live.DataChanged += () => told.Enqueue(System.Diagnostics.Stopwatch.GetTimestamp());

        await Db.ImportArticlesAsync(new ArticleBuilder().PublishedOn(2024, 1, 1));
        await facts.GetFreshAsync();
        await Wait.UntilAsync(() => !told.IsEmpty, "the first change to be told", seconds: 30);
        await Db.ImportArticlesAsync(new ArticleBuilder().PublishedOn(2024, 1, 2));
        await facts.GetFreshAsync(); // a second commit right after: told only once the import interval is up
        await Wait.UntilAsync(() => told.Count >= 2, "the second change to be told", seconds: 30);

        var times = told.ToArray();
        Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(times[0], times[1]) >= importInterval,
            $"told {System.Diagnostics.Stopwatch.GetElapsedTime(times[0], times[1]).TotalMilliseconds:0} ms apart during an import");
    }

    [Fact]
    public async Task Dispose_Page_StopsListeningForNewData()
    {
        // Bug guarded: a closed tab's page kept its handler, so every later import re-rendered a dead circuit.
        var live = Services.GetRequiredService<AiNewsDashboard.Web.Import.LiveUpdates>();
        var page = Render<Overview>();
        page.WaitForAssertion(() => Assert.Equal("0", Articles(page)));
        Assert.Equal(1, live.Listeners);

        await DisposeComponentsAsync();

        Assert.Equal(0, live.Listeners);
    }
}
