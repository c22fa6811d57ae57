using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Queries;
using AiNewsDashboard.Core.Views;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Collections;

/// <summary>
/// The provider collections: kept in their own table, read by <see cref="FilterReader"/> to expand the URL's
/// <c>collection</c> parameter into providers for every page and endpoint. Roles are checked by the callers (Editors
/// and Admins write, everyone reads).
/// </summary>
public sealed class ProviderCollectionService(IDbContextFactory<NewsDbContext> dbFactory, ArticleFactsCache factsCache, TimeProvider clock)
{
    public const int MaxNameLength = 80, MaxDescriptionLength = 500, MaxMembers = 2000;

    // Name -> members, read once and dropped on every change: every filtered request asks.
    private volatile IReadOnlyDictionary<string, IReadOnlyList<string>>? _byName;

    public async Task<IReadOnlyList<ProviderCollection>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var all = await db.ProviderCollections.AsNoTracking().ToListAsync(ct);
        return all.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public async Task<ProviderCollection?> FindAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ProviderCollections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
    }

    /// <summary>Each collection's members by name (any case); a name not in it is not a collection.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> MembersByNameAsync(CancellationToken ct = default)
    {
        if (_byName is { } cached)
            return cached;
        var all = await ListAsync(ct);
        var byName = all.ToDictionary(c => c.Name, c => (IReadOnlyList<string>)c.Members, StringComparer.OrdinalIgnoreCase);
        _byName = byName;
        return byName;
    }

    /// <exception cref="EditRejectedException">A name that is blank, too long, has a comma or is taken; an unknown provider.</exception>
    public async Task<ProviderCollection> CreateAsync(string name, string? description, IEnumerable<string> members, CancellationToken ct = default)
    {
        var collection = new ProviderCollection { Name = CheckName(name), CreatedUtc = clock.GetUtcNow() };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await CheckUniqueAsync(db, collection.Name, null, ct);
        collection.Description = CheckDescription(description);
        collection.Members = await CheckMembersAsync(members, ct);
        collection.UpdatedUtc = collection.CreatedUtc;
        db.ProviderCollections.Add(collection);
        await db.SaveChangesAsync(ct);
        _byName = null;
        return collection;
    }

    /// <summary>Renames it, and sets its description and members. Null when there is no such collection.</summary>
    public async Task<ProviderCollection?> UpdateAsync(int id, string name, string? description, IEnumerable<string> members, CancellationToken ct = default)
    {
        var checkedName = CheckName(name);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.ProviderCollections.FirstOrDefaultAsync(c => c.Id == id, ct) is not { } collection)
            return null;
        await CheckUniqueAsync(db, checkedName, id, ct);
        collection.Name = checkedName;
        collection.Description = CheckDescription(description);
        collection.Members = await CheckMembersAsync(members, ct);
        collection.UpdatedUtc = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        _byName = null;
        return collection;
    }

    public async Task<bool> DeleteAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deleted = await db.ProviderCollections.Where(c => c.Id == id).ExecuteDeleteAsync(ct) > 0;
        _byName = null;
        return deleted;
    }

    private static string CheckName(string? value)
    {
        var name = EditRules.Name(value, "name", MaxNameLength);
        // The URL's list parameters split on commas (collection=a,b), so a comma would make the name unreachable.
        if (name.Contains(','))
            throw new EditRejectedException("name", $"name: '{name}' has a comma, which links use to separate collections");
        return name;
    }

    private static string? CheckDescription(string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
            return null;
        if (text.Length > MaxDescriptionLength)
            throw new EditRejectedException("description", $"description: {text.Length} characters is more than the {MaxDescriptionLength} allowed");
        return text;
    }

    private static async Task CheckUniqueAsync(NewsDbContext db, string name, int? id, CancellationToken ct)
    {
        // NOCASE collation on the column: any case is the same name.
        if (await db.ProviderCollections.AnyAsync(c => c.Name == name && c.Id != id, ct))
            throw new EditRejectedException("name", $"name: there is already a collection called '{name}'");
    }

    /// <summary>Domains as the facts know them, merge rules applied (an alias is stored as its canonical provider).</summary>
    private async Task<List<string>> CheckMembersAsync(IEnumerable<string> members, CancellationToken ct)
    {
        var facts = await factsCache.GetAsync(ct);
        var result = new List<string>();
        var unknown = new List<string>();
        foreach (var raw in members)
        {
            var domain = raw.Trim().ToLowerInvariant();
            if (domain.Length == 0)
                continue;
            if (facts.ProviderFor(domain) is { } provider)
            {
                if (!result.Contains(provider.Domain))
                    result.Add(provider.Domain);
            }
            else
                unknown.Add(raw.Trim());
        }
        if (unknown.Count > 0)
            throw new EditRejectedException("members", $"members: no provider has the domain {string.Join(", ", unknown.Select(u => $"'{u}'"))}");
        if (result.Count > MaxMembers)
            throw new EditRejectedException("members", $"members: {result.Count} providers is more than the {MaxMembers} allowed");
        result.Sort(StringComparer.Ordinal);
        return result;
    }
}
