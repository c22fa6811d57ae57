using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Web.Components.Filters;
using AiNewsDashboard.Web.Import;
using Microsoft.AspNetCore.Components;

namespace AiNewsDashboard.Web.Components.Pages;

/// <summary>
/// A dashboard page: its state is the URL. The framework binds the shared filter's query parameters (and the page's own
/// view parameters) as text; <see cref="DashboardQuery"/> reads them, as it reads the API's, so a link means the same on a
/// page as in the API. A value it can't read is named in a warning (the filter bar shows the filter's, the page its own)
/// and left at its default. The page loads again whenever the URL changes: a filter change, a chart click, the back button. A newer load
/// cancels an older one, so quick clicking never shows stale numbers. When an import commits it loads again in place
/// (<see cref="LiveUpdates"/>): the numbers on screen stay until the new ones are in, no loading state in between.
/// </summary>
public abstract class DashboardPage : ComponentBase, IDisposable
{
    private CancellationTokenSource? _load;
    // The URL of the view on screen, and the URL the framework last gave the page. They differ for a moment after the page
    // records a view itself: the browser reports the new URL back a round trip later.
    private string? _loadedUri;
    private string? _seenUri;
    // The views this page recorded itself whose URLs the browser has not reported back yet, oldest first. A second sort
    // can be shown before the first one's URL comes back; that URL is then old news and must not load its view again.
    private readonly List<string> _recorded = [];

    [Inject] protected NavigationManager Nav { get; set; } = null!;
    [Inject] private LiveUpdates Live { get; set; } = null!;

    // Every parameter is bound with all its values: one given twice then reads as the API reads it, its values joined by
    // commas (so "from" twice is not a date), rather than by whichever value the binder happens to keep.
    [SupplyParameterFromQuery(Name = "from")] public string[]? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string[]? To { get; set; }
    [SupplyParameterFromQuery(Name = "provider")] public string[]? Provider { get; set; }
    [SupplyParameterFromQuery(Name = "topic")] public string[]? Topic { get; set; }
    [SupplyParameterFromQuery(Name = "category")] public string[]? Category { get; set; }
    [SupplyParameterFromQuery(Name = "q")] public string[]? Q { get; set; }
    [SupplyParameterFromQuery(Name = "minQuality")] public string[]? MinQuality { get; set; }
    [SupplyParameterFromQuery(Name = "maxQuality")] public string[]? MaxQuality { get; set; }
    [SupplyParameterFromQuery(Name = "published")] public string[]? Published { get; set; }
    [SupplyParameterFromQuery(Name = "references")] public string[]? References { get; set; }
    [SupplyParameterFromQuery(Name = "range")] public string[]? Range { get; set; }
    [SupplyParameterFromQuery(Name = "collection")] public string[]? Collection { get; set; }
    [SupplyParameterFromQuery(Name = "copies")] public string[]? Copies { get; set; }
    [Inject] private FilterReader Reader { get; set; } = null!;

    protected DashboardFilter Filter { get; private set; } = DashboardFilter.All;

    /// <summary>What this page's own view parameters got wrong (the filter bar shows the filter's).</summary>
    protected QueryProblems ViewProblems { get; private set; } = new();

    protected bool Loading { get; private set; } = true;

    /// <summary>This page's path, e.g. "/timeline".</summary>
    protected abstract string Path { get; }

    /// <summary>Loads the page's data for <see cref="Filter"/>.</summary>
    protected abstract Task LoadAsync(CancellationToken ct);

    /// <summary>Reads the page's own bound view parameters, reporting what it can't read in <paramref name="problems"/>.</summary>
    protected virtual void ReadView(QueryProblems problems)
    {
    }

    protected override void OnInitialized() => Live.DataChanged += OnDataChanged;

    // The framework sets the bound parameters again on every navigation to this page: a new URL is a new load.
    protected override Task OnParametersSetAsync() => ReloadAsync();

    private void OnDataChanged() => _ = InvokeAsync(RefreshAsync);

    /// <summary>New data: load the same view again, keeping what is shown until then. A navigation meanwhile wins.</summary>
    private async Task RefreshAsync()
    {
        if (Loading || _loadedUri is null)
            return; // a load is under way; the next change notice brings anything it missed
        _load?.Dispose();
        _load = new CancellationTokenSource();
        var token = _load.Token;
        try
        {
            await LoadAsync(token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return;
        }
        StateHasChanged();
    }

    private async Task ReloadAsync()
    {
        var uri = Nav.Uri;
        if (uri == _seenUri)
            return; // parameters set again (a cascading value) with no navigation
        _seenUri = uri;
        var own = _recorded.IndexOf(uri);
        if (own >= 0)
        {
            _recorded.RemoveRange(0, own + 1); // a view this page recorded: on screen already, or an older one replaced since
            return;
        }
        _recorded.Clear();
        if (uri == _loadedUri)
            return;
        _loadedUri = uri;
        Filter = await Reader.ReadAsync(new FilterParameters(Joined(From), Joined(To), Provider, Topic, Category, Joined(Q), Joined(MinQuality),
            Joined(MaxQuality), Joined(Published), Joined(References), Joined(Range), Collection, Joined(Copies)), new QueryProblems());
        var viewProblems = new QueryProblems();
        ReadView(viewProblems);
        ViewProblems = viewProblems;
        if (_load is not null)
            await _load.CancelAsync();
        _load = new CancellationTokenSource();
        var token = _load.Token;
        Loading = true;
        StateHasChanged();
        try
        {
            await LoadAsync(token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return; // a newer load is under way
        }
        Loading = false;
        StateHasChanged();
    }

    /// <summary>A bound parameter's values as one text, as the API binds a parameter given more than once.</summary>
    protected static string? Joined(string[]? values) => values is { Length: > 0 } ? string.Join(',', values) : null;

    /// <summary>Navigates within this page: a new filter and/or view, as a new history entry (back undoes it).</summary>
    protected void Go(DashboardFilter filter, params (string Name, string? Value)[] view) => Nav.NavigateTo(FilterUrl.For(Path, filter, view));

    /// <summary>
    /// Records in the URL a view this page has shown already (its own order or page), as a new history entry (back
    /// returns to the previous one), without loading it again.
    /// </summary>
    protected void RecordView(params (string Name, string? Value)[] view)
    {
        var url = FilterUrl.For(Path, Filter, view);
        var absolute = Nav.ToAbsoluteUri(url).AbsoluteUri;
        if (absolute == _loadedUri)
            return;
        _loadedUri = absolute;
        if (_recorded.Count == 16)
            _recorded.RemoveAt(0); // never reported back (a lost message): forget the oldest rather than grow
        _recorded.Add(absolute);
        Nav.NavigateTo(url);
    }

    /// <summary>The article list behind a chart: the same filter, on the Articles page.</summary>
    protected static string ArticlesHref(DashboardFilter filter) => FilterUrl.For("/articles", filter);

    public virtual void Dispose()
    {
        Live.DataChanged -= OnDataChanged;
        _load?.Cancel();
        _load?.Dispose();
        GC.SuppressFinalize(this);
    }
}
