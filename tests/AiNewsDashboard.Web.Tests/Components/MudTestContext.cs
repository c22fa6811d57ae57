using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.TestSupport;
using AiNewsDashboard.Web.Import;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace AiNewsDashboard.Web.Tests.Components;

/// <summary>
/// One shared setup for component tests: MudBlazor services with loose JS interop, a real database, and async
/// disposal (MudBlazor's services are async-disposable only).
/// </summary>
public abstract class MudTestContext : BunitContext, IAsyncLifetime
{
    protected TestDatabase Db { get; private set; } = null!;

    /// <summary>Who is signed in: nobody, with no policy, until a test says otherwise.</summary>
    protected BunitAuthorizationContext Auth { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Pages load from a real SQLite file; bUnit's one-second default fails on a busy machine (seen at load 12 on
        // two cores). Waiting longer only matters when the state is late; a wrong state still fails.
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        Db = await TestDatabase.CreateAsync();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(_ => Db.Get<AiNewsDashboard.Core.Collections.ProviderCollectionService>());
        Services.AddSingleton(_ => Db.Get<FilterReader>());
        Services.AddSingleton(_ => Db.Get<AiNewsDashboard.Core.Views.SavedViewService>());
        Services.AddSingleton(_ => Db.Get<AiNewsDashboard.Core.Annotations.AnnotationService>());
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new AiNewsDashboard.Web.Hosting.AuthOptions()));
        Services.AddSingleton<AiNewsDashboard.Web.Views.ViewOwner>();
        // The alerts page shows Admins the webhooks panel.
        Services.AddSingleton(_ => Db.Get<AiNewsDashboard.Core.Alerts.WebhookService>());
        Services.AddSingleton<AiNewsDashboard.Web.Components.Pages.RecentResults>();
        Auth = AddAuthorization();
        // Every chart card reads the data's span when it exports an image (to name an open date range).
        Services.AddSingleton(Db.Get<DataExtentQueries>());
        // The Timeline and Topics pages draw quality-weighted attention and coverage gaps on request.
        Services.AddSingleton(_ => Db.Get<AiNewsDashboard.Core.Signals.AttentionQueries>());
        Services.AddSingleton(_ => Db.Get<AiNewsDashboard.Core.Signals.BlindspotQueries>());
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new AiNewsDashboard.Web.Hosting.AttentionOptions()));
        // The Signals, Articles and article pages show copy groups (syndication).
        Services.AddSingleton(_ => Db.Get<AiNewsDashboard.Core.Syndication.SyndicationQueries>());
        // The data state (snapshot and copy groups) pages key their answers by.
        Services.AddSingleton(_ => Db.Get<ArticleMatcher>());
        // Dashboard pages listen for new data; quick here, so a test sees a refresh within a few hundred milliseconds.
        Services.AddSingleton(_ => new LiveUpdates(Db.Get<ArticleMatcher>()) { Interval = TimeSpan.FromMilliseconds(50) });
        await SetUpAsync();
    }

    protected virtual Task SetUpAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await Db.DisposeAsync();
    }
}
