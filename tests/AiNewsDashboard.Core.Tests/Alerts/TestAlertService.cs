using AiNewsDashboard.Core.Alerts;
using AiNewsDashboard.Core.Collections;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Signals;
using AiNewsDashboard.TestSupport;

namespace AiNewsDashboard.Core.Tests.Alerts;

/// <summary>An alert service on a test database whose "today" is the test's clock.</summary>
internal static class TestAlertService
{
    public static AlertService Create(TestDatabase db, TimeProvider clock) => new(db.Factory, db.Get<ArticleMatcher>(),
        new FilterReader(db.Get<DataExtentQueries>(), db.Get<ProviderCollectionService>(), clock), db.Get<SignalQueries>(), db.Get<BlindspotQueries>(),
        AttentionSettings.Default, clock);
}
