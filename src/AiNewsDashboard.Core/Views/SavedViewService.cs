using System.Text.RegularExpressions;
using AiNewsDashboard.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Views;

/// <summary>
/// Saved views: a user's own, and the ones others share (read-only to everyone but their owner). In Local mode every
/// view belongs to <see cref="LocalOwner"/>. Stored in the news database, so they survive restarts and upgrades.
/// </summary>
public sealed partial class SavedViewService(IDbContextFactory<NewsDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>The one user of Local mode.</summary>
    public const string LocalOwner = "local";

    public const int MaxNameLength = 100, MaxQueryLength = 16_000;

    public async Task<SavedView?> FindAsync(int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.SavedViews.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct);
    }

    /// <summary>The view if <paramref name="owner"/> may see it (theirs, or shared), else null.</summary>
    public async Task<SavedView?> FindVisibleAsync(int id, string owner, CancellationToken ct = default) =>
        await FindAsync(id, ct) is { } v && (v.OwnerId == owner || v.IsShared) ? v : null;

    /// <summary><paramref name="owner"/>'s views and the ones others share, by name.</summary>
    public async Task<IReadOnlyList<SavedView>> ListAsync(string owner, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var views = await db.SavedViews.AsNoTracking().Where(v => v.OwnerId == owner || v.IsShared).ToListAsync(ct);
        return views.OrderBy(v => v.OwnerId != owner).ThenBy(v => v.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(v => v.Id).ToList();
    }

    /// <summary>The view <paramref name="owner"/> opens at <c>/</c>, or null.</summary>
    public async Task<SavedView?> StartPageAsync(string owner, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.SavedViews.AsNoTracking().FirstOrDefaultAsync(v => v.OwnerId == owner && v.IsStartPage, ct);
    }

    /// <exception cref="EditRejectedException">A blank or too long name, a page that is not a dashboard path, a too long query.</exception>
    public async Task<SavedView> CreateAsync(string owner, string name, string page, string? query, bool shared = false, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var view = new SavedView
        {
            OwnerId = owner, Name = EditRules.Name(name, "name", MaxNameLength), Page = CheckPage(page), Query = CheckQuery(query),
            IsShared = shared, CreatedUtc = now, UpdatedUtc = now,
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.SavedViews.Add(view);
        await db.SaveChangesAsync(ct);
        return view;
    }

    /// <summary>
    /// Changes what is given (null: unchanged): the name, sharing, the page and query (saving the current state over it).
    /// Null when there is no such view or <paramref name="owner"/> can't see it.
    /// </summary>
    /// <exception cref="EditForbiddenException">It is another user's shared view.</exception>
    public async Task<SavedView?> UpdateAsync(int id, string owner, string? name = null, bool? shared = null, string? page = null, string? query = null,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await OwnAsync(db, id, owner, ct) is not { } view)
            return null;
        if (name is not null)
            view.Name = EditRules.Name(name, "name", MaxNameLength);
        if (page is not null)
            view.Page = CheckPage(page);
        if (query is not null)
            view.Query = CheckQuery(query);
        if (shared is { } s)
            view.IsShared = s;
        view.UpdatedUtc = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return view;
    }

    /// <summary>Deletes it (and the annotations scoped to it). False when there is no such view visible to <paramref name="owner"/>.</summary>
    /// <exception cref="EditForbiddenException">It is another user's shared view.</exception>
    public async Task<bool> DeleteAsync(int id, string owner, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await OwnAsync(db, id, owner, ct) is not { } view)
            return false;
        // Its report schedules stop with it (their PDFs stay in the reports folder); one transaction, so neither is left half-done.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.ReportSchedules.Where(r => r.SavedViewId == id).ExecuteDeleteAsync(ct);
        db.SavedViews.Remove(view);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Makes <paramref name="id"/> the owner's start page (null: none); only one of their own views can be.</summary>
    /// <exception cref="EditForbiddenException">It is another user's view.</exception>
    public async Task<bool> SetStartPageAsync(int? id, string owner, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        SavedView? view = null;
        if (id is { } i && (view = await OwnAsync(db, i, owner, ct)) is null)
            return false;
        await db.SavedViews.Where(v => v.OwnerId == owner && v.IsStartPage).ExecuteUpdateAsync(u => u.SetProperty(v => v.IsStartPage, false), ct);
        if (view is not null)
        {
            view.IsStartPage = true;
            await db.SaveChangesAsync(ct);
        }
        return true;
    }

    private static async Task<SavedView?> OwnAsync(NewsDbContext db, int id, string owner, CancellationToken ct)
    {
        var view = await db.SavedViews.FirstOrDefaultAsync(v => v.Id == id, ct);
        if (view is null || (view.OwnerId != owner && !view.IsShared))
            return null;
        if (view.OwnerId != owner)
            throw new EditForbiddenException($"'{view.Name}' is {view.OwnerId}'s view: only they can change it. Save it as a view of your own instead.");
        return view;
    }

    /// <summary>A path of this site (so opening a view never leaves it): a single leading slash, no query or fragment.</summary>
    private static string CheckPage(string? page)
    {
        var p = page?.Trim() ?? "";
        if (!PagePath().IsMatch(p) || p.StartsWith("//", StringComparison.Ordinal) || p.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
            throw new EditRejectedException("page", $"page: '{p}' is not a dashboard page path such as /timeline");
        return p;
    }

    private static string CheckQuery(string? query)
    {
        var q = (query ?? "").Trim().TrimStart('?');
        if (q.Length > MaxQueryLength)
            throw new EditRejectedException("query", $"query: {q.Length} characters is more than the {MaxQueryLength} allowed");
        if (q.Any(c => char.IsControl(c) || c == '#'))
            throw new EditRejectedException("query", "query: contains a control character or '#'; give the URL's query string without '?'");
        return q;
    }

    [GeneratedRegex("^/[A-Za-z0-9/_.~%-]*$")]
    private static partial Regex PagePath();
}
