using AiNewsDashboard.Core.Data;
using AiNewsDashboard.Core.Queries;
using Microsoft.EntityFrameworkCore;

namespace AiNewsDashboard.Core.Merges;

/// <summary>A rule as people read it: both ends with their names as stored.</summary>
public sealed record MergeRuleView(int Id, MergeKind Kind, string Alias, string AliasName, string Canonical, string CanonicalName,
    DateTime CreatedAt, string? CreatedBy);

/// <summary>Why a rule was not added or removed, in words for the person who asked.</summary>
public sealed class MergeRuleException(string message) : Exception(message);

/// <summary>
/// The merge rules: "count this provider (or topic) as that one" in every view. Rules live in their own table and
/// never touch imported rows; the query snapshot applies them when it is built (Data/Sqlite/SqliteArticleFactsReader
/// and Queries/ArticleFactsBuilder), so removing a rule gives back exactly the answers from before it.
/// </summary>
/// <remarks>
/// Providers are named by domain or by name (when only one provider is called that), topics by name in any case.
/// A rule may point at a provider that is itself merged: chains end at their last provider, so undoing one link of a
/// chain undoes just that link. A rule that would close a loop is refused.
/// </remarks>
public sealed class MergeRules(IDbContextFactory<NewsDbContext> dbFactory, ArticleFactsCache factsCache, StoreCommits commits, PublicSuffixList suffixes)
{
    public async Task<IReadOnlyList<MergeRuleView>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rules = await db.MergeRules.AsNoTracking().ToListAsync(ct);
        var providerNames = await db.Providers.AsNoTracking().Select(p => new { p.Domain, p.Name }).ToDictionaryAsync(p => p.Domain, p => p.Name, ct);
        var topicNames = await db.Topics.AsNoTracking().Select(t => new { t.Key, t.Name }).ToDictionaryAsync(t => t.Key, t => t.Name, ct);
        string NameOf(MergeKind kind, string key) =>
            (kind == MergeKind.Provider ? providerNames.GetValueOrDefault(key) : topicNames.GetValueOrDefault(key)) ?? key;
        return rules
            .OrderBy(r => r.Kind).ThenBy(r => NameOf(r.Kind, r.Canonical), StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Alias, StringComparer.Ordinal)
            .Select(r => new MergeRuleView(r.Id, r.Kind, r.Alias, NameOf(r.Kind, r.Alias), r.Canonical, NameOf(r.Kind, r.Canonical),
                DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc), r.CreatedBy))
            .ToList();
    }

    /// <summary>
    /// Adds "count <paramref name="alias"/> as <paramref name="canonical"/>" and returns once every view answers with it.
    /// </summary>
    /// <exception cref="MergeRuleException">Either is unknown or ambiguous, they are the same, the alias is already merged, or a loop.</exception>
    public async Task<MergeRuleView> AddAsync(MergeKind kind, string alias, string canonical, string? createdBy = null, CancellationToken ct = default)
    {
        string aliasKey;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            (aliasKey, var aliasName) = await ResolveAsync(db, kind, alias, ct);
            var (canonicalKey, canonicalName) = await ResolveAsync(db, kind, canonical, ct);
            var noun = Noun(kind);
            if (string.Equals(aliasKey, canonicalKey, StringComparison.Ordinal))
                throw new MergeRuleException($"'{alias}' and '{canonical}' are the same {noun} ({aliasKey}).");
            var rules = await db.MergeRules.AsNoTracking().Where(r => r.Kind == kind).ToDictionaryAsync(r => r.Alias, r => r.Canonical, ct);
            if (rules.TryGetValue(aliasKey, out var existing))
                throw new MergeRuleException($"{Capital(noun)} '{aliasName}' ({aliasKey}) is already merged into {existing}; remove that rule first.");
            // Following the canonical's own rules must not lead back to the alias.
            for (var (next, steps) = (canonicalKey, 0); rules.TryGetValue(next, out var up) && steps <= rules.Count; steps++)
            {
                if (string.Equals(up, aliasKey, StringComparison.Ordinal))
                    throw new MergeRuleException($"{Capital(noun)} '{canonicalName}' ({canonicalKey}) is merged into '{aliasName}' ({aliasKey}) already; " +
                                                 "merging back would make a loop.");
                next = up;
            }
            db.MergeRules.Add(new MergeRule { Kind = kind, Alias = aliasKey, Canonical = canonicalKey, CreatedAt = DateTime.UtcNow, CreatedBy = createdBy });
            await db.SaveChangesAsync(ct);
        }
        await RefreshAsync(ct);
        return (await ListAsync(ct)).Single(r => r.Kind == kind && r.Alias == aliasKey);
    }

    /// <summary>Removes the rule that merges <paramref name="alias"/> away; every view then answers as before it.</summary>
    /// <exception cref="MergeRuleException">No rule merges it.</exception>
    public async Task<MergeRuleView> RemoveAsync(MergeKind kind, string alias, CancellationToken ct = default)
    {
        var key = await KeyOfAsync(kind, alias, ct);
        var rule = (await ListAsync(ct)).FirstOrDefault(r => r.Kind == kind && string.Equals(r.Alias, key, StringComparison.Ordinal))
                   ?? throw new MergeRuleException($"No rule merges the {Noun(kind)} '{alias}' into another (see 'merges list').");
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            await db.MergeRules.Where(r => r.Id == rule.Id).ExecuteDeleteAsync(ct);
        await RefreshAsync(ct);
        return rule;
    }

    private sealed record Suggested(ArticleFacts Facts, IReadOnlyList<MergeSuggestion> Suggestions);

    private volatile Suggested? _suggested;

    /// <summary>
    /// Candidates for new rules, among providers and topics not merged yet (see <see cref="MergeSuggestions"/>), kept per
    /// snapshot: the merges page asks when it is prerendered and again in its circuit, and a rule brings a new snapshot.
    /// </summary>
    public async Task<IReadOnlyList<MergeSuggestion>> SuggestAsync(CancellationToken ct = default)
    {
        var facts = await factsCache.GetFreshAsync(ct);
        if (_suggested is { } kept && ReferenceEquals(kept.Facts, facts))
            return kept.Suggestions;
        var suggestions = MergeSuggestions.Find(facts, suffixes);
        _suggested = new Suggested(facts, suggestions);
        return suggestions;
    }

    /// <summary>Adds every rule of a suggestion: each of its aliases into its canonical entry.</summary>
    public async Task<IReadOnlyList<MergeRuleView>> AcceptAsync(MergeSuggestion suggestion, string? createdBy = null, CancellationToken ct = default)
    {
        var added = new List<MergeRuleView>();
        foreach (var alias in suggestion.Aliases)
            added.Add(await AddAsync(suggestion.Kind, alias.Key, suggestion.Canonical.Key, createdBy, ct));
        return added;
    }

    /// <summary>The public suffix list the suggestions use (its path, and whether it stood in with two labels).</summary>
    public PublicSuffixList Suffixes => suffixes;

    /// <summary>The snapshot is rebuilt with the rules before this returns, so the next answer of any view has them.</summary>
    private async Task RefreshAsync(CancellationToken ct)
    {
        commits.Publish();
        await factsCache.GetFreshAsync(ct);
    }

    private async Task<string> KeyOfAsync(MergeKind kind, string spelling, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        try
        {
            return (await ResolveAsync(db, kind, spelling, ct)).Key;
        }
        catch (MergeRuleException)
        {
            // A rule can outlive its rows (the articles were removed): it is still named by what it stores.
            return kind == MergeKind.Provider ? spelling.Trim().ToLowerInvariant() : Topic.KeyOf(spelling.Trim());
        }
    }

    /// <summary>The stored key (domain, topic key) and name that a spelling names.</summary>
    private static async Task<(string Key, string Name)> ResolveAsync(NewsDbContext db, MergeKind kind, string spelling, CancellationToken ct)
    {
        var text = spelling.Trim();
        if (text.Length == 0)
            throw new MergeRuleException($"An empty {Noun(kind)} name: give a {(kind == MergeKind.Provider ? "domain or name" : "topic name")}.");
        if (kind == MergeKind.Topic)
        {
            var key = Topic.KeyOf(text);
            var topic = await db.Topics.AsNoTracking().Where(t => t.Key == key).Select(t => new { t.Key, t.Name }).FirstOrDefaultAsync(ct)
                        ?? throw new MergeRuleException($"There is no topic '{text}'.");
            return (topic.Key, topic.Name);
        }

        var domain = text.ToLowerInvariant();
        var byDomain = await db.Providers.AsNoTracking().Where(p => p.Domain == domain).Select(p => new { p.Domain, p.Name }).FirstOrDefaultAsync(ct);
        if (byDomain is not null)
            return (byDomain.Domain, byDomain.Name);
        var lower = text.ToLower();
        var byName = await db.Providers.AsNoTracking().Where(p => p.Name.ToLower() == lower).Select(p => new { p.Domain, p.Name }).Take(5).ToListAsync(ct);
        return byName switch
        {
            [var one] => (one.Domain, one.Name),
            [] => throw new MergeRuleException($"There is no provider with the domain or name '{text}'."),
            _ => throw new MergeRuleException($"Several providers are called '{text}' ({string.Join(", ", byName.Select(p => p.Domain))}): name one by its domain."),
        };
    }

    private static string Noun(MergeKind kind) => kind == MergeKind.Provider ? "provider" : "topic";
    private static string Capital(string noun) => char.ToUpperInvariant(noun[0]) + noun[1..];
}
