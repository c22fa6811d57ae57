using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Web.Components.Filters;
using AiNewsDashboard.Web.Import;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;

namespace AiNewsDashboard.Web.Components.Pages;

/// <summary>
/// A dashboard page: its state is the URL. It reads the shared filter (and its own view parameters) from the URL
/// and loads again whenever the URL changes: a filter change, a chart click, the back button. A newer load
/// cancels an older one, so quick clicking never shows stale numbers. When an import commits it loads again in place
/// (<see cref="LiveUpdates"/>): the numbers on screen stay until the new ones are in, no loading state in between.
/// </summary>
public abstract class DashboardPage : ComponentBase, IDisposable
{
    private CancellationTokenSource? _load;
    private string? _loadedUri;

    [Inject] protected NavigationManager Nav { get; set; } = null!;
    [Inject] private LiveUpdates Live { get; set; } = null!;

    protected DashboardFilter Filter { get; private set; } = DashboardFilter.All;
    protected bool Loading { get; private set; } = true;

    /// <summary>This page's path, e.g. "/timeline".</summary>
    protected abstract string Path { get; }

    /// <summary>Loads the page's data for <see cref="Filter"/>.</summary>
    protected abstract Task LoadAsync(CancellationToken ct);

    protected override async Task OnInitializedAsync()
    {
        Nav.LocationChanged += OnLocationChanged;
        Live.DataChanged += OnDataChanged;
        await ReloadAsync();
    }

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

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => _ = InvokeAsync(ReloadAsync);

    private async Task ReloadAsync()
    {
        if (Nav.Uri == _loadedUri || !Nav.ToBaseRelativePath(Nav.Uri).Split('?')[0].Equals(Path.TrimStart('/'), StringComparison.OrdinalIgnoreCase))
            return;
        _loadedUri = Nav.Uri;
        Filter = FilterUrl.Read(Nav);
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

    /// <summary>A view parameter of this page from the URL (not part of the shared filter).</summary>
    protected string? View(string name) => FilterUrl.View(Nav, name);

    /// <summary>Navigates within this page: a new filter and/or view, as a new history entry (back undoes it).</summary>
    protected void Go(DashboardFilter filter, params (string Name, string? Value)[] view) => Nav.NavigateTo(FilterUrl.For(Path, filter, view));

    /// <summary>The article list behind a chart: the same filter, on the Articles page.</summary>
    protected static string ArticlesHref(DashboardFilter filter) => FilterUrl.For("/articles", filter);

    public virtual void Dispose()
    {
        Nav.LocationChanged -= OnLocationChanged;
        Live.DataChanged -= OnDataChanged;
        _load?.Cancel();
        _load?.Dispose();
        GC.SuppressFinalize(this);
    }
}
